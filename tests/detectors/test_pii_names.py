"""Person names: form fields, titles, salutations, sign-offs, relations, NER, later mentions,
public figures in their public role, and organisation/place names that are not people."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Found

POSITIVE = [
    ("Name: Arwen Tallis\nAddress: somewhere", "Arwen Tallis"),
    ("Account name: Corin Maddox", "Corin Maddox"),
    ("Visit date: 01/02/2026   Worker: Ifeoma Duarte, Adults Team", "Ifeoma Duarte"),
    ("Present: Bryn Aldous (Chair), Kezia Farr, Tomasz Wren", "Kezia Farr"),
    ("Present: Bryn Aldous (Chair), Kezia Farr, Tomasz Wren", "Tomasz Wren"),
    ("Dear Mrs Penhallow,\nThank you for your letter.", "Penhallow"),
    ("Hi Odile, can you send the form?", "Odile"),
    ("Thanks for your help.\n\nKind regards\nFenella Oduya\n", "Fenella Oduya"),
    ("The tenant's partner, Lorcan Pryce, called the office.", "Lorcan Pryce"),
    ("Mr Anselm Quigley attended the hearing.", "Anselm Quigley"),
    ("Yesterday Imogen Castellanos rang about her rent.", "Imogen Castellanos"),
    ("Find Dorota Lisowska's new address for me.", "Dorota Lisowska"),
    ("Referrer: Petra Vance\n\nPetra says the family needs support. PETRA will call.", "Petra"),
    ("Referrer: Petra Vance\n\nPetra says the family needs support. PETRA will call.", "PETRA"),
    ("cc: Jo Pellow; Signed: J. Marrick", "J. Marrick"),
    ("Present: Lucia de Almeida, Idrees bin Rashid", "Lucia de Almeida"),
    ("Claimant Gethin Morvah lives with his daughter Elowen.", "Gethin Morvah"),
    ("Claimant Gethin Morvah lives with his daughter Elowen.", "Elowen"),
    ('record = {"name": "Harriet Voss", "ward": "North"}', "Harriet Voss"),
    ("Applicant name - Declan Murtagh", "Declan Murtagh"),
    ("Ffion will cover reception on Friday. Thanks, Gemma", "Gemma"),
    ("From: Treloar, Morwenna <j.treloar@example.org>\nSent: Monday", "Treloar"),
    ("From: Treloar, Morwenna <j.treloar@example.org>\nSent: Monday", "Morwenna"),
    ("Account holder: Ms Wynne Carbery", "Wynne Carbery"),
    ("Head teacher: Mr Osian Prydderch", "Osian Prydderch"),
]

NEGATIVE = [
    ("The Prime Minister, Hester Lowell, said the budget would rise.", "Hester Lowell"),
    ("In her report the Chief Medical Officer for England, Rufus Danvers, warned of risks.", "Rufus Danvers"),
    ("Ottilie Sandgate, the Home Secretary, announced a review.", "Ottilie Sandgate"),
    ("A letter from the Rt Hon Peregrine Soames MP was received.", "Peregrine Soames"),
    ("King Edmund IV opened the new wing.", "Edmund"),
    ("Our new Chief Executive, Rhiannon Greenhalgh, starts on Monday.", "Rhiannon Greenhalgh"),
    ("Please contact the Valuation Office Agency about banding.", "Valuation Office Agency"),
    ("Our supplier Northgate Public Services will host it.", "Northgate Public Services"),
    ("Dear Sir/Madam,\nI am writing about my bill.", "Sir"),
    ("Yours sincerely\nInformation Governance Team\n", "Information Governance Team"),
    ("cc: Jo Pellow; Signed: J. Marrick", "Signed"),
    ("Best Value Review of the service\n", "Value Review"),
    ("| Forest Vale | 807 | 116 | £650,970 |", "Forest Vale"),
    ("Please summarise the Council Tax Scheme for the Executive Board.", "Council Tax Scheme"),
]


@pytest.mark.parametrize(("text", "value"), POSITIVE)
def test_person_found(found: Found, text: str, value: str) -> None:
    assert ("PERSON", value) in found(text)


@pytest.mark.parametrize(("text", "value"), NEGATIVE)
def test_person_not_found(found: Found, text: str, value: str) -> None:
    values = {v for e, v in found(text) if e == "PERSON"}
    assert not any(v in value or value in v for v in values)


def test_public_figure_later_mention_kept_but_resident_with_same_surname_redacted(found: Found) -> None:
    text = (
        "The Prime Minister, Hester Lowell, visited. Lowell praised the scheme.\n"
        "Applicant: Dora Lowell\nDora asked about the grant."
    )
    values = {v for e, v in found(text) if e == "PERSON"}
    assert "Hester Lowell" not in values
    assert "Dora Lowell" in values and "Dora" in values


def test_given_name_that_is_an_english_word_is_kept_whole(found: Found) -> None:
    values = {v for e, v in found("Employee: Mark Pellow\nMark agreed to the plan.") if e == "PERSON"}
    assert "Mark Pellow" in values and "Mark" in values


def test_resident_sharing_a_public_figures_surname_is_still_redacted(found: Found) -> None:
    text = "The Mayor of London, Ottoline Quarrie, spoke.\nTenant: Mrs Quarrie\nMrs Quarrie asked for a repair."
    values = {v for e, v in found(text) if e == "PERSON"}
    assert "Ottoline Quarrie" not in values
    assert "Quarrie" in values


def test_names_listed_one_per_line_next_to_a_known_name(found: Found) -> None:
    text = (
        "Tenants on the list:\nTenant: Kerensa Lowry\nBartholomew Quist\nNell Ashdown to check\n\n"
        "Meeting Room Two"
    )
    values = {v for e, v in found(text) if e == "PERSON"}
    assert {"Kerensa Lowry", "Bartholomew Quist", "Nell Ashdown"} <= values
    assert not any("Meeting" in v for v in values)
