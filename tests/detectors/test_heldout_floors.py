"""Floors on the probe rounds in tests/heldout_probes (texts written for Steward; see its README)."""

from __future__ import annotations

import pytest

from bench import eval_probes as ep
from detectors.normalize import normalise
from detectors.output_screen import OutputScreen
from detectors.prohibited import ProhibitedUseDetector
from detectors.special_category import SpecialCategoryDetector

ROUNDS = ["", "round2_"]


@pytest.fixture(params=ROUNDS)
def probe_round(request: pytest.FixtureRequest) -> str:
    ep.PREFIX[0] = request.param
    return str(request.param)


def test_prohibited_decisions(probe_round: str) -> None:
    det = ProhibitedUseDetector()
    rows = ep.load("decisions.tsv")
    got = [(gold, {f.label for f in det.detect(normalise(text).text)}) for _, gold, text in rows]
    tp = sum(1 for gold, labels in got if gold != "-" and labels)
    fp = sum(1 for gold, labels in got if gold == "-" and labels)
    positives = sum(1 for gold, _ in got if gold != "-")
    right = sum(1 for gold, labels in got if gold != "-" and gold in labels)
    assert tp / positives >= 0.92 and tp / max(1, tp + fp) >= 0.95 and right / max(1, tp) >= 0.85


def test_special_category(probe_round: str) -> None:
    det = SpecialCategoryDetector()
    tp = fp = fn = 0
    for _, gold, text in ep.load("special_category.tsv"):
        labels = {f.label for f in det.detect(normalise(text).text)} - {"criminal_offence"}
        if gold == "-":
            fp += bool(labels)
        else:
            tp, fn, fp = tp + (gold in labels), fn + (gold not in labels), fp + bool(labels - {gold})
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9


def test_output_screen(probe_round: str) -> None:
    withheld: dict[str, list[bool]] = {"discriminatory": [], "ordinary": []}
    for _, gold, text in ep.load("output.tsv"):
        screen = OutputScreen()
        found = [f for i in range(0, len(text), 9) for f in screen.feed(text[i : i + 9])] + screen.finish()
        withheld[gold].append(bool(found))
    bad, ok = withheld["discriminatory"], withheld["ordinary"]
    assert sum(bad) / len(bad) >= 0.9 and sum(ok) / len(ok) <= 0.05
