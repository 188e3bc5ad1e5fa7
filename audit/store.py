"""Idempotent, hash-chained batch inserts into `audit_records` (and `audit_content`).

A row whose `request_id` is already stored is skipped, so retrying a batch whose commit reached the database
but whose acknowledgement did not can never duplicate a row. The ids that were skipped are returned so the
caller can report them: outside a retry or a journal replay they mean two requests shared an id, which the
gateway must never let happen (request ids are generated, not client-supplied).

Hash chain (tamper evidence, clause 10.5). In `id` order every record carries

    prev_hash   = record_hash of the previous record (GENESIS_HASH for the first)
    record_hash = sha256(prev_hash || canonical_json(the record's HASHED_FIELDS))

`HASHED_FIELDS` is every column except `id` (order is carried by the links), `legal_hold` (placed and released
after the write) and the two chain columns themselves; it includes `content_digest` and `retention_until`, so
purging content (the digest stays) keeps the chain verifiable. Canonical JSON: orjson with sorted keys, UTC
datetimes in RFC 3339, numbers as normalised by `AuditEvent.to_row` — exactly what reading the row back gives.

This is the single insert path. Extending the chain is serialised: on PostgreSQL every writer (replica) takes
`pg_advisory_xact_lock(CHAIN_LOCK_KEY)` inside the batch transaction, then reads the chain head, takes ids from
the sequence and inserts; the lock is released by the commit. SQLite allows one writer at a time anyway. Ids are
assigned explicitly so that `id` order is chain order.

Already-stored rows are rare (a retry after a lost acknowledgement, a journal replay), so a batch is first
inserted without asking which of its ids exist: if the insert skips any row, the chain computed through it would
be wrong, so the transaction is rolled back and the batch redone with the existence query first. The common
batch costs one statement fewer; a retried one costs one rolled-back attempt more.
On SQLite the inserter also remembers the head it committed last instead of reading it back (see
`RowInserter._head`); a head changed under a running writer by hand is not followed but shows up in `verify`.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy import Insert, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from audit.events import FIELD_NAMES
from audit.records_schema import GENESIS_HASH, audit_content, audit_records

# First 8 bytes of sha256(b"steward.audit.chain") as a signed bigint.
CHAIN_LOCK_KEY = int.from_bytes(hashlib.sha256(b"steward.audit.chain").digest()[:8], "big", signed=True)
NEXT_IDS = text("SELECT nextval(pg_get_serial_sequence('audit_records', 'id')) FROM generate_series(1, :n)")
UNHASHED_FIELDS = frozenset({"id", "legal_hold", "prev_hash", "record_hash", "trace_id"})
HASHED_FIELDS: tuple[str, ...] = tuple(sorted(set(FIELD_NAMES) - UNHASHED_FIELDS))


def canonical(row: Mapping[Any, Any]) -> bytes:
    return orjson.dumps({name: row.get(name) for name in HASHED_FIELDS}, option=orjson.OPT_SORT_KEYS)


def chain_hash(prev_hash: str, row: Mapping[Any, Any]) -> str:
    """record_hash of `row` following `prev_hash`."""
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(canonical(row))
    return digest.hexdigest()


def _upsert(table: Any, key: str, dialect_name: str) -> Insert:
    index = [table.c[key]]
    if dialect_name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=index)
    if dialect_name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=index)
    return insert(table)


def idempotent_insert(dialect_name: str) -> Insert:
    """INSERT … ON CONFLICT (request_id) DO NOTHING RETURNING request_id, for this dialect."""
    return _upsert(audit_records, "request_id", dialect_name).returning(audit_records.c.request_id)


class RowInserter:
    """Writes one batch of `AuditEvent.to_row()` dicts (and their content rows) in one transaction.

    Returns the skipped request ids. A write never hangs for ever, so a hung store turns into an error the
    writer can retry:
    - SQLite waits for a lock at most its busy_timeout (set by `audit.db.create_engine`), then fails.
      (No client-side cancellation here: cancelling an aiosqlite call leaves its transaction holding
      the write lock, which blocks every later write.)
    - PostgreSQL: the server aborts the batch after `timeout_s` (SET LOCAL statement_timeout, which also
      bounds the wait for the chain lock); if the server cannot even answer (network partition), the client
      abandons the call after twice that, and asyncpg's connection is discarded.
    """

    def __init__(self, engine: AsyncEngine, timeout_s: float = 10.0) -> None:
        self._engine = engine
        self._stmt = idempotent_insert(engine.dialect.name)
        self._content_stmt = _upsert(audit_content, "request_id", engine.dialect.name)
        self._postgres = engine.dialect.name == "postgresql"
        self._timeout_s = timeout_s
        # SQLite: (id, record_hash) of the last record this inserter committed, so the next batch need not read
        # the chain head back. Forgotten on any error; a stale one cannot fork the chain, because another
        # writer extending it took the next id, and reusing that id fails the primary key (then re-read).
        # Not on PostgreSQL: ids come from a sequence, so replicas never collide; the head is read under the lock.
        self._head: tuple[int, str] | None = None

    async def __call__(self, rows: Sequence[dict[str, Any]], contents: Sequence[Mapping[str, Any]] = ()) -> list[str]:
        if not rows:
            return []
        if not self._postgres:
            return await self._insert(rows, contents)
        async with asyncio.timeout(self._timeout_s * 2):
            return await self._insert(rows, contents)

    async def _insert(self, rows: Sequence[dict[str, Any]], contents: Sequence[Mapping[str, Any]]) -> list[str]:
        unique = _first_of_each(rows)
        cached = self._head is not None
        try:
            try:  # common case: none of the rows is stored yet, so the existence query is not needed
                stored = await self._insert_unique(unique, contents, check_stored=False)
            except _AlreadyStored:  # a retry or a replay: roll back (nothing of it stays) and filter first
                self._head = None
                stored = await self._insert_unique(unique, contents, check_stored=True)
            except IntegrityError:
                if not cached:
                    raise
                self._head = None  # another writer extended the chain (the next id is taken): read the head
                stored = await self._insert_unique(unique, contents, check_stored=True)
        except BaseException:
            self._head = None
            raise
        return [row["request_id"] for row in rows if row["request_id"] not in stored]

    async def _insert_unique(
        self, unique: list[dict[str, Any]], contents: Sequence[Mapping[str, Any]], *, check_stored: bool
    ) -> set[str]:
        """Insert the rows not stored yet in one transaction; the request ids inserted.

        Without `check_stored`, raises `_AlreadyStored` (rolling the transaction back) if any row was stored
        already: the chain was computed through it, so the batch must be redone without it.
        """
        async with self._engine.begin() as conn:
            if self._postgres:
                ms = max(1, int(self._timeout_s * 1000))
                await conn.exec_driver_sql(f"SET LOCAL statement_timeout = {ms}")
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
            fresh = await self._fresh(conn, unique) if check_stored else unique
            if not fresh:
                return set()
            await self._chain(conn, fresh)
            result = await conn.execute(self._stmt, fresh)
            stored = set(result.scalars().all())
            if len(stored) != len(fresh):
                if not check_stored:
                    raise _AlreadyStored
                raise RuntimeError("audit rows vanished from the existence check to the insert")  # under the lock
            kept = [c for c in contents if c["request_id"] in stored]
            if kept:
                await conn.execute(self._content_stmt, kept)
        if not self._postgres:  # committed
            self._head = (fresh[-1]["id"], fresh[-1]["record_hash"])
        return stored

    async def _fresh(self, conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows not stored yet, in batch order."""
        ids = [row["request_id"] for row in rows]
        query = select(audit_records.c.request_id).where(audit_records.c.request_id.in_(ids))
        seen = set((await conn.execute(query)).scalars().all())
        return [row for row in rows if row["request_id"] not in seen]

    async def _chain(self, conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
        """Assign ids and chain hashes (under the chain lock), in place."""
        if self._head is not None:
            last, prev = self._head
            self._link(rows, range(last + 1, last + 1 + len(rows)), prev)
            return
        head = (
            await conn.execute(
                select(audit_records.c.id, audit_records.c.record_hash).order_by(audit_records.c.id.desc()).limit(1)
            )
        ).first()
        prev = (head.record_hash if head is not None else None) or GENESIS_HASH  # legacy rows: a new chain
        if self._postgres:
            ids = sorted(
                (
                    await conn.execute(
                        NEXT_IDS,
                        {"n": len(rows)},
                    )
                ).scalars()
            )
        else:
            last = head.id if head is not None else 0
            ids = list(range(last + 1, last + 1 + len(rows)))
        self._link(rows, ids, prev)

    @staticmethod
    def _link(rows: list[dict[str, Any]], ids: Sequence[int], prev: str) -> None:
        for row, row_id in zip(rows, ids, strict=True):
            row["id"] = row_id
            row["prev_hash"] = prev
            row["record_hash"] = prev = chain_hash(prev, row)


class _AlreadyStored(Exception):
    """A row of the batch was stored before (a retried or replayed batch): redo it with the existence check."""


def _first_of_each(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the first row for each request id, in batch order (the caller's rows are left untouched)."""
    seen: set[str] = set()
    unique: list[dict[str, Any]] = []
    for row in rows:
        if row["request_id"] not in seen:
            seen.add(row["request_id"])
            unique.append(dict(row))
    return unique
