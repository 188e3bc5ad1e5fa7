"""Retention: expired content (and, per config, records) is purged with a receipt; legal holds block purge;
the hash chain still verifies afterwards."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.events import AuditContent
from audit.governance_schema import admin_changes
from audit.reader import count_records, get_record
from audit.records_schema import audit_content, audit_feedback, legal_holds, purge_receipts
from audit.retention import (
    LegalHoldActive,
    PurgeLoopState,
    erase_subject,
    ids_digest,
    place_hold,
    purge,
    purge_loop,
    release_hold,
)
from audit.verify import verify_chain
from audit.writer import AuditWriter
from tests.audit.support import flushed, record_event

T0 = datetime(2026, 1, 1, tzinfo=UTC)


async def _seed(writer: AuditWriter, specs: list[tuple[str, str, int | None]]) -> None:
    """(request_id, user_id, retention_days) records at T0, each with redacted content."""
    for request_id, user, days in specs:
        ev = record_event(request_id, level="redacted", retention_days=days)
        ev.received_at, ev.user_id = T0, user
        ev.content = AuditContent(prompt=f"prompt {request_id}", output="answer")
        writer.submit(ev)
    await flushed(writer)


async def _content_ids(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set((await conn.execute(select(audit_content.c.request_id))).scalars())


async def _receipts(engine: AsyncEngine) -> list[dict[str, Any]]:
    async with engine.connect() as conn:
        rows = (await conn.execute(select(purge_receipts).order_by(purge_receipts.c.id))).mappings().all()
    return [dict(r) for r in rows]


SPECS = [
    ("r-old", "u-1", 30),
    ("r-held", "u-1", 30),
    ("r-subject", "u-2", 30),
    ("r-new", "u-1", 400),
    ("r-keep", "u-3", None),
]
NOW = T0 + timedelta(days=60)


async def test_purge_content_honours_holds_and_leaves_a_receipt(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, SPECS)
    await place_hold(engine, "record", "r-held", "Complaint 2026/3", actor="ig-officer")
    await place_hold(engine, "subject", "u-2", "FOI 2026/17", actor="ig-officer")

    receipt = await purge(engine, NOW, actor="steward-retention")

    assert (receipt.content_purged, receipt.records_purged, receipt.held) == (1, 0, 2)
    assert await _content_ids(engine) == {"r-held", "r-subject", "r-new", "r-keep"}
    assert await count_records(engine) == 5  # content only: every record stays
    [row] = await _receipts(engine)
    assert (row["kind"], row["count"], row["actor"]) == ("content", 1, "steward-retention")
    assert row["request_ids_digest"] == ids_digest(["r-old"])
    assert row["criteria"]["legal_holds_respected"] is True
    assert (await verify_chain(engine)).ok  # content_digest stays on the record
    record = await get_record(engine, "r-old")
    assert record is not None and record["content_digest"] is not None
    assert (await purge(engine, NOW, actor="steward-retention")).content_purged == 0  # idempotent


async def test_released_holds_no_longer_block(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, SPECS[:3])
    record_hold = await place_hold(engine, "record", "r-held", "x", actor="a")
    subject_hold = await place_hold(engine, "subject", "u-2", "y", actor="a")
    record = await get_record(engine, "r-held")
    assert record is not None and record["legal_hold"] is True
    assert await release_hold(engine, record_hold, actor="a")
    assert await release_hold(engine, subject_hold, actor="a")
    assert not await release_hold(engine, subject_hold, actor="a")  # already released
    record = await get_record(engine, "r-held")
    assert record is not None and record["legal_hold"] is False
    assert (await purge(engine, NOW, actor="a")).content_purged == 3
    async with engine.connect() as conn:
        released = await conn.scalar(select(func.count()).where(legal_holds.c.released_at.is_not(None)))
        actions = list((await conn.execute(select(admin_changes.c.action).order_by(admin_changes.c.id))).scalars())
    assert released == 2
    assert actions == ["legal_hold.placed", "legal_hold.placed", "legal_hold.released", "legal_hold.released"]


async def test_purging_records_keeps_the_chain_verifiable(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, [*SPECS, ("r-old2", "u-4", 30), ("r-old3", "u-4", 30), ("r-last", "u-1", 400)])
    await place_hold(engine, "record", "r-held", "Complaint", actor="ig")
    await place_hold(engine, "subject", "u-2", "FOI", actor="ig")
    async with engine.begin() as conn:
        await conn.execute(
            audit_feedback.insert().values(request_id="r-old", user_id="u-1", kind="feedback", rating=4, created_at=T0)
        )

    receipt = await purge(engine, NOW, actor="steward-retention", delete_records=True)

    assert receipt.records_purged == 3 and receipt.held == 2
    assert await get_record(engine, "r-old") is None and await get_record(engine, "r-old2") is None
    assert await get_record(engine, "r-held") is not None and await get_record(engine, "r-subject") is not None
    assert "r-held" in await _content_ids(engine)  # the held record keeps its content
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(audit_feedback)) == 0
    [row] = [r for r in await _receipts(engine) if r["kind"] == "record"]
    assert row["count"] == 3 and row["request_ids_digest"] == ids_digest(["r-old", "r-old2", "r-old3"])
    assert [b[2] for b in row["criteria"]["bridges"]] == [1, 2]  # r-old alone; r-old2 + r-old3 together
    result = await verify_chain(engine)
    assert result.ok and result.purged_gaps == 2, result


async def test_an_unreceipted_deletion_is_still_caught_after_a_purge(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, [("a", "u", 30), ("b", "u", 400), ("c", "u", 400), ("d", "u", 400)])
    await purge(engine, NOW, actor="r", delete_records=True)
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM audit_records WHERE request_id = 'c'"))
    result = await verify_chain(engine)
    record = await get_record(engine, "d")
    assert record is not None and (result.first_broken_id, result.reason) == (record["id"], "record_missing")


async def test_successive_purges_of_neighbours_chain_their_bridges(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, [("a", "u", 10), ("b", "u", 20), ("c", "u", 30), ("d", "u", 400)])
    for days in (15, 25, 35):
        await purge(engine, T0 + timedelta(days=days), actor="r", delete_records=True)
    assert await count_records(engine) == 1
    result = await verify_chain(engine)
    assert result.ok and result.purged_gaps == 1


async def test_purge_works_in_chunks(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, [(f"r-{i}", "u", 30) for i in range(25)])
    receipt = await purge(engine, NOW, actor="r", delete_records=True, chunk=10)
    assert receipt.records_purged == 25 and len(receipt.receipt_ids) == 3
    assert (await verify_chain(engine)).ok


async def test_erasure_of_a_subject(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _seed(writer, [("a", "u-1", 400), ("b", "u-2", 400), ("c", "u-1", 400)])
    hold = await place_hold(engine, "subject", "u-1", "litigation", actor="ig")
    with pytest.raises(LegalHoldActive):
        await erase_subject(engine, "u-1", NOW, actor="dpo", reason="Art. 17 request")
    await release_hold(engine, hold, actor="ig")
    receipt = await erase_subject(engine, "u-1", NOW, actor="dpo", reason="Art. 17 request")
    assert receipt.records_purged == 2 and await count_records(engine) == 1
    [row] = await _receipts(engine)
    assert row["kind"] == "erasure" and "u-1" not in repr(row)
    assert (await verify_chain(engine)).ok


async def test_purge_loop_runs_until_cancelled(engine: AsyncEngine, writer: AuditWriter, eventually: Any) -> None:
    await _seed(writer, [("a", "u", 30)])
    state = PurgeLoopState()
    task = asyncio.create_task(purge_loop(engine, 0.01, clock=lambda: NOW, state=state))
    await eventually(lambda: state.runs >= 2)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert state.history[0].content_purged == 1 and state.failures == 0


async def test_unknown_hold_kind_is_rejected(engine: AsyncEngine) -> None:
    with pytest.raises(ValueError, match="hold kind"):
        await place_hold(engine, "everything", "x", "y", actor="a")  # type: ignore[arg-type]
