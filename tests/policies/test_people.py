"""One person, one pseudonym: a full name and its parts share a placeholder across every field of a
request, in any order and case; different people sharing a part stay apart; restore gives the name."""

from __future__ import annotations

from detectors.base import Finding
from policies.operators import Pseudonymiser
from policies.people import People, name_words
from policies.transform import introduce_people


def person_findings(text: str, *values: str) -> list[Finding]:
    found, pos = [], 0
    for value in values:
        start = text.index(value, pos)
        found.append(Finding("PERSON", start, start + len(value), 0.9, "t"))
        pos = start + len(value)
    return found


def run(fields: list[tuple[str, tuple[str, ...]]]) -> tuple[Pseudonymiser, list[str]]:
    p = Pseudonymiser()
    per_field = [person_findings(text, *values) for text, values in fields]
    introduce_people(p, [t for t, _ in fields], per_field)
    return p, [p.pseudonymise(text, found) for (text, _), found in zip(fields, per_field, strict=True)]


def test_name_words_drop_titles_punctuation_and_possessives() -> None:
    assert name_words("Ms Okonedo-Hart's") == ("okonedo-hart",)
    assert name_words("Cllr. T. Brannigan") == ("t", "brannigan")
    assert name_words("Mr") == ()


def test_care_note_full_name_given_name_and_title_surname_share_one_placeholder() -> None:
    note = "Visited Ruairi Penhale at home. Ruairi was cheerful; Mr Penhale's daughter joined."
    p, (out,) = run([(note, ("Ruairi Penhale", "Ruairi", "Penhale"))])
    assert out == ("Visited <PERSON_1> at home. <PERSON_1_GIVEN> was cheerful; Mr <PERSON_1_SURNAME>'s "
                   "daughter joined.")
    assert p.counts() == {"PERSON": 1}
    assert p.restore(out) == note


def test_given_name_seen_in_an_earlier_field_than_the_full_name() -> None:
    fields = [("hi, can you help with Ottilie's letter", ("Ottilie",)),
              ('{"first_name": "Ottilie", "last_name": "Brackwood"}', ("Ottilie", "Brackwood")),
              ("Letter for OTTILIE BRACKWOOD, flat 2", ("OTTILIE BRACKWOOD",))]
    p, outs = run(fields)
    assert outs == ["hi, can you help with <PERSON_1_GIVEN>'s letter",
                    '{"first_name": "<PERSON_1_GIVEN>", "last_name": "<PERSON_1_SURNAME>"}',
                    "Letter for <PERSON_1>, flat 2"]
    assert p.restore('{"first_name": "<PERSON_1_GIVEN>", "last_name": "<PERSON_1_SURNAME>"}') == (
        '{"first_name": "Ottilie", "last_name": "Brackwood"}')
    assert p.restore("<PERSON_1>") == "OTTILIE BRACKWOOD"


def test_two_people_sharing_a_surname_stay_apart_and_the_bare_surname_is_its_own() -> None:
    text = "Thea Marchbank and her brother Ivo Marchbank visited. Thea rang; Ivo did not. Marchbank?"
    p, (out,) = run([(text, ("Thea Marchbank", "Ivo Marchbank", "Thea", "Ivo", "Marchbank"))])
    assert out == ("<PERSON_1> and her brother <PERSON_2> visited. <PERSON_1_GIVEN> rang; <PERSON_2_GIVEN> did "
                   "not. <PERSON_3>?")
    assert p.restore(out) == text


def test_same_given_name_different_surnames_are_different_people() -> None:
    p, (out,) = run([("Lena Quayle met Lena Aidoo.", ("Lena Quayle", "Lena Aidoo"))])
    assert out == "<PERSON_1> met <PERSON_2>."


def test_initial_and_middle_name_link_to_the_full_name() -> None:
    text = "From: Gwilym Aneurin Pryce-Tudor. Signed G. Pryce-Tudor; Gwilym Pryce-Tudor agreed."
    p, (out,) = run([(text, ("Gwilym Aneurin Pryce-Tudor", "G. Pryce-Tudor", "Gwilym Pryce-Tudor"))])
    assert out == "From: <PERSON_1>. Signed <PERSON_1_ALT1>; <PERSON_1_ALT2> agreed."
    assert p.restore(out) == text


def test_without_introduction_a_later_fuller_name_still_joins_and_restores_fullest() -> None:
    p = Pseudonymiser()
    a = p.pseudonymise("Sunniva", [Finding("PERSON", 0, 7, 0.9, "t")])
    b = p.pseudonymise("Sunniva Torvik", [Finding("PERSON", 0, 14, 0.9, "t")])
    assert a == b == "<PERSON_1>"
    assert p.restore(a) == "Sunniva Torvik"


def test_other_entities_are_not_linked() -> None:
    people = People()
    assert people.person("Mr") is None
    p = Pseudonymiser()
    out = p.pseudonymise("ab abc", [Finding("UK_NHS", 0, 2, 0.9, "t"), Finding("UK_NHS", 3, 6, 0.9, "t")])
    assert out == "<UK_NHS_1> <UK_NHS_2>"


def test_a_typed_placeholder_lookalike_is_never_issued_as_a_form() -> None:
    p = Pseudonymiser()
    p.reserve("template: <PERSON_1_GIVEN>")
    text = "Halvard Strom; Halvard"
    found = person_findings(text, "Halvard Strom", "Halvard")
    introduce_people(p, [text], [found])
    out = p.pseudonymise(text, found)
    assert out == "<PERSON_1>; <PERSON_2>"
    assert p.restore(out + " <PERSON_1_GIVEN>") == text + " <PERSON_1_GIVEN>"
