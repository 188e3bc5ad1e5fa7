"""AuditWriter when the store fails: fail closed, retry, recover, exactly once, bounded memory, loud losses."""

from __future__ import annotations

from typing import Any

import pytest
import structlog
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.db import create_engine, upgrade
from audit.reader import count_records, list_records
from audit.store import RowInserter
from audit.writer import AuditWriter, WriterSettings
from tests.audit.support import FrozenNetwork, StoreHang, StoreOutage, flushed, minimal_event

# --- failure, recovery, bounds ------------------------------------------------------------------------


async def test_store_failure_turns_unhealthy_then_recovers_and_rows_land_once(
    engine: AsyncEngine, writer: AuditWriter, eventually: Any
) -> None:
    outage = StoreOutage(engine)
    writer.submit(minimal_event("req-before"))
    await flushed(writer)
    await outage.begin()
    with structlog.testing.capture_logs() as logs:
        for i in range(20):
            writer.submit(minimal_event(f"req-{i}"))
        await eventually(lambda: not writer.healthy)
        await eventually(lambda: sum(e["event"] == "audit.write_failed" for e in logs) >= 2)  # retried
        assert writer.pending == 20
        await outage.end()
        await flushed(writer)
    assert writer.healthy
    assert await count_records(engine) == 21
    assert {"audit.write_failed", "audit.write_recovered"} <= {e["event"] for e in logs}
    failed = next(e for e in logs if e["event"] == "audit.write_failed")
    assert failed["count"] == 20 and isinstance(failed["error"], str)


async def test_a_batch_already_committed_is_not_duplicated(engine: AsyncEngine, writer: AuditWriter) -> None:
    """The acknowledgement of a committed batch was lost, so the writer retries it: rows land exactly once."""
    first, second = minimal_event("req-a"), minimal_event("req-b")
    await RowInserter(engine)([first.to_row()])  # the earlier, unacknowledged attempt
    with structlog.testing.capture_logs() as logs:
        writer.submit(first)
        writer.submit(second)
        await flushed(writer)
    assert writer.healthy
    assert sorted(r["request_id"] for r in await list_records(engine)) == ["req-a", "req-b"]
    skipped = [e for e in logs if e["event"] == "audit.duplicate_skipped"]
    assert skipped and skipped[0]["request_ids"] == ["req-a"]


async def test_memory_is_bounded_and_overflow_is_logged_by_id(engine: AsyncEngine, eventually: Any) -> None:
    w = AuditWriter(engine, WriterSettings(max_pending=3, retry_initial_s=0.01, retry_max_s=0.05))
    await w.start()
    outage = StoreOutage(engine)
    await outage.begin()
    with structlog.testing.capture_logs() as logs:
        for i in range(5):
            w.submit(minimal_event(f"req-{i}"))
        await eventually(lambda: not w.healthy)
    dropped = [e for e in logs if e["event"] == "audit.dropped"]
    assert [e["request_ids"] for e in dropped] == [["req-3"], ["req-4"]]
    assert w.dropped == 2 and w.pending == 3
    await outage.end()
    await flushed(w)
    assert w.healthy
    assert sorted(r["request_id"] for r in await list_records(engine)) == ["req-0", "req-1", "req-2"]
    await w.close()


async def test_close_with_the_store_down_logs_every_lost_id(engine: AsyncEngine) -> None:
    w = AuditWriter(engine, WriterSettings(retry_initial_s=0.01, retry_max_s=0.02, close_timeout_s=0.3))
    await w.start()
    outage = StoreOutage(engine)
    await outage.begin()
    try:
        with structlog.testing.capture_logs() as logs:
            for i in range(3):
                w.submit(minimal_event(f"req-{i}"))
            await w.close()
    finally:
        await outage.end()
    dropped = [e for e in logs if e["event"] == "audit.dropped"]
    assert dropped == [
        {
            "event": "audit.dropped",
            "log_level": "error",
            "count": 3,
            "request_ids": ["req-0", "req-1", "req-2"],
            "reason": "shutdown",
        }
    ]
    assert w.dropped == 3 and await count_records(engine) == 0


async def test_a_hung_store_turns_unhealthy_until_it_moves(engine: AsyncEngine, eventually: Any) -> None:
    w = AuditWriter(engine, WriterSettings(stall_s=0.1))
    await w.start()
    hang = StoreHang(engine)
    await hang.begin()
    try:
        w.submit(minimal_event("req-stuck"))
        await eventually(lambda: not w.healthy)  # no error yet: the write is simply not finishing
        assert w.pending == 1
    finally:
        await hang.end()
    await flushed(w)
    assert w.healthy and await count_records(engine) == 1
    await w.close()


async def test_a_write_hanging_too_long_fails_and_is_retried(engine: AsyncEngine, eventually: Any) -> None:
    """The store gives up on the lock wait (SQLite busy_timeout 5 s; PostgreSQL statement_timeout 0.3 s)."""
    w = AuditWriter(engine, WriterSettings(stall_s=0.1, write_timeout_s=0.3, retry_initial_s=0.01))
    await w.start()
    hang = StoreHang(engine)
    await hang.begin()
    try:
        with structlog.testing.capture_logs() as logs:
            for i in range(3):
                w.submit(minimal_event(f"req-{i}"))
            await eventually(lambda: any(e["event"] == "audit.write_failed" for e in logs))
        assert not w.healthy
        errors = {e["error"] for e in logs if e["event"] == "audit.write_failed"}
        assert errors <= {"OperationalError", "DBAPIError"}  # the store's own timeout, not the client's backstop
    finally:
        await hang.end()
    await flushed(w)
    assert w.healthy
    assert sorted(r["request_id"] for r in await list_records(engine)) == ["req-0", "req-1", "req-2"]
    await w.close()


@pytest.mark.postgres
async def test_a_network_partition_is_abandoned_retried_and_recovered(pg_url: str, eventually: Any) -> None:
    """Nothing errors and nothing arrives: the client-side backstop (2 x write_timeout_s) must fire."""
    await upgrade(pg_url)
    target = make_url(pg_url)
    network = FrozenNetwork(target.host or "127.0.0.1", target.port or 5432)
    port = await network.start()
    engine = create_engine(target.set(host="127.0.0.1", port=port))
    w = AuditWriter(engine, WriterSettings(stall_s=0.1, write_timeout_s=0.3, retry_initial_s=0.01, retry_max_s=0.05))
    try:
        await w.start()
        w.submit(minimal_event("req-0"))
        await flushed(w)  # a pooled connection is open through the relay
        network.freeze()
        with structlog.testing.capture_logs() as logs:
            for i in range(1, 4):
                w.submit(minimal_event(f"req-{i}"))
            await eventually(lambda: not w.healthy)
            await eventually(lambda: any(e.get("error") == "TimeoutError" for e in logs))
            network.thaw()
            await flushed(w)
        assert w.healthy
        assert sorted(r["request_id"] for r in await list_records(engine)) == [f"req-{i}" for i in range(4)]
    finally:
        network.thaw()
        await w.close()
        await engine.dispose()
        await network.close()
