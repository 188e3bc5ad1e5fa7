"""Names in shapes the detectors were not developed on: spelt letter by letter, a lower-case given
name the lexicon lacks before a found surname, a lower-case name after a role noun as a verb's subject,
double-barrelled names of unknown parts, chief officers in minutes, Welsh team mailboxes. New texts;
look-alike controls must stay."""

from __future__ import annotations

from detectors.normalize import normalise
from detectors.pii_name_slots import slot_names
from detectors.pii_suppress import functional_mailbox
from tests.detectors.conftest import Found


def _people(found: Found, text: str) -> set[str]:
    return {v for e, v in found(text) if e == "PERSON"}


def test_spelt_letters_read_as_words() -> None:
    assert "Tamsin Quarrell" in normalise("Spelt for me: T A M S I N  Q U A R R E L L, booking ok").text
    assert normalise("choose options a b c and go").text == "choose options a b c and go"


def test_unknown_lower_case_word_before_a_found_surname(found: Found) -> None:
    people = _people(found, "obiageli OKONJO rang twice about the skip permit")
    assert any("obiageli" in p for p in people)
    assert not any("permit" in p or "rang" in p for p in people)


def test_role_noun_then_listed_names_as_a_subject() -> None:
    text = "the resident rose miller phoned today, and miller has already emailed photos. the miller was busy."
    spans = {text[s:e] for s, e in slot_names(text)}
    assert "rose miller" in spans
    assert text.count("miller") == 3 and sum(1 for s, e in slot_names(text) if text[s:e] == "miller") == 1


def test_role_noun_without_a_subject_verb_is_left() -> None:
    assert slot_names("our tenant will rose early and left") == []


def test_double_barrelled_name_of_unknown_parts_in_a_letter_slot() -> None:
    text = "draft a letter to obinna adeyemi-ola about the parking permit"
    assert "obinna adeyemi-ola" in {text[s:e] for s, e in slot_names(text)}
    assert slot_names("send a letter to the follow-up team") == []


def test_chief_officer_in_minutes_keeps_the_name(found: Found) -> None:
    kept = "Minutes of the meeting: the Executive Director of Resources, Anika Holmgren, gave the update."
    assert "Anika Holmgren" not in _people(found, kept)
    personal = "The Executive Director of Resources, Anika Holmgren, emailed me about my hours."
    assert "Anika Holmgren" in _people(found, personal)


def test_welsh_team_mailbox_on_a_public_body_domain() -> None:
    for kept in ("ymholiadau.cynllunio@cyngorsir.gov.wales", "cwynion@sirwen.llyw.cymru"):
        assert functional_mailbox(kept, 0, len(kept))
    for personal in ("gwenllian.pryce@cyngorsir.gov.wales", "tai@example.com"):
        assert not functional_mailbox(personal, 0, len(personal))
