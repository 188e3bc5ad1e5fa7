"""Idempotent batch inserts into `audit_records`.

A row whose `request_id` is already stored is skipped (ON CONFLICT DO NOTHING), so retrying a batch
whose commit reached the database but whose acknowledgement did not can never duplicate a row. The ids
that were skipped are returned so the caller can report them: outside a retry they mean two requests
shared an id, which the gateway must never let happen (request ids are generated, not client-supplied).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Insert, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.schema import audit_records


def idempotent_insert(dialect_name: str) -> Insert:
    """INSERT … ON CONFLICT (request_id) DO NOTHING RETURNING request_id, for this dialect."""
    key = [audit_records.c.request_id]
    stmt: Insert
    if dialect_name == "postgresql":
        stmt = postgresql.insert(audit_records).on_conflict_do_nothing(index_elements=key)
    elif dialect_name == "sqlite":
        stmt = sqlite.insert(audit_records).on_conflict_do_nothing(index_elements=key)
    else:
        stmt = insert(audit_records)
    return stmt.returning(audit_records.c.request_id)


class RowInserter:
    """Writes one batch of `AuditEvent.to_row()` dicts in one transaction; returns the skipped ids.

    A write never hangs for ever, so a hung store turns into an error the writer can retry:
    - SQLite waits for a lock at most its busy_timeout (set by `audit.db.create_engine`), then fails.
      (No client-side cancellation here: cancelling an aiosqlite call leaves its transaction holding
      the write lock, which blocks every later write.)
    - PostgreSQL: the server aborts the batch after `timeout_s` (SET LOCAL statement_timeout); if the
      server cannot even answer (network partition), the client abandons the call after twice that,
      and asyncpg's connection is discarded.
    """

    def __init__(self, engine: AsyncEngine, timeout_s: float = 10.0) -> None:
        self._engine = engine
        self._stmt = idempotent_insert(engine.dialect.name)
        self._postgres = engine.dialect.name == "postgresql"
        self._timeout_s = timeout_s

    async def __call__(self, rows: Sequence[dict[str, Any]]) -> list[str]:
        if not rows:
            return []
        if not self._postgres:
            return await self._insert(rows)
        async with asyncio.timeout(self._timeout_s * 2):
            return await self._insert(rows)

    async def _insert(self, rows: Sequence[dict[str, Any]]) -> list[str]:
        async with self._engine.begin() as conn:
            if self._postgres:
                ms = max(1, int(self._timeout_s * 1000))
                await conn.exec_driver_sql(f"SET LOCAL statement_timeout = {ms}")
            result = await conn.execute(self._stmt, list(rows))
            stored = set(result.scalars().all())
        return [row["request_id"] for row in rows if row["request_id"] not in stored]
