"""Record filters shared by the listing, the exports and the DSAR export, and keyset pagination.

Records are listed newest first on (received_at, id), which an index covers; a page continues strictly
after the last row of the previous one, so rows inserted meanwhile never shift, repeat or hide a row
already listed. The cursor is opaque to callers (base64url JSON) and bound to the filters it was issued for.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import ColumnElement, Select, exists, func, literal, select, true, tuple_
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import type_coerce

import audit.records_schema  # noqa: F401  (adds the records columns to audit_records)
from audit.api.deps import ApiError, Storable
from audit.records_schema import audit_feedback
from audit.schema import BigId, UTCDateTime, audit_records

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
ENTITY_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"
DECISION_PATTERN = r"^(allowed|refused|error|cancelled)$"
OUTCOME_PATTERN = r"^(allowed|redacted|pseudonymised|blocked|error|cancelled)$"
FINDING_HELP = "entity type found (UK_NHS) or category (special_category.health, as in X-Steward-Categories)"
_TEXT = Annotated[str | None, Query(max_length=512), Storable]
R = audit_records.c


@dataclass(frozen=True, slots=True)
class RecordFilters:
    start: datetime | None = None
    end: datetime | None = None
    user: str | None = None
    role: str | None = None
    department: str | None = None
    tool: str | None = None
    model: str | None = None
    use_case: str | None = None
    decision: str | None = None
    outcome: str | None = None
    clause: str | None = None
    finding: str | None = None
    has_feedback: bool | None = None

    def params(self) -> dict[str, Any]:
        """For the access log and the cursor binding: only the filters given."""
        return {k: v for k, v in asdict(self).items() if v is not None}


def record_filters(
    start: Annotated[datetime | None, Query(alias="from", description="received_at ≥ this (UTC if no offset)")] = None,
    end: Annotated[datetime | None, Query(alias="to", description="received_at < this")] = None,
    user: Annotated[str | None, Query(max_length=512, description="user id"), Storable] = None,
    role: Annotated[str | None, Query(max_length=512, description="the caller's primary role"), Storable] = None,
    department: _TEXT = None,
    tool: _TEXT = None,
    model: Annotated[str | None, Query(max_length=512, description="model as requested"), Storable] = None,
    use_case: _TEXT = None,
    decision: Annotated[str | None, Query(pattern=DECISION_PATTERN)] = None,
    outcome: Annotated[str | None, Query(pattern=OUTCOME_PATTERN)] = None,
    clause: Annotated[str | None, Query(max_length=32, description="policy clause, e.g. 7.2"), Storable] = None,
    finding: Annotated[str | None, Query(pattern=ENTITY_PATTERN, description=FINDING_HELP)] = None,
    has_feedback: Annotated[bool | None, Query(description="records with (true) or without (false) feedback")] = None,
) -> RecordFilters:
    """FastAPI dependency: the filters from the query string."""
    return RecordFilters(instant(start, "from"), instant(end, "to"), user, role, department, tool, model, use_case,
                         decision, outcome, clause, finding, has_feedback)


EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def instant(value: datetime | None, param: str) -> datetime | None:
    """A query-string time as UTC (no offset: UTC), within 1970–9000 so that no arithmetic overflows."""
    if value is None:
        return None
    try:
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        valid = EARLIEST <= value < LATEST
    except OverflowError:
        valid = False
    if not valid:
        raise ApiError(400, "invalid_time", f"`{param}` must lie between 1970 and 9000.", param)
    return value


_EQUALS = {
    "user": R.user_id, "role": R.primary_role, "department": R.department, "tool": R.tool,
    "model": R.model_requested, "use_case": R.use_case, "decision": R.decision, "outcome": R.outcome,
    "clause": R.policy_clause,
}


def conditions(f: RecordFilters, dialect: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.start is not None:
        where.append(R.received_at >= f.start)
    if f.end is not None:
        where.append(R.received_at < f.end)
    for name, column in _EQUALS.items():
        value = getattr(f, name)
        if value is not None:
            where.append(column == value)
    if f.finding is not None:
        where.append(finding_present(f.finding, dialect))
    if f.has_feedback is not None:
        linked = exists().where(audit_feedback.c.request_id == R.request_id)
        where.append(linked if f.has_feedback else ~linked)
    return where


def finding_present(entity: str, dialect: str) -> ColumnElement[bool]:
    """The entity type (`UK_NHS`) is among the record's findings, or the category (`special_category.health`,
    the spelling of X-Steward-Categories) among its categories: JSONB tests on PostgreSQL (the findings key
    test is GIN-indexable), JSON functions elsewhere (`entity` matches ENTITY_PATTERN, so it is safe inside
    the path and the quoted search)."""
    if dialect == "postgresql":
        present: ColumnElement[bool] = type_coerce(R.findings, JSONB).has_key(entity) | type_coerce(
            R.categories, JSONB).contains([entity])
        return present
    return func.json_extract(R.findings, f'$."{entity}"').is_not(None) | (
        func.instr(func.coalesce(R.categories, ""), f'"{entity}"') > 0)


def filtered(f: RecordFilters, dialect: str, *columns: Any) -> Select[Any]:
    query = select(*columns) if columns else select(audit_records)
    where = conditions(f, dialect)
    return query.where(*where)


# --- keyset pagination -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    received_at: datetime
    id: int


def after(position: Position | None) -> ColumnElement[bool]:
    """Rows strictly older than `position` in (received_at DESC, id DESC) order."""
    if position is None:
        return true()
    at = literal(position.received_at, UTCDateTime())
    rid = literal(position.id, BigId)
    return tuple_(R.received_at, R.id) < tuple_(at, rid)


def newest_first(query: Select[Any]) -> Select[Any]:
    return query.order_by(R.received_at.desc(), R.id.desc())


def _binding(f: RecordFilters) -> str:
    raw = json.dumps(f.params(), sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def encode_cursor(position: Position, f: RecordFilters) -> str:
    payload = {"t": position.received_at.isoformat(), "i": position.id, "f": _binding(f)}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, f: RecordFilters) -> Position | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        at = datetime.fromisoformat(payload["t"])
        position = Position(at.astimezone(UTC), int(payload["i"]))
        binding = payload["f"]
        if not 0 < position.id < 2**63:
            raise ValueError("id out of range")
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise ApiError(400, "invalid_cursor", "The cursor is not one this API issued.", "cursor") from exc
    if at.tzinfo is None or binding != _binding(f):
        raise ApiError(400, "invalid_cursor", "The cursor belongs to a different set of filters.", "cursor")
    return position
