"""`steward audit verify` / `purge` front ends: summaries and exit codes."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from audit import cli_ops
from audit.events import utc_now
from audit.writer import AuditWriter
from tests.audit.support import flushed, record_event


async def test_verify_and_purge_summaries(db_url: str, engine: AsyncEngine, writer: AuditWriter) -> None:
    for i in range(3):
        writer.submit(record_event(f"req-{i}", retention_days=1))
    await flushed(writer)
    out = io.StringIO()
    assert await cli_ops.verify(db_url, out=out) == 0
    assert "audit chain OK: 3 records verified" in out.getvalue() and "head hash:" in out.getvalue()

    out = io.StringIO()
    code = await cli_ops.purge(db_url, actor="ops", delete_records=True, now=utc_now() + timedelta(days=2), out=out)
    assert code == 0 and "3 whole records purged" in out.getvalue()
    assert await cli_ops.verify(db_url, out=io.StringIO()) == 0

    writer.submit(record_event("req-x"))
    writer.submit(record_event("req-y"))
    await flushed(writer)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE audit_records SET tool = 'other' WHERE request_id = 'req-x'"))
    out = io.StringIO()
    assert await cli_ops.verify(db_url, out=out) == 1
    assert "BROKEN at record id" in out.getvalue() and "edited" in out.getvalue()


async def test_unreachable_store_exits_2() -> None:
    out = io.StringIO()
    url = "postgresql+asyncpg://postgres@127.0.0.1:1/none"
    assert await cli_ops.verify(url, out=out) == 2
    assert "cannot read" in out.getvalue()
