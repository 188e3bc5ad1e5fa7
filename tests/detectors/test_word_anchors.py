"""`Anchored` gives exactly what `pattern.search` gives, trying the pattern only at its opening words."""

from __future__ import annotations

import re

import pytest

from detectors.word_anchors import Anchored, AnyOf, fold, openings

_PATTERNS = [
    r"(?<!\bwe\s)\b(?:has|have)\s+(?:been\s+)?(?:signed|sealed)|\bstamped\s+on\s+\d|\bthe\s+(?:clerk|usher)s?\s+will\b",
    r"\bI(?:'ll|\s+will)\s+(?:check|file)\b|\b(?:no|not)\s+(?:receipts?|refunds?)\b",
    r"(?<![\w-])(?:'s\s+(?:parcel|ticket)|kiosks?|ticket\s+office)(?![\w-])",
    r"\b(?:kiosk|parcel)\w*",
    r"\b(?:the\s+)?(?:ushers?|clerks)\b|\b(?:stamp)+ed\b|\bx{2,}\s+have|\bre-?file",
]
_TEXTS = [
    "The clerk will check. We have been signed off; they have been SEALED and stamped on 4 May.",
    "I'll FILE it, no refunds, not receipts. the ushers will",
    "Mike's parcel is at the kiosk; the ticket-office and ticket office differ. Kiosks and PARCELS.",
    "HAſ BEEN ſIGNED — the ſtamp: ſtamped on 9; İ'll check; ı will file; \u212aIOSK; ticket oﬃce",
    "", "has", "we has been signed", "x" * 50 + " have signed", "stampstamped refile re-file the  usher",
]


@pytest.mark.parametrize("source", _PATTERNS)
def test_search_and_starts_agree_with_plain_re(source: str) -> None:
    pattern = re.compile(source, re.IGNORECASE)
    anchored = Anchored(pattern)
    for text in _TEXTS:
        for pos, endpos in ((0, None), (5, None), (3, 40), (0, 10)):
            end = len(text) if endpos is None else endpos
            want = pattern.search(text, pos, end)
            got = anchored.search(text, pos, endpos)
            assert (want and (want.span(), want.group())) == (got and (got.span(), got.group()))
            every = [m.span() for at in range(pos, end + 1) if (m := pattern.match(text, at, end))]
            assert [m.span() for m in anchored.starts(text, pos, endpos)] == every


@pytest.mark.parametrize("source", [*_PATTERNS, r"\b(?:stamp|stamped|ticket)", r"\b(?:has|have)?", r"\w+ing\b"])
def test_finditer_and_count_agree_with_plain_re(source: str) -> None:
    """Non-overlapping matches, as `finditer` gives them, also for overlapping candidates and empty matches."""
    pattern = re.compile(source, re.IGNORECASE)
    anchored = Anchored(pattern)
    for text in [*_TEXTS, "stampstamped stamped ticketticket has have"]:
        for pos, endpos in ((0, None), (5, None), (3, 40), (0, 10)):
            end = len(text) if endpos is None else endpos
            want = [m.span() for m in pattern.finditer(text, pos, end)]
            assert [m.span() for m in anchored.finditer(text, pos, endpos)] == want
            assert [m.span() for m in anchored.finditer(text, pos, endpos, folded=fold(text))] == want
            assert anchored.count(text, pos, endpos) == len(pattern.findall(text, pos, end))


def test_openings_read_from_the_pattern() -> None:
    heads = openings(re.compile(_PATTERNS[0], re.IGNORECASE))
    assert heads == frozenset({"has", "have", "stamped", "the"})
    assert openings(re.compile(_PATTERNS[2], re.IGNORECASE)) == frozenset({"'", "kiosk", "kiosks", "ticket"})
    optional = openings(re.compile(_PATTERNS[4], re.IGNORECASE))
    assert optional == frozenset({"the", "usher", "ushers", "clerks", "stamp", "x", "re", "refile"})


@pytest.mark.parametrize("source", [r"\w+ing\b", r"(?:\bcat|dog)", r"(?a)\bcat", r"(?<=\w)cat", r"\b\d+"])
def test_patterns_without_readable_openings_are_searched_as_usual(source: str) -> None:
    pattern = re.compile(source, re.IGNORECASE)
    assert openings(pattern) is None
    text = "the catalogue's dog is 12 years old; scat"
    want = pattern.search(text)
    got = Anchored(pattern).search(text)
    assert (want and want.span()) == (got and got.span())


def test_fold_keeps_offsets_and_maps_what_ignorecase_matches() -> None:
    text = "İstanbul ſtreet \u212aelvin ıt ABC"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.split()[1:] == ["street", "kelvin", "it", "abc"]
    for ch in "İıſ\u212a":
        assert re.fullmatch(fold(ch), ch, re.IGNORECASE)


def test_any_of_answers_like_one_alternation_of_its_fragments() -> None:
    fragments = [r"\d\s?%", r"\bticket\s+office\b", r"(?-i:\b[A-Z][a-z]+ Lane\b)", r"\bkiosks?\b", r"^\W*note:"]
    whole = re.compile("|".join(f"(?:{f})" for f in fragments), re.IGNORECASE | re.MULTILINE)
    any_of = AnyOf(fragments, re.IGNORECASE | re.MULTILINE)
    for text in [*_TEXTS, "12 % of users", "Mill Lane", "mill lane", "x\n - Note: kept", "KIOSK", "kiosked"]:
        assert any_of.search(text) == bool(whole.search(text))


def test_lexicon_patterns_agree_on_generated_texts() -> None:
    """The detectors' own large patterns: the same first match as `re` on word salads built from their
    openings, with case changes, punctuation and the characters IGNORECASE folds specially."""
    import random

    from detectors.lexicons import prohibited_content as pc
    from detectors.lexicons import prohibited_terms as pt

    rng = random.Random(9)
    extras = ["İ", "ı", "ſ", "\u212a", "-", "'", "’", ",", ".", "\n", "  ", "x", "9", "_"]
    for source in (pt.OVERSIGHT, pt.RELIANCE, pc.PROTECTED_GROUP, pc.COVERT, pc.INFERENCE):
        pattern = re.compile(source, re.IGNORECASE)
        anchored = Anchored(pattern)
        heads = sorted(openings(pattern) or ())
        assert heads
        words = [*heads, "the", "a", "has", "been", "decided", "people", "will", "review", "not", "is", "are"]
        for _ in range(300):
            parts = [rng.choice(words) if rng.random() < 0.8 else rng.choice(extras) for _ in range(rng.randint(1, 12))]
            text = " ".join(p.upper() if rng.random() < 0.2 else p for p in parts)
            want = pattern.search(text)
            got = anchored.search(text)
            assert (want and want.span()) == (got and got.span())
