"""Token-level tests for person-name candidates and `clean_span`, which trims a candidate span to
the name inside it ("Visited Idris Pellow DOB" -> "Idris Pellow") or rejects it whole when it
names an organisation, place or document ("Information Commissioner's Office")."""

from __future__ import annotations

import regex

from detectors.pii_vocab import (
    COMMON_WORDS,
    NAME_LIKE_COMMON_WORDS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    ROLE_WORDS,
)

_TOKEN = regex.compile(r"[^\s]+")
_POSSESSIVE = regex.compile(r"['’]s?$")
_INITIAL = regex.compile(r"\p{Lu}")


def _in(words: frozenset[str], word: str) -> bool:
    low = word.lower()
    return low in words or (low.endswith("s") and low[:-1] in words)


def not_name_word(word: str) -> bool:
    return _in(NOT_NAME_WORDS, word)


def common(word: str) -> bool:
    low = word.lower()
    return low in COMMON_WORDS and low not in NAME_LIKE_COMMON_WORDS


def ok_token(tok: str) -> bool:
    """Could this word be a name part on its own? (capitalised, not a function/organisation/role word)"""
    if not tok[:1].isupper() or not_name_word(tok) or common(tok) or _in(ROLE_WORDS, tok):
        return False
    if any(ch.isdigit() for ch in tok) or (tok.isupper() and len(tok) <= 3):
        return False
    return len(tok) >= 2


def strip_word(text: str, s: int, e: int) -> str:
    """The word at [s, e) without trailing punctuation or possessive 's."""
    word = text[s:e].rstrip(",.;:!?)\"")
    return _POSSESSIVE.sub("", word) if len(word) > 2 else word


# words that qualify a role or office ("Senior Coroner", "High Sheriff", "Deputy Leader"), never a name
_ROLE_QUALIFIERS = frozenset(
    "senior high deputy principal assistant acting interim area district junior associate regional vice"
    " shadow former".split()
)


def _edge_junk(word: str) -> bool:
    return common(word) or _in(ROLE_WORDS, word) or word.lower() in _ROLE_QUALIFIERS


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a candidate to its name tokens (initials and particles allowed inside); None if nothing
    name-like is left or it holds an organisation/place/calendar word anywhere."""
    piece = text[start:end].split("\n", 1)[0]
    tokens = [(start + m.start(), start + m.end()) for m in _TOKEN.finditer(piece)]
    while tokens and _edge_junk(strip_word(text, *tokens[0])):
        tokens.pop(0)
    while tokens and (_edge_junk(w := strip_word(text, *tokens[-1])) or (w.isupper() and len(w) <= 4)):
        tokens.pop()
    if any(not_name_word(strip_word(text, s, e)) for s, e in tokens):
        return None
    kept: list[tuple[int, int, bool]] = []
    for s, e in tokens:
        word = strip_word(text, s, e)
        initial = bool(_INITIAL.fullmatch(word))
        if not (ok_token(word) or initial or (kept and word in NAME_PARTICLES)):
            break
        kept.append((s, s + len(word), ok_token(word)))
        if len(word) != e - s and not initial:      # a possessive or punctuation ends the name
            break
    while kept and not kept[-1][2]:
        kept.pop()
    if not kept:
        return None
    return kept[0][0], kept[-1][1]
