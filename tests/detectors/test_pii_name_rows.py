"""Names placed by the shape of a line or a list (chat-export authors, list mates, surname-first rows,
the name word after a found name), and the look-alikes that must stay: officers named in council
business, plural titles over bracketed posts, areas an office represents, facilities named after people.
Every text is new; none is taken from the probe sets or the dev corpus."""

from __future__ import annotations

import pytest

from detectors.pii_name_places import represented_area
from detectors.pii_name_rows import list_mates_inline, message_authors, surname_first_rows
from tests.detectors.conftest import Found


def persons(found: Found, text: str) -> set[str]:
    return {v for e, v in found(text) if e == "PERSON"}


def covered(found: Found, text: str, word: str) -> bool:
    return any(word in v for v in persons(found, text))


LEAKS = [
    # chat / log export: author and time open each message
    ("Export from the duty chat:\nPenhallow, Kerenza 11:02 - can someone ring the family back?\n"
     "Adebisi, Folarin 11:05 - done, no answer", ["Penhallow", "Kerenza", "Adebisi", "Folarin"]),
    ("Transcript:\n[14:20] Call handler (Morwenna): Hello, you're through to parking.\n"
     "[14:21] Zbigniew Lisowski: my permit did not arrive", ["Morwenna", "Zbigniew", "Lisowski"]),
    # an inline list of names written surname first: the unlisted one is a name too
    ("Stewards on the sheet: Tremlett Gwendolyn, Abara Obiageli, Kowalczuk Renata and Fairhurst Myles.",
     ["Tremlett", "Gwendolyn", "Abara", "Obiageli", "Kowalczuk", "Renata", "Fairhurst", "Myles"]),
    # rows of a register, surname in capitals first
    ("Overdue hire charges:\nTREVELYAN, Morwenna - £12.00\nADEKUNLE, Babatunde - £4.50\nNOWAK, Zbigniew - £30.00",
     ["TREVELYAN", "Morwenna", "ADEKUNLE", "Babatunde", "NOWAK", "Zbigniew"]),
    # the surname / middle name after a name found only in part
    ("Home visit to Ubah Xirsi Cawaale. Ubah explained the boiler has failed twice.", ["Ubah", "Xirsi", "Cawaale"]),
    ("Called on Ludmila Horvatová yesterday. Ludmila said the lift is broken again.", ["Ludmila", "Horvatová"]),
    # a hyphenated particle surname after a given name
    ("Write to the new stallholders Karim al-Hashemi and Leila Haddad about pitch fees.", ["Karim", "al-Hashemi"]),
]


@pytest.mark.parametrize(("text", "words"), LEAKS)
def test_names_placed_by_line_or_list_shape_are_found(found: Found, text: str, words: list[str]) -> None:
    missing = [w for w in words if not covered(found, text, w)]
    assert not missing


KEPT = [
    # a senior officer in apposition, in council business
    ("Eluned Garside-Obi, Director of Environment, will report to the scrutiny committee in June.",
     ["Eluned", "Garside-Obi"]),
    ("At Cabinet the Parks Manager, Wilfred Achebe-Lowry, answered members' questions.", ["Wilfred", "Achebe-Lowry"]),
    ("Letters are signed by Oksana Ferriday, Head of Housing Options, Carrowmere Borough Council.",
     ["Oksana", "Ferriday"]),
    # the words of an office title are not a name, and the head of a fire service is a public office
    ("Chief Constable Ysolde Harrow-Mbatha said patrols will double.", ["Ysolde", "Harrow-Mbatha", "Constable"]),
    ("Chief Fire Officer Cormac Lindgren-Abbey said the station stays open.", ["Cormac", "Fire"]),
    # a plural title distributes over a list whose items carry their posts in brackets
    ("Attendance: Councillors Penhaligon (Vice-Chair), Adeyemi-Ross, Thistlethwaite and Mulcahy.",
     ["Penhaligon", "Adeyemi-Ross", "Thistlethwaite", "Mulcahy"]),
    # the area an office represents
    ("Please draft a reply to Idris Maddock MP, Member of Parliament for Carrow Vale, about the buses.",
     ["Carrow", "Vale"]),
    ("Child poverty is highest in Mildred Fenn ward and lowest in Abbeymead.", ["Mildred", "Fenn"]),
    # facilities named after people
    ("Family swim sessions move to the Ruth Oxley Community Hub from Monday.", ["Ruth", "Oxley"]),
    ("The Matilda Grange coffee morning raised £300 for the hospice.", ["Matilda"]),
]


