"""Governance tables: runtime pause/withdraw state, policy acknowledgements, approval requests, admin changes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:45:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
TEXT = sa.String(512)


def upgrade() -> None:
    op.create_table(
        "governance_state",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("target", TEXT, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_by", TEXT, nullable=False),
        sa.Column("changed_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("kind", "target", name="pk_governance_state"),
    )
    op.create_table(
        "policy_acknowledgements",
        sa.Column("user_id", TEXT, nullable=False),
        sa.Column("policy_version", TEXT, nullable=False),
        sa.Column("acknowledged_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "policy_version", name="pk_policy_acknowledgements"),
    )
    op.create_table(
        "approval_requests",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("requester", TEXT, nullable=False),
        sa.Column("department", TEXT, nullable=True),
        sa.Column("tool", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("data_classification", sa.Text(), nullable=False),
        sa.Column("expected_output", sa.Text(), nullable=False),
        sa.Column("distribution", sa.Text(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("decided_by", TEXT, nullable=True),
        sa.Column("decided_at", TS, nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_approval_requests"),
    )
    op.create_index("ix_approval_requests_status", "approval_requests", ["status"])
    op.create_table(
        "admin_changes",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", TEXT, nullable=False),
        sa.Column("action", TEXT, nullable=False),
        sa.Column("target", TEXT, nullable=False),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_admin_changes"),
    )
    op.create_index("ix_admin_changes_at", "admin_changes", ["at"])


def downgrade() -> None:
    op.drop_index("ix_admin_changes_at", table_name="admin_changes")
    op.drop_table("admin_changes")
    op.drop_index("ix_approval_requests_status", table_name="approval_requests")
    op.drop_table("approval_requests")
    op.drop_table("policy_acknowledgements")
    op.drop_table("governance_state")
