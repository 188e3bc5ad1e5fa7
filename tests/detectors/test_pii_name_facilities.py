"""A person's name used as the name of a building, school, trust, business, named storm or Welsh
institution is kept; a resident's name next to one (a comma, a job title, a title) is still found."""

from __future__ import annotations

import pytest

from detectors.pii_name_facilities import named_facility
from tests.detectors.conftest import Found


def persons(found: Found, text: str) -> set[str]:
    return {v for e, v in found(text) if e == "PERSON"}


KEPT = [
    ("Drop-in sessions run at Olive Brannigan House on Wednesdays.", "Brannigan"),
    ("The five-a-side league meets at the Harold Pinkerton Leisure Centre.", "Pinkerton"),
    ("Pupils at Winifred Ashcombe Primary School joined the litter pick.", "Ashcombe"),
    ("A grant went to the Edna Whitlow Foundation for the food bank.", "Whitlow"),
    ("Quotes from Hargreaves & Sons and Pemberton Bros were compared.", "Pemberton"),
    ("Parents from Ysgol Syr Dafydd Rees attended the eisteddfod.", "Rees"),
    ("Storm Branwen is expected to bring gales on Friday.", "Branwen"),
]


@pytest.mark.parametrize(("text", "word"), KEPT)
def test_a_named_facility_keeps_the_honoured_name(found: Found, text: str, word: str) -> None:
    assert not any(word in v for v in persons(found, text))


RESIDENTS = [
    ("Tamsin Okwuosa, Rosehill Primary School, phoned about her son.", "Tamsin Okwuosa"),
    ("Olive Brannigan School Nurse will call on Thursday.", None),
    ("Mr Desmond Ellery at Brannigan House said his neighbour Tamsin Okwuosa was unwell.", "Tamsin Okwuosa"),
    ("Please ring Tamsin Okwuosa about the house viewing.", "Tamsin Okwuosa"),
]


@pytest.mark.parametrize(("text", "name"), RESIDENTS)
def test_a_resident_next_to_a_facility_is_still_found(found: Found, text: str, name: str | None) -> None:
    if name is not None:
        assert name in persons(found, text)


def test_predicate_shapes() -> None:
    text = "Visits to Ivor Quennell House, Canolfan Gwenno Puw and Storm Idwal; Ivor Quennell School Nurse."
    assert named_facility(text, text.index("Ivor"), text.index(" House"))
    gwenno = text.index("Gwenno")
    assert named_facility(text, gwenno, gwenno + len("Gwenno Puw"))
    idwal = text.index("Idwal")
    assert named_facility(text, idwal, idwal + 5)
    nurse = text.rindex("Ivor")
    assert not named_facility(text, nurse, nurse + len("Ivor Quennell"))
    plain = "Ivor Quennell, House of Commons researcher"
    assert not named_facility(plain, 0, len("Ivor Quennell"))
