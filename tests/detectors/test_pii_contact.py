"""Email, phone and IP recognizers, including the functional-mailbox and version-number rules."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Found

POSITIVE = [
    ("EMAIL_ADDRESS", "write to jo.bloggs@example.co.uk today", "jo.bloggs@example.co.uk"),
    ("EMAIL_ADDRESS", "from: sam_k99@hotmail.com", "sam_k99@hotmail.com"),
    ("PHONE_NUMBER", "call 020 7946 0018 please", "020 7946 0018"),
    ("PHONE_NUMBER", "mobile 07700 900123", "07700 900123"),
    ("PHONE_NUMBER", "tel +44 (0)113 496 0000.", "+44 (0)113 496 0000"),
    ("PHONE_NUMBER", "ring 01632960001 after 5", "01632960001"),
    ("IP_ADDRESS", "blocked 203.0.113.7 twice", "203.0.113.7"),
    ("IP_ADDRESS", "from 2001:db8::8a2e:370:7334 at", "2001:db8::8a2e:370:7334"),
]

NEGATIVE = [
    ("EMAIL_ADDRESS", "email counciltax@anytown.gov.uk for help"),
    ("EMAIL_ADDRESS", "sent from noreply@service.example.com"),
    ("EMAIL_ADDRESS", "contact foi@anytown.gov.uk or customer.services@anytown.gov.uk"),
    ("EMAIL_ADDRESS", "not an address: user@localhost"),
    ("PHONE_NUMBER", "purchase order 4542627109 raised"),
    ("PHONE_NUMBER", "invoice INV-2025-0445012 paid"),
    ("PHONE_NUMBER", "NHS number: 0154737427"),             # fails mod 11 but is labelled NHS
    ("PHONE_NUMBER", "the meeting is 10:00-11:30 on 13/02/2026"),
    ("IP_ADDRESS", "Windows version 10.0.19045.4291"),
    ("IP_ADDRESS", "version 1.2.3.4 released"),
    ("IP_ADDRESS", "the meeting ran 10:00:00 to 11:00"),
    ("IP_ADDRESS", "section 1.2.3 applies"),
]


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_contact_found(found: Found, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(text)


@pytest.mark.parametrize(("entity", "text"), NEGATIVE)
def test_contact_not_found(found: Found, entity: str, text: str) -> None:
    assert entity not in {e for e, _ in found(text)}
