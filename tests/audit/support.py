"""Shared helpers for the audit tests: sample events, and real ways for a store to fail.

Failures are produced for real, never mocked: the table disappears (renamed away), another session holds a
lock (a hung store), or a TCP relay stops forwarding (a network partition).
"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from audit.events import AuditEvent
from audit.writer import AuditWriter, WriterSettings

FAST_RETRY = WriterSettings(retry_initial_s=0.01, retry_max_s=0.05, close_timeout_s=5.0)
BST = timezone(timedelta(hours=1))

# Values that must reach the database but never the application log.
SEEDED = {
    "user_agent": "SeedAgent/9.9 canary-ua-7f3a",
    "display_name": "Canary Person Q7",
    "department": "Canary Department Z3",
    "client_ip": "203.0.113.77",
    "model_requested": "canary-model-x9",
}
SEEDED_META = {"os": "CanaryOS-k2", "runtime": "canary-runtime-p4"}


def full_event(request_id: str = "req-full") -> AuditEvent:
    received = datetime(2026, 11, 26, 15, 30, 1, 123456, tzinfo=BST)
    return AuditEvent(
        request_id=request_id,
        received_at=received,
        upstream_first_byte_at=received + timedelta(milliseconds=250),
        completed_at=received + timedelta(seconds=1, microseconds=5),
        user_id="u-123",
        display_name="Ada Lovelace",
        roles=("caseworker", "reviewer"),
        department="Adult Social Care",
        key_id="stw_ab12cd",
        client_ip="192.0.2.10",
        user_agent="OpenAI/Python 3.51.0",
        client_meta={
            "os": "Linux",
            "arch": "x64",
            "runtime": "CPython",
            "runtime-version": "3.11.7",
            "package-version": "3.51.0",
            "lang": "python",
            "retry-count": "0",
        },
        tool="azure-openai-uk",
        model_requested="gpt-4o-mini",
        model_reported="gpt-4o-mini-2024-07-18",
        endpoint="chat.completions",
        stream=True,
        decision="allowed",
        reason_code=None,
        policy_clause="7.2",
        http_status=200,
        prompt_tokens=12,
        completion_tokens=34,
        total_tokens=46,
        latency_ms=1000.25,
        upstream_latency_ms=750.5,
        findings={"UK_NHS": 2, "PERSON": 1},
        use_case="casework-summary",
        policy_version="sha256:" + "0" * 64,
    )


def record_event(request_id: str, level: str = "metadata", retention_days: int | None = 30) -> AuditEvent:
    """An event with every records field (issue 5) filled in."""
    ev = full_event(request_id)
    ev.received_at = datetime.now(UTC)
    ev.outcome = "redacted"
    ev.reasons = [{"code": "pii_redacted", "clause": "10.3", "message": "Personal data was redacted."}]
    ev.categories = ["personal_data"]
    ev.findings_detail = [
        {"entity": "UK_NHS", "label": "NHS number", "count": 2, "detectors": ["pii_ids"], "max_score": 0.95},
        {"entity": "PERSON", "label": "Person name", "count": 1, "detectors": ["pii_names", "nlp"], "max_score": 0.7},
    ]
    ev.disclosure_shown = True
    ev.session_id = "sess-42"
    ev.audit_level = level
    ev.retention_days = retention_days
    ev.energy_wh = 0.123
    ev.co2e_g = 0.0256
    return ev


def minimal_event(request_id: str) -> AuditEvent:
    now = datetime.now(UTC)
    return AuditEvent(request_id=request_id, received_at=now, endpoint="models", decision="allowed")


async def flushed(w: AuditWriter) -> None:
    """flush() waits as long as the store fails; a test must fail instead of hanging."""
    async with asyncio.timeout(10):
        await w.flush()


class StoreOutage:
    """A real store failure: the table disappears (renamed away) and comes back."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def begin(self) -> None:
        await self._rename("audit_records", "audit_records_away")

    async def end(self) -> None:
        await self._rename("audit_records_away", "audit_records")

    async def _rename(self, old: str, new: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))


class StoreHang:
    """A real hung store: another session holds a lock the writer's INSERT must wait for."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sqlite: sqlite3.Connection | None = None
        self._pg: AsyncConnection | None = None

    async def begin(self) -> None:
        if self.engine.dialect.name == "sqlite":
            self._sqlite = sqlite3.connect(str(self.engine.url.database), isolation_level=None)
            self._sqlite.execute("BEGIN IMMEDIATE")  # holds the write lock; the writer busy-waits
        else:
            self._pg = await self.engine.connect()
            await self._pg.execute(text("LOCK TABLE audit_records IN ACCESS EXCLUSIVE MODE"))

    async def end(self) -> None:
        if self._sqlite is not None:
            self._sqlite.execute("ROLLBACK")
            self._sqlite.close()
        if self._pg is not None:
            await self._pg.rollback()
            await self._pg.close()


class FrozenNetwork:
    """A TCP relay in front of PostgreSQL that can stop relaying: a partition where nothing errors."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    def freeze(self) -> None:
        self._flowing.clear()

    def thaw(self) -> None:
        self._flowing.set()

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self._target)
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(src, dst))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        try:
            while data := await src.read(65536):
                await self._flowing.wait()
                dst.write(data)
                await dst.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            dst.close()
