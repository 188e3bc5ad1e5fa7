"""Fair, bounded scheduling of scan work: chunking, per-caller queues, real cancellation.

    plan(texts)          long texts -> overlapping chunks; short texts -> batches; each unit <= CHUNK_CHARS
    FairScheduler.run    units of one caller queue behind each other; callers take turns for the workers
    merge(...)           chunk findings shifted back into their text, de-duplicated across the overlaps

Why: detectors are CPU-bound and a worker cannot be interrupted mid-text. Cutting the work into units of
at most CHUNK_CHARS characters bounds how long any unit holds a worker (tens of milliseconds), so

- one caller's 9 MB document never delays another caller's prompt by more than about one unit: callers
  take turns (round robin) for each free worker, and a caller's own units run in order;
- a scan that times out, or whose client went away, is cancelled for real: its units that have not
  started are dropped from the queue (at most the units already running finish, then the worker is free);
- long documents are scanned in parallel across workers and in time linear in their length (detector
  cost grows faster than linearly with the length of one text).

With a `run_group`, a free worker takes the next jobs in turn order while they fit in CHUNK_CHARS
characters together, and runs them as one group (the engine shares their NER model calls, see
`detectors.nlp.run_together`): a group holds a worker no longer than one full unit would, so the bound
above stands, and concurrent small prompts (the common case) pay the model's fixed cost once.

A chunk overlaps the next by OVERLAP characters and each chunk "owns" the findings that start in its
half of the overlaps, so an entity cut by one boundary is found whole in the neighbouring chunk.
Record-level findings (special category, prohibited use) from any chunk count for the whole text.
The caller is whatever the gateway put in `scan_caller` (the authenticated user) for this task.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from detectors.base import Finding
from detectors.cache import Result

CHUNK_CHARS = 16_000
OVERLAP = 1_000
_BREAK_WINDOW = 200  # look back this far for whitespace to cut at, so words stay whole

scan_caller: ContextVar[str] = ContextVar("steward_scan_caller", default="")


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of text `index`: text[start:end], keeping findings that start in [own_start, own_end)."""

    index: int
    start: int
    end: int
    own_start: int
    own_end: int


def _cut(text: str, at: int) -> int:
    """A cut point at or a little before `at`, on whitespace when there is some nearby."""
    space = max(text.rfind(" ", at - _BREAK_WINDOW, at), text.rfind("\n", at - _BREAK_WINDOW, at))
    return space + 1 if space > 0 else at


def chunk_bounds(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP) -> list[tuple[int, int]]:
    """(start, end) of overlapping chunks covering `text`; one chunk when it is short enough."""
    if len(text) <= size:
        return [(0, len(text))]
    bounds: list[tuple[int, int]] = []
    start = 0
    while True:
        end = len(text) if len(text) - start <= size else _cut(text, start + size)
        bounds.append((start, end))
        if end >= len(text):
            return bounds
        start = max(end - overlap, start + 1)


def _pieces(index: int, text: str) -> list[Piece]:
    bounds = chunk_bounds(text)
    out = []
    for k, (start, end) in enumerate(bounds):
        own_start = 0 if k == 0 else (start + bounds[k - 1][1]) // 2
        own_end = len(text) + 1 if k == len(bounds) - 1 else (bounds[k + 1][0] + end) // 2
        out.append(Piece(index, start, end, own_start, own_end))
    return out


def plan(texts: Sequence[str]) -> list[list[Piece]]:
    """Units of work: each a list of pieces totalling at most CHUNK_CHARS characters (or one chunk)."""
    units: list[list[Piece]] = [[]]
    size = 0
    for index, text in enumerate(texts):
        for piece in _pieces(index, text):
            length = piece.end - piece.start
            if units[-1] and size + length > CHUNK_CHARS:
                units.append([])
                size = 0
            units[-1].append(piece)
            size += length
    return [u for u in units if u]


def unit_texts(texts: Sequence[str], unit: list[Piece]) -> list[str]:
    return [texts[p.index][p.start:p.end] for p in unit]


def merge(texts: Sequence[str], units: list[list[Piece]], results: list[list[Result]]) -> list[Result]:
    """One result per text: each piece's findings moved back to text offsets, owned spans kept, record-level
    findings de-duplicated, overlaps at the seams resolved."""
    found: list[list[Finding]] = [[] for _ in texts]
    whole: list[bool] = [False for _ in texts]
    for unit, unit_results in zip(units, results, strict=True):
        for piece, result in zip(unit, unit_results, strict=True):
            if piece.start == 0 and piece.end == len(texts[piece.index]):
                whole[piece.index] = True
                found[piece.index].extend(result)
                continue
            for f in result:
                shifted = replace(f, start=f.start + piece.start, end=f.end + piece.start)
                if not f.is_span or piece.own_start <= shifted.start < piece.own_end:
                    found[piece.index].append(shifted)
    return [tuple(found[i]) if whole[i] else _seams(found[i]) for i in range(len(texts))]


