"""PostgreSQL: GIN index on audit_records.findings, so the auditor API's finding-type filter stays fast
on millions of rows (SQLite filters with json_extract and needs none).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 15:35:00

"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_audit_records_findings_gin"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(INDEX, "audit_records", ["findings"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(INDEX, table_name="audit_records")
