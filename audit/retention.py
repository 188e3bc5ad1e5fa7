"""Retention: purge what has expired, never what is on legal hold, and leave a receipt (clauses 9.2, 10.2).

    receipt = await purge(engine, now, actor="steward-retention", delete_records=False)
    task = asyncio.create_task(purge_loop(engine, interval_s=3600))       # app lifespan
    hold_id = await place_hold(engine, "subject", "u-123", "FOI 2026/17", actor="ig-officer")
    await release_hold(engine, hold_id, actor="ig-officer")

A record expires at `retention_until` (received_at + the use case's retention days, set at write; NULL means
no automatic expiry). An expired record is *held* while its `legal_hold` flag is set or an unreleased hold
names it (`kind="record"`, target = request id) or its user (`kind="subject"`, target = user id).

- Content purge (always): the `audit_content` row of every expired, unheld record is deleted. The record and
  its `content_digest` stay, so the hash chain still verifies.
- Record purge (`delete_records=True`, per config): expired, unheld records are deleted with their content,
  feedback and review-queue entries. Deleting a record would break the hash chain, so the receipt written in
  the same transaction carries the chain *bridges* for the runs it deleted (see `audit.verify`): verification
  accepts exactly the receipted gaps and still reports any other deletion.

Work is done in chunks of `chunk` records, one transaction each (deletes + receipt together, so a receipt
exists iff its deletes happened). On PostgreSQL each chunk holds an advisory lock, so replicas running the
scheduler at the same moment do not purge twice; DELETE … RETURNING means a receipt lists only what this
transaction actually deleted. A receipt's `request_ids_digest` is sha256 over the sorted purged request ids
joined by newlines: whoever holds the ids (e.g. an export) can prove which were purged, the receipt itself
names none.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import structlog
from sqlalchemy import ColumnElement, and_, delete, exists, false, func, insert, literal, not_, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from audit.events import clean_text, utc_now
from audit.governance_schema import admin_changes
from audit.records_schema import (
    audit_content,
    audit_feedback,
    audit_records,
    legal_holds,
    purge_receipts,
    review_queue,
)

log = structlog.get_logger("steward.audit")

# First 8 bytes of sha256(b"steward.audit.purge") as a signed bigint.
PURGE_LOCK_KEY = int.from_bytes(hashlib.sha256(b"steward.audit.purge").digest()[:8], "big", signed=True)
CHUNK = 2000
HOLD_KINDS = ("record", "subject")
HoldKind = Literal["record", "subject"]


class LegalHoldActive(Exception):
    """An erasure was asked for a subject or record under an unreleased legal hold."""


@dataclass(frozen=True, slots=True)
class PurgeReceipt:
    """What one purge run (or erasure) did; one `purge_receipts` row was written per chunk and kind."""

    at: datetime
    actor: str
    content_purged: int = 0
    records_purged: int = 0
    receipt_ids: tuple[int, ...] = ()
    held: int = 0  # expired records kept because of a legal hold

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def ids_digest(request_ids: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(sorted(request_ids)).encode("utf-8")).hexdigest()


def _active_hold(kind: str, target: ColumnElement[Any]) -> ColumnElement[bool]:
    return exists().where(
        legal_holds.c.kind == kind, legal_holds.c.target == target, legal_holds.c.released_at.is_(None)
    )


def unheld() -> ColumnElement[bool]:
    """SQL condition: the audit_records row is under no legal hold."""
    return and_(
        audit_records.c.legal_hold.is_(false()),
        not_(_active_hold("record", audit_records.c.request_id)),
        not_(_active_hold("subject", audit_records.c.user_id)),
    )


def _expired(now: datetime) -> ColumnElement[bool]:
    return and_(audit_records.c.retention_until.is_not(None), audit_records.c.retention_until <= now)


async def purge(
    engine: AsyncEngine, now: datetime, actor: str, delete_records: bool = False, chunk: int = CHUNK
) -> PurgeReceipt:
    """Purge expired content (and, if `delete_records`, whole records) not under legal hold."""
    criteria = {"expired_before": now.isoformat(), "legal_holds_respected": True}
    content_ids: list[int] = []
    record_ids: list[int] = []
    content_count = record_count = 0
    if delete_records:
        condition = and_(_expired(now), unheld())
        while (done := await _delete_records_chunk(engine, condition, now, actor, "record", criteria, chunk))[0]:
            record_count += done[0]
            record_ids.append(done[1])
    while (done := await _purge_content_chunk(engine, now, actor, criteria, chunk))[0]:
        content_count += done[0]
        content_ids.append(done[1])
    held = await _count_held(engine, now)
    receipt = PurgeReceipt(now, actor, content_count, record_count, tuple(record_ids + content_ids), held)
    log.info("audit.purged", content=content_count, records=record_count, held=held, receipts=len(receipt.receipt_ids))
    return receipt


def subject_hmac(user_id: str) -> str | None:
    """A keyed HMAC of the erased user id (STEWARD_HMAC_KEY), so the receipt can be matched to a later
    request without storing the id; never a bare hash (ids and emails are enumerable). None without a key."""
    key = os.environ.get("STEWARD_HMAC_KEY", "")
    if not key:
        return None
    return hmac.new(key.encode("utf-8"), user_id.encode("utf-8"), hashlib.sha256).hexdigest()


async def erase_subject(engine: AsyncEngine, user_id: str, now: datetime, actor: str, reason: str) -> PurgeReceipt:
    """Erase every record of one user (DSAR erasure where policy allows), with an `erasure` receipt.

    Refuses (LegalHoldActive) while the subject, or any of their records, is on hold: nothing is erased.
    """
    async with engine.connect() as conn:
        held = await conn.scalar(
            select(audit_records.c.id).where(audit_records.c.user_id == user_id, not_(unheld())).limit(1)
        )
        subject_hold = await conn.scalar(select(_active_hold("subject", literal(user_id))))
    if held is not None or subject_hold:
        raise LegalHoldActive("the subject or one of their records is under legal hold")
    criteria = {"user_id_hmac": subject_hmac(user_id), "reason": reason}
    condition = audit_records.c.user_id == user_id
    total, receipts = 0, []
    while (done := await _delete_records_chunk(engine, condition, now, actor, "erasure", criteria, CHUNK))[0]:
        total += done[0]
        receipts.append(done[1])
    async with engine.begin() as conn:
        await conn.execute(delete(audit_feedback).where(audit_feedback.c.user_id == user_id))
    return PurgeReceipt(now, actor, records_purged=total, receipt_ids=tuple(receipts))


async def _lock(conn: AsyncConnection) -> None:
    if conn.dialect.name == "postgresql":
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PURGE_LOCK_KEY})


async def _purge_content_chunk(
    engine: AsyncEngine, now: datetime, actor: str, criteria: dict[str, Any], chunk: int
) -> tuple[int, int]:
    """Delete one chunk of expired content; returns (count, receipt id), (0, 0) when nothing is left."""
    expired_ids = (
        select(audit_content.c.request_id)
        .join(audit_records, audit_records.c.request_id == audit_content.c.request_id)
        .where(_expired(now), unheld())
        .limit(chunk)
    )
    async with engine.begin() as conn:
        await _lock(conn)
        ids = list((await conn.execute(expired_ids)).scalars())
        if not ids:
            return 0, 0
        result = await conn.execute(
            delete(audit_content).where(audit_content.c.request_id.in_(ids)).returning(audit_content.c.request_id)
        )
        purged = list(result.scalars())
        receipt_id = await _receipt(conn, now, actor, "content", purged, criteria)
    return len(purged), receipt_id


async def _delete_records_chunk(
    engine: AsyncEngine,
    condition: ColumnElement[bool],
    now: datetime,
    actor: str,
    kind: str,
    criteria: dict[str, Any],
    chunk: int,
) -> tuple[int, int]:
    """Delete one chunk of records (oldest first) with their content, feedback and review entries."""
    async with engine.begin() as conn:
        await _lock(conn)
        ids = list(
            (
                await conn.execute(
                    select(audit_records.c.id).where(condition).order_by(audit_records.c.id).limit(chunk)
                )
            ).scalars()
        )
        if not ids:
            return 0, 0
        result = await conn.execute(
            delete(audit_records)
            .where(audit_records.c.id.in_(ids))
            .returning(
                audit_records.c.id, audit_records.c.request_id, audit_records.c.prev_hash, audit_records.c.record_hash
            )
        )
        rows = sorted(result.all(), key=lambda r: r.id)
        request_ids = [r.request_id for r in rows]
        for table in (audit_content, audit_feedback, review_queue):
            await conn.execute(delete(table).where(table.c.request_id.in_(request_ids)))
        details = {**criteria, "first_id": rows[0].id, "last_id": rows[-1].id, "bridges": bridges(rows)}
        receipt_id = await _receipt(conn, now, actor, kind, request_ids, details)
    return len(rows), receipt_id


def bridges(rows: Sequence[Any]) -> list[list[Any]]:
    """[after_hash, through_hash, count] per run of chain-consecutive deleted rows (rows sorted by id)."""
    runs: list[list[Any]] = []
    for row in rows:
        if row.record_hash is None:  # a legacy (pre-chain) record: nothing to bridge
            continue
        if runs and runs[-1][1] == row.prev_hash:
            runs[-1][1] = row.record_hash
            runs[-1][2] += 1
        else:
            runs.append([row.prev_hash, row.record_hash, 1])
    return runs


async def _receipt(
    conn: AsyncConnection, now: datetime, actor: str, kind: str, request_ids: Sequence[str], criteria: dict[str, Any]
) -> int:
    values = {
        "at": now,
        "actor": clean_text(actor, 512),
        "kind": kind,
        "count": len(request_ids),
        "criteria": criteria,
        "request_ids_digest": ids_digest(request_ids),
    }
    result = await conn.execute(insert(purge_receipts).values(values).returning(purge_receipts.c.id))
    return int(result.scalar_one())


async def _count_held(engine: AsyncEngine, now: datetime) -> int:
    query = select(func.count()).select_from(audit_records).where(_expired(now), not_(unheld()))
    async with engine.connect() as conn:
        return int(await conn.scalar(query) or 0)


# --- legal holds ------------------------------------------------------------------------------------


async def place_hold(
    engine: AsyncEngine, kind: HoldKind, target: str, reason: str, actor: str, now: datetime | None = None
) -> int:
    """Hold a record (target = request id) or a subject (target = user id) against purge and erasure."""
    if kind not in HOLD_KINDS:
        raise ValueError(f"hold kind must be one of {', '.join(HOLD_KINDS)}")
    now = now or utc_now()
    values = {"kind": kind, "target": target, "reason": reason, "created_by": actor, "created_at": now}
    async with engine.begin() as conn:
        hold_id = int((await conn.execute(insert(legal_holds).values(values).returning(legal_holds.c.id))).scalar_one())
        if kind == "record":
            await conn.execute(
                update(audit_records).where(audit_records.c.request_id == target).values(legal_hold=True)
            )
        await _log_change(conn, now, actor, "legal_hold.placed", hold_id, None, values)
    log.info("audit.hold_placed", hold_id=hold_id, kind=kind)
    return hold_id


async def release_hold(engine: AsyncEngine, hold_id: int, actor: str, now: datetime | None = None) -> bool:
    """Release a hold; False if there is no such unreleased hold. A record stays held by any other hold."""
    now = now or utc_now()
    async with engine.begin() as conn:
        hold = (
            (
                await conn.execute(
                    select(legal_holds).where(legal_holds.c.id == hold_id, legal_holds.c.released_at.is_(None))
                )
            )
            .mappings()
            .first()
        )
        if hold is None:
            return False
        await conn.execute(update(legal_holds).where(legal_holds.c.id == hold_id).values(released_at=now))
        if hold["kind"] == "record":
            still = await conn.scalar(select(_active_hold("record", literal(hold["target"]))))
            if not still:
                await conn.execute(
                    update(audit_records).where(audit_records.c.request_id == hold["target"]).values(legal_hold=False)
                )
        await _log_change(conn, now, actor, "legal_hold.released", hold_id, {"released_at": None}, {"released_at": now})
    log.info("audit.hold_released", hold_id=hold_id)
    return True


async def _log_change(
    conn: AsyncConnection, now: datetime, actor: str, action: str, hold_id: int, before: Any, after: Any
) -> None:
    def plain(value: Any) -> Any:
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in value.items()} if value else value

    values = {"at": now, "actor": actor, "action": action, "target": f"legal_hold:{hold_id}"}
    await conn.execute(insert(admin_changes).values(**values, before=plain(before), after=plain(after)))


# --- scheduler --------------------------------------------------------------------------------------


@dataclass
class PurgeLoopState:
    """Observable state of the background purge (for health endpoints and tests)."""

    runs: int = 0
    failures: int = 0
    last: PurgeReceipt | None = None
    last_error: str | None = None
    history: list[PurgeReceipt] = field(default_factory=list)


async def purge_loop(
    engine: AsyncEngine,
    interval_s: float,
    actor: str = "steward-retention",
    delete_records: bool = False,
    clock: Callable[[], datetime] = utc_now,
    state: PurgeLoopState | None = None,
) -> None:
    """Purge now, then every `interval_s`, until cancelled. A failed run is logged and retried next time."""
    state = state if state is not None else PurgeLoopState()
    while True:
        try:
            receipt = await purge(engine, clock(), actor, delete_records)
        except Exception as exc:  # the store is down or a chunk failed: keep the scheduler alive
            state.failures += 1
            state.last_error = type(exc).__name__
            log.warning("audit.purge_failed", error=type(exc).__name__)
        else:
            state.runs += 1
            state.last = receipt
            state.history = [*state.history[-9:], receipt]
        await asyncio.sleep(interval_s)