@pytest.mark.parametrize(("text", "words"), KEPT)
def test_public_capacities_and_named_things_are_kept(found: Found, text: str, words: list[str]) -> None:
    assert not [w for w in words if covered(found, text, w)]


REDACTED_CONTROLS = [
    # the same posts outside council business, or as a colon label, do not make a public figure
    ("Sent on behalf of Morwenna Tullock, Head of Year 8, at the parents' request.", ["Morwenna", "Tullock"]),
    ("Contact officer: Idris Blackmore. Report to Cabinet, 4 March.", ["Idris", "Blackmore"]),
    # an office after a name with only free words between does not make the name part of the office
    ("I told Perpetua Lindqvist the minister was away.", ["Perpetua", "Lindqvist"]),
    # a resident next to an officer of council business is still a resident
    ("The Parks Manager, Wilfred Achebe-Lowry, told Cabinet that Mrs Ayesha Qureshi-Bell had complained.",
     ["Ayesha", "Qureshi-Bell"]),
]


@pytest.mark.parametrize(("text", "words"), REDACTED_CONTROLS)
def test_look_alike_controls_are_still_found(found: Found, text: str, words: list[str]) -> None:
    assert not [w for w in words if not covered(found, text, w)]


def test_next_name_word_stops_at_ordinary_words_and_places(found: Found) -> None:
    text = "Ring Tobias Library services tomorrow; Delphine Street residents met on Monday."
    values = persons(found, text)
    assert not any("Library" in v or "Street" in v for v in values)


def test_message_authors_skip_non_names() -> None:
    text = (
        "Agenda\nTea Break 10:30 - kitchen\nOpening Remarks 09:00 - chair\n[09:05] System: started\n"
        "Welcome Coffee 09:30 - foyer"
    )
    assert message_authors(text) == []


def test_list_mates_need_a_list_made_of_names() -> None:
    text = "Depots at Carrow Fields, Hobson Green and Marlowe Quay."
    assert list_mates_inline(text, []) == []
    one = text.index("Carrow Fields")
    # one found item in a list of three is not a list of names
    assert list_mates_inline(text, [(one, one + len("Carrow Fields"))]) == []


def test_represented_area_needs_the_office_or_a_lower_case_area_noun() -> None:
    text = "Councillor for Abbeymead; Mildred Ward rang; Fenn ward; Tobias Ward wrote."
    assert represented_area(text, text.index("Abbeymead"), text.index("Abbeymead") + 9)
    assert represented_area(text, text.index("Fenn"), text.index("Fenn") + 4)
    assert not represented_area(text, text.index("Mildred"), text.index("Mildred") + 7)
    assert not represented_area(text, text.index("Tobias"), text.index("Tobias") + 6)


def test_surname_first_rows_need_a_listed_or_unknown_given_name_or_a_register() -> None:
    assert surname_first_rows("Stock:\nPAPER, Plain - 12 reams\nTONER, Black - 3") == []
    one = "Reply to:\nOYELOWO, Tamsin - arrears"
    assert len(surname_first_rows(one)) == 2
    # neither word is one a dictionary knows: a name the lexicon lacks
    assert len(surname_first_rows("Reply to:\nOYELOWO, Adaeze - arrears")) == 2
    assert surname_first_rows("Notes:\nURGENT, Housing - damp") == []
    assert surname_first_rows("Items:\nACAS, Unison - meeting") == []


def test_officer_post_as_sign_off_or_contact_line_is_still_personal(found: Found) -> None:
    text = (
        "Report to the Overview and Scrutiny Committee.\n"
        "Contact: Rosheen Abernethy, Service Lead – r.abernethy@carrowmere.gov.uk\n"
        "Signed off by: Casimir Oduwole, Director of Resources\n"
    )
    assert covered(found, text, "Casimir") and covered(found, text, "Rosheen")
