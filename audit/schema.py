"""Tables of the audit store, portable across SQLite (embedded default) and PostgreSQL (production).

The schema is owned by the Alembic migrations in `audit/migrations/versions`; these definitions are what
the code reads and writes through, and a test checks that both agree (`alembic check`-style comparison).

`audit_records.id` is a monotonically increasing surrogate key: it gives later work (issue 5) a stable
order for the hash chain and for cursor pagination; `request_id` is the natural, unique key that makes
retried inserts idempotent.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

from audit.events import MAX_ID, MAX_TEXT

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def complete_metadata() -> MetaData:
    """`metadata` after importing every table module of this package (by convention named `*schema.py`).

    Alembic's env.py and the schema-drift test use this, so a table added in a new module is never missed.
    """
    for module in pkgutil.iter_modules([str(Path(__file__).resolve().parent)]):
        if module.name.endswith("schema") and module.name != "schema":
            importlib.import_module(f"{__package__}.{module.name}")
    return metadata


# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")
# SQLite only auto-increments an INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """A tz-aware UTC datetime on every backend (SQLite stores naive text; we normalise both ways)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


audit_records = Table(
    "audit_records",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("request_id", String(MAX_ID), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("upstream_first_byte_at", UTCDateTime()),
    Column("completed_at", UTCDateTime()),
    Column("user_id", String(MAX_TEXT)),
    Column("display_name", String(MAX_TEXT)),
    Column("roles", Json, nullable=False),
    Column("department", String(MAX_TEXT)),
    Column("key_id", String(MAX_TEXT)),
    Column("client_ip", String(MAX_TEXT)),
    Column("user_agent", Text()),
    Column("client_meta", Json, nullable=False),
    Column("tool", String(MAX_TEXT)),
    Column("model_requested", String(MAX_TEXT)),
    Column("model_reported", String(MAX_TEXT)),
    Column("endpoint", String(MAX_TEXT), nullable=False),
    Column("stream", Boolean(), nullable=False),
    Column("decision", String(MAX_TEXT), nullable=False),
    Column("reason_code", String(MAX_TEXT)),
    Column("policy_clause", String(MAX_TEXT)),
    Column("http_status", Integer()),
    Column("prompt_tokens", Integer()),
    Column("completion_tokens", Integer()),
    Column("total_tokens", Integer()),
    Column("latency_ms", Float()),
    Column("upstream_latency_ms", Float()),
    Column("findings", Json, nullable=False),
    Column("use_case", String(MAX_TEXT)),
    Column("policy_version", String(MAX_TEXT)),
    UniqueConstraint("request_id"),
    Index(None, "received_at"),
    Index(None, "user_id"),
    Index(None, "tool"),
    Index(None, "decision"),
    Index(None, "department"),
    Index(None, "model_requested"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(64), primary_key=True),  # the key's public id (prefix); safe to show and log
    Column("digest", String(64), nullable=False),  # hex SHA-256 of the key; the key is never stored
    Column("user_id", String(MAX_TEXT), nullable=False),
    Column("display_name", String(MAX_TEXT)),
    Column("roles", Json, nullable=False),
    Column("department", String(MAX_TEXT)),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime()),
    Column("created_by", String(MAX_TEXT)),
    UniqueConstraint("digest"),
    Index(None, "user_id"),
)
