"""Each false-positive rule on its own (unit) and through the detector (nothing personal found in
ordinary dates, section references, reference numbers, standards and role mailboxes)."""

from __future__ import annotations

import pytest

from detectors import pii_suppress as sup
from tests.detectors.conftest import Found


def _at(text: str, value: str) -> tuple[str, int, int]:
    start = text.index(value)
    return text, start, start + len(value)


@pytest.mark.parametrize(
    ("rule", "text", "value", "expected"),
    [
        (sup.reference_number, "Invoice no: 01632960001", "01632960001", True),
        (sup.reference_number, "purchase order 4542627109", "4542627109", True),
        (sup.reference_number, "ref NHS number 9434765919", "9434765919", False),
        (sup.reference_number, "call 01632960001", "01632960001", False),
        (sup.nhs_labelled_non_phone, "NHS no: 0154737427", "0154737427", True),
        (sup.nhs_labelled_non_phone, "Tel: 0154737427", "0154737427", False),
        (sup.embedded_in_code, "see INV-2025-0445012 now", "0445012", True),
        (sup.embedded_in_code, "change CHG0026672 approved", "0026672", True),
        (sup.embedded_in_code, "AUD/2026/0071234 filed", "0071234", True),
        (sup.embedded_in_code, "tel 01632 960001.", "01632 960001", False),
        (sup.standard_number, "certified to ISO 27001 in", "27001", True),
        (sup.standard_number, "meets ISO/IEC 27001:2022", "27001:2022", True),
        (sup.standard_number, "we have 27001 records", "27001", False),
        (sup.version_number, "upgrade to version 10.2.3.4", "10.2.3.4", True),
        (sup.functional_mailbox, "counciltax@anytown.gov.uk", "counciltax@anytown.gov.uk", True),
        (sup.functional_mailbox, "no-reply@anytown.gov.uk", "no-reply@anytown.gov.uk", True),
        (sup.functional_mailbox, "customer.services@x.org", "customer.services@x.org", True),
        (sup.functional_mailbox, "jane.hart@anytown.gov.uk", "jane.hart@anytown.gov.uk", False),
        (sup.functional_mailbox, "housingjhart@x.org", "housingjhart@x.org", False),
    ],
)
def test_rule(rule: sup.Rule, text: str, value: str, expected: bool) -> None:
    assert rule(*_at(text, value)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "The panel meets on Thursday 5 March 2026 and again on 24/04/2026.",
        "This is covered by section 40(2) and paragraph 10.7; see 5.2 and 1.7 of the procedure.",
        "Planning application 25/08736/LBC, report AUD/2026/007 and change CHG0026672.",
        "Invoice INV-2025-04430 was paid against purchase order 4542627109.",
        "We hold ISO 27001, ISO 9001:2015 and BS 7666 certification.",
        "Email counciltax@anytown.gov.uk or foi@anytown.gov.uk for help.",
        "The budget is £5,372,925 for 2026/27, up 3% on 2025/26.",
        "Please ask the Local Government and Social Care Ombudsman and Birmingham City Council.",
        "Install version 10.0.19045.4291 or v2.7.1 from www.anytown.gov.uk/help.",
    ],
)
def test_ordinary_council_text_has_no_personal_data(found: Found, text: str) -> None:
    assert found(text) == set()


@pytest.mark.parametrize(
    ("address", "functional"),
    [
        ("streetcare@brackley.gov.uk", True),
        ("fostering@brackley.gov.uk", True),
        ("blue.badge@brackley.gov.uk", True),
        ("planning.applications@brackley.gov.uk", True),
        ("wellbeing@northfield.ac.uk", True),
        ("office@st-anselms.sch.uk", True),
        ("pals@trust.nhs.net", True),
        ("ottilie.brackwood@brackley.gov.uk", False),
        ("o.brackwood@brackley.gov.uk", False),
        ("jsmith@brackley.gov.uk", False),
        ("mark.green@brackley.gov.uk", False),
        ("priya@brackley.gov.uk", False),
        ("k.mensah2@trust.nhs.net", False),
        ("fostering@gmail.com", False),          # not a public body's domain: service words only
    ],
)
def test_role_mailboxes_on_public_body_domains_are_kept_personal_ones_are_not(address: str, functional: bool) -> None:
    assert sup.functional_mailbox(address, 0, len(address)) is functional


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("revs.bens@northfold.gov.uk", True),
        ("northfold.libraries@northfold.gov.uk", True),
        ("northfold@northfold.gov.uk", True),
        ("camhs.referrals@northfold.nhs.uk", True),
        ("fostering@northfold.gov.uk", True),
        ("k.northfold@northfold.gov.uk", False),
        ("yasmin.northfold@northfold.gov.uk", False),
        ("northfold@northfold.co.uk", False),
        ("gp@gmail.com", False),
    ],
)
def test_service_abbreviations_and_the_bodys_own_name(address: str, kept: bool) -> None:
    assert sup.functional_mailbox(address, 0, len(address)) is kept
