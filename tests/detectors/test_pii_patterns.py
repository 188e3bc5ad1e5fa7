"""The pattern runner gives exactly what Presidio's own `analyze` gives, and its cue prefilter is sound."""

from __future__ import annotations

import pytest

from detectors.pii_context import context_recognizers
from detectors.pii_ids import cued, id_recognizers
from detectors.pii_intl import intl_recognizers
from detectors.pii_patterns import PatternRunner, cue_of

TEXTS = [
    "Resident born on 3 March 1987, lives at 41 Harrowgate Lane, Tamworth B77 2QX.",
    "Passport number: 531092874 and sort code 20-45-77, account no. 41939920 for the refund.",
    "The fleet van reg: LK19 ZPN was towed; vrm YD63 KEA was not.",
    "SSN 536-22-1947 came up in the US tenancy file; a D.O.B of 14/02/1990 was also noted.",
    "Nothing personal in here at all, just a note about the bin rota on 12/03/2026.",
    "Contact m.okonkwo@example.org or 192.168.4.21 about NI number QQ 12 34 56 C.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_runner_matches_presidio(text: str) -> None:
    for recognizer in [*id_recognizers(), *context_recognizers(), *intl_recognizers()]:
        entity = recognizer.supported_entities[0]
        want = sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, entities=[entity]))
        got = sorted((r.start, r.end, r.score) for r in PatternRunner(recognizer).analyze(text))
        assert got == want, recognizer.name


def test_cue_is_recovered_from_a_cued_pattern() -> None:
    assert cue_of(cued(r"\bref(?:erence)?:? ", r"\d{6}")) == r"\bref(?:erence)?:? "
    assert cue_of(r"\b\d{6}\b") is None
    assert cue_of("(?=a)b") is None


def test_text_without_the_cue_skips_the_pattern_but_not_the_match() -> None:
    [dob] = context_recognizers()[:1]
    runner = PatternRunner(dob)
    assert runner.analyze("The meeting is on 4 June 2025.") == []
    assert [(r.start, r.end) for r in runner.analyze("dob: 4 June 1961")] == [(5, 16)]
