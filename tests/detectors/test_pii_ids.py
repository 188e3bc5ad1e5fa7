"""Validated UK identifiers: each entity with positives (valid, common layouts) and negatives
(checksum failures, wrong layouts, missing cue)."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Found

POSITIVE = [
    ("UK_NHS", "NHS number: 943 476 5919", "943 476 5919"),
    ("UK_NHS", "nhs no 943-476-5919 on file", "943-476-5919"),
    ("UK_NHS", "patient 9434765919 seen", "9434765919"),
    ("UK_NINO", "NI number: AB 12 34 56 C", "AB 12 34 56 C"),
    ("UK_NINO", "nino ab123456c", "ab123456c"),
    ("UK_POSTCODE", "lives in SW1A 1AA now", "SW1A 1AA"),
    ("UK_POSTCODE", "Leeds ls6 2qt", "ls6 2qt"),
    ("UK_POSTCODE", "Leicester LE17QP", "LE17QP"),
    ("IBAN_CODE", "pay GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32"),
    ("IBAN_CODE", "IBAN GB82WEST12345698765432", "GB82WEST12345698765432"),
    ("CREDIT_CARD", "card 4111 1111 1111 1111 exp 08/27", "4111 1111 1111 1111"),
    ("CREDIT_CARD", "card 5555-5555-5555-4444", "5555-5555-5555-4444"),
    ("UK_BANK_SORT_CODE", "Sort code: 20-00-00", "20-00-00"),
    ("UK_BANK_SORT_CODE", "sort code 200000, account 12345678", "200000"),
    ("UK_BANK_SORT_CODE", "Mr Roe, sort 40-11-62, a/c 71234560", "40-11-62"),
    ("UK_BANK_ACCOUNT", "Account number: 12345678", "12345678"),
    ("UK_BANK_ACCOUNT", "Mr Roe, sort 40-11-62, a/c 71234560", "71234560"),
    ("UK_BANK_ACCOUNT", "sort code 200000, account 12345678", "12345678"),
    ("UK_PASSPORT", "passport number 123456789 expires", "123456789"),
    ("UK_PASSPORT", "copy of her passport (987654321)", "987654321"),
    ("UK_DRIVING_LICENCE", "licence MORGA657054SM9IJ", "MORGA657054SM9IJ"),
    ("UK_DRIVING_LICENCE", "licence JONES 810112 AB9 CD", "JONES 810112 AB9 CD"),
    ("VEHICLE_REGISTRATION", "parked BD51 SMR outside", "BD51 SMR"),
    ("VEHICLE_REGISTRATION", "vehicle: bd51smr", "bd51smr"),
    ("VEHICLE_REGISTRATION", "Vehicle reg: A123 BCD", "A123 BCD"),
]

NEGATIVE = [
    ("UK_NHS", "NHS number: 943 476 5918"),             # fails mod 11
    ("UK_NHS", "purchase order 4542627109"),
    ("UK_NINO", "NI number: QQ 12 34 56 C"),            # Q is never a first letter
    ("UK_NINO", "ref GB 12 34 56 A"),                    # GB prefix is not allocated
    ("UK_POSTCODE", "model X1 2ZZZ and Mb1 2Ab"),
    ("IBAN_CODE", "GB82 WEST 1234 5698 7654 33"),        # fails mod 97
    ("CREDIT_CARD", "card 4111 1111 1111 1112"),         # fails Luhn
    ("UK_BANK_SORT_CODE", "meeting on 20-03-26"),        # no sort-code cue: a date
    ("UK_BANK_ACCOUNT", "we received 12345678 requests"),
    ("UK_PASSPORT", "order 123456789 shipped"),
    ("UK_DRIVING_LICENCE", "MORGA657354SM9IJ"),          # month 73 is not a month
    ("VEHICLE_REGISTRATION", "parked BD99 SMR outside"),  # 99 is not an age identifier
    ("VEHICLE_REGISTRATION", "the A123 BCD option"),     # old format needs a vehicle cue
]


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_identifier_found(found: Found, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(text)


@pytest.mark.parametrize(("entity", "text"), NEGATIVE)
def test_identifier_not_found(found: Found, entity: str, text: str) -> None:
    assert entity not in {e for e, _ in found(text)}


def test_our_recognizers_do_not_shadow_presidio_predefined_ones() -> None:
    """Presidio finds predefined recognizers by class name among all subclasses: importing ours must
    leave a stock registry loadable and free of Steward classes."""
    from presidio_analyzer import RecognizerRegistry

    import detectors.pii  # noqa: F401

    registry = RecognizerRegistry()
    registry.load_predefined_recognizers()
    assert registry.recognizers
    assert not [r for r in registry.recognizers if type(r).__name__.startswith("Steward")]
