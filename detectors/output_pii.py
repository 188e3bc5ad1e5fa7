"""Structured personal data and secrets in the model's answer: the fast, pattern-only scan the output
path runs on its bounded look-back window (never the whole answer, never NER).

It reuses the request path's validated recognizers (UK identifiers, international identifiers, email,
IP, phone numbers) so a value is recognised the same way in both directions, and adds one shape that
answers carry and prompts rarely do: an email address percent-encoded in a link (`name%40host.tld`).
Person names and street addresses are found by `detectors.output_names` (lexicons and context rules,
no NER: its cost per streamed chunk would break the streaming budget).

`triggered(text)` is the cheap gate: text without a digit, an `@`, a `%` or a long token cannot hold
anything this scan reports, so the recognizers are not run on it; `secret_hinted(text)` is the secrets
scan's own gate (every rule of `detectors.secrets` needs one of its hint words in the text).
"""

from __future__ import annotations

import re
import re._constants as re_constants
import re._parser as re_parser
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import phonenumbers
import regex
from phonenumbers.phonemetadata import PhoneMetadata
from presidio_analyzer import PatternRecognizer

from detectors.base import Finding
from detectors.pii_contact import StewardEmailRecognizer, StewardIpAddressRecognizer
from detectors.pii_ids import id_recognizers
from detectors.pii_intl import intl_recognizers
from detectors.secrets import _ALL_HINTS, SecretsDetector
from detectors.special_category import SpecialCategoryDetector

# A postcode alone names an area, and answers quote organisations' own addresses; number plates in
# answers are rarely a person's. Neither is screened in output.
_NOT_IN_OUTPUT = frozenset({"UK_POSTCODE", "VEHICLE_REGISTRATION"})
_PERCENT_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._+'-]+%40(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}\b")


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of `words` in a text, with the words' common prefixes shared (a trie:
    one attempt per position instead of one per word). Only whether one occurs matters, so a word that
    another one starts with stands for both."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(emit(root))


# one scan for all the secrets detector's hint words (the same answer as testing each with `in`)
_HINT = _any_of(_ALL_HINTS)
_TRIGGER = re.compile(r"[\d@%]|[A-Za-z0-9_+/=-]{20}")
# Every identifier recognized here has six digits (single separators allowed between them) or is an
# alphanumeric token of eight or more characters with letters and digits (codice fiscale, passport
# numbers, MRZ lines); an IP address has three dots between digits. Text without these shapes skips them.
_SIX = r"\d(?:[ .()-]?\d){5}"
_IP = r"\d\.\d{1,3}\.\d{1,3}\.\d|[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:"
_ID_SHAPE = re.compile(_SIX + r"|(?<![A-Za-z0-9])(?=[A-Za-z<]*\d)(?=[0-9<]*[A-Za-z])[A-Za-z0-9<]{8,}")
_IP_SHAPE = re.compile(_IP)
# Phone numbers as answers write them: UK layouts (0 or +44 then a 1-3/7-9 range) and international
# numbers with their + prefix, each confirmed by libphonenumber (possible length for a UK range, a valid
# number otherwise). The request path's matcher also reads looser layouts; its cost per window is too high
# for every streamed release. North American layouts come from pii_intl.
_UK_PHONE = re.compile(r"(?<![\w+])(?:\+44 ?\(?0?\)? ?|\(?0)(?:[1-37-9]\d{1,4})\)?[ -]?\d{3,4}[ -]?\d{3,4}(?!\d)")
_INTL_PHONE = re.compile(r"(?<![\w+])\+(?!44)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\d])")
# a recognizer's patterns (a `regex` pattern or its `re` twin), each with the cue words it needs
_Patterns = list[tuple[Any, tuple[str, ...]]]
_EMAIL_ENTITIES = frozenset({"EMAIL_ADDRESS"})
_IP_ENTITIES = frozenset({"IP_ADDRESS"})
NAME = "output_personal_data"
_REACH = 96  # the longest value these recognizers report (an email address; a spaced IBAN)
_ID_REACH = 24  # how far before new text an identifier reaching into it may start (see `_reaches`)




# `personal_shaped` in two scans, cheapest first: six digits or an IP address's shape (one pattern); then a
# token mixing letters and digits (which has a letter next to a digit somewhere).
_SIX_OR_IP = re.compile(f"{_SIX}|{_IP}")
_LETTER_DIGIT = re.compile(r"[A-Za-z<]\d|\d[A-Za-z<]")


def personal_shaped(text: str, start: int = 0) -> bool:
    """Cheap gate for `OutputDataScanner.personal_data(text, start)`: could it find anything? (An email
    address, an identifier's shape or an IP address's shape near or after `start`.)"""
    lo = max(0, start - 24)
    if "@" in text[lo:] or "%40" in text[max(0, start - 2):]:
        return True
    if _SIX_OR_IP.search(text, lo):
        return True
    return _LETTER_DIGIT.search(text, lo) is not None and _ID_SHAPE.search(text, lo) is not None


