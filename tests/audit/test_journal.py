"""The durable journal: written before a submit returns, checkpointed after commit, replayed at start;
spooling while the store is down; and a SIGKILL test that counts every acknowledged row after a restart."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.content import ContentKey
from audit.events import AuditContent
from audit.journal import Journal, JournalError
from audit.reader import count_records, list_records
from audit.store import RowInserter
from audit.verify import verify_chain
from audit.writer import AuditWriter, WriterSettings
from tests.audit.support import StoreOutage, flushed, minimal_event, record_event

REPO = Path(__file__).resolve().parents[2]


def settings(path: Path, **changes: Any) -> WriterSettings:
    values: dict[str, Any] = {"retry_initial_s": 0.01, "retry_max_s": 0.05, "close_timeout_s": 2.0}
    return WriterSettings(journal_path=path, **{**values, **changes})


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "audit.jsonl"


def _rows(n: int, prefix: str = "req") -> list[dict[str, Any]]:
    return [minimal_event(f"{prefix}-{i}").to_row() for i in range(n)]


# --- the journal file --------------------------------------------------------------------------------


def test_entries_survive_reopening_until_committed(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    marks = [journal.append(row, None) for row in _rows(3)]
    journal.committed(marks[0])  # a checkpoint line: req-0 is in the store
    journal.close()
    reopened = Journal.open(journal_path)
    entries = list(reopened.read())
    assert [e.row["request_id"] for e in entries] == ["req-1", "req-2"]
    assert entries[0].row["received_at"].tzinfo is not None  # datetimes come back as datetimes
    reopened.committed(entries[-1].mark)  # everything committed: the file is emptied
    assert journal_path.stat().st_size == 0 and list(reopened.read()) == []
    reopened.close()
    assert oct(journal_path.stat().st_mode & 0o777) == "0o600"
    assert oct(journal_path.parent.stat().st_mode & 0o777) == "0o700"


def test_one_process_per_journal(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    with pytest.raises(JournalError, match="in use"):
        Journal.open(journal_path)
    journal.close()
    Journal.open(journal_path).close()


def test_a_torn_last_line_is_skipped(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.append(_rows(1)[0], None)
    journal.close()
    with open(journal_path, "ab") as handle:
        handle.write(b'{"n":2,"r":{"request_id":"torn')  # power loss mid-write, never acknowledged
    reopened = Journal.open(journal_path)
    assert [e.row["request_id"] for e in reopened.read()] == ["req-0"]
    reopened.close()


def test_compaction_keeps_pending_entries_and_offsets(journal_path: Path) -> None:
    journal = Journal.open(journal_path, compact_bytes=1)
    marks = [journal.append(row, None) for row in _rows(5)]
    journal.committed(marks[2])  # beyond compact_bytes: the file is rewritten with req-3, req-4 only
    size = journal_path.stat().st_size
    assert [e.row["request_id"] for e in journal.read(marks[2].end)] == ["req-3", "req-4"]
    journal.committed(marks[3])
    assert journal_path.stat().st_size < size
    journal.close()
    assert [e.row["request_id"] for e in Journal.open(journal_path).read()] == ["req-4"]


# --- the writer with a journal ------------------------------------------------------------------------


async def test_replay_after_a_crash_writes_every_row_once(engine: AsyncEngine, journal_path: Path) -> None:
    """Rows journaled but never committed (the process died) land at the next start, exactly once."""
    rows = _rows(5)
    crashed = Journal.open(journal_path)
    for row in rows:
        crashed.append(row, None)
    crashed.close()  # no checkpoint: as after SIGKILL
    await RowInserter(engine)(rows[:2])  # two had been committed before the crash
    writer = AuditWriter(engine, settings(journal_path))
    await writer.start()
    writer.submit(minimal_event("req-new"))
    await flushed(writer)
    await writer.close()
    ids = sorted(r["request_id"] for r in await list_records(engine))
    assert ids == sorted([r["request_id"] for r in rows] + ["req-new"])
    assert os.stat(journal_path).st_size == 0
    assert (await verify_chain(engine)).ok


async def test_full_content_is_encrypted_before_it_is_journaled(engine: AsyncEngine, journal_path: Path) -> None:
    key = ContentKey.from_base64("A" * 43 + "=")
    writer = AuditWriter(engine, settings(journal_path), content_key=key)
    outage = StoreOutage(engine)
    await outage.begin()
    await writer.start()
    ev = record_event("req-secret", level="full")
    ev.content = AuditContent(prompt="Canary-prompt-Z1", output="Canary-output-Z2")
    writer.submit(ev)
    with open(journal_path, "rb") as handle:  # noqa: ASYNC230
        journaled = handle.read()
    assert b"req-secret" in journaled and b"Canary" not in journaled
    await outage.end()
    await flushed(writer)
    await writer.close()
    assert await count_records(engine) == 1


async def test_spool_stays_healthy_and_spills_beyond_memory(
    engine: AsyncEngine, journal_path: Path, eventually: Any
) -> None:
    writer = AuditWriter(engine, settings(journal_path, on_store_down="spool", max_pending=3, max_batch=2))
    await writer.start()
    outage = StoreOutage(engine)
    await outage.begin()
    for i in range(20):
        writer.submit(minimal_event(f"req-{i}"))
    await eventually(lambda: writer.pending == 20 and writer._failing)
    assert writer.healthy and writer.dropped == 0  # spooling: requests keep being served
    await outage.end()
    await flushed(writer)
    await writer.close()
    assert sorted(r["request_id"] for r in await list_records(engine, 100)) == sorted(f"req-{i}" for i in range(20))
    assert (await verify_chain(engine)).ok


async def test_refuse_with_a_journal_fails_closed_but_drops_nothing(
    engine: AsyncEngine, journal_path: Path, eventually: Any
) -> None:
    writer = AuditWriter(engine, settings(journal_path, max_pending=2))
    await writer.start()
    outage = StoreOutage(engine)
    await outage.begin()
    for i in range(6):
        writer.submit(minimal_event(f"req-{i}"))
    await eventually(lambda: not writer.healthy)
    assert writer.dropped == 0 and writer.pending == 6
    await outage.end()
    await flushed(writer)
    assert writer.healthy and await count_records(engine) == 6
    await writer.close()


async def test_close_with_the_store_down_leaves_rows_for_the_next_start(
    engine: AsyncEngine, journal_path: Path
) -> None:
    writer = AuditWriter(engine, settings(journal_path, close_timeout_s=0.2))
    await writer.start()
    outage = StoreOutage(engine)
    await outage.begin()
    for i in range(4):
        writer.submit(minimal_event(f"req-{i}"))
    await writer.close()
    assert writer.dropped == 0
    await outage.end()
    again = AuditWriter(engine, settings(journal_path))
    await again.start()
    await flushed(again)
    await again.close()
    assert await count_records(engine) == 4


async def test_a_failing_journal_fails_closed(engine: AsyncEngine, journal_path: Path) -> None:
    writer = AuditWriter(engine, settings(journal_path, on_store_down="spool"))
    await writer.start()
    assert writer._journal is not None
    read_only = os.open(journal_path, os.O_RDONLY)
    os.dup2(read_only, writer._journal._fd)  # the descriptor now refuses writes (EBADF), as a dead disk would
    os.close(read_only)
    writer.submit(minimal_event("req-x"))
    assert not writer.healthy  # the row is not durable: refuse requests
    await flushed(writer)  # it still reaches the store from memory
    await writer.close()
    assert await count_records(engine) == 1


def test_spool_needs_a_journal() -> None:
    with pytest.raises(ValueError, match="journal_path"):
        WriterSettings(on_store_down="spool")


# --- SIGKILL --------------------------------------------------------------------------------------------

CHILD = """
import asyncio, sys, time
from pathlib import Path
from audit.db import create_engine
from audit.writer import AuditWriter, WriterSettings
from tests.audit.support import record_event

