"""Human-review sampling and the review queue (clauses 8.3.3–8.3.4).

    reason = sample_reason(request_id, rate=use_case.review_sampling_rate,
                           risk_class=use_case.risk_class, refused=decision == "refused")
    if reason: await enqueue(engine, request_id, use_case=use_case.id, reason=reason)

Sampling is a pure function of the request id, so every replica (and a replay of the journal) makes the same
choice without coordination: the first 8 bytes of sha256(request_id), read as a fraction of 2**64, are
compared with the rate. Every refusal of a restricted use case is queued whatever the rate.

A queue item is created `pending`; a reviewer records exactly one verdict and note (`record_verdict`), after
which the item is `done` and can never change again. Nothing else about an item or its record is editable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Insert, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from audit.records_schema import audit_content, review_queue
from audit.schema import audit_records

SampleReason = Literal["sampled", "restricted_refusal"]
Verdict = Literal["appropriate", "inappropriate", "needs_follow_up"]
VERDICTS: tuple[str, ...] = ("appropriate", "inappropriate", "needs_follow_up")
RESTRICTED = "restricted"
_SCALE = float(2**64)


def sample_fraction(request_id: str) -> float:
    """A stable number in [0, 1) for this request id (the same on every replica)."""
    digest = hashlib.sha256(request_id.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") / _SCALE


def sample_reason(request_id: str, rate: float, risk_class: str | None, refused: bool) -> SampleReason | None:
    """Why this request goes to human review, or None if it does not."""
    if refused and str(risk_class) == RESTRICTED:
        return "restricted_refusal"
    if rate > 0 and sample_fraction(request_id) < rate:
        return "sampled"
    return None


def should_sample(request_id: str, rate: float, risk_class: str | None, refused: bool) -> bool:
    """True when the request lands in the review queue: at `rate`, and every restricted refusal."""
    return sample_reason(request_id, rate, risk_class, refused) is not None


@dataclass(frozen=True, slots=True)
class ReviewSample:
    request_id: str
    use_case: str
    reason: SampleReason
    sampled_at: datetime | None = None  # defaults to now (UTC)


def _insert(dialect: str) -> Insert:
    if dialect == "postgresql":
        return postgresql.insert(review_queue).on_conflict_do_nothing(index_elements=["request_id"])
    if dialect == "sqlite":
        return sqlite.insert(review_queue).on_conflict_do_nothing(index_elements=["request_id"])
    return insert(review_queue)


async def enqueue(
    target: AsyncEngine | AsyncConnection,
    request_id: str,
    *,
    use_case: str,
    reason: SampleReason,
    sampled_at: datetime | None = None,
) -> None:
    """Queue one request for review. Idempotent: queuing the same request id twice keeps the first item."""
    await enqueue_many(target, [ReviewSample(request_id, use_case, reason, sampled_at)])


async def enqueue_many(target: AsyncEngine | AsyncConnection, samples: list[ReviewSample]) -> None:
    """Queue a batch (e.g. the writer's batch) in one statement; on a connection, inside its transaction."""
    if not samples:
        return
    now = datetime.now(UTC)
    rows = [
        {"request_id": s.request_id, "use_case": s.use_case, "reason": s.reason,
         "sampled_at": s.sampled_at or now, "status": "pending"}
        for s in samples
    ]
    if isinstance(target, AsyncConnection):
        await target.execute(_insert(target.dialect.name), rows)
        return
    async with target.begin() as conn:
        await conn.execute(_insert(conn.dialect.name), rows)


async def pending_items(engine: AsyncEngine, use_case: str | None, limit: int) -> list[dict[str, Any]]:
    """Pending items, oldest first, with the record's metadata and its redacted content if stored.

    Content is shown only at level `redacted` (already redacted by Steward); `full` content is never shown
    to a reviewer through the queue.
    """
    query = (
        select(
            review_queue, audit_records.c.received_at, audit_records.c.tool, audit_records.c.model_requested,
            audit_records.c.decision, audit_records.c.outcome, audit_records.c.reasons,
            audit_records.c.findings_detail, audit_records.c.disclosure_shown, audit_records.c.department,
            audit_content.c.prompt, audit_content.c.output,
        )
        .select_from(
            review_queue.outerjoin(audit_records, audit_records.c.request_id == review_queue.c.request_id)
            .outerjoin(audit_content, (audit_content.c.request_id == review_queue.c.request_id)
                       & (audit_content.c.level == "redacted") & ~audit_content.c.encrypted)
        )
        .where(review_queue.c.status == "pending")
        .order_by(review_queue.c.sampled_at, review_queue.c.id)
        .limit(limit)
    )
    if use_case is not None:
        query = query.where(review_queue.c.use_case == use_case)
    async with engine.connect() as conn:
        return [dict(row) for row in (await conn.execute(query)).mappings()]


class ReviewConflict(Exception):
    """The item already has a verdict, or the reviewer is the subject of the record."""


async def record_verdict(
    engine: AsyncEngine, item_id: int, *, reviewer: str, verdict: Verdict, note: str
) -> dict[str, Any] | None:
    """Record the one verdict of a pending item. None if there is no such item; ReviewConflict if it is
    already reviewed or the reviewer made the request (nobody reviews their own use)."""
    async with engine.begin() as conn:
        item = (await conn.execute(
            select(review_queue, audit_records.c.user_id)
            .select_from(review_queue.outerjoin(
                audit_records, audit_records.c.request_id == review_queue.c.request_id))
            .where(review_queue.c.id == item_id)
        )).mappings().first()
        if item is None:
            return None
        if item["user_id"] is not None and item["user_id"] == reviewer:
            raise ReviewConflict("reviewers cannot review their own requests")
        now = datetime.now(UTC)
        done = await conn.execute(
            update(review_queue)
            .where(review_queue.c.id == item_id, review_queue.c.status == "pending")
            .values(status="done", reviewer=reviewer, verdict=verdict, note=note, reviewed_at=now)
        )
        if done.rowcount != 1:  # reviewed already (possibly a moment ago by someone else)
            raise ReviewConflict("this item already has a verdict")
        row = (await conn.execute(select(review_queue).where(review_queue.c.id == item_id))).mappings().one()
    return dict(row)
