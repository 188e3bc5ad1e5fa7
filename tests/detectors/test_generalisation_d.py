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

Scan = Callable[[str], list[str]]


@pytest.fixture(scope="module")
def names(pii: PersonalDataDetector) -> Scan:
    detectors = [pii if d.name == "personal_data" else d for d in default_detectors(EngineOptions())]
    engine = ScanEngine(EngineOptions(cache_size=0), detectors)

    def run(text: str) -> list[str]:
        per = settle_names([text], engine.scan_sync([text]), PublicFigures(), None)
        return [text[f.start:f.end].strip() for f in per[0] if f.is_span and f.entity == "PERSON"]

    return run


def _covered(found: list[str], value: str) -> bool:
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


# Nicknames: in quotes or brackets inside the full name, or given by "call her ...", "he goes by ...";
# the nickname is then a name part, so its later use alone is found too.
@pytest.mark.parametrize(("text", "parts"), [
    ("Esmeralda 'Essie' Quennell asked when the library reopens. Tell Essie it is Monday.",
     ["Esmeralda", "Quennell", "Essie"]),
    ('Bartholomew "Barty" Okonjo-Reyes phoned. Ask Barty to send the form.', ["Bartholomew", "Okonjo-Reyes"]),
    ("Ruairi (Roo) Ferriter has moved out. Roo left no address.", ["Ruairi", "Ferriter", "Roo"]),
    ("Mrs Halloran (her neighbours call her Dottie) wants a letter. Dottie is 80.", ["Halloran", "Dottie"]),
    ("Our caretaker is Mr Pennock but he goes by Tinker in the hostel.", ["Pennock", "Tinker"]),
])
def test_nicknames(names: Scan, text: str, parts: list[str]) -> None:
    found = names(text)
    for part in parts:
        assert text.count(part) == sum(v.count(part) for v in found), part


@pytest.mark.parametrize("text", [
    'The "Big" Issue seller outside the station was moved on.',
    "We call it Riverside Park locally.",
    "They call him Sir because of his manners.",
    "Locals call her the Lady of the Lake.",
    "The area known as Castle Hill floods every winter.",
    "Buy the 'Premium' Plan for extra storage.",
])
def test_nickname_look_alikes_stay(names: Scan, text: str) -> None:
    assert names(text) == []


# Names beside a found name: a CAPITALS surname set off by a comma before a given name (surname-first
# order of registers and call logs), and a name joined to a found name by "and".
@pytest.mark.parametrize(("text", "parts"), [
    ("Called about the skip: ABERNATHY, Tobias said he wants it moved.", ["ABERNATHY", "Tobias"]),
    ("Visit log: HALVERSON, Margit said the lift is broken.", ["HALVERSON", "Margit"]),
    ("Our two foster children Ishaan and Priyanka Desai start school in March.", ["Ishaan", "Priyanka"]),
    ("Please ring Priyanka Desai and Tobias about the school run.", ["Priyanka", "Tobias"]),
])
def test_names_beside_names(names: Scan, text: str, parts: list[str]) -> None:
    assert all(_covered(names(text), p) for p in parts)


@pytest.mark.parametrize(("text", "kept"), [
    ("URGENT, Sarah Jones needs a call back.", "URGENT"),
    ("NOTE, Ann Lee has moved.", "NOTE"),
    ("Ann Lee and Bromley Council agreed a plan.", "Bromley"),
    ("Ann Lee and Housing met on Monday.", "Housing"),
    ("Ann Lee and Tesco sponsored the fair.", "Tesco"),
    ("Fish and Chips were served at the fair.", "Chips"),
    ("Holly Bank and Rose Hill wards get the new bins first.", "Bank"),
])
def test_words_beside_names_stay(names: Scan, text: str, kept: str) -> None:
    assert not any(kept in v for v in names(text))


# Two listed given names then a word no dictionary knows: forenames and a surname the lexicon lacks.
@pytest.mark.parametrize(("text", "name"), [
    ("Please confirm that Ffion Angharad Prytherch has been offered a place.", "Ffion Angharad Prytherch"),
    ("Maria Grace Oyelowo will attend the panel.", "Maria Grace Oyelowo"),
])
def test_given_middle_surname(names: Scan, text: str, name: str) -> None:
    assert _covered(names(text), name)


@pytest.mark.parametrize("text", [
    "The Ford Focus Titanium needs a service.",
    "We met at Grace Hall Community Centre.",
    "Victoria Elizabeth Hospital is closed on Sundays.",
])
def test_given_given_things_stay(names: Scan, text: str) -> None:
    assert names(text) == []


# Verbs of bodily action take a human subject: an unlisted capitalised word doing them is a person.
@pytest.mark.parametrize(("text", "name"), [
    ("Kwabena opened the door and was calm; his wife was out.", "Kwabena"),
    ("Visited at noon. Chiamaka answered the door and was helpful.", "Chiamaka"),
    ("When I explained the fee, Tadeusz shrugged and paid it.", "Tadeusz"),
])
def test_bodily_action_subjects(names: Scan, text: str, name: str) -> None:
    assert _covered(names(text), name)


@pytest.mark.parametrize("text", [
    "Reception opened the door at nine.",
    "Security knocked twice before entering.",
    "Tesco answered our letter within a week.",
    "The dog barked and Biscuit waved back.",
])
def test_bodily_action_things_stay(names: Scan, text: str) -> None:
    assert names(text) == []
