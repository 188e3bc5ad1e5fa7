"""Rewrites that undo common obfuscations of identifiers, applied only where the result validates.

    html entities          &#64; &#x40; &commat; &period; ... decoded in place (`entity_edits`,
                           a stage of its own before the others)
    spelled-out emails     "j dot smith at example dot org", "j.smith [at] example (dot) org",
                           "j.smith AT example DOT org" -> "j.smith@example.org" when the domain ends
                           in a real public suffix; a bare " at " also needs a spelled "dot" or a
                           dotted local part, and a local part that is not a common English word
    separated identifiers  digit runs split by dots, slashes, underscores, dashes or single spaces
                           ("943.476.5919", "9 4 3 4 7 6 5 9 1 9"), and National Insurance numbers
                           split the same way ("JG.10.37.59.A") -> the compact form, only when the
                           compact form is a valid NHS number (mod 11), NINO (prefix rules), card
                           number (Luhn) or a valid UK phone number; dotted quads that are IPv4
                           addresses are left alone; an NHS number given in two pieces with a few
                           words between them after its label ("nhs no. starts 401 023, ends 2137")
                           -> the ten digits, when they pass mod 11
    letter-by-letter words "p e n h a l i g o n" (a name spelt out for a caller or to dodge detection)
                           -> "Penhaligon": four or more single letters each separated by one blank
                           are read as one word (a wider gap separates words); capitalised, as a
                           spelt-out word is usually a proper name
    spaced postcodes/IBANs "c h 4 1  2 x y" -> "CH41 2XY" when it has a UK postcode's shape;
                           "gb82 west  1234 5698765432" -> the compact IBAN when it passes mod 97

Every rewrite is an `Edit` on its input, so `detectors.normalize` maps findings back to the
original characters.
"""

from __future__ import annotations

import html
import ipaddress
import re
from functools import lru_cache

import phonenumbers
import regex
from stdnum import iban, luhn
from stdnum.gb import nhs

from detectors.normalize_map import Edit
from detectors.normalize_spoken import spoken_number_edits

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});")

_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_DOT_WORD = rf"(?:{_OPEN}[ \t]*dot[ \t]*{_CLOSE}|(?<=[ \t])dot(?=[ \t]))"
_AT_WORD = rf"(?:{_OPEN}[ \t]*at[ \t]*{_CLOSE}|(?<=[ \t])at(?=[ \t]))"
_DOT = rf"(?:[ \t]*{_DOT_WORD}[ \t]*|\.)"
_AT = rf"(?:[ \t]*(?:{_AT_WORD}|@)[ \t]*)"
_LOCAL_PART = r"[a-z0-9_%+'-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.@+'-])(?P<local>{_LOCAL_PART}(?:{_DOT}{_LOCAL_PART}){{0,5}}){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{1,5}})(?![\w@-])",
    re.IGNORECASE,
)
_HAS_SPELLED = re.compile(rf"(?i){_DOT_WORD}|{_AT_WORD}|[ \t]@|@[ \t]")
_AT_HINT = re.compile(r"(?i)[ \t]at[ \t]|[\[({<][ \t]*at[ \t]*[\])}>]|[ \t]@|@[ \t]")
_BRACKETED = re.compile(rf"(?i){_OPEN}[ \t]*(?:at|dot)[ \t]*{_CLOSE}|@")
_SPELLED_DOT = re.compile(r"(?i)(?<=[ \t])dot(?=[ \t])")
# up to four digit groups split by single spaces or hyphens: the form every recognizer already reads
_STANDARD_GROUPING = re.compile(r"\+?\d+(?:[ -]\d+){0,3}")
_NOT_DIGIT = re.compile(r"[^\d+]")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_EMAIL_REACH = 160
_SPELLED_PIECE = re.compile(rf"(?i)[ \t]*(?:{_DOT_WORD}|{_AT_WORD})[ \t]*|[ \t]*([.@])[ \t]*")
# words that sit before "at" in ordinary sentences ("look at", "meet me at", "arrived at")
_NOT_LOCAL = frozenset(
    "a an the me you him her us them it this that these those here there home work school look looked looking"
    " meet met stay stayed arrive arrived arriving be is are was were been out back up down in on off and or"
    " but not all one least most best".split()
)

