"""Validated identifier recognizers (Presidio `PatternRecognizer`s), one small class per identifier.

Class names carry a `Steward` prefix: Presidio looks predefined recognizers up by class name among
all `EntityRecognizer` subclasses, so ours must never shadow its own (e.g. `CreditCardRecognizer`).

Each class holds its patterns as data and at most one validation hook. Checksums come from
python-stdnum where it has them (NHS mod 11, IBAN mod 97, Luhn); the NINO prefix rules, DVLA licence
layout and vehicle age identifiers are format rules that stdnum does not cover.
Identifiers that are ambiguous on their own (passport, sort code, account number, old-style number
plates) only match after a cue word, expressed as a variable-length look-behind (Presidio uses the
`regex` module).
"""

from __future__ import annotations

import datetime

import regex
from presidio_analyzer import Pattern, PatternRecognizer
from stdnum import iban, luhn
from stdnum.gb import nhs

_CI = regex.IGNORECASE | regex.MULTILINE


def cued(cue: str, main: str) -> str:
    """`main` preceded by `cue` (a look-behind body). The look-ahead guard makes the costly
    variable-length look-behind run only where `main` can match."""
    return f"(?={main})(?<={cue}){main}"


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).upper()


class DeclaredRecognizer(PatternRecognizer):
    """A PatternRecognizer declared by class attributes: ENTITY, PATTERNS, FLAGS."""

    ENTITY = ""
    PATTERNS: tuple[tuple[str, str, float], ...] = ()
    FLAGS = _CI

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            patterns=[Pattern(name, rx, score) for name, rx, score in self.PATTERNS],
            global_regex_flags=self.FLAGS,
        )


class StewardNhsNumberRecognizer(DeclaredRecognizer):
    ENTITY = "UK_NHS"
    PATTERNS = (("nhs", r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])", 0.4),)

    def validate_result(self, pattern_text: str) -> bool:
        return bool(nhs.is_valid(_compact(pattern_text)))


_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


class StewardNinoRecognizer(DeclaredRecognizer):
    ENTITY = "UK_NINO"
    PATTERNS = (
        ("nino", r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", 0.6),
    )

    def validate_result(self, pattern_text: str) -> bool:
        return _compact(pattern_text)[:2] not in _NINO_BAD_PREFIXES


class StewardPostcodeRecognizer(DeclaredRecognizer):
    """UK postcode with or without the space (Royal Mail format rules for each letter position)."""

    ENTITY = "UK_POSTCODE"
    PATTERNS = (
        (
            "postcode",
            r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y])"
            r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
            0.7,
        ),
    )

    def validate_result(self, pattern_text: str) -> bool:
        # all-lowercase words such as "a1 2ab" are accepted; mixed case like "Mb1 2Ab" is not a postcode
        return pattern_text.isupper() or pattern_text.islower()


