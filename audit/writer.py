"""Batched, off-the-request-path audit writing that never loses a row silently.

    writer = AuditWriter(engine)
    await writer.start()                 # app lifespan start-up (replays the journal, if any)
    writer.submit(event)                 # request path: no await; snapshots the event (+ one journal write)
    if not writer.healthy: refuse        # fail closed while the store is failing
    await writer.close()                 # lifespan shutdown: flushes everything pending

One background task drains the in-memory queue: whenever rows are pending it writes everything queued
(up to `max_batch`) in one transaction, so at concurrency 1 a row lands within milliseconds and under
load batches grow by themselves. It lingers up to `linger_ms` after the first pending row arrived to
gather a batch (never longer, and not at all once `max_batch` rows wait or `flush()`/`close()` is called),
so a trickle of requests does not pay one transaction each. A failed batch stays at the head of the queue
and is retried with capped exponential backoff; inserts are idempotent on `request_id`, so a batch whose
commit succeeded but whose acknowledgement was lost lands exactly once. Memory is bounded by `max_pending`;
rows beyond it are dropped and logged as `audit.dropped` with their request ids (never any other field).

Content. `submit` also snapshots `event.content` per `event.audit_level` (see `audit.content`): nothing for
`metadata`, plain for `redacted`, AES-GCM ciphertext for `full` — encrypted here, before it is queued or
journaled, and `submit` raises `ContentKeyError` for a `full` event when no key is configured (fail closed).
The record carries `content_digest`; the store links it into the hash chain (see `audit.store`).

Durability (`journal_path`). With a journal, `submit` appends the row (and its content row) to a local
append-only file before it returns, i.e. before the request is answered; a committed batch checkpoints it,
and `start()` replays whatever a killed process left uncommitted (inserts are idempotent). The journal also
lifts the memory bound: rows beyond `max_pending` stay in the file only and are read back as the queue
drains, so nothing is dropped while the disk accepts writes. `on_store_down` chooses what a failing store
means for `healthy`: "refuse" (default) fails closed as without a journal; "spool" stays healthy while the
journal accepts writes, and the rows reach the store when it returns. Spooling needs a journal.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.content import ContentKey, ContentKeyError, content_digest, content_row, load_key
from audit.events import AuditEvent
from audit.journal import Journal, JournalError, Mark
from audit.store import RowInserter

log = structlog.get_logger("steward.audit")


@dataclass(frozen=True, slots=True)
class WriterSettings:
    max_batch: int = 500  # rows per transaction
    # Wait up to this long after the first pending row to gather a batch (0: never). A SQLite batch costs ~2.5 ms
    # of CPU however small (mostly aiosqlite thread hops), so at concurrency 1 (a request every ~1-2 ms) 2 ms
    # batched nothing (bench/run.py c=1: +2.1 ms p50); 10-20 ms gathers ~6-15 rows per transaction (+1.2-1.4 ms).
    linger_ms: float = 20.0
    max_pending: int = 50_000  # rows held in memory while the store fails (~1.6 KB each); then dropped
    retry_initial_s: float = 0.05
    retry_max_s: float = 5.0
    close_timeout_s: float = 10.0  # how long close() keeps retrying a failing store before giving up
    stall_s: float = 5.0  # a write in progress for longer than this makes the writer unhealthy
    write_timeout_s: float = 10.0  # PostgreSQL statement timeout per batch (see audit.store.RowInserter)
    journal_path: Path | None = None  # local durable journal (see audit.journal); None: memory only
    journal_fsync: bool = False  # fsync each entry (survives power loss; costs a disk flush per request)
    on_store_down: Literal["refuse", "spool"] = "refuse"  # spool: stay healthy while the journal works

    def __post_init__(self) -> None:
        if self.on_store_down == "spool" and self.journal_path is None:
            raise ValueError("on_store_down='spool' needs a journal_path")
        if self.linger_ms < 0:
            raise ValueError("linger_ms must be >= 0")


# One queued row: (sequence number, row, content row or None, journal mark or None).
Item = tuple[int, dict[str, Any], dict[str, Any] | None, Mark | None]


class AuditWriter:
    def __init__(
        self, engine: AsyncEngine, settings: WriterSettings | None = None, content_key: ContentKey | None = None
    ) -> None:
        """`content_key` defaults to STEWARD_AUDIT_KEY when it is set (needed only for level `full`)."""
        self._settings = settings or WriterSettings()
        self._insert = RowInserter(engine, self._settings.write_timeout_s)
        self._key = content_key or _key_from_env()
        self._journal: Journal | None = None
        self._journal_failing = False
        self._spill_from: int | None = None  # journal offset of the first row held only in the journal
        self._spill_seq = 0  # sequence number of that row (spilled rows are contiguous, in journal order)
        self._pending: deque[Item] = deque()  # oldest first
        self._wakeup = asyncio.Event()
        self._retry_now = asyncio.Event()  # set by retry_now(): skip the rest of a retry backoff
        self._first_pending_at: float | None = None  # monotonic arrival of the first row since the last batch
        self._hurry: asyncio.Future[None] | None = None  # set while lingering; resolving it ends the linger
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

        False means: refuse new requests (fail closed) until the store accepts writes again. With
        `on_store_down="spool"` a failing store does not count while the journal accepts writes.
        """
        running = self._task is not None and not self._task.done() and not self._closing
        if not running or self._journal_failing:
            return False
        if self._settings.on_store_down == "spool":
            return True
        return not self._failing and not self._stalled()

    @property
    def spooling(self) -> bool:
        """Rows are kept in the journal while the store is down (`on_store_down="spool"`)."""
        return self._settings.on_store_down == "spool" and not self._journal_failing

    def _stalled(self) -> bool:
        since = self._writing_since
        return since is not None and time.monotonic() - since > self._settings.stall_s

    @property
    def pending(self) -> int:
        """Rows queued or failing, not yet written (including rows held only in the journal)."""
        spilled = self._submitted - self._spill_seq + 1 if self._spill_from is not None else 0
        return len(self._pending) + spilled

    @property
    def written(self) -> int:
        """Rows committed since start."""
        return self._written

    @property
    def dropped(self) -> int:
        """Rows given up on (each logged as `audit.dropped` with its request id) since start."""
        return self._dropped

    async def start(self) -> None:
        """Start writing. With a journal, first open it (JournalError if another process holds it) and queue
        every row it holds that was never committed (the previous process was killed or could not flush)."""
        if self._task is not None or self._closed:
            return
        if self._settings.journal_path is not None and self._journal is None:
            self._journal = Journal.open(self._settings.journal_path, fsync=self._settings.journal_fsync)
            replayed = sum(1 for _ in self._journal.read())
            if replayed:
                self._spill_from, self._spill_seq, self._submitted = 0, 1, replayed
                log.warning("audit.journal_replaying", count=replayed)
        self._task = asyncio.create_task(self._run(), name="steward-audit-writer")
        self._task.add_done_callback(self._on_task_done)

    def submit(self, event: AuditEvent) -> None:
        """Queue a snapshot of `event` (and journal it). Raises ValueError/TypeError for a malformed event,
        ContentKeyError for a `full` event without a key.

        A row that cannot be kept (writer closed, or `max_pending` rows already held while the store fails
        and no journal to spill to) is dropped and logged as `audit.dropped` with its request id.
        """
        row = event.to_row()
        content = content_row(row["request_id"], row["audit_level"], event.content, self._key, row["received_at"])
        if content is not None:
            row["content_digest"] = content_digest(content)
        self._submitted += 1
        if self._closed:
            self._drop([row], reason="closed")
            return
        start = self._journal.end if self._journal is not None else 0
        mark = self._journal_append(row, content)
        if self._spill_from is None and len(self._pending) < self._settings.max_pending:
            self._pending.append((self._submitted, row, content, mark))
        elif mark is not None:  # held in the journal only; read back as the queue drains
            if self._spill_from is None:
                self._spill_from, self._spill_seq = start, self._submitted
        else:
            self._drop([row], reason="queue_full")
            return
        if self._first_pending_at is None:
            self._first_pending_at = time.monotonic()
        elif len(self._pending) >= self._settings.max_batch:
            self._stop_lingering()
        self._wakeup.set()

    def _journal_append(self, row: dict[str, Any], content: dict[str, Any] | None) -> Mark | None:
        if self._journal is None:
            return None
        try:
            mark = self._journal.append(row, content)
        except JournalError as exc:
            if not self._journal_failing:
                log.error("audit.journal_failed", error=str(exc))
            self._journal_failing = True
            return None
        if self._journal_failing:
            self._journal_failing = False
            log.info("audit.journal_recovered")
        return mark

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
        self._stop_lingering()
        await future

    async def close(self) -> None:
        """Write everything pending, then stop. Rows still unwritable after `close_timeout_s` are dropped
        (without a journal) or left in the journal for the next start (logged as `audit.left_in_journal`)."""
        if self._closing:
            return
        self._closing = True
        self._stop_lingering()
        self._wakeup.set()
        if self._task is not None:
            done, _ = await asyncio.wait({self._task}, timeout=self._settings.close_timeout_s)
            if not done:  # the store is still failing: stop retrying (an in-flight batch is rolled back)
                self._task.cancel()
                await asyncio.wait({self._task})
        self._closed = True
        if self._journal is not None:
            unjournaled = [row for _, row, _, mark in self._pending if mark is None]  # the journal had failed
            self._drop(unjournaled, reason="shutdown")
            if self.pending > len(unjournaled):
                log.warning("audit.left_in_journal", count=self.pending - len(unjournaled))
            self._journal.close()
        else:
            self._drop([row for _, row, _, _ in self._pending], reason="shutdown")
        self._pending.clear()
        self._spill_from = None
        self._wake_waiters()

    async def _run(self) -> None:
        delay = self._settings.retry_initial_s
        while True:
            self._refill()
            if not self._pending:
                if self._closing:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            await self._linger()
            if await self._write_batch():
                delay = self._settings.retry_initial_s
            else:
                await self._backoff(delay)
                delay = min(delay * 2, self._settings.retry_max_s)

    def retry_now(self) -> None:
        """The store is back (a health probe answered): retry a failing batch now, not after the backoff."""
        self._retry_now.set()

    async def _backoff(self, delay: float) -> None:
        self._retry_now.clear()
        try:
            async with asyncio.timeout(delay):
                await self._retry_now.wait()
        except TimeoutError:
            pass

    async def _linger(self) -> None:
        """Wait until `linger_ms` after the first pending row arrived, unless there is reason not to wait."""
        since = self._first_pending_at
        linger_s = self._settings.linger_ms / 1000
        if (since is None or linger_s <= 0 or self._closing or self._waiters or self._failing
                or len(self._pending) >= self._settings.max_batch or self._spill_from is not None):
            return
        delay = since + linger_s - time.monotonic()
        if delay <= 0:
            return
        loop = asyncio.get_running_loop()
        hurry = self._hurry = loop.create_future()
        timer = loop.call_later(delay, _resolve, hurry)
        try:
            await hurry
        finally:
            timer.cancel()
            self._hurry = None

    def _stop_lingering(self) -> None:
        if self._hurry is not None:
            _resolve(self._hurry)

    def _refill(self) -> None:
        """Read rows held only in the journal back into the queue, oldest first, while there is room."""
        if self._spill_from is None or self._journal is None or len(self._pending) >= self._settings.max_batch:
            return
        room = self._settings.max_pending - len(self._pending)
        seq = self._spill_seq
        for entry in self._journal.read(self._spill_from):
            if room <= 0:
                break
            self._pending.append((seq, entry.row, entry.content, entry.mark))
            self._spill_from, seq, room = entry.mark.end, seq + 1, room - 1
        self._spill_seq = seq
        if seq > self._submitted:  # caught up with the journal
            self._spill_from = None

    async def _write_batch(self) -> bool:
        self._first_pending_at = None  # rows arriving from now on start the next linger
        items = list(islice(self._pending, self._settings.max_batch))
        batch = [row for _, row, _, _ in items]
        contents = [content for _, _, content, _ in items if content is not None]
        started = self._writing_since = time.monotonic()
        try:
            skipped = await self._insert(batch, contents)
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
        self._checkpoint(items[-1][3])
        if self._failing:
            self._failing = False
            log.info("audit.write_recovered", count=len(batch), pending=self.pending)
        if skipped:
            log.warning("audit.duplicate_skipped", count=len(skipped), request_ids=skipped)
        ms = round((time.monotonic() - started) * 1000, 2)
        log.debug("audit.batch_written", count=len(batch), ms=ms)
        self._wake_waiters()
        return True

    def _checkpoint(self, mark: Mark | None) -> None:
        if self._journal is None or mark is None:
            return
        try:
            self._journal.committed(mark)
        except (JournalError, OSError) as exc:  # the rows are stored; at worst they are replayed (idempotent)
            log.warning("audit.journal_checkpoint_failed", error=type(exc).__name__)

    def _drop(self, rows: list[dict[str, Any]], reason: str) -> None:
        if rows:
            ids = [row["request_id"] for row in rows]
            log.error("audit.dropped", count=len(ids), request_ids=ids, reason=reason)
            self._dropped += len(ids)

    def _settled_through(self) -> int:
        """Every row with a sequence number up to this one is written or dropped."""
        if self._pending:
            return self._pending[0][0] - 1
        if self._spill_from is not None:
            return self._spill_seq - 1
        return self._submitted

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


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _key_from_env() -> ContentKey | None:
    try:
        return load_key()
    except ContentKeyError:
        return None
