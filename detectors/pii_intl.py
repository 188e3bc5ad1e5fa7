"""Identifiers beyond the UK set that callers meet: US SSNs and phone numbers, EU national IDs, IBANs of
every country, and passport numbers in common formats -- each with its checksum or structure rule.

Registered beside the UK recognizers in `detectors.pii` (same Presidio `PatternRecognizer` protocol).
Checksums and structure rules come from python-stdnum (one module per national scheme). What matches
without a cue word is limited to shapes whose validation keeps false positives low:

    US_SSN               ddd-dd-dddd / ddd dd dddd (area not 000 or 666, group and serial not zero;
                         a 9xx area is the IRS's taxpayer-number range in the same layout); a bare
                         9-digit run only after an "SSN" / "social security" cue, with the full SSA
                         rules (no 9xx area)
    PHONE_NUMBER         North American numbers written with their grouping: (ddd) ddd-dddd,
                         ddd-ddd-dddd, ddd.ddd.dddd, +1 ddd ddd dddd (area and exchange 2-9xx)
    EU_NATIONAL_ID       ES DNI/NIE (check letter), IT codice fiscale (check letter), FR NIR (key mod 97),
                         FI henkilotunnus (check character), SE personnummer (Luhn + date),
                         BE rijksregisternummer in its dotted layout (mod 97), DK CPR with its hyphen
                         (date), IE PPS (check letter); NL BSN, DE Steuer-ID and PL PESEL (all-digit,
                         weak checksums) only after a cue word naming them
    (IBANs of every country, in either letter case, are matched by `pii_ids.StewardIbanRecognizer`)
    PASSPORT             the machine-readable zone of a passport (both TD3 lines, check digits) and,
                         after a "passport" cue, the number formats of common issuing states
"""

from __future__ import annotations

import regex
from stdnum.be import nn as be_nn
from stdnum.de import idnr as de_idnr
from stdnum.dk import cpr as dk_cpr
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fi import hetu as fi_hetu
from stdnum.fr import nir as fr_nir
from stdnum.gb import nhs
from stdnum.ie import pps as ie_pps
from stdnum.it import codicefiscale as it_cf
from stdnum.nl import bsn as nl_bsn
from stdnum.pl import pesel as pl_pesel
from stdnum.se import personnummer as se_pnr
from stdnum.us import ssn as us_ssn

from detectors.pii_ids import DeclaredRecognizer

_CS = regex.MULTILINE

# Published specimen numbers (SSA: the 1938 wallet card, documentation samples) are not anyone's.
_SSN_SPECIMENS = frozenset({"123456789", "078051120", "219099999"})


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).upper()


def _cued(cue: str, main: str) -> str:
    """`main` preceded by `cue` (a look-behind body); the look-ahead keeps the look-behind cheap."""
    return f"(?={main})(?<={cue}){main}"


def valid_ssn(text: str) -> bool:
    """SSA structure: area 001-665 or 667-899, group 01-99, serial 0001-9999; not a published specimen."""
    digits = _compact(text)
    return len(digits) == 9 and digits not in _SSN_SPECIMENS and len(set(digits)) > 1 and us_ssn.is_valid(digits)


def valid_grouped_taxpayer_number(text: str) -> bool:
    """A number in the hyphenated (or spaced) 3-2-4 layout: the SSA rules, except that a 9xx area is
    accepted -- the IRS issues taxpayer numbers (ITIN, ATIN) in the same layout from that area, and text
    cannot tell an issued one from a mistyped or unissued one, so the layout itself marks the value."""
    digits = _compact(text)
    if len(digits) != 9 or digits[0] != "9":
        return valid_ssn(digits)
    return digits[3:5] != "00" and digits[5:] != "0000" and len(set(digits)) > 1


class StewardUsSsnRecognizer(DeclaredRecognizer):
    """US Social Security (and, in the 9xx area, IRS taxpayer) numbers."""

    ENTITY = "US_SSN"
    PATTERNS = (
        ("ssn_grouped", r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])", 0.6),
        ("ssn_cued", _cued(r"\b(?:ssn|ss#|social security(?: (?:number|no\.?|#))?)\b[^\n\d]{0,12}",
                           r"\d{9}(?!\d)"), 0.85),
    )

    def validate_result(self, pattern_text: str) -> bool:
        if any(not ch.isdigit() for ch in pattern_text):
            return valid_grouped_taxpayer_number(pattern_text)
        return valid_ssn(pattern_text)


class StewardNanpPhoneRecognizer(DeclaredRecognizer):
    """North American Numbering Plan numbers in their written groupings (never a bare 10-digit run, which
    collides with UK NHS numbers and account numbers)."""

    ENTITY = "PHONE_NUMBER"
    _AREA, _EXCHANGE = r"[2-9]\d{2}", r"[2-9]\d{2}"
    PATTERNS = (
        ("nanp_parens", rf"(?<![\w+])(?:\+?1[ .-]?)?\({_AREA}\) ?{_EXCHANGE}[ .-]\d{{4}}(?![\w-])", 0.7),
        ("nanp_grouped", rf"(?<![\w+.-])(?:\+?1([ .-]))?{_AREA}([.-]){_EXCHANGE}\2\d{{4}}(?![\w-]|\.\d)", 0.6),
        ("nanp_plus1", rf"(?<![\w+])\+1 {_AREA} {_EXCHANGE} \d{{4}}(?![\w-])", 0.7),
    )

    def validate_result(self, pattern_text: str) -> bool:
        """A 3-3-4 number that passes the NHS mod 11 check is left to the NHS recognizer (same grouping);
        it is personal data either way."""
        digits = _compact(pattern_text)
        return len(digits) != 10 or not nhs.is_valid(digits)