class StewardIbanRecognizer(DeclaredRecognizer):
    ENTITY = "IBAN_CODE"
    PATTERNS = (("iban", r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", 0.5),)

    def validate_result(self, pattern_text: str) -> bool:
        return bool(iban.is_valid(_compact(pattern_text)))


class StewardCreditCardRecognizer(DeclaredRecognizer):
    ENTITY = "CREDIT_CARD"
    PATTERNS = (("card", r"(?<![\d-])[2-6]\d{3}(?:[ -]?\d{2,4}){2,4}(?:[ -]?\d{1,3})?(?![\d-])", 0.3),)

    def validate_result(self, pattern_text: str) -> bool:
        digits = _compact(pattern_text)
        return 13 <= len(digits) <= 19 and bool(luhn.is_valid(digits))


_SORT_CUE = r"\b(?:sort(?:[ -]?code)?|s/c)\b[^\n\d]{0,12}"
_ACCOUNT_CUE = r"\b(?:account|acc|a/c|acct)\.?(?: (?:number|no\.?|num))?\b[^\n\d]{0,12}"


class StewardSortCodeRecognizer(DeclaredRecognizer):
    ENTITY = "UK_BANK_SORT_CODE"
    PATTERNS = (("sort_code", cued(_SORT_CUE, r"\d{2}[ -]?\d{2}[ -]?\d{2}(?![\d-])"), 0.9),)


class StewardBankAccountRecognizer(DeclaredRecognizer):
    ENTITY = "UK_BANK_ACCOUNT"
    PATTERNS = (("account", cued(_ACCOUNT_CUE, r"(?<![\d-])(?:\d[ -]?){6,9}\d(?![\d-])"), 0.85),)

    def validate_result(self, pattern_text: str) -> bool:
        return 7 <= len(_compact(pattern_text)) <= 10


class StewardPassportRecognizer(DeclaredRecognizer):
    ENTITY = "UK_PASSPORT"
    PATTERNS = (
        (
            "passport",
            cued(r"\bpassport(?: (?:number|no\.?|num))?\b[^\n\d]{0,15}", r"(?:\d{9}|[A-Z]{2}\d{7})\b"),
            0.85,
        ),
    )


class StewardDrivingLicenceRecognizer(DeclaredRecognizer):
    """DVLA layout: surname (5, 9-padded), decade, month (+50 female), day, year digit, initials,
    a digit and two check letters."""

    ENTITY = "UK_DRIVING_LICENCE"
    PATTERNS = (("dvla", r"\b[A-Z][A-Z9]{4} ?\d{6} ?[A-Z9]{2}\d ?[A-Z]{2}(?: ?\d{2})?\b", 0.6),)

    def validate_result(self, pattern_text: str) -> bool:
        value = _compact(pattern_text)
        surname, digits = value[:5], value[5:11]
        if regex.search(r"9[A-Z]", surname):
            return False
        month, day = int(digits[1:3]) % 50, int(digits[3:5])
        return 1 <= month <= 12 and 1 <= day <= 31


def _valid_age_identifier(two_digits: str, today: datetime.date | None = None) -> bool:
    year = (today or datetime.date.today()).year % 100
    age = int(two_digits)
    return 2 <= age <= year or 51 <= age <= 50 + year


class StewardVehicleRegistrationRecognizer(DeclaredRecognizer):
    """Current plates (AB12 CDE) anywhere in capitals; any case and older formats after a vehicle cue."""

    ENTITY = "VEHICLE_REGISTRATION"
    FLAGS = regex.MULTILINE
    _CUE = r"(?i:\b(?:vehicle|reg(?:istration)?|vrm|number ?plate|car|van|motorcycle)\b[^\n\d]{0,20})"
    PATTERNS = (
        ("current", r"\b[A-HJ-PR-Y][A-HJ-PR-Y]\d{2} ?[A-HJ-PR-Z]{3}\b", 0.7),
        ("current_cued", cued(_CUE, r"(?i:\b[A-HJ-PR-Y][A-HJ-PR-Y]\d{2} ?[A-HJ-PR-Z]{3}\b)"), 0.85),
        ("prefix_cued", cued(_CUE, r"(?i:\b[A-HJ-NP-Y]\d{1,3} ?[A-HJ-PR-Y]{3}\b)"), 0.7),
        ("suffix_cued", cued(_CUE, r"(?i:\b[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NP-Y]\b)"), 0.7),
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        value = _compact(pattern_text)
        if regex.fullmatch(r"[A-Z]{2}\d{2}[A-Z]{3}", value):
            return _valid_age_identifier(value[2:4])
        return None


# A part of an identifier, announced as a part ("the first half of the NHS number is 401 023", "NI number
# ends 62 14 C", "last digits of his account are 7781"): the piece is the person's identifier too, though
# it is too short to validate. The cue needs the identifier's name and a word that says "part of it".
_PART = r"(?:first|last|final|opening|start|starts|starting|begin|begins|beginning|end|ends|ending|finishes|half|bit|part|rest|remainder|remaining|digits|characters)"  # noqa: E501
_NUMBER_NAME = r"(?:[ -]?(?:number|no\.?|num|nr))?"


def _part_cue(label: str) -> str:
    """The label, with a part word before it (checked by a look-behind from the label, so a search for the
    cue only stops at the label) or after it."""
    named = rf"\b{label}{_NUMBER_NAME}"
    return (
        rf"{named}(?:(?<=\b{_PART}\b[^\n\d]{{0,30}}?{named})|[^\n\d]{{0,30}}?\b{_PART})\b[^\n\d]{{0,16}}"
    )


_FRAGMENT = r"(?<![\w-])\d(?:[ -]?\d){2,8}(?![\w-]|[.,]\d)"


class StewardNhsFragmentRecognizer(DeclaredRecognizer):
    ENTITY = "UK_NHS"
    PATTERNS = (("nhs_part", cued(_part_cue(r"nhs"), _FRAGMENT), 0.7),)


class StewardNinoFragmentRecognizer(DeclaredRecognizer):
    ENTITY = "UK_NINO"
    PATTERNS = (
        ("nino_part", cued(_part_cue(r"(?:ni|nino|national insurance)"), r"(?<![\w-])(?:[a-z]{2}[ -]?)?"
                           r"\d(?:[ -]?\d){1,5}(?:[ -]?[a-d])?(?![\w-]|[.,]\d)"), 0.7),
    )


class StewardAccountFragmentRecognizer(DeclaredRecognizer):
    ENTITY = "UK_BANK_ACCOUNT"
    PATTERNS = (("account_part", cued(_part_cue(r"(?:account|acc|acct|a/c|card)"), _FRAGMENT), 0.7),)


def id_recognizers() -> list[PatternRecognizer]:
    """All identifier recognizers, ready to call `.analyze(text, entities=[...])`."""
    return [
        StewardNhsNumberRecognizer(), StewardNinoRecognizer(), StewardPostcodeRecognizer(),
        StewardIbanRecognizer(), StewardCreditCardRecognizer(), StewardSortCodeRecognizer(),
        StewardBankAccountRecognizer(), StewardPassportRecognizer(), StewardDrivingLicenceRecognizer(),
        StewardVehicleRegistrationRecognizer(), StewardNhsFragmentRecognizer(), StewardNinoFragmentRecognizer(),
        StewardAccountFragmentRecognizer(),
    ]
