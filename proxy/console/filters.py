"""The audit-log search form: query-string values → the auditor API's RecordFilters, with messages a
person can act on (the form is shown again with the message, status 400)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from audit.api.deps import ApiError
from audit.api.query import DECISION_PATTERN, ENTITY_PATTERN, OUTCOME_PATTERN, RecordFilters, instant

TEXT_FIELDS = ("user", "department", "tool", "model", "use_case", "clause")
MAX_TEXT = 256
DECISIONS = ("allowed", "refused", "error", "cancelled")
OUTCOMES = ("allowed", "redacted", "pseudonymised", "blocked", "error", "cancelled")
PAGE_SIZES = (25, 50, 100)
FEEDBACK = {"": None, "yes": True, "true": True, "no": False, "false": False}  # the form's and the API's spelling


class FilterError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Search:
    filters: RecordFilters
    form: dict[str, str]  # the values as typed, to refill the form
    limit: int
    cursor: str | None

    def query(self, **extra: str) -> str:
        """The query string for this search (without the cursor), plus `extra`."""
        values = {k: v for k, v in self.form.items() if v}
        values.update(extra)
        return urlencode(values)


def parse_search(params: Mapping[str, str]) -> Search:
    form = {name: str(params.get(name, "")).strip() for name in
            ("from", "to", *TEXT_FIELDS, "decision", "outcome", "finding", "has_feedback", "limit")}
    values: dict[str, object] = {}
    for name in TEXT_FIELDS:
        values[name] = _text(form[name], name)
    values["start"] = _time(form["from"], "from")
    values["end"] = _time(form["to"], "to")
    values["decision"] = _choice(form["decision"], DECISION_PATTERN, "decision")
    values["outcome"] = _choice(form["outcome"], OUTCOME_PATTERN, "outcome")
    values["finding"] = _finding(form["finding"])
    if form["has_feedback"] not in FEEDBACK:
        raise FilterError("has_feedback", "Feedback must be yes, no or any.")
    values["has_feedback"] = FEEDBACK[form["has_feedback"]]
    limit = int(form["limit"]) if form["limit"].isdigit() and int(form["limit"]) in PAGE_SIZES else 50
    cursor = str(params.get("cursor", "")).strip() or None
    if cursor is not None and len(cursor) > 512:
        raise FilterError("cursor", "That page link is not valid; start from the first page.")
    return Search(RecordFilters(**values), form, limit, cursor)  # type: ignore[arg-type]


def _text(value: str, name: str) -> str | None:
    if not value:
        return None
    if len(value) > MAX_TEXT or "\x00" in value:
        raise FilterError(name, f"The {name.replace('_', ' ')} filter must be at most {MAX_TEXT} characters.")
    return value


def _time(value: str, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise FilterError(name, f"'{name}' must be a date and time such as 2026-12-01T09:00.") from exc
    try:
        return instant(parsed, name)
    except ApiError as exc:
        raise FilterError(name, exc.message) from exc


def _choice(value: str, pattern: str, name: str) -> str | None:
    if not value:
        return None
    if not re.fullmatch(pattern, value):
        raise FilterError(name, f"That is not a {name} the audit log records.")
    return value


def _finding(value: str) -> str | None:
    """An entity type (`UK_NHS`) or a category as the response header spells it (`special_category.health`)."""
    if not value:
        return None
    if not re.fullmatch(ENTITY_PATTERN, value):
        raise FilterError("finding", "A finding type is letters, digits, '_', '.', ':' or '-', e.g. UK_NHS.")
    return value
