"""The output scan's cheap gates give the verdict the full patterns give (detectors/output_pii.py): a
pattern that needs a label word in its look-behind is skipped only where no such word occurs, and the
secrets hint pattern finds exactly the texts holding a hint word; the standard-library twins of the
recognizer patterns used on ASCII text find exactly the matches the patterns find there."""

from __future__ import annotations

import random

import pytest

from detectors.output_pii import _HINT, OutputDataScanner, _ascii_twin, _cue_words, _may_match
from detectors.secrets import _ALL_HINTS


@pytest.fixture(scope="module")
def scanner() -> OutputDataScanner:
    return OutputDataScanner()


def test_label_words_are_read_from_look_behinds() -> None:
    assert _cue_words(r"(?=\d{9})(?<=\b(?:tax ref|utr)\b[^\n\d]{0,9})\d{9}") == ("tax ref", "utr")
    assert _cue_words(r"(?<=\b(?:card|cash)\.?)\d+") == ("card", "cash")  # their shared start is factored out
    assert _cue_words(r"(?<=\b(?:ab|ac)\.?)\d+") == ()  # read as "a" then a character class: too short
    assert _cue_words(r"(?<=\b(?:x|ref))\d+") == ()  # a one-letter label is too common to gate on
    assert _cue_words(r"(?<![\w-])\d{3}[ -]?\d{4}") == ()  # a negative look-behind requires nothing
    assert _cue_words(r"\d{6}") == ()


LABELLED = [  # (text with a labelled value, where the value starts)
    "Please quote sort code 40-11-62 when you ring.",
    "Refund to the account number 31926819 by Friday.",
    "Her passport number 302184675 expires soon.",
    "Travel document: passport no. GB1234567 on file.",
    "The SSN 078051120 was on the form.",
    "Zijn BSN 111222333 staat op de brief.",
]


@pytest.mark.parametrize("text", LABELLED)
def test_a_labelled_value_still_reaches_presidio(scanner: OutputDataScanner, text: str) -> None:
    lowered = text.lower()
    cued = scanner._any_cue.search(lowered) is not None
    assert cued
    for _recognizer, patterns, ascii_patterns in scanner._recognizers:
        full = any(p.search(text, 0) for p, _ in patterns)
        assert _may_match(ascii_patterns, text, 0, lowered, cued) == full
        assert _may_match(patterns, text, 0, None) == full  # non-ASCII text: no gate at all


def test_gates_agree_with_the_patterns_on_random_text(scanner: OutputDataScanner) -> None:
    rng = random.Random(7)
    words = ["sort", "code", "account", "acct", "a/c", "passport", "no.", "number", "ssn", "bsn", "pesel", "ref",
             "the", "Tel", "GB", "AB", "SC", "12", "345", "6789", "40-11-62", "302184675", "31926819", "-", ":"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.5:
            text = text.upper() if rng.random() < 0.5 else text.title()
        lo = rng.randint(0, len(text))
        lowered = text.lower()
        cued = scanner._any_cue.search(lowered) is not None
        for _recognizer, patterns, ascii_patterns in scanner._recognizers:
            assert _may_match(ascii_patterns, text, lo, lowered, cued) == any(p.search(text, lo) for p, _ in patterns)


_VALUES = ["943 476 5919", "9434765919", "QQ 12 34 56 C", "qq123456c", "GB82 WEST 1234 5698 7654 32",
           "4111 1111 1111 1111", "5500-0000-0000-0004", "MORGA657054SM9IJ", "536-22-1234", "536 22 1234",
           "(212) 555-0147", "212.555.0147", "+1 212 555 0147", "+1-212-555-0147", "12345678Z", "X-1234567-L",
           "RSSMRA85T10A562S", "1 85 07 30 033 061 45", "311280-888Y", "19850730-0336", "850730-0336",
           "85.07.30-033.61", "811228-9874", "1234567T", "1234567WA", "P<GBRSMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<",
           "1234567897GBR8501017M2501017<<<<<<<<<<<<<<06", "j.moreau+x@mail.example.co.uk", "a_b@ex-ample.org",
           "10.23.145.7", "fe80::1ff:fe23:4567:890a", "2001:db8:0:0:0:0:2:1", "10:30", "12/05/2026"]


def _ascii_value_text(rng: random.Random) -> str:
    """Random ASCII text around a value written the way identifiers are (one of `_VALUES`, in its case or
    another, with a few characters inserted, dropped or changed), so most texts hold a match or a near miss
    of some pattern."""
    value = list(rng.choice(_VALUES))
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        at = rng.randrange(len(value) + 1)
        roll = rng.random()
        if roll < 0.4:
            value.insert(at, rng.choice("0123456789 -.<@:/()+AzK"))
        elif value and roll < 0.7:
            del value[min(at, len(value) - 1)]
        elif value:
            value[min(at, len(value) - 1)] = rng.choice("0123456789 -.<xZ")
    text = "".join(value)
    text = text.lower() if rng.random() < 0.2 else text.upper() if rng.random() < 0.2 else text
    before = rng.choice(["", "call ", "ref:", "no. ", "x", "(", "-", "Tel "])
    after = rng.choice(["", ".", " today", "-", "9", ")", ", or 07700 900123"])
    return before + text + after


def test_ascii_twins_find_the_same_matches(scanner: OutputDataScanner) -> None:
    rng = random.Random(23)
    pairs = [(p, t) for _r, patterns, ascii_patterns in scanner._recognizers
             for (p, _), (t, _) in zip(patterns, ascii_patterns, strict=True) if t is not p]
    assert len(pairs) >= 20  # most patterns have a twin (not the variable-length look-behinds)
    matched = set()
    for _ in range(6000):
        text = _ascii_value_text(rng)
        lo = rng.choice([0, 0, rng.randint(0, len(text))])
        for pattern, twin in pairs:
            spans = [m.span() for m in pattern.finditer(text, lo)]
            assert [m.span() for m in twin.finditer(text, lo)] == spans, (pattern.pattern, text)
            if spans:
                matched.add(pattern.pattern)
    assert len(matched) >= len(pairs) - 2  # the texts exercised (nearly) every pattern's matches


def test_a_pattern_only_regex_reads_has_no_twin() -> None:
    import regex

    assert _ascii_twin(regex.compile(r"(?<=\b(?:passport|pass)\s{0,3})\d{9}")) is None  # variable look-behind
    assert _ascii_twin(regex.compile(r"\p{Lu}\d")) is None
    assert _ascii_twin(regex.compile(r"\d{3}", regex.I)) is not None


def test_the_hint_pattern_finds_exactly_the_texts_holding_a_hint_word() -> None:
    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -_.:/=+#"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        if rng.random() < 0.3:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(_ALL_HINTS) + text[at:]
        assert (_HINT.search(text) is not None) == any(hint in text for hint in _ALL_HINTS)
