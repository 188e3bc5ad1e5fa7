"""The hash chain: every record links to the one before; edits and deletions made directly in the database
are caught by `verify_chain`, on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.db import create_engine, upgrade
from audit.events import AuditContent
from audit.records_schema import GENESIS_HASH, audit_records
from audit.store import HASHED_FIELDS, RowInserter, chain_hash
from audit.verify import verify_chain
from audit.writer import AuditWriter
from tests.audit.support import flushed, full_event, minimal_event, record_event

REPO = Path(__file__).resolve().parents[2]


async def _ids(engine: AsyncEngine) -> list[tuple[int, str]]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(audit_records.c.id, audit_records.c.request_id).order_by(audit_records.c.id))
        return [(r.id, r.request_id) for r in rows]


async def _write(writer: AuditWriter, count: int, prefix: str = "req") -> None:
    for i in range(count):
        writer.submit(record_event(f"{prefix}-{i}", level="redacted" if i % 2 else "metadata"))
    await flushed(writer)


async def test_records_link_in_id_order_from_genesis(engine: AsyncEngine, writer: AuditWriter) -> None:
    writer.submit(full_event())
    await _write(writer, 5)
    async with engine.connect() as conn:
        rows = (await conn.execute(select(audit_records).order_by(audit_records.c.id))).mappings().all()
    assert rows[0]["prev_hash"] == GENESIS_HASH
    for before, after in zip(rows, rows[1:], strict=False):
        assert after["prev_hash"] == before["record_hash"]
    for row in rows:
        assert chain_hash(row["prev_hash"], row) == row["record_hash"]
    result = await verify_chain(engine)
    assert result.ok and result.checked == 6 and result.head_hash == rows[-1]["record_hash"]


def test_hashed_fields_cover_the_record_but_not_holds_or_the_links() -> None:
    assert {"content_digest", "retention_until", "user_id", "outcome", "findings_detail"} <= set(HASHED_FIELDS)
    assert not {"id", "legal_hold", "prev_hash", "record_hash"} & set(HASHED_FIELDS)


async def test_verify_pages_through_many_records(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 120)
    result = await verify_chain(engine, page=7)
    assert result.ok and result.checked == 120


async def test_an_edited_record_is_caught(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 10)
    ids = await _ids(engine)
    victim = ids[4][0]
    async with engine.begin() as conn:  # what a DBA with write access could do
        await conn.execute(text("UPDATE audit_records SET decision = 'refused' WHERE id = :id"), {"id": victim})
    result = await verify_chain(engine)
    assert (result.ok, result.first_broken_id, result.reason) == (False, victim, "record_edited")
    assert result.checked == 5


async def test_an_edited_json_field_is_caught(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 3)
    victim = (await _ids(engine))[1][0]
    async with engine.begin() as conn:
        await conn.execute(audit_records.update().where(audit_records.c.id == victim).values(findings={}))
    result = await verify_chain(engine)
    assert (result.first_broken_id, result.reason) == (victim, "record_edited")


async def test_a_deleted_record_is_caught_at_its_successor(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 10)
    ids = await _ids(engine)
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM audit_records WHERE id = :id"), {"id": ids[6][0]})
    result = await verify_chain(engine)
    assert (result.ok, result.first_broken_id, result.reason) == (False, ids[7][0], "record_missing")


async def test_deleting_the_first_record_is_caught(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 3)
    ids = await _ids(engine)
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM audit_records WHERE id = :id"), {"id": ids[0][0]})
    result = await verify_chain(engine)
    assert (result.first_broken_id, result.reason) == (ids[1][0], "record_missing")


async def test_a_rewritten_hash_is_caught_by_the_next_link(engine: AsyncEngine, writer: AuditWriter) -> None:
    """Editing a record and recomputing its own hash still breaks the link from the next record."""
    await _write(writer, 4)
    ids = await _ids(engine)
    async with engine.begin() as conn:
        row = (await conn.execute(select(audit_records).where(audit_records.c.id == ids[1][0]))).mappings().one()
        forged = {**row, "decision": "refused"}
        await conn.execute(
            audit_records.update()
            .where(audit_records.c.id == ids[1][0])
            .values(decision="refused", record_hash=chain_hash(row["prev_hash"], forged))
        )
    result = await verify_chain(engine)
    assert (result.first_broken_id, result.reason) == (ids[2][0], "record_missing")


async def test_edited_content_is_caught(engine: AsyncEngine, writer: AuditWriter) -> None:
    ev = record_event("req-c", level="redacted")
    ev.content = AuditContent(prompt="Summarise [PERSON_1]'s case", output="Summary")
    writer.submit(ev)
    await _write(writer, 2)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE audit_content SET output = 'Something else' WHERE request_id = 'req-c'"))
    result = await verify_chain(engine)
    victim = (await _ids(engine))[0][0]
    assert (result.first_broken_id, result.reason) == (victim, "content_edited")


async def test_purged_content_keeps_the_chain_verifiable(engine: AsyncEngine, writer: AuditWriter) -> None:
    ev = record_event("req-c", level="redacted")
    ev.content = AuditContent(prompt="p", output="o")
    writer.submit(ev)
    await _write(writer, 2)
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM audit_content"))
    assert (await verify_chain(engine)).ok


async def test_legal_hold_flag_is_outside_the_hash(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 3)
    async with engine.begin() as conn:
        await conn.execute(audit_records.update().values(legal_hold=True))
    assert (await verify_chain(engine)).ok


async def test_an_empty_store_verifies(engine: AsyncEngine) -> None:
    result = await verify_chain(engine)
    assert result.ok and result.checked == 0 and result.head_hash is None


async def test_retried_batches_do_not_fork_the_chain(engine: AsyncEngine) -> None:
    insert = RowInserter(engine)
    rows = [minimal_event(f"req-{i}").to_row() for i in range(3)]
    assert await insert(rows[:2]) == []
    assert await insert(rows) == ["req-0", "req-1"]  # a retry after a lost acknowledgement
    assert await insert([rows[0], rows[0]]) == ["req-0", "req-0"]
    assert (await verify_chain(engine)).ok
    assert [rid for _, rid in await _ids(engine)] == ["req-0", "req-1", "req-2"]


async def test_two_writers_on_one_store_keep_one_chain(engine: AsyncEngine) -> None:
    """Each inserter remembers the head it wrote; when another one extended the chain meanwhile, the next
    insert notices (the id it would take is taken), reads the head and links after the other's records."""
    first, second = RowInserter(engine), RowInserter(engine)
    for i in range(4):
        assert await first([minimal_event(f"a-{i}").to_row(), minimal_event(f"b-{i}").to_row()]) == []
        assert await second([minimal_event(f"c-{i}").to_row()]) == []
    result = await verify_chain(engine)
    assert result.ok and result.checked == 12
    assert [rid for _, rid in await _ids(engine)][:6] == ["a-0", "b-0", "c-0", "a-1", "b-1", "c-1"]


