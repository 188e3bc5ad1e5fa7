"""The audit event: one per request through the gateway, allowed or refused.

The pipeline creates an `AuditEvent` when a request arrives and fills it in as the request proceeds;
`AuditWriter.submit` snapshots it with `to_row()`. The event holds metadata only — never prompt or output
text, never a key (only the key's public id), findings as entity type → count (never values).

`to_row()` is also the sanitiser: every string is stripped of NUL characters and unpaired surrogates
(which PostgreSQL rejects) and clipped to a bounded length (indexed columns must fit a B-tree entry),
so a hostile `model` or `User-Agent` can never make a batch unwritable and take the gateway down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

DECISIONS = ("allowed", "refused", "error", "cancelled")

MAX_ID = 128  # request_id
MAX_TEXT = 512  # default bound for any other string column (fits a PostgreSQL B-tree entry)
MAX_LONG_TEXT = 2048  # user_agent (not indexed)
MAX_META_ITEMS = 32  # client_meta / findings entries kept


def utc_now() -> datetime:
    return datetime.now(UTC)


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

    def to_row(self) -> dict[str, Any]:
        """A sanitised, detached copy for the database. Raises ValueError/TypeError for a malformed field."""
        row: dict[str, Any] = {name: _text(name, getattr(self, name), n) for name, n in TEXT_LIMITS.items()}
        for name in TIME_FIELDS:
            row[name] = _utc(name, getattr(self, name))
        for name in NUMBER_FIELDS:
            row[name] = _number(name, getattr(self, name))
        row["stream"] = bool(self.stream)
        row["roles"] = [clean_text(str(role), MAX_TEXT) for role in self.roles[:MAX_META_ITEMS]]
        row["client_meta"] = {_key(k): clean_text(str(v), MAX_TEXT) for k, v in _first(self.client_meta)}
        row["findings"] = {_key(k): int(v) for k, v in _first(self.findings)}
        return row

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> AuditEvent:
        """Rebuild an event from a database row or `to_dict()` output; unknown keys (`id`) are ignored."""
        values = {f.name: row[f.name] for f in fields(cls) if f.name in row}
        values["roles"] = tuple(values.get("roles") or ())
        values["client_meta"] = dict(values.get("client_meta") or {})
        values["findings"] = dict(values.get("findings") or {})
        return cls(**values)


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(AuditEvent))
TIME_FIELDS = ("received_at", "upstream_first_byte_at", "completed_at")
NUMBER_FIELDS = (
    "http_status",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "latency_ms",
    "upstream_latency_ms",
)
_STRUCTURED = ("stream", "roles", "client_meta", "findings")
TEXT_LIMITS: dict[str, int] = {
    name: {"request_id": MAX_ID, "user_agent": MAX_LONG_TEXT}.get(name, MAX_TEXT)
    for name in FIELD_NAMES
    if name not in (*TIME_FIELDS, *NUMBER_FIELDS, *_STRUCTURED)
}
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


def _first(mapping: Mapping[Any, Any]) -> list[tuple[Any, Any]]:
    return list(mapping.items())[:MAX_META_ITEMS]


def _key(key: object) -> str:
    return clean_text(str(key), MAX_TEXT)


def clean_text(value: str, limit: int) -> str:
    """Drop NUL and unpaired surrogates (unstorable in PostgreSQL) and clip to `limit` characters."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if not value.isascii():
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value[:limit]
