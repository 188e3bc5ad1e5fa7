"""Records: decision, findings summary, levels, retention and hash chain on audit_records; content, feedback,
review queue, legal holds, purge receipts and the auditor access log.

New audit_records columns are nullable (rows written before 0003 have none of them and are reported by
`audit.verify` as unchained legacy rows), except legal_hold (false).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:00:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
TEXT = sa.String(512)
HASH = sa.String(80)

RECORD_COLUMNS = (
    ("outcome", sa.String(32)),
    ("reasons", JSON),
    ("categories", JSON),
    ("findings_detail", JSON),
    ("disclosure_shown", sa.Boolean()),
    ("session_id", TEXT),
    ("audit_level", sa.String(16)),
    ("retention_until", TS),
    ("energy_wh", sa.Float()),
    ("co2e_g", sa.Float()),
    ("primary_role", TEXT),
    ("content_digest", HASH),
    ("prev_hash", HASH),
    ("record_hash", HASH),
)
RECORD_INDEXES = (
    ("use_case",),
    ("policy_clause",),
    ("reason_code",),
    ("outcome",),
    ("primary_role",),
    ("session_id",),
    ("retention_until",),
    ("record_hash",),
    ("received_at", "id"),
)


def _index_name(table: str, columns: Sequence[str]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        for name, type_ in RECORD_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.add_column(sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.false()))
    for columns in RECORD_INDEXES:
        op.create_index(_index_name("audit_records", columns), "audit_records", list(columns))

    op.create_table(
        "audit_content",
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=True),
        sa.Column("output", sa.Text(), nullable=True),
        sa.Column("encrypted", sa.Boolean(), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("request_id", name="pk_audit_content"),
    )
    op.create_table(
        "audit_feedback",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("user_id", TEXT, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_feedback"),
    )
    op.create_index("ix_audit_feedback_request_id", "audit_feedback", ["request_id"])
    op.create_index("ix_audit_feedback_user_id", "audit_feedback", ["user_id"])
    op.create_table(
        "review_queue",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("use_case", TEXT, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("sampled_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewer", TEXT, nullable=True),
        sa.Column("verdict", sa.String(32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_review_queue"),
        sa.UniqueConstraint("request_id", name="uq_review_queue_request_id"),
    )
    op.create_index("ix_review_queue_use_case", "review_queue", ["use_case"])
    op.create_index("ix_review_queue_status", "review_queue", ["status"])
    op.create_table(
        "legal_holds",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", TEXT, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", TEXT, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("released_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_legal_holds"),
    )
    op.create_index("ix_legal_holds_target", "legal_holds", ["target"])
    op.create_table(
        "purge_receipts",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", TEXT, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("criteria", JSON, nullable=False),
        sa.Column("request_ids_digest", HASH, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_purge_receipts"),
    )
    op.create_table(
        "audit_access_log",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", TEXT, nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("endpoint", TEXT, nullable=False),
        sa.Column("params", JSON, nullable=False),
        sa.Column("result_count", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_access_log"),
    )
    op.create_index("ix_audit_access_log_at", "audit_access_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_access_log_at", table_name="audit_access_log")
    op.drop_table("audit_access_log")
    op.drop_table("purge_receipts")
    op.drop_index("ix_legal_holds_target", table_name="legal_holds")
    op.drop_table("legal_holds")
    op.drop_index("ix_review_queue_status", table_name="review_queue")
    op.drop_index("ix_review_queue_use_case", table_name="review_queue")
    op.drop_table("review_queue")
    op.drop_index("ix_audit_feedback_user_id", table_name="audit_feedback")
    op.drop_index("ix_audit_feedback_request_id", table_name="audit_feedback")
    op.drop_table("audit_feedback")
    op.drop_table("audit_content")
    for columns in reversed(RECORD_INDEXES):
        op.drop_index(_index_name("audit_records", columns), table_name="audit_records")
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("legal_hold")
        for name, _ in reversed(RECORD_COLUMNS):
            batch.drop_column(name)
