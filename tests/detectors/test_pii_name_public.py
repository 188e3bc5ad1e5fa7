"""Public role, not public syntax: a name attached to a public office is kept, in committee minutes,
reports, press releases and emails; a resident's name in the same text is still found."""

from __future__ import annotations

import pytest

from detectors.pii_name_public import in_public_role
from tests.detectors.conftest import Found

MINUTES = (
    "PLANNING COMMITTEE - MINUTES\n"
    "Present: Cllr Imelda Fairbrother (Chair), Councillor Ravi Dhanoa, Cllr Wendell Oyelaran (Lab)\n"
    "Item 4: The objector, Mrs Philippa Gascoigne, spoke against the extension. Cllr Dhanoa asked "
    "whether Mrs Gascoigne had seen the revised plans.\n"
)


def persons(found: Found, text: str) -> set[str]:
    return {v for e, v in found(text) if e == "PERSON"}


def test_committee_minutes_keep_councillors_and_remove_the_resident(found: Found) -> None:
    values = persons(found, MINUTES)
    assert "Philippa Gascoigne" in values and "Gascoigne" in values
    assert not any(v in ("Imelda Fairbrother", "Ravi Dhanoa", "Wendell Oyelaran", "Dhanoa") for v in values)


KEPT = [
    ("Report of the Leader of the Council, Anwen Castellan, on the budget.", "Anwen Castellan"),
    ("Signed: Bartholomew Kettering, Chief Executive", "Bartholomew Kettering"),
    ("Lucinda Averill (Cabinet Member for Adult Social Care) introduced the report.", "Lucinda Averill"),
    ("A letter from Fergus Ollerenshaw MP about the bypass.", "Fergus Ollerenshaw"),
    ("Thanks to Councillor Mehreen Qadir for chairing.", "Mehreen Qadir"),
    ("Magnus Trelawney, the Chief Constable, urged caution.", "Magnus Trelawney"),
    ("The Chair of the Licensing Committee, Cllr Aurelie Dunmore, adjourned.", "Aurelie Dunmore"),
    ("Press release: the Mayor of Westhaven, Delphine Okorafor, opened the library.", "Delphine Okorafor"),
    ("Portfolio Holder for Housing - Cllr Jasper Redfern", "Jasper Redfern"),
]

REDACTED = [
    ("Resident Anwen Castellan complained about the Leader of the Council.", "Anwen Castellan"),
    ("Tenant: Bartholomew Kettering, flat 3. Chief Executive to be copied in.", "Bartholomew Kettering"),
    ("Hi Lucinda, the team leader said the form is late.", "Lucinda"),
    ("Mrs Delphine Okorafor rang the Mayor's office about her bins.", "Delphine Okorafor"),
    # an officer's job title alone does not make them a public figure (the council's register does)
    ("Approved by: Hesketh Margolyes, Director of Place", "Hesketh Margolyes"),
    ("Rosamund Tuckett, Chair of the Residents' Association, wrote in.", "Rosamund Tuckett"),
]


@pytest.mark.parametrize(("text", "value"), KEPT)
def test_name_in_public_role_is_kept(found: Found, text: str, value: str) -> None:
    assert not any(value in v or v in value for v in persons(found, text))


@pytest.mark.parametrize(("text", "value"), REDACTED)
def test_same_names_outside_a_public_role_are_found(found: Found, text: str, value: str) -> None:
    assert value in persons(found, text)


def test_role_must_be_attached_to_the_name() -> None:
    text = "Cllr Ames met Mr Quennell; the Chief Executive was away and Ms Tiverton chaired."
    assert in_public_role(text, text.index("Ames"), text.index("Ames") + 4)
    assert not in_public_role(text, text.index("Quennell"), text.index("Quennell") + 8)
    assert not in_public_role(text, text.index("Tiverton"), text.index("Tiverton") + 8)


