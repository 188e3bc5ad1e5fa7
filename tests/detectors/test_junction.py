"""detectors.junction and the engine's cross-text pass: values split across adjacent texts."""

from __future__ import annotations

from detectors.base import Finding
from detectors.engine import EngineOptions, ScanEngine
from detectors.junction import attribute, windows
from detectors.pii import PersonalDataDetector
from detectors.secrets import SecretsDetector
from detectors.structure import StructuredDataDetector


def _engine() -> ScanEngine:
    return ScanEngine(EngineOptions(cache_size=0), [PersonalDataDetector(None), StructuredDataDetector()])


def _values(texts: list[str]) -> list[set[tuple[str, str]]]:
    results = _engine().scan_sync(texts)
    return [{(f.entity, t[f.start:f.end]) for f in found} for t, found in zip(texts, results, strict=True)]


def test_window_reaches_back_over_short_texts() -> None:
    texts = ["intro text", "401", " 023 ", "2137 end"]
    wins = windows(texts, width=8)
    assert len(wins) == 3
    last = wins[-1]
    assert last.text == "t401 023 2137 end"[-len(last.text):]
    assert last.text[last.boundary:].startswith("2137")


def test_attribute_splits_a_crossing_finding_into_pieces() -> None:
    wins = windows(["call 07911 12", "3456 now"], width=16)
    w = wins[0]
    start = w.text.index("07911")
    pieces = attribute(w, [Finding("PHONE_NUMBER", start, start + 13, 0.9, "personal_data")])
    assert [(i, f.detector) for i, f in pieces] == [(0, "junction.personal_data"), (1, "junction.personal_data")]


def test_nhs_number_split_across_two_messages() -> None:
    texts = ["Text from the ward: her nhs number is 401 023", "2137, can you book the review?"]
    left, right = _values(texts)
    assert ("UK_NHS", "401 023") in left
    assert ("UK_NHS", "2137") in right


def test_email_split_across_content_parts() -> None:
    texts = ["reply to m.achebe@", "outlook.com by Friday"]
    left, right = _values(texts)
    assert ("EMAIL_ADDRESS", "m.achebe@") in left
    assert ("EMAIL_ADDRESS", "outlook.com") in right


def test_identifier_split_over_three_parts() -> None:
    texts = ["NI: JG10", "37", "59A thanks"]
    found = _values(texts)
    assert ("UK_NINO", "JG10") in found[0]
    assert ("UK_NINO", "37") in found[1]
    assert ("UK_NINO", "59A") in found[2]


def test_cue_in_one_message_value_in_the_next() -> None:
    found = _values(["Client DOB:", "04/05/1961 and she lives alone"])
    assert found == [set(), {("DATE_OF_BIRTH", "04/05/1961")}]
    found = _values(["Thanks. surname:", "  quarshie"])
    assert found == [set(), {("PERSON", "quarshie")}]


def test_ordinary_date_after_a_message_is_not_a_birth_date() -> None:
    texts = ["Thanks for the update.", "04/05/2026 works for the visit"]
    assert _values(texts) == [set(), set()]


def test_glued_heading_and_name_do_not_make_a_name() -> None:
    results = _engine().scan_sync(["Agenda item 2: OWNER", "Tamsin Prowse said the project lead will report"])
    assert results[0] == []


def test_a_password_split_across_two_parts_is_redacted_in_both() -> None:
    texts = ["db_password=Tr0ub4dor", "9xQz7 for the replica"]
    engine = ScanEngine(EngineOptions(cache_size=0), [SecretsDetector()])
    results = engine.scan_sync(texts)
    assert [texts[1][f.start:f.end] for f in results[1]] == ["9xQz7"]


def test_unrelated_neighbours_add_nothing() -> None:
    texts = ["Invoice 2291 is paid.", "Version 4.2 ships on Monday."]
    assert _values(texts) == [set(), set()]


async def test_async_scan_has_the_junction_pass() -> None:
    engine = _engine()
    try:
        results = await engine.scan(["Phone 07911", " 123456 after six"])
    finally:
        engine.close()
    assert [f.entity for f in results[0]] == ["PHONE_NUMBER"]
    assert [f.entity for f in results[1]] == ["PHONE_NUMBER"]
