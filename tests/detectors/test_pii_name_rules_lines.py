"""Rules restricted to the lines their hint matches find exactly what they find over the whole text."""

from __future__ import annotations

import random

import pytest

from detectors.pii_name_rules import RULES, OnLines

LINES = [
    "Applicant: Morwenna Treloar (daughter) phoned twice",
    "  signed -  Dr Kofi Asante-Boateng",
    "Bartholomew Quist said the boiler was fixed.",
    "Ines Carvalho's mobile number changed last week",
    "Meeting at 14:20 - agenda attached",
    "the list: apples, pears, Plums",
    "Caseworker = Yusuf Demir; Manager: Helena Marsh",
    "nothing to see here - honestly",
    "Tenant:\tAlasdair de la Haye",
    "",
]


@pytest.mark.parametrize("seed", range(40))
def test_line_restricted_rules_match_whole_text(seed: int) -> None:
    rng = random.Random(seed)
    text = "\n".join(rng.choice(LINES) for _ in range(rng.randint(1, 8)))
    for _name, rule in RULES:
        if isinstance(rule, OnLines):
            assert [m.span(1) for m in rule.finditer(text)] == [m.span(1) for m in rule.pattern.finditer(text)]


def test_hinted_rules_still_fire() -> None:
    text = "Applicant: Morwenna Treloar\nBartholomew Quist said hello. Ines Carvalho's address is known."
    found = {name: [text[m.start(1):m.end(1)] for m in rule.finditer(text)] for name, rule in RULES}
    assert found["field"] == ["Morwenna Treloar"]
    assert found["name_then_verb"] == ["Bartholomew Quist"]
    assert found["possessive_attribute"] == ["Ines Carvalho"]


def test_caseless_field_values_on_hinted_lines_match_whole_text() -> None:
    from detectors.pii_name_case import _FIELD_VALUE, _FIELD_VALUE_LINES

    rng = random.Random(11)
    lines = [*LINES, "surname: pemberton-haigh", "Claimant = 'OKONJO'", "name: not known", "x:  lowercase words"]
    for _ in range(60):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 8)))
        want = [m.span(1) for m in _FIELD_VALUE.finditer(text)]
        assert [m.span(1) for m in _FIELD_VALUE_LINES.finditer(text)] == want
