"""Round 4 of issue 8's name work: names in shapes the earlier rounds missed, each mechanism with new
texts in several shapes and look-alike controls that must not fire. Every name here is invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from config.public_figures import PublicFigures
from detectors.engine import EngineOptions, ScanEngine
from detectors.pii import PersonalDataDetector
from detectors.pii_names_request import settle_names
from detectors.registry import default_detectors

Scan = Callable[[str], set[str]]


@pytest.fixture(scope="module")
def names(pii: PersonalDataDetector) -> Scan:
    detectors = [pii if d.name == "personal_data" else d for d in default_detectors(EngineOptions())]
    engine = ScanEngine(EngineOptions(cache_size=0), detectors)

    def run(text: str) -> set[str]:
        per = settle_names([text], engine.scan_sync([text]), PublicFigures(), None)
        return {text[f.start:f.end].strip() for f in per[0] if f.is_span and f.entity == "PERSON"}

    return run


def _covered(found: set[str], value: str) -> bool:
    return all(any(part in v for v in found) for part in value.split())


# Lower-case names with a multi-word particle ("van der", "de la") or a double-barrelled surname.
@pytest.mark.parametrize(("text", "name"), [
    ("johan van den hoogenband rang the housing office about his damp bathroom.", "johan van den hoogenband"),
    ("can you reply to lucinda de la fuente about the tree survey", "lucinda de la fuente"),
    ("draft a card for mirela grigorescu-manea who retires on friday", "grigorescu-manea"),
    ("hi my name is Niamh adeyemi-forsberg and my bin was missed", "adeyemi-forsberg"),
])
def test_caseless_particles_and_double_barrels(names: Scan, text: str, name: str) -> None:
    assert _covered(names(text), name)


@pytest.mark.parametrize("text", [
    "ask priya whether the follow-up visit is still booked",
    "the well-being survey went out to every tenant on monday",
    "we had creme de la creme of volunteers at the fun-day",
])
def test_caseless_compounds_that_are_words_stay(names: Scan, text: str) -> None:
    found = names(text)
    assert not any("-" in v for v in found)
    assert not any(w in v for v in found for w in ("creme", "survey", "visit"))
