"""Red-team probes for normalisation and structure: personal data and secrets hidden by spelling,
encoding or layout must be found through the whole engine, with offsets on the caller's own characters;
look-alikes must survive. New texts in several registers (care note, text message, spreadsheet,
SQL output, log line, JSON tool output)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from urllib.parse import quote

import pytest

from detectors.engine import EngineOptions, ScanEngine
from detectors.pii import PersonalDataDetector
from detectors.registry import default_detectors

Scan = Callable[[str], set[tuple[str, str]]]


@pytest.fixture(scope="module")
def scan(pii: PersonalDataDetector) -> Scan:
    detectors = [pii if d.name == "personal_data" else d for d in default_detectors(EngineOptions())]
    engine = ScanEngine(EngineOptions(cache_size=0), detectors)

    def run(text: str) -> set[tuple[str, str]]:
        return {(f.entity, text[f.start:f.end]) for f in engine.scan_sync([text])[0] if f.is_span}

    return run


def _entities(found: set[tuple[str, str]]) -> set[str]:
    return {e for e, _v in found}


@pytest.mark.parametrize(
    ("text", "entity", "original"),
    [
        # text message, NHS number with dots
        ("hiya its mum, nhs no is 401.023.2137 for the repeat script x", "UK_NHS", "401.023.2137"),
        # care note, NHS number spaced digit by digit
        ("Carer noted NHS 4 0 1 0 2 3 2 1 3 7 on the MAR chart.", "UK_NHS", "4 0 1 0 2 3 2 1 3 7"),
        # form, NINO with dots and slashes
        ("Claimant NI JG.10.37.59.A confirmed", "UK_NINO", "JG.10.37.59.A"),
        ("ni jg/10/37/59/a per HMRC letter", "UK_NINO", "jg/10/37/59/a"),
        # phone written with slashes
        ("ring the daughter on 07911/123/456 after 6", "PHONE_NUMBER", "07911/123/456"),
        # zero-width joiner inside an NHS number and an email
        ("NHS: 401\u200b023\u200b2137", "UK_NHS", "401\u200b023\u200b2137"),
        ("email t.okafor\u200b@\u200bgmail.com re: damp", "EMAIL_ADDRESS", "t.okafor\u200b@\u200bgmail.com"),
        # Arabic-Indic digits in a mobile number
        ("mobile ٠٧٩١١١٢٣٤٥٦ (evenings)", "PHONE_NUMBER", "٠٧٩١١١٢٣٤٥٦"),
        # fullwidth digits in a NHS number
        ("ＮＨＳ ４０１ ０２３ ２１３７", "UK_NHS", "４０１ ０２３ ２１３７"),
        # spelled-out emails in three styles
        ("you can reach Dev on dev dot patel at hotmail dot co dot uk", "EMAIL_ADDRESS",
         "dev dot patel at hotmail dot co dot uk"),
        ("send it to r.ahmed [at] protonmail [dot] com", "EMAIL_ADDRESS", "r.ahmed [at] protonmail [dot] com"),
        ("contact k_lowe(at)yahoo.co.uk", "EMAIL_ADDRESS", "k_lowe(at)yahoo.co.uk"),
    ],
)
def test_obfuscated_values_are_found_on_original_characters(scan: Scan, text: str, entity: str,
                                                             original: str) -> None:
    assert (entity, original) in scan(text)


def test_zero_width_space_inside_an_aws_key(scan: Scan) -> None:
    key = "AKIA\u200bZ7VQ3MXPLR4TN2WY"
    found = scan(f"deploy with aws_access_key_id={key} today")
    assert any(e == "SECRET" and key in v for e, v in found)


def test_secret_inside_base64_redacts_the_segment(scan: Scan) -> None:
    blob = base64.b64encode(b"DATABASE_URL=postgres://app:Tr0ub4dor-Xy9@db.internal:5432/housing").decode()
    found = scan(f"config dump (base64): {blob}")
    assert ("SECRET", blob) in found


def test_personal_data_inside_base64_json_tool_output(scan: Scan) -> None:
    blob = base64.b64encode(b'{"surname": "Marchetti", "nhs": "401 023 2137"}').decode()
    found = scan(f'{{"tool": "records", "payload": "{blob}"}}')
    assert any(v == blob for _e, v in found)


def test_percent_encoded_email_in_a_log_line(scan: Scan) -> None:
    url = "/api/residents?email=" + quote("yusuf.demir@gmail.com", safe="") + "&page=2"
    text = f'10.0.0.4 - - [14/Jan/2026:09:12:44 +0000] "GET {url} HTTP/1.1" 200'
    found = scan(text)
    assert any(e == "EMAIL_ADDRESS" and "yusuf.demir%40gmail.com" in v for e, v in found)


def test_cyrillic_lookalikes_in_a_spreadsheet_name(scan: Scan) -> None:
    # "Olena" with Cyrillic O and e, in a surname column
    text = "surname,first_name,dob\nK\u043evalenko,\u041El\u0435na,1988-04-17\n"
    found = scan(text)
    assert ("PERSON", "\u041el\u0435na") in found
    assert ("DATE_OF_BIRTH", "1988-04-17") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ward list export\nSURNAME;FORENAME;D.O.B.;POST CODE\nHALLORAN;BRIDGET;12/12/1936;SO15 2JY\n",
         {("PERSON", "HALLORAN"), ("PERSON", "BRIDGET"), ("DATE_OF_BIRTH", "12/12/1936")}),
        ('tool result: [{"fname": "lucja", "lname": "nowak", "birthday": "7 July 2001"}]',
         {("PERSON", "lucja"), ("PERSON", "nowak"), ("DATE_OF_BIRTH", "7 July 2001")}),
        ("| Field | Value |\n|---|---|\n| Given name | tomasz |\n| Date of birth | 30/06/1958 |\n",
         {("PERSON", "tomasz"), ("DATE_OF_BIRTH", "30/06/1958")}),
        ("audit ts=2026-02-02T08:00:01Z actor=svc surname=brennan birth_date=1971-10-10 result=ok",
         {("PERSON", "brennan"), ("DATE_OF_BIRTH", "1971-10-10")}),
    ],
)
def test_values_under_headers_are_found(scan: Scan, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Release notes: upgraded to 12.4.1.7 and 3.11.2; rollback to 12.4.0 if needed.",
        "Invoice 2024.118.0093 and PO 4410/22/1187 were both settled.",
        "case_id,created,updated,status\n8812,2025-03-04,2025-03-09,closed\n",
        "Order SKU 4410.733.0192 ships in 3 days.",
        "![site plan](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC"
        "hwGA60e6kgAAAABJRU5ErkJggg==)",
        "We looked at the dot com era at length in the review.",
        "Server 10.120.4.22 restarted at 02.15 after patch 5.4.3.",
    ],
)
def test_look_alikes_survive_the_whole_engine(scan: Scan, text: str) -> None:
    found = scan(text)
    assert _entities(found) <= {"IP_ADDRESS"}, found