def triggered(text: str) -> bool:
    return _TRIGGER.search(text) is not None


def secret_hinted(text: str) -> bool:
    """Does `text` (case-folded to lower) hold one of the secrets detector's hint words?"""
    return _HINT.search(text.lower()) is not None


def _reaches(shape: re.Pattern[str], text: str, start: int) -> bool:
    """Whether a match of `shape` ends after `start` (looked for from a little before it)."""
    return any(m.end() > start for m in shape.finditer(text, max(0, start - 24)))


class OutputDataScanner:
    """Finds personal data (structured identifiers and contact details), secrets and, when asked,
    special-category statements in a piece of answer text. Stateless apart from compiled patterns."""

    def __init__(self, disabled: Iterable[str] = (), special_category: bool = False) -> None:
        skip = _NOT_IN_OUTPUT | frozenset(disabled)
        recognizers: list[PatternRecognizer] = [*id_recognizers(), *intl_recognizers(), StewardEmailRecognizer(),
                                                StewardIpAddressRecognizer()]
        # each recognizer with its patterns, and the same patterns for ASCII text (`_ascii_twin`)
        self._recognizers: list[tuple[PatternRecognizer, _Patterns, _Patterns]] = [
            (r, *_compiled(r)) for r in recognizers if r.supported_entities[0] not in skip]
        # one scan for every cue word a pattern's look-behind needs: most windows have none, and then every
        # pattern that needs one is skipped without testing its words one by one
        self._any_cue = _any_of({cue for _, patterns, _ in self._recognizers for _, cues in patterns for cue in cues})
        self._phone = "PHONE_NUMBER" not in skip
        _uk_lengths()  # libphonenumber's metadata read now: a scanner that cannot check numbers does not start
        self._secrets = SecretsDetector()
        self._special = SpecialCategoryDetector() if special_category else None

    def personal_data(self, text: str, start: int = 0) -> list[Finding]:
        """Findings in `text`; with `start`, only recognizers whose shape reaches past `start` run (the text
        before it is context already screened)."""
        found: list[Finding] = []
        ids, ip = _reaches(_ID_SHAPE, text, start), _reaches(_IP_SHAPE, text, start)
        email = "@" in text[start:] or "%40" in text[max(0, start - 2):]
        if not (ids or ip or email):
            return self._percent_emails(text)
        lowered = text.lower() if text.isascii() else None
        cued = lowered is None or self._any_cue.search(lowered) is not None
        for recognizer, any_text, ascii_text in self._recognizers:
            patterns = any_text if lowered is None else ascii_text
            entity = recognizer.supported_entities[0]
            if not (email if entity in _EMAIL_ENTITIES else ip if entity in _IP_ENTITIES else ids):
                continue
            # where a value reaching past `start` can begin: an email address's local part may have been
            # released before its `@`; an identifier's digits are held back whole, so it starts in or just
            # before the new text (cue words are look-behinds, which see text before `lo`)
            if entity in _EMAIL_ENTITIES:  # one pattern and a domain check: no need for Presidio's machinery
                lo = max(0, start - _REACH)
                found.extend(Finding(entity, m.start(), m.end(), 1.0, NAME) for p, _ in patterns
                             for m in p.finditer(text, lo) if _valid_email(recognizer, m.group()))
                continue
            lo = max(0, start - _ID_REACH)
            if not _may_match(patterns, text, lo, lowered, cued):  # Presidio's own call costs more than a miss
                continue
            found.extend(Finding(entity, r.start, r.end, float(r.score), NAME)
                         for r in recognizer.analyze(text, entities=[entity]))
        if self._phone and ids:
            found.extend(_phones(text))
        return found + self._percent_emails(text)

    @staticmethod
    def _percent_emails(text: str) -> list[Finding]:
        if "%40" not in text:
            return []
        return [Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.5, NAME) for m in _PERCENT_EMAIL.finditer(text)]

    def secrets(self, text: str) -> list[Finding]:
        return self._secrets.detect(text)

    def special_category(self, text: str) -> list[Finding]:
        return self._special.detect(text) if self._special is not None else []


def _compiled(recognizer: PatternRecognizer) -> tuple[_Patterns, _Patterns]:
    """The recognizer's own patterns, compiled once, to test for a match before calling Presidio, each
    with the words its look-behind requires (`_cue_words`); and the same list for ASCII text, each pattern
    replaced by its `re` twin where it has one."""
    patterns: list[Any] = vars(recognizer)["patterns"]
    compiled = [(regex.compile(p.regex, recognizer.global_regex_flags), _cue_words(p.regex)) for p in patterns]
    return compiled, [(_ascii_twin(p) or p, cues) for p, cues in compiled]


