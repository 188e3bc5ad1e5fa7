"""Issue 8, round 2: name shapes a second probe set found (inverted, patronymic, caps lock, lower-case
sign-offs, transcript speakers, contact instructions) and look-alikes that are not people (streets,
places, organisations named after founders). All texts are new."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from config.public_figures import PublicFigures
from detectors.engine import EngineOptions, ScanEngine
from detectors.pii import PersonalDataDetector
from detectors.pii_name_places import not_a_person
from detectors.pii_name_rules import lower_case_candidates, rule_candidates
from detectors.pii_names_request import settle_names
from detectors.registry import default_detectors

Scan = Callable[[str], set[str]]


@pytest.fixture(scope="module")
def persons(pii: PersonalDataDetector) -> Scan:
    detectors = [pii if d.name == "personal_data" else d for d in default_detectors(EngineOptions())]
    engine = ScanEngine(EngineOptions(cache_size=0), detectors)

    def run(text: str) -> set[str]:
        found = settle_names([text], engine.scan_sync([text]), PublicFigures(), None)[0]
        return {text[f.start:f.end] for f in found if f.is_span and f.entity == "PERSON"}

    return run


@pytest.fixture(scope="module")
def entities(pii: PersonalDataDetector) -> Callable[[str], set[tuple[str, str]]]:
    detectors = [pii if d.name == "personal_data" else d for d in default_detectors(EngineOptions())]
    engine = ScanEngine(EngineOptions(cache_size=0), detectors)

    def run(text: str) -> set[tuple[str, str]]:
        found = settle_names([text], engine.scan_sync([text]), PublicFigures(), None)[0]
        return {(f.entity, text[f.start:f.end]) for f in found if f.is_span}

    return run


def _ruled(text: str) -> set[str]:
    return {text[s:e] for s, e, _r in (*rule_candidates(text), *lower_case_candidates(text))}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Applicant: FERREIRA-LUND, Beatriz (Miss)\nCheck the form.", {"FERREIRA-LUND", "Beatriz"}),
        ("Minutes mention Okwuosa, Tamsin (Dr) twice.", {"Okwuosa", "Tamsin"}),
        ("Cafodd y llythyr ei anfon gan Rhodri ap Hywel ddoe.", {"Rhodri ap Hywel"}),
        ("Please reply to Mrs ferch Gwilym about the grant.", {"Gwilym"}),
        ("visited mS. pERPETUA oNYEKACHI-dALE re the fence", {"pERPETUA oNYEKACHI-dALE"}),
        ("thanks again\n\nkind regards\nr. m. castellanos-whitby\nunit 4", {"r. m. castellanos-whitby"}),
        ("Transcript\nOperator: Council, how can I help?\nzainab elmhurst-quade: my rent went up\n"
         "Operator: I see.", {"zainab elmhurst-quade"}),
        ("Can you chase Chidubem Ekwueme Nwosu re the parking appeal", {"Chidubem Ekwueme Nwosu"}),
    ],
)
def test_name_shapes(persons: Scan, text: str, names: set[str]) -> None:
    assert names <= _ruled(text)
    found = " ".join(persons(text))
    assert all(part in found for name in names for part in name.split() if len(part) > 2)


@pytest.mark.parametrize(
    "text",
    [
        "Operator: Good morning.\nCaller: my bin was missed\nSummary: bin missed",
        "Please call Housing Options re the homeless referral.",
        "Results: Pass, Merit (Distinction) in the spreadsheet.",
    ],
)
def test_look_alike_shapes_are_not_names(persons: Scan, text: str) -> None:
    got = persons(text)
    assert not got & {"Caller", "Summary", "Housing Options", "Merit", "Pass", "my bin was missed"}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Gritting starts on Hazel Lane at 6am.", "Hazel Lane"),
        ("The fair is near Wyre Forest and Sutton Common.", "Wyre Forest"),
        ("Bins on Florence Road are collected Tuesday.", "Florence Road"),
        ("Vouchers can be spent at John Lewis or Marie Curie shops.", "John Lewis"),
        ("Vouchers can be spent at John Lewis or Marie Curie shops.", "Marie Curie"),
    ],
)
def test_streets_places_and_organisations_are_not_people(text: str, phrase: str) -> None:
    s = text.index(phrase)
    assert not_a_person(text, s, s + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Mrs Hazel Lane rang about the grant.", "Hazel Lane"),
        ("Kirsty Heath said the lift is broken.", "Kirsty Heath"),
        ("Dr John Lewis signed the form.", "John Lewis"),
    ],
)
def test_people_with_street_or_shop_surnames_stay_people(text: str, phrase: str) -> None:
    s = text.index(phrase)
    assert not not_a_person(text, s, s + len(phrase))


def test_street_and_shop_look_alikes_survive_the_engine(persons: Scan) -> None:
    assert not persons("Gritting crews start on Hazel Lane, then Florence Road; staff get discounts at John Lewis.")
    assert "Hazel Lane" in persons("Mrs Hazel Lane rang about the gritting.")


def test_health_record_json_lists_and_keys(entities: Callable[[str], set[tuple[str, str]]]) -> None:
    text = ('{"resourceType": "Patient", "name": [{"given": ["Wilhelmina"], "family": "Osei-Granger"}], '
            '"birthDate": "1962-03-17", "address": [{"postalCode": "BD7 1AY"}]}\nWhat is this?')
    values = {v for _e, v in entities(text)}
    assert {"Wilhelmina", "Osei-Granger", "1962-03-17", "BD7 1AY"} <= values
    assert not entities('{"tags": ["Housing", "Repairs"], "given": [], "state": "open"}')


def test_character_spaced_postcode_and_loose_iban(entities: Callable[[str], set[tuple[str, str]]]) -> None:
    assert ("UK_POSTCODE", "d h 1  3 l e") in entities("moved to a flat, d h 1  3 l e, update the record")
    found = entities("send the refund to iban gb82 west  123456 98765432 please")
    assert ("IBAN_CODE", "gb82 west  123456 98765432") in found


@pytest.mark.parametrize(
    "text", ["answers were a b c d e and then 1 2 3 4", "rows a b 1 2 c d in the grid", "iban gb00 abcd 1234 5678 90"]
)
def test_spaced_letters_that_do_not_validate_survive(
    entities: Callable[[str], set[tuple[str, str]]], text: str
) -> None:
    assert not {e for e, _v in entities(text)} & {"UK_POSTCODE", "IBAN_CODE"}


def test_file_name_with_a_name_and_birth_date(entities: Callable[[str], set[tuple[str, str]]]) -> None:
    found = {v for e, v in entities("Care_Plan_Rosamund_Achebe-Lyle_DOB_2009-08-14.pdf") if e == "PERSON"}
    assert any("Rosamund" in v and "Achebe-Lyle" in v for v in found)
    assert not entities("quarterly_budget_report_2025_final.xlsx")


def test_name_before_birth_date_and_referral_label(persons: Scan) -> None:
    assert "Ignatia Brannagh-Oduro" in persons("Referral: Ignatia Brannagh-Oduro, DOB 14/08/2009, Year 10.")
    assert "Cosmo Ferreira" in persons("Attached is the note for Cosmo Ferreira (born 1951).")
    assert not persons("Referral: urgent, see the attached form. Report DOB fields are optional.")


def test_nhs_number_in_two_turns_with_a_reply_between() -> None:
    from detectors.junction import numbers_across_turns

    texts = ["the number is long so here is the start: 450 557", "Fine, carry on.", "7104 - draft the letter"]
    found = numbers_across_turns(texts)
    assert [(f.entity, texts[0][f.start:f.end]) for f in found[0]] == [("UK_NHS", "450 557")]
    assert [(f.entity, texts[2][f.start:f.end]) for f in found[2]] == [("UK_NHS", "7104")]
    assert not numbers_across_turns(["we ordered 450 557", "then", "7105 more"])    # fails mod 11
    assert not numbers_across_turns(["page 12", "ok", "34 lines"])                   # too short


def test_a_grade_letter_then_a_full_stop_is_no_birth_cue(persons: Scan) -> None:
    assert not persons("The panel placed the application in Band C. Please draft the letter.")
