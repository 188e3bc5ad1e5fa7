"""Initial audit store: audit_records (one row per request) and api_keys (caller keys, by digest).

Revision ID: 0001
Revises:
Create Date: 2026-11-26 14:30:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _text(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.String(512), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "audit_records",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("upstream_first_byte_at", TS, nullable=True),
        sa.Column("completed_at", TS, nullable=True),
        _text("user_id"),
        _text("display_name"),
        sa.Column("roles", JSON, nullable=False),
        _text("department"),
        _text("key_id"),
        _text("client_ip"),
        sa.Column("user_agent", sa.Text(), nullable=True),
        sa.Column("client_meta", JSON, nullable=False),
        _text("tool"),
        _text("model_requested"),
        _text("model_reported"),
        _text("endpoint", nullable=False),
        sa.Column("stream", sa.Boolean(), nullable=False),
        _text("decision", nullable=False),
        _text("reason_code"),
        _text("policy_clause"),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=True),
        sa.Column("completion_tokens", sa.Integer(), nullable=True),
        sa.Column("total_tokens", sa.Integer(), nullable=True),
        sa.Column("latency_ms", sa.Float(), nullable=True),
        sa.Column("upstream_latency_ms", sa.Float(), nullable=True),
        sa.Column("findings", JSON, nullable=False),
        _text("use_case"),
        _text("policy_version"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_records"),
        sa.UniqueConstraint("request_id", name="uq_audit_records_request_id"),
    )
    for column in ("received_at", "user_id", "tool", "decision", "department", "model_requested"):
        op.create_index(f"ix_audit_records_{column}", "audit_records", [column])

    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        _text("user_id", nullable=False),
        _text("display_name"),
        sa.Column("roles", JSON, nullable=False),
        _text("department"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        _text("created_by"),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.UniqueConstraint("digest", name="uq_api_keys_digest"),
    )
    op.create_index("ix_api_keys_user_id", "api_keys", ["user_id"])


def downgrade() -> None:
    op.drop_table("api_keys")
    op.drop_table("audit_records")
