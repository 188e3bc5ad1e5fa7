"""Batched, off-the-request-path audit writing that never loses a row silently.

    writer = AuditWriter(engine)
    await writer.start()                 # app lifespan start-up
    writer.submit(event)                 # request path: no await, no I/O; snapshots the event
    if not writer.healthy: refuse        # fail closed while the store is failing
    await writer.close()                 # lifespan shutdown: flushes everything pending

One background task drains the in-memory queue: whenever rows are pending it writes everything queued
(up to `max_batch`) in one transaction, so at concurrency 1 a row lands within milliseconds and under
load batches grow by themselves. A failed batch stays at the head of the queue and is retried with
capped exponential backoff; inserts are idempotent on `request_id`, so a batch whose commit succeeded
but whose acknowledgement was lost lands exactly once. Memory is bounded by `max_pending`; rows beyond it
are dropped and logged as `audit.dropped` with their request ids (never any other field).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.events import AuditEvent
from audit.store import RowInserter

log = structlog.get_logger("steward.audit")


@dataclass(frozen=True, slots=True)
class WriterSettings:
    max_batch: int = 500  # rows per transaction
    max_pending: int = 50_000  # rows held in memory while the store fails (~1.6 KB each); then dropped
    retry_initial_s: float = 0.05
    retry_max_s: float = 5.0
    close_timeout_s: float = 10.0  # how long close() keeps retrying a failing store before giving up
    stall_s: float = 5.0  # a write in progress for longer than this makes the writer unhealthy
    write_timeout_s: float = 10.0  # PostgreSQL statement timeout per batch (see audit.store.RowInserter)


class AuditWriter:
    def __init__(self, engine: AsyncEngine, settings: WriterSettings | None = None) -> None:
        self._settings = settings or WriterSettings()
        self._insert = RowInserter(engine, self._settings.write_timeout_s)
        self._pending: deque[tuple[int, dict[str, Any]]] = deque()  # (sequence number, row), oldest first
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._closed = False
        self._failing = False
        self._writing_since: float | None = None  # monotonic start of the write in progress
        self._submitted = 0  # rows accepted by submit(), ever; also the last sequence number
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._written = 0
        self._dropped = 0

    @property
    def healthy(self) -> bool:
        """True while running, no write has failed since the last success and none is stalled.

        False means: refuse new requests (fail closed) until the store accepts writes again.
        """
        running = self._task is not None and not self._task.done() and not self._closing
        return running and not self._failing and not self._stalled()

    def _stalled(self) -> bool:
        since = self._writing_since
        return since is not None and time.monotonic() - since > self._settings.stall_s

    @property
    def pending(self) -> int:
        """Rows queued or failing, not yet written."""
        return len(self._pending)

    @property
    def written(self) -> int:
        """Rows committed since start."""
        return self._written

    @property
    def dropped(self) -> int:
        """Rows given up on (each logged as `audit.dropped` with its request id) since start."""
        return self._dropped

    async def start(self) -> None:
        if self._task is None and not self._closed:
            self._task = asyncio.create_task(self._run(), name="steward-audit-writer")
            self._task.add_done_callback(self._on_task_done)

    def submit(self, event: AuditEvent) -> None:
        """Queue a snapshot of `event`; no I/O. Raises ValueError/TypeError only for a malformed event.

        A row that cannot be kept (writer closed, or `max_pending` rows already held while the store
        fails) is dropped and logged as `audit.dropped` with its request id.
        """
        row = event.to_row()
        self._submitted += 1
        if self._closed:
            self._drop([row], reason="closed")
        elif len(self._pending) >= self._settings.max_pending:
            self._drop([row], reason="queue_full")
        else:
            self._pending.append((self._submitted, row))
            self._wakeup.set()

    async def flush(self) -> None:
        """Wait until every row submitted before this call is written (or dropped and logged).

        Waits as long as the store keeps failing; bound it with `asyncio.timeout` where that matters.
        """
        target = self._submitted
        if self._settled_through() >= target:
            return
        if self._task is None or self._task.done():
            raise RuntimeError("audit writer is not running")
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((target, future))
        await future

    async def close(self) -> None:
        """Write everything pending, then stop. Rows still unwritable after `close_timeout_s` are dropped."""
        if self._closing:
            return
        self._closing = True
        self._wakeup.set()
        if self._task is not None:
            done, _ = await asyncio.wait({self._task}, timeout=self._settings.close_timeout_s)
            if not done:  # the store is still failing: stop retrying (an in-flight batch is rolled back)
                self._task.cancel()
                await asyncio.wait({self._task})
        self._closed = True
        self._drop([row for _, row in self._pending], reason="shutdown")
        self._pending.clear()
        self._wake_waiters()

    async def _run(self) -> None:
        delay = self._settings.retry_initial_s
        while True:
            if not self._pending:
                if self._closing:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            if await self._write_batch():
                delay = self._settings.retry_initial_s
            else:
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._settings.retry_max_s)

    async def _write_batch(self) -> bool:
        batch = [row for _, row in islice(self._pending, self._settings.max_batch)]
        started = self._writing_since = time.monotonic()
        try:
            skipped = await self._insert(batch)
        except Exception as exc:  # any store failure, or a hung store: keep the rows, report, retry
            self._failing = True
            error = type(exc).__name__
            log.warning("audit.write_failed", error=error, count=len(batch), pending=self.pending)
            return False
        finally:
            self._writing_since = None
        for _ in batch:
            self._pending.popleft()
        self._written += len(batch)
        if self._failing:
            self._failing = False
            log.info("audit.write_recovered", count=len(batch), pending=self.pending)
        if skipped:
            log.warning("audit.duplicate_skipped", count=len(skipped), request_ids=skipped)
        ms = round((time.monotonic() - started) * 1000, 2)
        log.debug("audit.batch_written", count=len(batch), ms=ms)
        self._wake_waiters()
        return True

    def _drop(self, rows: list[dict[str, Any]], reason: str) -> None:
        if rows:
            ids = [row["request_id"] for row in rows]
            log.error("audit.dropped", count=len(ids), request_ids=ids, reason=reason)
            self._dropped += len(ids)

    def _settled_through(self) -> int:
        """Every row with a sequence number up to this one is written or dropped."""
        return self._pending[0][0] - 1 if self._pending else self._submitted

    def _wake_waiters(self) -> None:
        through = self._settled_through()
        keep: list[tuple[int, asyncio.Future[None]]] = []
        for target, future in self._waiters:
            if future.done():  # the caller gave up (cancelled)
                continue
            if target > through and not self._closed:
                keep.append((target, future))
            else:
                future.set_result(None)
        self._waiters = keep

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        error = None if task.cancelled() else task.exception()
        if error is None:
            return
        log.error("audit.writer_crashed", error=type(error).__name__, pending=self.pending)
        for _, future in self._waiters:
            if not future.done():
                future.set_exception(RuntimeError("audit writer stopped"))
        self._waiters = []
