"""audit_records.trace_id: the OpenTelemetry trace id of the request (when tracing is on), so an auditor can
jump from a record to its trace. Not part of the hash chain (rows written before it have none).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:50:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(sa.Column("trace_id", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("trace_id")
