"""Records (issue 5): proportionate audit records, their content, user activity, holds, purges, access log.

Migration 0003 owns these. Importing this module also adds the records columns to `audit.schema.audit_records`
(one Table object, so every `select(audit_records)` sees them); `audit.store`, `audit.verify` and
`audit.retention` import it, and so must any other reader of the new columns (`import audit.records_schema`).

- `audit_records` gains: the decision as shown to the caller (`outcome`, `reasons` with clauses,
  `categories`), the findings summary (`findings_detail`: entity, label, count, detectors, max score — never
  values), `disclosure_shown`, `session_id`, `audit_level`, `retention_until`, estimated `energy_wh`/`co2e_g`
  (clause 8.5), `primary_role` (first role, indexable), `legal_hold`, and the hash chain: `content_digest`
  (kept after the content is purged), `prev_hash`, `record_hash` (see `audit.chain`).
- `audit_content`: the prompt and output for levels `redacted` (plain text, already redacted) and `full`
  (AES-GCM ciphertext, see `audit.content`). A separate table, so purging content never touches a record.
- `audit_feedback`, `review_queue`: user activity and reviewer verdicts linked to a request (clause 8.3).
- `legal_holds`, `purge_receipts`: what blocks a purge and what every purge did (clause 10.2).
- `audit_access_log`: every auditor read (clause 10.2 "archive decision and access logs").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Float, Index, Integer, String, Table, Text, false

from audit.events import AUDIT_LEVELS as AUDIT_LEVELS
from audit.events import MAX_ID, MAX_TEXT
from audit.events import OUTCOMES as OUTCOMES
from audit.schema import BigId, Json, UTCDateTime, metadata
from audit.schema import audit_records as audit_records

HASH_LEN = 80  # hex SHA-256 (64) with room for a future algorithm prefix
SHORT = 16
GENESIS_HASH = "0" * 64

RECORD_COLUMNS: tuple[Column[Any], ...] = (
    Column("outcome", String(32)),
    Column("reasons", Json),
    Column("categories", Json),
    Column("findings_detail", Json),
    Column("disclosure_shown", Boolean()),
    Column("session_id", String(MAX_TEXT)),
    Column("audit_level", String(SHORT)),
    Column("retention_until", UTCDateTime()),
    Column("energy_wh", Float()),
    Column("co2e_g", Float()),
    Column("primary_role", String(MAX_TEXT)),
    Column("legal_hold", Boolean(), nullable=False, server_default=false()),
    Column("content_digest", String(HASH_LEN)),
    Column("prev_hash", String(HASH_LEN)),
    Column("record_hash", String(HASH_LEN)),
    Column("trace_id", String(32)),  # migration 0005; not hashed (operational, added after the chain)
)
# One index per auditor filter not indexed by 0001, plus (received_at, id) for keyset pagination.
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


def _extend_audit_records() -> None:
    if "outcome" in audit_records.c:  # importlib.reload in a test must not add the columns twice
        return
    for column in RECORD_COLUMNS:
        audit_records.append_column(column)
    for names in RECORD_INDEXES:
        Index(None, *(audit_records.c[name] for name in names))
    # Migration 0004: the finding-type filter on PostgreSQL (JSONB key test); SQLite uses json_extract.
    Index("ix_audit_records_findings_gin", audit_records.c.findings, postgresql_using="gin").ddl_if(
        dialect="postgresql")


_extend_audit_records()

audit_content = Table(
    "audit_content",
    metadata,
    Column("request_id", String(MAX_ID), primary_key=True),
    Column("level", String(SHORT), nullable=False),  # redacted | full
    Column("prompt", Text()),  # full: base64 AES-GCM ciphertext; redacted: plain (already redacted) text
    Column("output", Text()),
    Column("encrypted", Boolean(), nullable=False),
    Column("key_id", String(64)),  # first 8 hex of sha256(key); None when not encrypted
    Column("created_at", UTCDateTime(), nullable=False),
)

audit_feedback = Table(
    "audit_feedback",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("request_id", String(MAX_ID), nullable=False),
    Column("user_id", String(MAX_TEXT), nullable=False),
    Column("kind", String(SHORT), nullable=False),  # feedback | challenge
    Column("rating", Integer()),
    Column("comment", Text()),
    Column("created_at", UTCDateTime(), nullable=False),
    Index(None, "request_id"),
    Index(None, "user_id"),
)

review_queue = Table(
    "review_queue",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("request_id", String(MAX_ID), nullable=False, unique=True),
    Column("use_case", String(MAX_TEXT), nullable=False),
    Column("reason", String(32), nullable=False),  # sampled | restricted_refusal
    Column("sampled_at", UTCDateTime(), nullable=False),
    Column("status", String(SHORT), nullable=False),  # pending | done
    Column("reviewer", String(MAX_TEXT)),
    Column("verdict", String(32)),  # appropriate | inappropriate | needs_follow_up
    Column("note", Text()),
    Column("reviewed_at", UTCDateTime()),
    Index(None, "use_case"),
    Index(None, "status"),
)

legal_holds = Table(
    "legal_holds",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("kind", String(SHORT), nullable=False),  # record (target = request_id) | subject (target = user_id)
    Column("target", String(MAX_TEXT), nullable=False),
    Column("reason", Text(), nullable=False),
    Column("created_by", String(MAX_TEXT), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("released_at", UTCDateTime()),
    Index(None, "target"),
)

purge_receipts = Table(
    "purge_receipts",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(MAX_TEXT), nullable=False),
    Column("kind", String(SHORT), nullable=False),  # content | record | erasure
    Column("count", Integer(), nullable=False),
    Column("criteria", Json, nullable=False),  # what was purged and why; for records the chain bridges
    Column("request_ids_digest", String(HASH_LEN), nullable=False),  # sha256 over the sorted purged ids
)

audit_access_log = Table(
    "audit_access_log",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(MAX_TEXT), nullable=False),
    Column("role", String(64), nullable=False),
    Column("endpoint", String(MAX_TEXT), nullable=False),
    Column("params", Json, nullable=False),
    Column("result_count", Integer()),
    Index(None, "at"),
)
