"""The output scan's cheap gates give the verdict the full patterns give (detectors/output_pii.py): a
pattern that needs a label word in its look-behind is skipped only where no such word occurs, and the
secrets hint pattern finds exactly the texts holding a hint word."""

from __future__ import annotations

import random

import pytest

from detectors.output_pii import _HINT, OutputDataScanner, _cue_words, _may_match
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
    for _recognizer, patterns in scanner._recognizers:
        full = any(p.search(text, 0) for p, _ in patterns)
        assert _may_match(patterns, text, 0, lowered) == full
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
        for _recognizer, patterns in scanner._recognizers:
            assert _may_match(patterns, text, lo, text.lower()) == any(p.search(text, lo) for p, _ in patterns)


def test_the_hint_pattern_finds_exactly_the_texts_holding_a_hint_word() -> None:
    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -_.:/=+#"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        if rng.random() < 0.3:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(_ALL_HINTS) + text[at:]
        assert (_HINT.search(text) is not None) == any(hint in text for hint in _ALL_HINTS)
