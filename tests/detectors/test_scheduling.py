"""Chunked, fair, cancellable scanning (detectors/scheduling.py, and the engine wired to it)."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Sequence

import pytest

from detectors.base import DetectorError, Finding
from detectors.cache import Result
from detectors.engine import EngineOptions, ScanEngine
from detectors.scheduling import CHUNK_CHARS, OVERLAP, FairScheduler, chunk_bounds, merge, plan, unit_texts


class Emails:
    """A tiny detector: every e-mail address, and a record-level finding when 'diagnosis' appears."""

    name = "emails"
    entities = frozenset({"EMAIL_ADDRESS"})
    pattern = re.compile(r"[\w.]+@[\w.]+\.[a-z]{2,}")

    def detect(self, text: str) -> Sequence[Finding]:
        found = [Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.9, self.name) for m in self.pattern.finditer(text)]
        if "diagnosis" in text:
            found.append(Finding("SPECIAL_CATEGORY", 0, 0, 0.8, self.name, "health"))
        return found


def filler(n: int) -> str:
    return ("the committee met on tuesday to agree the budget for road repairs " * (n // 60 + 1))[:n]


def test_short_texts_are_one_chunk_and_long_ones_overlap() -> None:
    assert chunk_bounds("short text") == [(0, 10)]
    text = filler(5 * CHUNK_CHARS)
    bounds = chunk_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end - start <= CHUNK_CHARS for start, end in bounds)
    for (_, end), (start, _) in zip(bounds, bounds[1:], strict=False):
        assert end - start == OVERLAP  # consecutive chunks share OVERLAP characters


def test_units_stay_bounded_for_many_small_texts() -> None:
    texts = ["hello there"] * 10_000
    units = plan(texts)
    assert sum(len(u) for u in units) == len(texts)
    assert all(sum(p.end - p.start for p in u) <= CHUNK_CHARS for u in units)
    assert len(units) < 20


def test_an_entity_on_a_chunk_boundary_is_found_once_and_whole() -> None:
    detector = Emails()
    bounds = chunk_bounds(filler(3 * CHUNK_CHARS))
    cut = bounds[0][1]  # the first chunk's end: put an address across it
    address = "maria.okafor@northshire.gov.uk"
    text = filler(cut - 10) + " " + address + " " + filler(3 * CHUNK_CHARS)
    units = plan([text])
    results = [[tuple(detector.detect(t)) for t in unit_texts([text], u)] for u in units]
    (merged,) = merge([text], units, results)
    assert [text[f.start:f.end] for f in merged] == [address]


def test_every_chunk_contributes_and_record_findings_count_once() -> None:
    detector = Emails()
    addresses = [f"person{i}@example.org" for i in range(6)]
    text = "".join(filler(CHUNK_CHARS // 2) + " " + a + " " for a in addresses) + " diagnosis " + filler(100)
    text += " the diagnosis again "
    units = plan([text])
    assert len(units) > 3
    results = [[tuple(detector.detect(t)) for t in unit_texts([text], u)] for u in units]
    (merged,) = merge([text], units, results)
    assert [text[f.start:f.end] for f in merged if f.is_span] == addresses
    assert [f.label for f in merged if not f.is_span] == ["health"]


async def test_engine_scans_a_long_document_in_chunks_with_the_same_findings() -> None:
    addresses = [f"officer{i}@council.example.org" for i in range(12)]
    text = "".join(filler(CHUNK_CHARS // 3) + " " + a + " " for a in addresses)
    engine = ScanEngine(EngineOptions(cache_size=0), [Emails()])
    engine.start()
    try:
        (found,) = await engine.scan([text])
    finally:
        engine.close()
    assert [text[f.start:f.end] for f in found] == addresses


async def test_callers_take_turns_so_a_small_job_overtakes_a_long_queue() -> None:
    order: list[str] = []
    gate = asyncio.Event()

    async def run_unit(texts: list[str]) -> list[Result]:
        order.append(texts[0])
        await gate.wait()
        return [() for _ in texts]

    scheduler = FairScheduler(run_unit, slots=1)
    big = asyncio.ensure_future(scheduler.run("alice", [[f"a{i}"] for i in range(5)]))
    await asyncio.sleep(0)
    small = asyncio.ensure_future(scheduler.run("bob", [["b0"]]))
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(big, small)
    assert order[:3] == ["a0", "b0", "a1"]  # bob waited for one unit, not for alice's five
    assert order == ["a0", "b0", "a1", "a2", "a3", "a4"]


async def test_cancelling_a_scan_drops_its_queued_units() -> None:
    started: list[str] = []
    release = asyncio.Event()

    async def run_unit(texts: list[str]) -> list[Result]:
        started.append(texts[0])
        await release.wait()
        return [() for _ in texts]

    scheduler = FairScheduler(run_unit, slots=1)
    task = asyncio.ensure_future(scheduler.run("alice", [[f"a{i}"] for i in range(50)]))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    release.set()
    await scheduler.run("bob", [["b0"]])
    assert started == ["a0", "b0"]  # only the unit already running finished
    assert scheduler.queued == 0


class Counting:
    """Counts the characters it has been asked to scan (slowly), from any thread."""

    name = "counting"
    entities = frozenset({"X"})

    def __init__(self) -> None:
        self.chars = 0
        self.lock = threading.Lock()

    def detect(self, text: str) -> Sequence[Finding]:
        threading.Event().wait(0.02)
        with self.lock:
            self.chars += len(text)
        return []


async def test_a_timed_out_scan_stops_using_the_worker() -> None:
    counting = Counting()
    engine = ScanEngine(EngineOptions(cache_size=0, timeout_s=0.1), [counting])
    engine.start()
    try:
        with pytest.raises(DetectorError, match="timed out"):
            await engine.scan([filler(200 * CHUNK_CHARS)])
        await asyncio.sleep(0.3)  # let the unit that was running finish
        done = counting.chars
        await asyncio.sleep(0.3)
        assert counting.chars == done, "no further units of the abandoned scan ran"
        assert done < 20 * CHUNK_CHARS
    finally:
        engine.close()


async def test_small_jobs_queued_together_run_as_one_group_and_big_ones_alone() -> None:
    ran: list[list[str]] = []
    gate = asyncio.Event()

    async def run_unit(texts: list[str]) -> list[Result]:
        ran.append([texts[0]])
        await gate.wait()
        return [() for _ in texts]

    async def run_group(units: list[list[str]]) -> list[list[Result] | Exception]:
        ran.append([u[0] for u in units])
        return [[() for _ in u] if u[0] != "bad" else ValueError("one scan failed") for u in units]

    scheduler = FairScheduler(run_unit, slots=1, run_group=run_group, group_chars=64)
    first = asyncio.ensure_future(scheduler.run("alice", [["a0"]]))  # takes the worker alone
    await asyncio.sleep(0)
    waiting = [asyncio.ensure_future(scheduler.run(c, [[t]])) for c, t in
               [("bob", "b0"), ("carol", "bad"), ("dave", "d" * 60), ("erin", "e0")]]
    await asyncio.sleep(0)
    gate.set()
    await first
    results = await asyncio.gather(*waiting, return_exceptions=True)
    # callers new to the queue go first (erin, dave, carol, bob); erin's and dave's jobs fill the room,
    # carol's does not fit and waits first in line for the next group; a failed job fails only its scan
    assert ran == [["a0"], ["e0", "d" * 60], ["bad", "b0"]]
    assert isinstance(results[1], ValueError)
    assert [r for i, r in enumerate(results) if i != 1] == [[[()]], [[()]], [[()]]]
