"""International identifiers (detectors/pii_intl.py): US SSN and phone numbers, EU national IDs, passports.

Each positive is written in a different register (care note, spreadsheet paste, text message, email); each
negative is a look-alike with a failed checksum, a forbidden range, a missing cue or another meaning."""

from __future__ import annotations

import pytest

from detectors.pii_intl import valid_grouped_taxpayer_number, valid_mrz_line2, valid_ssn
from tests.detectors.conftest import Found

POSITIVE = [
    ("US_SSN", "Client moved from Ohio; SSN 536-22-1234 on the old tenancy file.", "536-22-1234"),
    ("US_SSN", "name,ssn,dob\nK Adeyemi,536 22 1234,1981-03-02", "536 22 1234"),
    ("US_SSN", "hi its me, my social security number is 536221234 if u need it", "536221234"),
    ("US_SSN", "ITIN on the W-7 form: 912-78-4410.", "912-78-4410"),
    ("PHONE_NUMBER", "Her sister in Toronto can be reached on (416) 555-2671 after 6pm.", "(416) 555-2671"),
    ("PHONE_NUMBER", "txt me back on 312-555-0147 pls", "312-555-0147"),
    ("PHONE_NUMBER", "Cell: +1 646 555 0199", "+1 646 555 0199"),
    ("EU_NATIONAL_ID", "Spanish DNI 48291735S copied from the tenancy application.", "48291735S"),
    ("EU_NATIONAL_ID", "Codice fiscale: MRTMTT91D08F205J", "MRTMTT91D08F205J"),
    ("EU_NATIONAL_ID", "Numero de securite sociale 2 84 12 76 451 089 93 noted", "2 84 12 76 451 089 93"),
    ("EU_NATIONAL_ID", "id,name\n19780202-2389,Lindqvist", "19780202-2389"),
    ("EU_NATIONAL_ID", "Belgian rijksregisternummer 85.07.30-033.28 for the claim", "85.07.30-033.28"),
    ("EU_NATIONAL_ID", "Her PPS is 8472913E, please update the record", "8472913E"),
    ("EU_NATIONAL_ID", "PESEL: 44051401359", "44051401359"),
    ("EU_NATIONAL_ID", "Dutch BSN 273849517 supplied by the applicant", "273849517"),
    ("PASSPORT", "Passport no. C01X00T47 (German) seen at the desk.", "C01X00T47"),
    ("PASSPORT", "passport number: 12AB34567", "12AB34567"),
    ("PASSPORT", "scan:\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
     "L898902C36UTO7408122F1204159ZE184226B<<<<<10"),
]

NEGATIVE = [
    ("US_SSN", "reference 666-12-3456 on the invoice"),        # area 666 never issued
    ("US_SSN", "batch 000-12-3456 processed"),                  # area 000
    ("US_SSN", "part no. 536-00-1234 in stock"),                # group 00
    ("US_SSN", "SSN 123-45-6789 (the sample on the form)"),     # published specimen
    ("US_SSN", "ticket 912345678 closed"),                      # bare 9 digits, no cue
    ("US_SSN", "social security number 912345678"),             # bare 9xx needs the full SSA rules
    ("PHONE_NUMBER", "lot 212-55-01234 shipped"),               # not the 3-3-4 grouping
    ("PHONE_NUMBER", "build 123-456-7890"),                     # area starting 1 is not NANP
    ("EU_NATIONAL_ID", "DNI 48291735T on the letter"),          # wrong check letter
    ("EU_NATIONAL_ID", "codice MRTMTT91D08F205K"),              # wrong check character
    ("EU_NATIONAL_ID", "order 273849517 dispatched"),           # BSN-valid digits without a cue
    ("EU_NATIONAL_ID", "PPS 8472913A"),                         # wrong check letter
    ("PASSPORT", "invoice C01X00T47"),                          # passport layout without a cue
    ("PASSPORT", "L898902C36UTO7408122F1204159ZE184226B<<<<<11"),  # bad final check digit fails line
]


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_finds(found: Found, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(text)


@pytest.mark.parametrize(("entity", "text"), NEGATIVE)
def test_leaves_look_alikes(found: Found, entity: str, text: str) -> None:
    assert not {e for e, _ in found(text)} & {entity}


def test_ssn_structure_rules() -> None:
    assert valid_ssn("536-22-1234")
    assert not valid_ssn("900-12-3456")  # 9xx area: not an SSN under the SSA rules
    assert not valid_ssn("111-11-1111")
    assert valid_grouped_taxpayer_number("900-12-3456")  # ... but the taxpayer-number layout
    assert not valid_grouped_taxpayer_number("900-12-0000")


def test_mrz_check_digits() -> None:
    assert valid_mrz_line2("L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert not valid_mrz_line2("L898902C37UTO7408122F1204159ZE184226B<<<<<10")


def test_nhs_number_in_phone_grouping_stays_an_nhs_number(found: Found) -> None:
    assert found("Her NHS number is 943-476-5919.") == {("UK_NHS", "943-476-5919")}