_RE_FLAGS = ((regex.I, re.I), (regex.M, re.M), (regex.S, re.S), (regex.X, re.X))


def _ascii_twin(pattern: Any) -> re.Pattern[str] | None:
    """`pattern` (a `regex` pattern) compiled by the standard library's `re`, or None if it uses syntax or
    flags only `regex` has (a variable-length look-behind, for one). On ASCII text the two engines find the
    same matches: they differ in Unicode case folding and character classes beyond ASCII. Across the
    identifier patterns, `re` takes about half the time on digit-bearing windows (`regex` folds case per
    character in full Unicode; back-references and digit runs cost it more)."""
    known = regex.I | regex.M | regex.S | regex.X | regex.U | regex.V0
    if pattern.flags & ~known:
        return None
    flags = 0
    for theirs, ours in _RE_FLAGS:
        if pattern.flags & theirs:
            flags |= ours
    try:
        return re.compile(pattern.pattern, flags)
    except re.error:
        return None


def _cue_words(pattern: str) -> tuple[str, ...]:
    """Words (lower-case ASCII) one of which a match of `pattern` needs somewhere before it: the literal
    starts of its top-level look-behind, e.g. `(?<=\\b(?:passport|...)...)` (a value shown only next to its
    label). Empty when there is no such look-behind or it is not plain enough to read (then the pattern
    always runs). Read with the standard library's parser: its syntax covers these look-behinds."""
    try:
        parsed = re_parser.parse(pattern)
    except Exception:  # noqa: BLE001 - syntax only the `regex` module knows: no cue, the pattern runs
        return ()
    for op, av in parsed:
        if op is re_constants.ASSERT and av[0] == -1:  # a positive look-behind
            starts = _literal_starts(list(av[1]))
            if all(len(w) >= 2 for w in starts):
                return tuple(sorted(set(starts)))
    return ()


def _literal_starts(items: list[Any]) -> list[str]:
    """The literal texts a parsed sequence can begin with (lower-cased), each cut at its first non-literal."""
    head: list[str] = []
    for op, av in items:
        if op is re_constants.AT and not head:  # \b before the word
            continue
        if op is re_constants.LITERAL and av < 128:
            head.append(chr(av).lower())
            continue
        if op is re_constants.SUBPATTERN:  # a group (not repeated: that is MAX_REPEAT)
            return ["".join(head) + tail for tail in _literal_starts(list(av[-1]))]
        if op is re_constants.BRANCH:
            return ["".join(head) + tail for branch in av[1] for tail in _literal_starts(list(branch))]
        break
    return ["".join(head)]


def _may_match(patterns: _Patterns, text: str, lo: int,
               lowered: str | None, cued: bool = True) -> bool:
    """Does one of the patterns match in `text` from `lo`? A pattern whose cue words are all absent cannot
    (checked on ASCII text only, where lower-casing is exactly what a case-insensitive match compares;
    `cued` False: `lowered` has no cue word of any pattern)."""
    for pattern, cues in patterns:
        if cues and lowered is not None and not (cued and any(cue in lowered for cue in cues)):
            continue
        if pattern.search(text, lo):
            return True
    return False


@lru_cache(maxsize=4096)
def _valid_email(recognizer: PatternRecognizer, value: str) -> bool:
    """The email recognizer's domain check (a public-suffix lookup), remembered per address: answers repeat
    the same few addresses (the council's own, the caller's contacts)."""
    return bool(recognizer.validate_result(value))


def _phone_ok(value: str, region: str | None, valid: bool) -> bool:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number) if valid else phonenumbers.is_possible_number(number))


@cache
def _uk_lengths() -> frozenset[int]:
    """Lengths libphonenumber calls possible for a UK national number (its metadata, read once)."""
    metadata = PhoneMetadata.metadata_for_region("GB")
    desc = metadata.general_desc if metadata is not None else None
    if desc is None:
        raise RuntimeError("libphonenumber has no UK metadata")  # fail closed: the scanner cannot start
    return frozenset((*(desc.possible_length or ()), *(desc.possible_length_local_only or ())))


def _uk_possible(value: str) -> bool:
    """libphonenumber's `is_possible_number` for a number `_UK_PHONE` matched (0 or +44 prefix, digits and
    layout already checked by the pattern): the national number's length, without parsing."""
    digits = "".join(ch for ch in value if ch.isdigit())
    national = digits[2:] if value.startswith("+") else digits
    return len(national[1:] if national.startswith("0") else national) in _uk_lengths()


def _phones(text: str) -> list[Finding]:
    found = [Finding("PHONE_NUMBER", m.start(), m.end(), 0.6, NAME) for m in _UK_PHONE.finditer(text)
             if _uk_possible(m.group())]
    found += [Finding("PHONE_NUMBER", m.start(), m.end(), 0.6, NAME) for m in _INTL_PHONE.finditer(text)
              if _phone_ok(m.group(), None, valid=True)]
    return found