# between two characters of a spelled-out identifier: blanks, or a short run of punctuation ("9.4.3",
# "9 - 4", "s.-.t": an obfuscator may put the same few marks between every character)
_SEP = r"(?:[ \t]{1,2}|[ \t]?[./\\_\u00b7\u2022\u2013\u2014-]{1,3}[ \t]?)"
_DIGIT_RUN = re.compile(rf"(?<![\w.\\/-])\+?\d+(?:{_SEP}\d+){{1,18}}(?![\w]|[./\\-]\d)")
# a NINO has exactly six digits: a seventh after a separator means the letters only precede a longer
# number ("on 9 4 5 8 0 7 3 0 2 2" is a word and a spaced NHS number, not a NINO)
_NINO_RUN = re.compile(
    rf"(?<![\w.\\/-])[A-Za-z]{_SEP}?[A-Za-z](?:{_SEP}?\d){{6}}(?!{_SEP}\d)(?:{_SEP}?[A-Da-d])?"
    rf"(?![\w]|[./\\-]\w)"
)
# a postcode with a space between every character ("s w 1 a  2 a a"), and an IBAN in any case with
# spaces anywhere ("gb29 nwbk  601613 31926819"): rewritten to the compact form when it validates
_SPACED_POSTCODE = re.compile(r"(?<![\w])[A-Za-z](?:[ \t]{1,3}[A-Za-z0-9]){4,6}(?![\w])")
_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}")
_LOOSE_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}[ \t]?\d{2}(?:[ \t]{0,3}[A-Za-z0-9]){11,30}(?![\w])")
_NINO = re.compile(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]?")
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


# a whole text that is a file name ("Letter_to_Ann_Lee_2024-01-02.docx"): its underscores are spaces
_FILE_NAME = re.compile(r"[\w.,()'&+-]{3,200}\.[A-Za-z][A-Za-z0-9]{1,4}")


def _file_name_edits(text: str) -> list[Edit]:
    if "_" not in text or len(text) > 220 or not _FILE_NAME.fullmatch(text):
        return []
    return [Edit(i, i + 1, " ") for i, ch in enumerate(text) if ch == "_"]


_SPELT_LETTERS = r"\p{L}(?: \p{L}){1,}"
_SPELT_RUN = regex.compile(
    rf"(?<![\p{{L}}\d])\p{{L}}(?: \p{{L}}){{3,}}(?:[ \t]{{2,3}}{_SPELT_LETTERS})*"
    rf"(?![\p{{L}}\d]| [\p{{L}}\d](?![\p{{L}}\d]))"
)
_SPELT_HINT = regex.compile(r"(?<![\p{L}\d])\p{L} \p{L} \p{L} \p{L}(?![\p{L}\d])")
_WIDE_GAP = regex.compile(r"[ \t]{2,3}")


def _spelt_word_edits(text: str) -> list[Edit]:
    """Words spelt as single letters separated by single blanks (a wider gap between words) are read
    as the words, capitalised."""
    if _SPELT_HINT.search(text) is None:
        return []
    return [
        Edit(m.start(), m.end(), " ".join(w.replace(" ", "").capitalize() for w in _WIDE_GAP.split(m.group())))
        for m in _SPELT_RUN.finditer(text)
    ]


def rewrite_edits(text: str) -> list[Edit]:
    """Edits for spelled-out emails and separated identifiers (sorted, non-overlapping)."""
    edits = [*_email_edits(text), *_identifier_edits(text), *_file_name_edits(text), *_spelt_word_edits(text)]
    edits.sort(key=lambda e: (e.start, -e.end))
    out: list[Edit] = []
    for e in edits:
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def entity_edits(text: str) -> list[Edit]:
    """HTML character references decoded in place (its own stage: rewrites may need its output)."""
    if "&" not in text:
        return []
    edits = []
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            edits.append(Edit(m.start(), m.end(), decoded))
    return edits


@lru_cache(maxsize=1)
def _suffix_extractor() -> object:
    from detectors.pii_contact import _offline_extractor

    return _offline_extractor()


def _real_suffix(domain: str) -> bool:
    extract = _suffix_extractor()
    result = extract(domain)  # type: ignore[operator]
    return bool(result.suffix and result.domain)


def _email_edits(text: str) -> list[Edit]:
    """Only the stretches around an "at" token are searched (an address cannot be anywhere else)."""
    edits: list[Edit] = []
    done = 0
    for hint in _AT_HINT.finditer(text):
        lo = max(done, hint.start() - _EMAIL_REACH)
        for m in _SPELLED_EMAIL.finditer(text, lo, min(len(text), hint.end() + _EMAIL_REACH)):
            if m.start() <= hint.start() < m.end() and m.start() >= done:
                edit = _email_edit(m)
                if edit is not None:
                    edits.append(edit)
                    done = m.end()
    return edits


def _email_edit(m: re.Match[str]) -> Edit | None:
    whole = m.group()
    if not _HAS_SPELLED.search(whole):
        return None                                # an ordinary address: the email recognizer has it
    local, domain = _compact_email_part(m.group("local")), _compact_email_part(m.group("domain"))
    if not _plausible(whole, local, domain):
        return None
    return Edit(m.start(), m.end(), f"{local}@{domain}")


