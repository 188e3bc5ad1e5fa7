"""AuditWriter against real stores (SQLite file, PostgreSQL server): round trip, batching, logging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.events import AuditEvent
from audit.reader import count_records, get_record, list_records
from audit.writer import AuditWriter, WriterSettings
from tests.audit.support import SEEDED, SEEDED_META, StoreOutage, flushed, full_event, minimal_event

# --- round trip -------------------------------------------------------------------------------------


async def test_every_field_round_trips(engine: AsyncEngine, writer: AuditWriter) -> None:
    original = full_event()
    writer.submit(original)
    await flushed(writer)

    record = await get_record(engine, "req-full")
    assert record is not None
    assert AuditEvent.from_row(record) == original
    for name in ("received_at", "upstream_first_byte_at", "completed_at"):
        assert record[name].tzinfo is not None and record[name].utcoffset() == timedelta(0), name
    assert record["received_at"] == datetime(2026, 11, 26, 14, 30, 1, 123456, tzinfo=UTC)
    assert record["roles"] == ["caseworker", "reviewer"]
    assert record["client_meta"]["retry-count"] == "0"
    assert record["findings"] == {"UK_NHS": 2, "PERSON": 1}
    assert record["stream"] is True


async def test_defaults_round_trip(engine: AsyncEngine, writer: AuditWriter) -> None:
    original = minimal_event("req-min")
    writer.submit(original)
    await flushed(writer)
    record = await get_record(engine, "req-min")
    assert record is not None
    assert AuditEvent.from_row(record) == original
    assert (record["roles"], record["client_meta"], record["findings"]) == ([], {}, {})


async def test_submit_snapshots_the_event(engine: AsyncEngine, writer: AuditWriter) -> None:
    ev = minimal_event("req-snap")
    writer.submit(ev)
    ev.decision = "refused"  # the pipeline's later changes do not alter what was submitted
    ev.client_meta["os"] = "changed"
    await flushed(writer)
    record = await get_record(engine, "req-snap")
    assert record is not None and record["decision"] == "allowed" and record["client_meta"] == {}


async def test_naive_datetime_is_rejected_at_submit(writer: AuditWriter) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        writer.submit(AuditEvent(request_id="naive", received_at=datetime(2026, 1, 1)))
    assert writer.pending == 0


async def test_hostile_strings_are_stored_not_fatal(engine: AsyncEngine, writer: AuditWriter) -> None:
    """NUL, lone surrogates and huge values (all rejected by PostgreSQL as-is) must not poison a batch."""
    ev = minimal_event("req-hostile")
    ev.model_requested = "gpt\x00-4o" + "m" * 10_000
    ev.user_agent = "agent-\ud800-x"
    ev.client_meta = {"os\x00": "lin\x00ux"}
    writer.submit(ev)
    writer.submit(minimal_event("req-after-hostile"))
    await flushed(writer)
    record = await get_record(engine, "req-hostile")
    assert record is not None and writer.healthy
    assert record["model_requested"].startswith("gpt-4o") and len(record["model_requested"]) == 512
    assert record["user_agent"] == "agent-?-x"
    assert record["client_meta"] == {"os": "linux"}
    assert await get_record(engine, "req-after-hostile") is not None


async def test_list_records_newest_first(engine: AsyncEngine, writer: AuditWriter) -> None:
    for i in range(5):
        writer.submit(minimal_event(f"req-{i}"))
    await flushed(writer)
    assert [r["request_id"] for r in await list_records(engine, limit=3)] == ["req-4", "req-3", "req-2"]


# --- batching ---------------------------------------------------------------------------------------


async def test_rows_submitted_together_share_one_transaction(
    engine: AsyncEngine, writer: AuditWriter, commits: list[int]
) -> None:
    for i in range(300):
        writer.submit(minimal_event(f"req-{i}"))
    await flushed(writer)
    assert len(commits) == 1
    assert await count_records(engine) == 300


async def test_batches_are_capped_at_max_batch(engine: AsyncEngine, commits: list[int]) -> None:
    w = AuditWriter(engine, WriterSettings(max_batch=50))
    await w.start()
    for i in range(200):
        w.submit(minimal_event(f"req-{i}"))
    await flushed(w)
    await w.close()
    assert len(commits) == 4
    assert await count_records(engine) == 200


async def test_a_lone_row_is_written_without_waiting_for_company(
    engine: AsyncEngine, writer: AuditWriter, eventually: Any
) -> None:
    writer.submit(minimal_event("req-alone"))
    await eventually(lambda: writer.written == 1)  # no flush(): the background task writes it by itself
    assert await get_record(engine, "req-alone") is not None


async def test_close_flushes_everything_pending(engine: AsyncEngine) -> None:
    w = AuditWriter(engine)
    await w.start()
    for i in range(1200):
        w.submit(minimal_event(f"req-{i}"))
    await w.close()
    assert await count_records(engine) == 1200
    assert not w.healthy


async def test_submit_after_close_is_dropped_loudly(engine: AsyncEngine) -> None:
    w = AuditWriter(engine)
    await w.start()
    await w.close()
    with structlog.testing.capture_logs() as logs:
        w.submit(minimal_event("req-late"))
    assert [e for e in logs if e["event"] == "audit.dropped"][0]["request_ids"] == ["req-late"]
    assert w.dropped == 1


async def test_healthy_only_while_running(engine: AsyncEngine) -> None:
    w = AuditWriter(engine)
    assert not w.healthy
    await w.start()
    assert w.healthy
    await w.close()
    assert not w.healthy


# --- logging ----------------------------------------------------------------------------------------


async def test_logs_carry_ids_and_counts_never_field_values(engine: AsyncEngine, eventually: Any) -> None:
    w = AuditWriter(engine, WriterSettings(max_pending=2, retry_initial_s=0.01, retry_max_s=0.05))
    outage = StoreOutage(engine)
    events = []
    for i in range(4):
        ev = minimal_event(f"req-{i}")
        for name, seeded in SEEDED.items():
            setattr(ev, name, seeded)
        ev.client_meta = dict(SEEDED_META)
        events.append(ev)
    with structlog.testing.capture_logs() as logs:
        await w.start()
        w.submit(events[0])
        await flushed(w)  # success path
        await outage.begin()
        for ev in events[1:]:
            w.submit(ev)  # the third of these overflows max_pending: dropped path
        await eventually(lambda: not w.healthy)  # failure path
        await outage.end()
        await flushed(w)  # recovery path
        await w.close()
    assert {"audit.write_failed", "audit.write_recovered", "audit.dropped"} <= {e["event"] for e in logs}
    dumped = repr(logs)
    for seeded in [*SEEDED.values(), *SEEDED_META.values()]:
        assert seeded not in dumped
    allowed_keys = {"event", "log_level", "count", "ms", "error", "pending", "request_ids", "reason"}
    assert {key for e in logs for key in e} <= allowed_keys
