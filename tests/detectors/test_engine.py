"""ScanEngine: overlap resolution, result cache, fail-closed errors and timeouts, event-loop
friendliness, the process pool, the default registry, and a start with the network blocked."""

from __future__ import annotations

import asyncio
import pickle
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from detectors import registry
from detectors.base import DetectorError, Finding
from detectors.engine import EngineOptions, ScanEngine
from detectors.overlap import resolve_overlaps
from detectors.pii import PersonalDataDetector


@dataclass
class WordDetector:
    """Flags every occurrence of `word`; counts calls (picklable, so it also runs in a pool)."""

    word: str = "secret"
    entity: str = "PERSON"
    name: str = "word"
    entities: frozenset[str] = frozenset({"PERSON"})
    calls: list[str] = field(default_factory=list)

    def detect(self, text: str) -> Sequence[Finding]:
        self.calls.append(text)
        out, i = [], text.find(self.word)
        while i >= 0:
            out.append(Finding(self.entity, i, i + len(self.word), 0.9, self.name))
            i = text.find(self.word, i + 1)
        return out


class Boom:
    name = "boom"
    entities = frozenset({"PERSON"})

    def detect(self, text: str) -> Sequence[Finding]:
        raise ValueError(f"cannot parse {text}")


class Slow:
    name = "slow"
    entities = frozenset({"PERSON"})

    def detect(self, text: str) -> Sequence[Finding]:
        time.sleep(0.5)
        return []


def F(entity: str, start: int, end: int, score: float = 0.8, label: str = "") -> Finding:  # noqa: N802
    return Finding(entity, start, end, score, "t", label)


# --- overlap resolution -------------------------------------------------------------------------

TEXT = "0123456789abcdefghijklmnopqrstuvwxyz"


def test_contained_lower_priority_span_is_absorbed() -> None:
    out = resolve_overlaps(TEXT, [F("PERSON", 0, 10, 0.9), F("UK_POSTCODE", 2, 5, 0.5)])
    assert out == [F("PERSON", 0, 10, 0.9)]


def test_partial_overlap_is_carved_so_the_union_stays_covered() -> None:
    out = resolve_overlaps(TEXT, [F("PERSON", 0, 6, 0.9), F("STREET_ADDRESS", 4, 12, 0.5)])
    assert [(f.entity, f.start, f.end) for f in out] == [("PERSON", 0, 6), ("STREET_ADDRESS", 6, 12)]


def test_higher_span_inside_lower_splits_it_in_two() -> None:
    out = resolve_overlaps(TEXT, [F("STREET_ADDRESS", 0, 20, 0.5), F("UK_POSTCODE", 8, 12, 1.0)])
    assert [(f.entity, f.start, f.end) for f in out] == [
        ("STREET_ADDRESS", 0, 8), ("UK_POSTCODE", 8, 12), ("STREET_ADDRESS", 12, 20)
    ]


def test_secret_beats_personal_data_whatever_the_score() -> None:
    out = resolve_overlaps(TEXT, [F("EMAIL_ADDRESS", 0, 10, 1.0), F("SECRET", 3, 8, 0.1, "password")])
    assert ("SECRET", 3, 8) in [(f.entity, f.start, f.end) for f in out]


def test_punctuation_only_fragment_dropped_and_record_findings_passed_through() -> None:
    text = "Ann Bo, Flat 2"
    record = F("SPECIAL_CATEGORY", 0, len(text), 0.7, "health")
    out = resolve_overlaps(text, [F("PERSON", 0, 6, 0.9), F("STREET_ADDRESS", 0, 8, 0.5), record])
    assert [(f.entity, f.start, f.end) for f in out if f.is_span] == [("PERSON", 0, 6)]
    assert out[-1] == record


# --- cache ----------------------------------------------------------------------------------------

def _own_calls(det: WordDetector, texts: list[str]) -> int:
    """Detector calls on the given texts (the engine also scans the junctions between them)."""
    return sum(1 for c in det.calls if c in texts)


async def test_repeated_text_is_served_from_cache() -> None:
    det = WordDetector()
    engine = ScanEngine(EngineOptions(cache_size=8), [det])
    first = await engine.scan(["a secret here", "nothing"])
    second = await engine.scan(["a secret here", "nothing", "a secret here"])
    engine.close()
    assert _own_calls(det, ["a secret here", "nothing"]) == 2   # junction windows are other texts
    assert second == [first[0], first[1], first[0]]
    assert first[0] == [Finding("PERSON", 2, 8, 0.9, "word")]