def _seams(findings: list[Finding]) -> Result:
    """Each chunk's spans are already non-overlapping; only an entity across a seam can overlap a span of the
    next chunk. One sweep in start order keeps the higher-scoring of two overlapping spans (linear, unlike a
    general overlap resolution over a whole document's findings), then the record-level findings."""
    kept: list[Finding] = []
    for f in sorted((f for f in findings if f.is_span), key=lambda f: (f.start, -f.end)):
        if kept and f.start < kept[-1].end:
            if f.score > kept[-1].score:
                kept[-1] = f
            continue
        kept.append(f)
    return tuple(kept + [f for f in _dedupe_records(findings) if not f.is_span])


def _dedupe_records(findings: list[Finding]) -> list[Finding]:
    """Record-level findings: one per (entity, label, detector), the highest score."""
    best: dict[tuple[str, str, str], Finding] = {}
    spans = []
    for f in findings:
        if f.is_span:
            spans.append(f)
            continue
        key = (f.entity, f.label, f.detector)
        if key not in best or f.score > best[key].score:
            best[key] = f
    return spans + list(best.values())


RunUnit = Callable[[list[str]], Awaitable[list[Result]]]
RunGroup = Callable[[list[list[str]]], Awaitable[list["list[Result] | Exception"]]]


@dataclass
class Ticket:
    """What became of one scan's units: `running` counts those on a worker right now."""

    running: int = 0


@dataclass(eq=False)
class _Job:
    texts: list[str]
    future: asyncio.Future[list[Result]]
    ticket: Ticket


@dataclass
class FairScheduler:
    """Round-robin over callers for `slots` workers; each caller's jobs run in arrival order. A caller
    that had nothing queued goes to the front, so a small prompt waits for at most the units already
    running, whatever is queued."""

    run_unit: RunUnit
    slots: int
    run_group: RunGroup | None = None   # several jobs on one worker at once: per job, results or its error
    group_chars: int = CHUNK_CHARS
    _queues: dict[str, deque[_Job]] = field(default_factory=dict)
    _turns: deque[str] = field(default_factory=deque)
    _busy: int = 0
    _tasks: set[asyncio.Future[None]] = field(default_factory=set)

    async def run(self, caller: str, units: list[list[str]], ticket: Ticket | None = None) -> list[list[Result]]:
        """Results per unit, in order. Cancelling this call drops its units that have not started."""
        loop = asyncio.get_running_loop()
        ticket = ticket or Ticket()
        jobs = [_Job(texts, loop.create_future(), ticket) for texts in units]
        queue = self._queues.setdefault(caller, deque())
        if not queue and caller not in self._turns:
            self._turns.appendleft(caller)  # a caller with nothing queued goes next (new-flow priority)
        queue.extend(jobs)
        self._pump()
        try:
            return list(await asyncio.gather(*(job.future for job in jobs)))
        finally:
            for job in jobs:
                job.future.cancel()  # no-op for finished jobs; queued ones are skipped by _pump

    @property
    def queued(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def _next(self, room: int | None = None) -> _Job | None:
        """The next live job in turn order; with `room`, only if it has at most that many characters
        (otherwise it stays first in line)."""
        while self._turns:
            caller = self._turns[0]
            queue = self._queues[caller]
            job = queue[0]
            if room is not None and not job.future.cancelled() and _chars(job) > room:
                return None
            self._turns.popleft()
            queue.popleft()
            if queue:
                self._turns.append(caller)
            else:
                del self._queues[caller]
            if not job.future.cancelled():
                return job
        return None

    def _pump(self) -> None:
        while self._busy < self.slots:
            job = self._next()
            if job is None:
                return
            group = [job]
            if self.run_group is not None:
                size = _chars(job)
                while (more := self._next(self.group_chars - size)) is not None:
                    group.append(more)
                    size += _chars(more)
            self._busy += 1
            task = asyncio.ensure_future(self._execute(group))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _execute(self, group: list[_Job]) -> None:
        try:
            outcomes = await self._outcomes(group)
            for job, outcome in zip(group, outcomes, strict=True):
                if job.future.done():
                    continue
                if isinstance(outcome, Exception):
                    job.future.set_exception(outcome)
                else:
                    job.future.set_result(outcome)
        finally:
            with contextlib.suppress(RuntimeError):  # the loop is closing
                self._pump()

    async def _outcomes(self, group: list[_Job]) -> list[list[Result] | Exception]:
        """Per job, its results or the error to hand to its scan; frees the worker slot when done."""
        for job in group:
            job.ticket.running += 1
        try:
            if len(group) == 1 or self.run_group is None:
                return [await self.run_unit(group[0].texts)]
            return await self.run_group([job.texts for job in group])
        except asyncio.CancelledError:
            for job in group:
                job.future.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - handed to the waiting scans, which fail closed
            return [exc for _ in group]
        finally:
            for job in group:
                job.ticket.running -= 1
            self._busy -= 1


def _chars(job: _Job) -> int:
    return sum(len(t) for t in job.texts)
