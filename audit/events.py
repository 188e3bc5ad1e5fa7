"""The audit event: one per request through the gateway, allowed or refused.

The pipeline creates an `AuditEvent` when a request arrives and fills it in as the request proceeds;
`AuditWriter.submit` snapshots it with `to_row()`. The row holds metadata only — never prompt or output
text, never a key (only the key's public id), findings as entity type → count and a summary per entity
(labels, detectors, best score — never values).

Content (prompt and output) travels beside the row, never in it: `event.content` is an `AuditContent` held in
memory only, excluded from `to_row()`, `to_dict()`, `repr()` and comparisons; the writer stores it in
`audit_content` according to `audit_level` (see `audit.content`).

`to_row()` is also the sanitiser: every string is stripped of NUL characters and unpaired surrogates
(which PostgreSQL rejects) and clipped to a bounded length (indexed columns must fit a B-tree entry),
so a hostile `model` or `User-Agent` can never make a batch unwritable and take the gateway down. Numbers
are normalised to the column type (so what is hashed is exactly what is stored, see `audit.chain`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

DECISIONS = ("allowed", "refused", "error", "cancelled")
# The decision outcome as shown in X-Steward-Decision.
OUTCOMES = ("allowed", "redacted", "pseudonymised", "blocked", "error", "cancelled")
AUDIT_LEVELS = ("metadata", "redacted", "full")

MAX_ID = 128  # request_id
MAX_TEXT = 512  # default bound for any other string column (fits a PostgreSQL B-tree entry)
MAX_LONG_TEXT = 2048  # user_agent (not indexed), reason messages
MAX_META_ITEMS = 32  # client_meta / findings / reasons / categories entries kept
SCORE_DIGITS = 4  # findings_detail max_score is rounded: exact through JSON and JSONB on every backend


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class AuditContent:
    """Prompt and output of one request, for audit levels `redacted` (already redacted) and `full`.

    In memory only: its repr never shows the text, so logging an event or a content object is safe.
    """

    prompt: str | None = field(default=None, repr=False)
    output: str | None = field(default=None, repr=False)


@dataclass(slots=True)
class AuditEvent:
    request_id: str
    received_at: datetime  # UTC, tz-aware
    upstream_first_byte_at: datetime | None = None
    completed_at: datetime | None = None
    user_id: str | None = None
    display_name: str | None = None
    roles: tuple[str, ...] = ()
    department: str | None = None
    key_id: str | None = None  # the key's public id, never the key
    client_ip: str | None = None
    user_agent: str | None = None
    client_meta: dict[str, str] = field(default_factory=dict)  # x-stainless-* device details (clause 9.2)
    tool: str | None = None
    model_requested: str | None = None
    model_reported: str | None = None
    endpoint: str = "unknown"  # "chat.completions", "responses", "embeddings", "models", ...
    stream: bool = False
    decision: str = "error"  # allowed | refused | error | cancelled; "error" until the pipeline decides
    reason_code: str | None = None
    policy_clause: str | None = None
    http_status: int | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    latency_ms: float | None = None
    upstream_latency_ms: float | None = None
    findings: dict[str, int] = field(default_factory=dict)  # entity type → count, never values
    use_case: str | None = None
    policy_version: str | None = None
    # --- records (issue 5) ---
    outcome: str | None = None  # one of OUTCOMES: the decision as shown in X-Steward-Decision
    reasons: list[Any] = field(default_factory=list)  # {code, clause, message} mappings or objects with those
    categories: list[str] = field(default_factory=list)
    findings_detail: list[Any] = field(default_factory=list)  # {entity, label, count, detectors, max_score}
    disclosure_shown: bool = False
    session_id: str | None = None  # conversation/session id when the caller sends one
    trace_id: str | None = None  # OpenTelemetry trace id (32 hex) when tracing is on
    audit_level: str = "metadata"  # one of AUDIT_LEVELS
    retention_days: int | None = None  # retention_until = received_at + days (None: no automatic expiry)
    energy_wh: float | None = None  # estimated (audit.energy), clause 8.5
    co2e_g: float | None = None
    content: AuditContent | None = field(default=None, repr=False, compare=False)  # never in a row or log

    def to_row(self) -> dict[str, Any]:
        """A sanitised, detached copy for the database. Raises ValueError/TypeError for a malformed field.

        Chain columns (`content_digest`, `prev_hash`, `record_hash`) are None here: the writer and the
        store fill them in.
        """
        row: dict[str, Any] = {name: _text(name, getattr(self, name), n) for name, n in TEXT_LIMITS.items()}
        for name in TIME_FIELDS:
            row[name] = _utc(name, getattr(self, name))
        for name in INT_FIELDS:
            row[name] = _int(name, getattr(self, name))
        for name in FLOAT_FIELDS:
            row[name] = _float(name, getattr(self, name))
        row["stream"] = bool(self.stream)
        row["disclosure_shown"] = bool(self.disclosure_shown)
        row["roles"] = [clean_text(str(role), MAX_TEXT) for role in self.roles[:MAX_META_ITEMS]]
        row["client_meta"] = {_key(k): clean_text(str(v), MAX_TEXT) for k, v in _first(self.client_meta)}
        row["findings"] = {_key(k): int(v) for k, v in _first(self.findings)}
        row["outcome"] = _choice("outcome", self.outcome, OUTCOMES, optional=True)
        row["audit_level"] = _choice("audit_level", self.audit_level, AUDIT_LEVELS, optional=False)
        row["reasons"] = [_reason(r) for r in self.reasons[:MAX_META_ITEMS]]
        row["categories"] = [clean_text(str(c), MAX_TEXT) for c in self.categories[:MAX_META_ITEMS]]
        row["findings_detail"] = [_finding(f) for f in self.findings_detail[:MAX_META_ITEMS]]
        row["primary_role"] = row["roles"][0] if row["roles"] else None
        row["retention_until"] = _expiry(row["received_at"], self.retention_days)
        row["legal_hold"] = False
        row.update(content_digest=None, prev_hash=None, record_hash=None)
        return row

    def to_dict(self) -> dict[str, Any]:
        """Every field except `content` (plain, detached values)."""
        return {f.name: _copy(getattr(self, f.name)) for f in fields(self) if f.name != "content"}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> AuditEvent:
        """Rebuild an event from a database row or `to_dict()` output; unknown keys (`id`) are ignored.

        Content is not part of a row: the rebuilt event has `content=None`.
        """
        values = {f.name: row[f.name] for f in fields(cls) if f.name in row and f.name != "content"}
        values["roles"] = tuple(values.get("roles") or ())
        values["client_meta"] = dict(values.get("client_meta") or {})
        values["findings"] = dict(values.get("findings") or {})
        for name in ("reasons", "categories", "findings_detail"):
            values[name] = list(values.get(name) or [])
        values["disclosure_shown"] = bool(values.get("disclosure_shown"))
        values["audit_level"] = values.get("audit_level") or "metadata"
        until, received = row.get("retention_until"), values.get("received_at")
        if "retention_days" not in row and until is not None and received is not None:
            values["retention_days"] = (until - received).days
        return cls(**values)


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(AuditEvent))
TIME_FIELDS = ("received_at", "upstream_first_byte_at", "completed_at")
INT_FIELDS = ("http_status", "prompt_tokens", "completion_tokens", "total_tokens")
FLOAT_FIELDS = ("latency_ms", "upstream_latency_ms", "energy_wh", "co2e_g")
NUMBER_FIELDS = INT_FIELDS + FLOAT_FIELDS
_STRUCTURED = (
    "stream",
    "roles",
    "client_meta",
    "findings",
    "outcome",
    "audit_level",
    "reasons",
    "categories",
    "findings_detail",
    "disclosure_shown",
)
_NOT_STORED = ("retention_days", "content")  # event inputs that are not columns
DERIVED_FIELDS = ("primary_role", "retention_until", "legal_hold")  # computed by to_row
CHAIN_FIELDS = ("content_digest", "prev_hash", "record_hash")  # filled in by the writer and the store
TEXT_LIMITS: dict[str, int] = {
    name: {"request_id": MAX_ID, "user_agent": MAX_LONG_TEXT, "trace_id": 32}.get(name, MAX_TEXT)
    for name in EVENT_FIELDS
    if name not in (*TIME_FIELDS, *NUMBER_FIELDS, *_STRUCTURED, *_NOT_STORED)
}
# Every key of `to_row()`: every audit_records column except the surrogate `id`.
FIELD_NAMES: tuple[str, ...] = tuple(n for n in EVENT_FIELDS if n not in _NOT_STORED) + DERIVED_FIELDS + CHAIN_FIELDS
_NUMBER_TYPES = (int, float)


def _text(name: str, value: object, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"audit field {name} must be a string, not {type(value).__name__}")
    return clean_text(value, limit)


def _utc(name: str, value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"audit field {name} must be a timezone-aware datetime")
    return value.astimezone(UTC)


def _number(name: str, value: object) -> int | float | None:
    if value is None or (isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool)):
        return value
    raise TypeError(f"audit field {name} must be a number, not {type(value).__name__}")


def _int(name: str, value: object) -> int | None:
    number = _number(name, value)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        return None
    return int(round(number))


def _float(name: str, value: object) -> float | None:
    number = _number(name, value)
    if number is None or not math.isfinite(number):
        return None
    return float(number)


def _choice(name: str, value: object, allowed: tuple[str, ...], *, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if value not in allowed:
        raise ValueError(f"audit field {name} must be one of {', '.join(allowed)}")
    return str(value)


def _get(item: object, key: str) -> Any:
    if type(item) is dict or isinstance(item, Mapping):
        return item.get(key)
    return getattr(item, key, None)


def _opt_text(value: object, limit: int) -> str | None:
    return None if value is None else clean_text(str(value), limit)


def _reason(item: object) -> dict[str, str | None]:
    """A decision reason ({code, clause, message} mapping, or an object with those attributes)."""
    code = _get(item, "code")
    return {
        "code": _opt_text(getattr(code, "value", code), MAX_TEXT),
        "clause": _opt_text(_get(item, "clause"), MAX_TEXT),
        "message": _opt_text(_get(item, "message"), MAX_LONG_TEXT),
    }


def _finding(item: object) -> dict[str, Any]:
    """A findings summary entry: entity, label, count, detectors, max_score — never a value."""
    score = _get(item, "max_score")
    detectors: Iterable[object] = _get(item, "detectors") or ()
    return {
        "entity": _opt_text(_get(item, "entity"), MAX_TEXT),
        "label": _opt_text(_get(item, "label"), MAX_TEXT),
        "count": int(_get(item, "count") or 0),
        "detectors": [clean_text(str(d), MAX_TEXT) for d in list(detectors)[:MAX_META_ITEMS]],
        "max_score": None if score is None else round(float(score), SCORE_DIGITS),
    }


def _expiry(received_at: datetime | None, days: object) -> datetime | None:
    if days is None or received_at is None:
        return None
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise TypeError("audit field retention_days must be a non-negative int")
    return received_at + timedelta(days=days)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _first(mapping: Mapping[Any, Any]) -> list[tuple[Any, Any]]:
    return list(mapping.items())[:MAX_META_ITEMS]


def _key(key: object) -> str:
    return clean_text(str(key), MAX_TEXT)


def clean_text(value: str, limit: int) -> str:
    """Drop NUL and unpaired surrogates (unstorable in PostgreSQL) and clip to `limit` characters."""
    if len(value) <= limit and value.isascii() and "\x00" not in value:
        return value  # the common case, without copying
    if "\x00" in value:
        value = value.replace("\x00", "")
    if not value.isascii():
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value[:limit]
