"""Names whatever their case and shape: lower case and CAPITALS in free text, first-name and surname
fields (forms, JSON tool arguments), later mentions of a part, a name next to its own email address;
and ordinary words that are also names, which must survive in ordinary use."""

from __future__ import annotations

import pytest

from detectors.pii_name_lexicon import lexicon
from tests.detectors.conftest import Found

FOUND = [
    # text message, all lower case
    ("hiya can u let bronwen okonkwo know the van is coming thurs", "bronwen okonkwo"),
    ("pls reply to tobias, he has been waiting since monday", "tobias"),
    ("spoke with nadia about the damp, she is upset", "nadia"),
    ("dear mrs fairweather, your repair is booked", "fairweather"),
    # care note typed in CAPITALS
    ("HOME VISIT. MRS ELSPETH CARMICHAEL WAS IN BED, CARER PRESENT.", "ELSPETH CARMICHAEL"),
    ("ADMITTED. AGNIESZKA NOWAK RANG THE WARD AT 14:00", "AGNIESZKA NOWAK"),
    # form fields, one part per field, and tool arguments
    ("Forename: Leontine\nSurname: Abernethy\nTenancy: 4 years", "Abernethy"),
    ("Forename: Leontine\nSurname: Abernethy\nTenancy: 4 years", "Leontine"),
    ('{"given_name": "Cosmin", "family_name": "Radulescu", "ward": "East"}', "Radulescu"),
    ('{"first_name": "Cosmin", "last_name": "Radulescu"}', "Cosmin"),
    ("last name: pemberton-haigh\nfirst name: ottoline", "ottoline"),
    # a name followed by the person's own address
    ("Ines Drummond. ines.drummond@nhs.net sent the referral", "Ines Drummond"),
    ("From Ruaridh Strachan (ruaridh.strachan@example.org): meeting moved", "Ruaridh Strachan"),
    # HR note: later mentions of a part, in any case
    ("Employee: Rosalind Achterberg\nRosalind raised a grievance. ACHTERBERG was off sick.", "ACHTERBERG"),
    ("Employee: Rosalind Achterberg\nrosalind raised a grievance.", "rosalind"),
]

SURVIVE = [
    "We will mark the essays and hope the grace period covers it.",
    "Prices rose in may; the bill will be paid in june.",
    "i told mark the form was wrong and will ring back",
    "ACTIONS\n1. Refer to OT for an assessment\n2. Chase GP letter",
    "URGENT - HOUSING REPAIR REQUEST - DAMP AND MOULD IN BATHROOM",
    "please write to the housing team about the bin collection",
    "can you ask legal to check the lease",
    "MARK AS READ AND FORWARD TO THE TEAM",
    "the green bin goes out on tuesday, the brown one on friday",
    # places and organisations whose first word is also a given name
    "pls ask housing to email kent county council about it",
    "we drove through kent and devon to see the flower show",
    "jordan and india signed a trade deal",
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_name_found_whatever_its_case_and_shape(found: Found, text: str, value: str) -> None:
    assert ("PERSON", value) in found(text)


@pytest.mark.parametrize("text", SURVIVE)
def test_ordinary_words_that_are_also_names_survive(found: Found, text: str) -> None:
    assert not {v for e, v in found(text) if e == "PERSON"}


def test_functional_mailbox_words_do_not_hide_the_named_person(found: Found) -> None:
    text = "Ines Drummond asked; copy to ines.drummond@nhs.net and to housing@example.gov.uk"
    values = {v for e, v in found(text) if e == "PERSON"}
    assert "Ines Drummond" in values
    assert not any("housing" in v for v in values)


def test_lexicon_knows_names_and_ordinary_words() -> None:
    lex = lexicon()
    assert lex.distinctive("bronwen") and lex.distinctive("Okonkwo") or lex.is_given("bronwen")
    assert lex.is_given("mark") and lex.is_ordinary("mark") and not lex.distinctive("mark")
    assert lex.inflected_word("needs") and not lex.inflected_word("roberts")


def test_councillor_in_lower_case_minutes_is_kept_resident_is_not(found: Found) -> None:
    text = "notes: cllr tamsin rowbotham chaired. mrs okonjo asked about parking"
    values = {v for e, v in found(text) if e == "PERSON"}
    assert "okonjo" in values
    assert not any("rowbotham" in v for v in values)
