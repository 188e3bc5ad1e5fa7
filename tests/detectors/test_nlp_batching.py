"""NER stepped with the GIL held and shared across concurrent scans (detectors/nlp.py, engine.scan_group):
the same entities and findings as running each text alone, one model call for a group, failures kept
to the scans they belong to."""

from __future__ import annotations

from typing import Any

import pytest

from detectors import nlp, scan_scope
from detectors.engine import scan_group, scan_one
from detectors.pii import PersonalDataDetector

TEXTS = [
    "Minutes of the allotment committee. Thaddeus Okonkwo-Reyes chaired and Bronwen Achterberg took notes.",
    "Ring Mr Ignatius Pemberton-Lowe on Tuesday about the damp in his kitchen, he was upset.",
    "The bridge on Mill Lane reopens in March after the council finished the repairs.",  # place, month: no person
    "Please forward this to Saoirse Vandenbroek in the licensing team before Friday.",
]


def _ents(docs: list[Any]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def test_stepped_parse_gives_the_entities_of_spacys_own_pipe(pii: PersonalDataDetector) -> None:
    model = pii._nlp
    windows = [*TEXTS, "Dr", "", "   ", "Chioma and Leopold went to Aberystwyth with Ffion."]
    assert _ents(nlp.run_ner(model, windows)) == _ents(list(model.pipe(windows)))
    assert any(label == "PERSON" for doc in _ents(nlp.run_ner(model, TEXTS)) for *_span, label in doc)


def test_a_group_of_scans_shares_one_model_call_and_finds_what_each_finds_alone(
    pii: PersonalDataDetector, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = [scan_one([pii], t) for t in TEXTS]
    calls: list[int] = []
    real = nlp._run_ner

    def counted(model: Any, texts: Any) -> list[Any]:
        calls.append(len(texts))
        return real(model, texts)

    monkeypatch.setattr(nlp, "_run_ner", counted)
    together = scan_group([pii], [[t] for t in TEXTS])
    assert together == [[r] for r in alone]
    assert len(calls) == 1 and calls[0] >= 3  # every scan that needed the model waited for the one call


def test_one_scans_error_stays_with_that_scan(pii: PersonalDataDetector) -> None:
    class Broken:
        name = "broken"
        entities = frozenset({"X"})

        def detect(self, text: str) -> list[Any]:
            if "licensing" in text:
                raise ValueError("boom")
            return []

    out = scan_group([pii, Broken()], [[t] for t in TEXTS])
    assert [isinstance(o, Exception) for o in out] == [False, False, False, True]
    assert out[0] == [scan_one([pii], TEXTS[0])]


def test_a_failing_model_call_fails_every_scan_waiting_on_it(
    pii: PersonalDataDetector, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(model: Any, texts: Any) -> list[Any]:
        raise RuntimeError("model failed")

    monkeypatch.setattr(nlp, "_run_ner", broken)
    out = scan_group([pii], [[t] for t in TEXTS[:2]])
    assert all(isinstance(o, Exception) for o in out)  # the engine turns these into a refusal (fail closed)


def test_each_scan_in_a_group_keeps_its_own_shared_work() -> None:
    seen: list[tuple[str, int]] = []

    def task(text: str) -> int:
        with scan_scope.scope(text):
            first = scan_scope.shared("len", text, len)
            nlp.run_ner(None, [text])  # pauses here until every task of the group has paused or finished
            again = scan_scope.shared("len", text, lambda t: -1)  # memoised: this scan's own value
            seen.append((text, again))
            return first + again

    real = nlp._run_ner
    try:
        nlp._run_ner = lambda model, texts: [None for _ in texts]  # type: ignore[assignment]
        texts = ["".join(["short", " one"]), "".join(["a somewhat", " longer text"])]
        out = nlp.run_together([lambda t=t: task(t) for t in texts])
    finally:
        nlp._run_ner = real  # type: ignore[assignment]
    assert out == [2 * len(t) for t in texts]
    assert sorted(seen) == sorted((t, len(t)) for t in texts)