def test_cache_is_bounded_and_stores_no_text() -> None:
    det = WordDetector()
    engine = ScanEngine(EngineOptions(cache_size=2), [det])
    engine.scan_sync(["secret one", "secret two", "secret three", "secret one"])
    assert len(engine.cache) == 2
    texts = ["secret one", "secret two", "secret three"]
    assert _own_calls(det, texts) == 4                # "secret one" was evicted, then scanned again
    stored = repr(list(engine.cache._data.items()))
    assert "secret" not in stored and "one" not in stored


def test_cache_disabled_with_size_zero() -> None:
    det = WordDetector()
    engine = ScanEngine(EngineOptions(cache_size=0), [det])
    engine.scan_sync(["secret", "secret"])
    assert _own_calls(det, ["secret"]) == 2 and len(engine.cache) == 0


# --- fail closed ------------------------------------------------------------------------------

async def test_detector_exception_raises_detector_error_without_text() -> None:
    engine = ScanEngine(EngineOptions(), [WordDetector(), Boom()])
    with pytest.raises(DetectorError) as info:
        await engine.scan(["my private words"])
    engine.close()
    assert "boom" in str(info.value) and "private" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


async def test_empty_inputs() -> None:
    engine = ScanEngine(EngineOptions(), [WordDetector()])
    assert await engine.scan([]) == []
    assert await engine.scan([""]) == [[]]
    engine.close()


def test_scan_sync_also_fails_closed() -> None:
    with pytest.raises(DetectorError):
        ScanEngine(EngineOptions(), [Boom()]).scan_sync(["x"])


async def test_timeout_raises_detector_error_and_caches_nothing() -> None:
    engine = ScanEngine(EngineOptions(timeout_s=0.1), [Slow()])
    with pytest.raises(DetectorError, match="timed out"):
        await engine.scan(["x"])
    engine.close()
    assert len(engine.cache) == 0


async def test_scan_does_not_block_the_event_loop() -> None:
    engine = ScanEngine(EngineOptions(timeout_s=5), [Slow()])
    engine.start()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    task = asyncio.create_task(ticker())
    await engine.scan(["x"])
    task.cancel()
    engine.close()
    assert ticks >= 10


async def test_process_pool_scans_a_batch_in_order() -> None:
    engine = ScanEngine(EngineOptions(workers=2, timeout_s=60), [WordDetector()])
    engine.start()
    engine.start()                                    # idempotent
    texts = [f"{'secret ' * (i % 3)}text {i}" for i in range(9)]
    results = await engine.scan(texts)
    engine.close()
    assert [len(r) for r in results] == [i % 3 for i in range(9)]


async def test_process_pool_propagates_detector_failure() -> None:
    engine = ScanEngine(EngineOptions(workers=1, timeout_s=60), [Boom()])
    engine.start()
    with pytest.raises(DetectorError):
        await engine.scan(["x"])
    engine.close()


async def test_logs_never_carry_text_or_values() -> None:
    from structlog.testing import capture_logs

    text = "Name: Wilf Aldana, wilf.aldana@example.co.uk, 07700 900123"
    with capture_logs() as logs:
        engine = ScanEngine(EngineOptions(), [PersonalDataDetector(None), Boom()])
        engine.start()
        with pytest.raises(DetectorError):
            await engine.scan([text])
        engine.close()
    dumped = repr(logs)
    assert logs and not any(v in dumped for v in ("Wilf", "Aldana", "example.co.uk", "900123"))


async def test_pool_timeout_replaces_the_pool() -> None:
    engine = ScanEngine(EngineOptions(workers=1, timeout_s=0.2), [Slow()])
    engine.start()
    with pytest.raises(DetectorError, match="timed out"):
        await engine.scan(["x"])
    assert engine._executor is None
    engine.close()


# --- registry, pickling, no network ----------------------------------------------------------

def test_registry_runs_every_detector_class() -> None:
    dets = registry.default_detectors(EngineOptions())
    assert [d.name for d in dets] == ["personal_data", "secrets", "security_marking", "special_category",
                                      "prohibited_use", "structure"]


def test_personal_data_detector_pickles_without_its_model(pii: PersonalDataDetector) -> None:
    clone = pickle.loads(pickle.dumps(pii))
    assert clone._nlp is None and clone.spacy_model == pii.spacy_model


async def test_engine_builds_starts_and_scans_with_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network blocked in test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    from detectors import pii_contact

    pii_contact._offline_extractor.cache_clear()
    engine = ScanEngine(EngineOptions())
    engine.start()
    text = "Name: Wilf Aldana, email wilf.aldana@example.co.uk, see https://www.anytown.gov.uk/help"
    [findings] = await engine.scan([text])
    engine.close()
    entities = {(f.entity, text[f.start:f.end]) for f in findings}
    assert ("EMAIL_ADDRESS", "wilf.aldana@example.co.uk") in entities
    assert ("PERSON", "Wilf Aldana") in entities