def _compact_email_part(part: str) -> str:
    return str(_SPELLED_PIECE.sub(".", part))


def _plausible(whole: str, local: str, domain: str) -> bool:
    if not _real_suffix(domain):
        return False
    if _BRACKETED.search(whole):
        return True
    spelled_dot = _SPELLED_DOT.search(whole) is not None
    return spelled_dot and local.lower() not in _NOT_LOCAL


# An NHS number given in pieces after its label, with a few words between them ("nhs no. begins 401
# 023 and finishes 2137"): the pieces joined, when they make ten digits that pass mod 11.
_NHS_PIECES = re.compile(
    r"(?i)\bnhs\b[^\n\d]{0,40}?(?<![\w])(\d(?:[ -]?\d){1,7})([ \t,]*[a-z]+(?:[ \t,]+[a-z]+){0,5}[ \t,:]+)"
    r"(\d(?:[ -]?\d){1,7})(?![\w])"
)


def _pieced_nhs_edits(text: str) -> list[Edit]:
    if "nhs" not in text and "NHS" not in text and "Nhs" not in text:
        return []
    edits = []
    for m in _NHS_PIECES.finditer(text):
        compact = _NOT_DIGIT.sub("", m.group(1) + m.group(3))
        if len(compact) == 10 and nhs.is_valid(compact):
            edits.append(Edit(m.start(1), m.end(3), compact))
    return edits


def _identifier_edits(text: str) -> list[Edit]:
    edits = _pieced_nhs_edits(text)
    for m in _DIGIT_RUN.finditer(text):
        if _STANDARD_GROUPING.fullmatch(m.group()):
            continue                               # the identifier recognizers read this form already
        compact = _NOT_DIGIT.sub("", m.group())
        if compact != m.group() and _valid_number(m.group(), compact):
            edits.append(Edit(m.start(), m.end(), compact))
    for m in _NINO_RUN.finditer(text):
        compact = _NOT_ALNUM.sub("", m.group()).upper()
        if compact != m.group().upper() and _NINO.fullmatch(compact) and compact[:2] not in _NINO_BAD_PREFIXES:
            edits.append(Edit(m.start(), m.end(), compact))
    edits.extend(spoken_number_edits(text, _valid_number))
    return [*edits, *_spaced_postcode_edits(text), *_loose_iban_edits(text)]


def _spaced_postcode_edits(text: str) -> list[Edit]:
    edits = []
    for m in _SPACED_POSTCODE.finditer(text):
        compact = _NOT_ALNUM.sub("", m.group()).upper()
        if _POSTCODE.fullmatch(compact):
            edits.append(Edit(m.start(), m.end(), f"{compact[:-3]} {compact[-3:]}"))
    return edits


def _loose_iban_edits(text: str) -> list[Edit]:
    """The longest prefix of a loosely spaced letter-digit run that is a valid IBAN (mod 97)."""
    edits = []
    for m in _LOOSE_IBAN.finditer(text):
        raw = m.group()
        if re.fullmatch(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4})*(?: ?[A-Z0-9]{1,4})?", raw):
            continue                               # the IBAN recognizer reads this form already
        ends = [i + 1 for i, ch in enumerate(raw) if ch.isalnum()]
        for n in range(len(ends), 14, -1):
            compact = _NOT_ALNUM.sub("", raw[:ends[n - 1]]).upper()
            if iban.is_valid(compact):
                edits.append(Edit(m.start(), m.start() + ends[n - 1], compact))
                break
    return edits


def _valid_number(raw: str, compact: str) -> bool:
    digits = compact.lstrip("+")
    if not digits.isdigit() or _is_ipv4(raw):
        return False
    if len(digits) == 10 and nhs.is_valid(digits):
        return True
    if 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn.is_valid(digits):
        return True
    return _valid_uk_phone(compact)


def _is_ipv4(raw: str) -> bool:
    try:
        ipaddress.IPv4Address(raw)
    except ValueError:
        return False
    return True


def _valid_uk_phone(compact: str) -> bool:
    if not (compact.startswith("0") or compact.startswith("+44")) or not 10 <= len(compact.lstrip("+")) <= 12:
        return False
    try:
        number = phonenumbers.parse(compact, "GB")
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(number):
        return True
    # Ofcom keeps ranges of real shape for drama and examples (07700 900xxx, 01632 960xxx, ...) that
    # the numbering plan calls invalid; spelled out digit by digit they are still a phone number to hide
    national = str(number.national_number)
    return phonenumbers.is_possible_number(number) and national[:1] in "1237"