class StewardEuNationalIdRecognizer(DeclaredRecognizer):
    """National identity numbers of EU states whose layout and check character make them safe to match
    without a cue; all-digit schemes with weak checksums need a cue word."""

    ENTITY = "EU_NATIONAL_ID"
    FLAGS = _CS
    PATTERNS = (
        ("es_dni", r"(?<![\w-])\d{8}-?[A-HJ-NP-TV-Z](?![\w-])", 0.6),
        ("es_nie", r"(?<![\w-])[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z](?![\w-])", 0.6),
        ("it_cf", r"(?<![\w-])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z][0-9LMNP-V]{3}[A-Z](?![\w-])", 0.7),
        ("fr_nir", r"(?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}"
                   r"(?![\w-])", 0.6),
        ("fi_hetu", r"(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![\w-])", 0.7),
        ("se_pnr", r"(?<![\w-])(?:\d{2})?\d{6}[-+]\d{4}(?![\w-])", 0.5),
        ("be_nn", r"(?<![\w.-])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\w-])", 0.7),
        ("dk_cpr", r"(?<![\w-])\d{6}-\d{4}(?![\w-])", 0.4),
        ("ie_pps", r"(?<![\w-])\d{7}[A-W][ABWTXZ]?(?![\w-])", 0.5),
        ("cued_digits", _cued(r"(?i:\b(?:bsn|burgerservicenummer|steuer-?id|steueridentifikationsnummer|idnr|"
                              r"pesel)\b)[^\n\d]{0,12}", r"\d{9,11}(?!\d)"), 0.85),
    )

    def validate_result(self, pattern_text: str) -> bool:
        return any(module.is_valid(pattern_text) for module in _NATIONAL_ID_SCHEMES)


_NATIONAL_ID_SCHEMES = (es_dni, es_nie, it_cf, fr_nir, fi_hetu, se_pnr, be_nn, dk_cpr, ie_pps, nl_bsn, de_idnr,
                        pl_pesel)


_MRZ_WEIGHTS = (7, 3, 1)


def _mrz_check(field: str) -> int:
    total = 0
    for i, ch in enumerate(field):
        value = int(ch) if ch.isdigit() else (ord(ch) - 55 if ch.isalpha() else 0)
        total += value * _MRZ_WEIGHTS[i % 3]
    return total % 10


def valid_mrz_line2(line: str) -> bool:
    """ICAO 9303 TD3 second line: document number, birth date, expiry and the whole line each carry a
    check digit."""
    line = line.upper()
    if len(line) != 44:
        return False
    composite = line[0:10] + line[13:20] + line[21:43]
    checks = ((line[0:9], line[9]), (line[13:19], line[19]), (line[21:27], line[27]), (composite, line[43]))
    return all(digit.isdigit() and _mrz_check(field) == int(digit) for field, digit in checks)


class StewardPassportIntlRecognizer(DeclaredRecognizer):
    """A passport's machine-readable zone (validated by its check digits), and passport numbers of common
    issuing states after a "passport" cue (US 9 digits or a letter and 8 digits, Schengen alphanumeric
    layouts such as DE/FR/IT/ES/NL, Irish, Indian)."""

    ENTITY = "PASSPORT"
    FLAGS = _CS
    _CUE = r"(?i:\bpassport(?:[ -]?(?:number|no\.?|num|#))?\b)[^\n\w]{0,15}"
    PATTERNS = (
        ("mrz_td3", r"(?<![\w<])[A-Z0-9<]{9}\d[A-Z<]{3}\d{6}\d[MF<]\d{6}\d[A-Z0-9<]{14}[\d<]\d(?![\w<])", 0.9),
        ("passport_cued", _cued(_CUE, r"(?:[A-Z]\d{8}|[A-Z]{2}\d{6,7}|\d{2}[A-Z]{2}\d{5}|[CFGHJKLMNPRTVWXYZ]"
                                      r"[CFGHJKLMNPRTVWXYZ0-9]{8}|[A-Z]\d{7}|[A-Z]{3}\d{6}|[A-Z]{2}[A-Z0-9]{7})"
                                      r"(?![\w-])"), 0.85),
    )

    def validate_result(self, pattern_text: str) -> bool:
        if len(pattern_text) == 44:
            return valid_mrz_line2(pattern_text)
        return any(ch.isdigit() for ch in pattern_text)


def intl_recognizers() -> list[DeclaredRecognizer]:
    """The international recognizers, ready to call `.analyze(text, entities=[...])`."""
    return [
        StewardUsSsnRecognizer(), StewardNanpPhoneRecognizer(), StewardEuNationalIdRecognizer(),
        StewardPassportIntlRecognizer(),
    ]


INTL_ENTITIES: frozenset[str] = frozenset({"US_SSN", "EU_NATIONAL_ID", "PASSPORT"})