WELSH = [
    ("Dywedodd y Cynghorydd Elfyn ap Rhodri fod y ganolfan ar agor.", "Elfyn ap Rhodri"),
    ("Meddai Siân Pritchard-Lewis, Prif Weithredwr y cyngor, fod y gyllideb yn barod.", "Siân Pritchard-Lewis"),
    ("Llythyr gan Heledd Rowlands AS am y ffordd.", "Heledd Rowlands"),
    ("Agorodd Arweinydd y Cyngor, Bryn Tegid-Morgan, yr ysgol newydd.", "Bryn Tegid-Morgan"),
]


@pytest.mark.parametrize(("text", "name"), WELSH)
def test_welsh_offices_are_public_roles(text: str, name: str) -> None:
    start = text.index(name)
    assert in_public_role(text, start, start + len(name))


def test_welsh_councillor_kept_resident_removed(found: Found) -> None:
    text = "Dywedodd y Cynghorydd Elfyn ap Rhodri fod Mrs Tamsin Okwuosa wedi cwyno am y sbwriel."
    values = persons(found, text)
    assert any("Okwuosa" in v for v in values)
    assert not any("Rhodri" in v for v in values)


SIGNATURES = [
    ("Yours sincerely,\nOrla Fenwick-Hart\nLeader of the Council\nWestmarsh BC", "Orla Fenwick-Hart", True),
    ("With thanks\nCllr Dorian Achterberg\nCabinet Member for Waste and Recycling", "Dorian Achterberg", True),
    ("Orla Fenwick-Hart\nChief Executive, Westmarsh Borough Council", "Orla Fenwick-Hart", True),
    ("Regards,\nPercival Mbeki\nTenant, 9 Quarry Row", "Percival Mbeki", False),
    ("Yours faithfully,\nPercival Mbeki\nCouncil tenant", "Percival Mbeki", False),
    ("Attendees:\nPercival Mbeki\nLeader of the Council - Orla Fenwick-Hart", "Percival Mbeki", False),
    ("Attendees:\nPercival Mbeki\nLeader of the Council, Orla Fenwick-Hart", "Percival Mbeki", False),
    ("Percival Mbeki\nCouncillor casework reference 4410", "Percival Mbeki", False),
]


@pytest.mark.parametrize(("text", "name", "public"), SIGNATURES)
def test_office_on_the_line_under_the_name(text: str, name: str, public: bool) -> None:
    start = text.index(name)
    assert in_public_role(text, start, start + len(name)) is public


def test_signature_block_keeps_the_leader_and_removes_the_resident(found: Found) -> None:
    text = (
        "Mrs Percival Mbeki of Quarry Row wrote about fly-tipping.\n\nYours sincerely,\n"
        "Orla Fenwick-Hart\nLeader of the Council\n"
    )
    values = persons(found, text)
    assert any("Mbeki" in v for v in values)
    assert not any("Fenwick" in v for v in values)


MORE_SHAPES = [
    ("The council's leader, Wilhelmina Stroud, set out the budget.", "Wilhelmina Stroud"),
    ("Wilhelmina Stroud, Eastbrook's council leader, set out the budget.", "Wilhelmina Stroud"),
    ("Councillors Cassius Pemble and Wilhelmina Stroud voted against.", "Wilhelmina Stroud"),
    ("Cassius Pemble, Eastbrook MP, wrote to the council.", "Cassius Pemble"),
]


@pytest.mark.parametrize(("text", "name"), MORE_SHAPES)
def test_possessive_offices_plural_titles_and_constituency_post_nominals(text: str, name: str) -> None:
    start = text.index(name)
    assert in_public_role(text, start, start + len(name))


RESIDENT_SHAPES = [
    ("Councillor Pemble and Ottilie Brackwater of Tanner Row spoke at the meeting.", "Ottilie Brackwater"),
    ("Ottilie Brackwater, Eastbrook's oldest resident, turned 100.", "Ottilie Brackwater"),
    ("Ottilie Brackwater, Eastbrook resident, wrote to her MP.", "Ottilie Brackwater"),
    ("The tenant, Ottilie Brackwater, complained to the council's leader.", "Ottilie Brackwater"),
]


@pytest.mark.parametrize(("text", "name"), RESIDENT_SHAPES)
def test_residents_near_those_shapes_are_still_found(found: Found, text: str, name: str) -> None:
    assert name in persons(found, text)
