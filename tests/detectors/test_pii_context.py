"""Dates of birth (a date in a birth context only) and street addresses."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Found

POSITIVE = [
    ("DATE_OF_BIRTH", "DOB: 04/11/1962", "04/11/1962"),
    ("DATE_OF_BIRTH", "(DOB 04.11.1962)", "04.11.1962"),
    ("DATE_OF_BIRTH", "born 4th November 1962 in", "4th November 1962"),
    ("DATE_OF_BIRTH", "Date of birth: 1962-11-04", "1962-11-04"),
    ("DATE_OF_BIRTH", "d.o.b. Nov 4, 1962", "Nov 4, 1962"),
    ("STREET_ADDRESS", "lives at 14 Acacia Avenue, Anytown", "14 Acacia Avenue"),
    ("STREET_ADDRESS", "Address: Flat 3, 27b Mill Lane, Leeds", "Flat 3, 27b Mill Lane"),
    ("STREET_ADDRESS", "Flat 9, Orchard House, Station Road, Anytown AB1 2CD",
     "Flat 9, Orchard House, Station Road"),
    ("STREET_ADDRESS", "moved to Kestrel Close, Anytown AB1 2CD", "Kestrel Close"),
    ("STREET_ADDRESS", "send to The Old Vicarage, Mill Lane, Anytown", "The Old Vicarage, Mill Lane"),
    ("STREET_ADDRESS", "Apartment 4B, 22 Wharf Road, Anytown", "Apartment 4B, 22 Wharf Road"),
]

NEGATIVE = [
    ("DATE_OF_BIRTH", "Visit date: 13/02/2026"),
    ("DATE_OF_BIRTH", "the review is on 3rd April 2026"),
    ("DATE_OF_BIRTH", "Next meeting: Monday 30 March 2026"),
    ("STREET_ADDRESS", "see section 4 of the report"),
    ("STREET_ADDRESS", "the Station Road scheme is delayed"),   # a street name alone is a place
    ("STREET_ADDRESS", "we counted 12 Green bins"),
]


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_context_entity_found(found: Found, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(text)


@pytest.mark.parametrize(("entity", "text"), NEGATIVE)
def test_context_entity_not_found(found: Found, entity: str, text: str) -> None:
    assert entity not in {e for e, _ in found(text)}