async def test_legacy_rows_before_the_chain_are_accepted_as_a_prefix(engine: AsyncEngine, writer: AuditWriter) -> None:
    await _write(writer, 2, prefix="old")
    await writer.close()
    async with engine.begin() as conn:  # as if written before migration 0003
        await conn.execute(text("UPDATE audit_records SET prev_hash = NULL, record_hash = NULL"))
    writer = AuditWriter(engine)  # the upgraded gateway starts on the legacy rows
    await writer.start()
    await _write(writer, 2, prefix="new")
    await writer.close()
    result = await verify_chain(engine)
    assert result.ok and (result.legacy, result.checked) == (2, 4)
    async with engine.begin() as conn:  # but an unchained row after the chain started is a break
        await conn.execute(text("UPDATE audit_records SET record_hash = NULL WHERE request_id = 'new-1'"))
    assert (await verify_chain(engine)).reason == "unchained_record"


WRITER_SCRIPT = """
import asyncio, sys
from audit.db import create_engine
from audit.writer import AuditWriter
from tests.audit.support import record_event

async def main(url, prefix, count):
    engine = create_engine(url)
    writer = AuditWriter(engine)
    await writer.start()
    for i in range(count):
        writer.submit(record_event(f"{prefix}-{i}"))
        if i % 7 == 0:
            await asyncio.sleep(0)
    await writer.close()
    await engine.dispose()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


@pytest.mark.postgres
async def test_replicas_writing_concurrently_keep_one_chain(pg_url: str) -> None:
    """Four processes write to one PostgreSQL at once; the advisory lock keeps a single, valid chain."""
    engine = create_engine(pg_url)
    await upgrade(engine)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", WRITER_SCRIPT, pg_url, f"replica{n}", "300", env=env, stderr=asyncio.subprocess.PIPE
        )
        for n in range(4)
    ]
    results = [await asyncio.wait_for(p.communicate(), 120) for p in procs]
    try:
        assert [p.returncode for p in procs] == [0] * 4, [err.decode()[-2000:] for _, err in results]
        result = await verify_chain(engine)
        assert result.ok, result
        assert result.checked == 1200
    finally:
        await engine.dispose()


async def test_upgrading_a_store_with_records_starts_the_chain_after_them(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await upgrade(engine, "0002")
        async with engine.begin() as conn:  # a record written by the 0002 code
            await conn.execute(
                text(
                    "INSERT INTO audit_records (request_id, received_at, roles, client_meta, endpoint, stream,"
                    " decision, findings) VALUES ('old', CURRENT_TIMESTAMP, '[]', '{}', 'models', false,"
                    " 'allowed', '{}')"
                )
            )
        await upgrade(engine)
        writer = AuditWriter(engine)
        await writer.start()
        writer.submit(record_event("new"))
        await writer.close()
        result = await verify_chain(engine)
        assert result.ok and (result.checked, result.legacy) == (2, 1)
        async with engine.connect() as conn:
            hold = await conn.scalar(text("SELECT legal_hold FROM audit_records WHERE request_id = 'old'"))
        assert hold in (False, 0)
    finally:
        await engine.dispose()
