"""Governance tables kept beside the audit trail (issue 4): runtime pause/withdraw state shared by every
replica, policy acknowledgements, approval requests for new tools, and the log of admin changes.

They live in the same database and metadata as the audit tables (migration 0002).
"""

from __future__ import annotations

from sqlalchemy import Column, Index, String, Table, Text

from audit.events import MAX_TEXT
from audit.schema import BigId, Json, UTCDateTime, metadata

# A row overrides the configured status of a tool or use case (clause 11.4) on every replica.
governance_state = Table(
    "governance_state",
    metadata,
    Column("kind", String(32), primary_key=True),  # "tool" | "use_case"
    Column("target", String(MAX_TEXT), primary_key=True),
    Column("status", String(32), nullable=False),  # approved | paused | withdrawn
    Column("reason", Text(), nullable=False),
    Column("changed_by", String(MAX_TEXT), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
)

policy_acknowledgements = Table(
    "policy_acknowledgements",
    metadata,
    Column("user_id", String(MAX_TEXT), primary_key=True),
    Column("policy_version", String(MAX_TEXT), primary_key=True),
    Column("acknowledged_at", UTCDateTime(), nullable=False),
)

approval_requests = Table(
    "approval_requests",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("requester", String(MAX_TEXT), nullable=False),
    Column("department", String(MAX_TEXT)),
    Column("tool", Text(), nullable=False),
    Column("purpose", Text(), nullable=False),
    Column("data_classification", Text(), nullable=False),
    Column("expected_output", Text(), nullable=False),
    Column("distribution", Text(), nullable=False),
    Column("status", String(32), nullable=False),  # pending | approved | rejected
    Column("decided_by", String(MAX_TEXT)),
    Column("decided_at", UTCDateTime()),
    Column("decision_note", Text()),
    Index(None, "status"),
)

admin_changes = Table(
    "admin_changes",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(MAX_TEXT), nullable=False),
    Column("action", String(MAX_TEXT), nullable=False),
    Column("target", String(MAX_TEXT), nullable=False),
    Column("before", Json),
    Column("after", Json),
    Index(None, "at"),
)