async def main(url, journal, total):
    engine = create_engine(url)
    writer = AuditWriter(engine, WriterSettings(journal_path=Path(journal), max_batch=50))
    await writer.start()
    for i in range(total):
        rid = f"req-{i}"
        writer.submit(record_event(rid, level="redacted"))
        print(rid, flush=True)          # the request's response: its audit row was acknowledged
        if i % 37 == 0:
            await asyncio.sleep(0)      # let the writer commit some batches
    print("hung", flush=True)
    time.sleep(120)                     # a hung process (event loop blocked), killed by the supervisor

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


async def test_every_acknowledged_row_survives_sigkill(db_url: str, engine: AsyncEngine, journal_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, db_url, str(journal_path), "2000", env=env, stdout=asyncio.subprocess.PIPE
    )
    acknowledged: list[str] = []
    assert child.stdout is not None
    async with asyncio.timeout(120):
        while (line := (await child.stdout.readline()).decode().strip()) != "hung":
            assert line, "the child exited early"
            acknowledged.append(line)
            if len(acknowledged) == 1500:
                child.send_signal(signal.SIGKILL)  # mid-run, with batches in flight
                break
        if child.returncode is None:
            child.send_signal(signal.SIGKILL)
        await child.wait()
    assert child.returncode == -signal.SIGKILL
    before = await count_records(engine)
    assert before < len(acknowledged)  # some acknowledged rows existed only in the journal

    writer = AuditWriter(engine, WriterSettings(journal_path=journal_path))
    await writer.start()
    await flushed(writer)
    await writer.close()
    stored = {r["request_id"] for r in await list_records(engine, limit=10_000)}
    assert set(acknowledged) <= stored
    assert await count_records(engine) == len(stored)  # each once
    assert (await verify_chain(engine)).ok
