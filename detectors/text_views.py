"""Readable views of text the intent detectors cannot read as written, with offsets mapped back.

* letter-spaced words ("d e c i d e", "K.E.E.P") joined up;
* Welsh and French glossed word by word into English (`detectors/lexicons/gloss.py`), Welsh after
  undoing initial-consonant mutation ("ddiswyddo" -> "diswyddo") and with the verb-first order of
  "Mae <Name> yn ..." / "Mae gan <Name> ..." turned into "<Name> is ..." / "<Name> has ...".

Base64 and other encodings are decoded earlier by `detectors.normalize` for every detector. A view is
built only when the text needs one; `View.to_original` maps a span of the view to the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from detectors.langid import language
from detectors.lexicons import gloss
from detectors.scan_scope import shared

_SPACED = re.compile(r"(?<![\w])(?:[A-Za-z][ .\-_*·]){3,}[A-Za-z](?![\w])")
_SPACED_SHORT = re.compile(r"(?<![\w])(?:[A-Za-z][ .\-_*·])+[A-Za-z](?![\w])")  # once the text has long runs
_GAP = re.compile(r"[ \t]{2,}")
_SEPARATOR = re.compile(r"[ .\-_*·]")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NAME = r"((?-i:[A-ZÀ-ÖØ-ÞŴŶ][^\W\d_A-Z]+(?:['-][^\W\d_]+)?(?:\s+[A-ZÀ-ÖØ-ÞŴŶ][^\W\d_A-Z]+(?:['-][^\W\d_]+)?){0,2}))"
_CY_VSO_HAS = re.compile(r"\b(?:mae|roedd|bydd|oedd)\s+gan\s+" + _NAME + r"\b", re.IGNORECASE)
_CY_VSO_IS = re.compile(r"\b(mae|roedd|bydd|oedd)\s+" + _NAME + r"\s+(?:yn|wedi)\b", re.IGNORECASE)
_CY_VERB = {"mae": "is", "roedd": "was", "oedd": "was", "bydd": "will be"}


@dataclass(frozen=True, slots=True)
class View:
    text: str
    _starts: tuple[int, ...]  # view offset where each piece starts
    _sources: tuple[tuple[int, int], ...]  # original span of each piece
    _verbatim: tuple[bool, ...]  # piece copied unchanged (offsets map one for one)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        last = max(0, bisect.bisect_right(self._starts, max(start, end - 1)) - 1)
        s0, e0 = self._sources[first]
        s1, e1 = self._sources[last]
        lo = s0 + (start - self._starts[first]) if self._verbatim[first] else s0
        hi = s1 + (end - self._starts[last]) if self._verbatim[last] else e1
        return lo, max(lo, min(hi, e1))


def _rewrite(text: str, edits: list[tuple[int, int, str]]) -> View:
    """Apply non-overlapping (start, end, replacement) edits, sorted by start."""
    parts: list[str] = []
    starts: list[int] = []
    sources: list[tuple[int, int]] = []
    verbatim: list[bool] = []
    pos = out = 0

    def piece(s: str, src: tuple[int, int], same: bool) -> None:
        nonlocal out
        if not s:
            return
        parts.append(s)
        starts.append(out)
        sources.append(src)
        verbatim.append(same)
        out += len(s)

    for start, end, repl in edits:
        if start < pos:
            continue
        piece(text[pos:start], (pos, start), True)
        piece(repl, (start, end), False)
        pos = end
    piece(text[pos:], (pos, len(text)), True)
    return View("".join(parts), tuple(starts), tuple(sources), tuple(verbatim))


def despaced(text: str) -> View | None:
    """Letter-spaced words joined up, or None when the text has none."""
    if _SPACED.search(text) is None:
        return None
    edits: list[tuple[int, int, str]] = []
    for m in _SPACED_SHORT.finditer(text):
        if edits and _GAP.fullmatch(text, edits[-1][1], m.start()):
            edits.append((edits[-1][1], m.start(), " "))  # the wider gap between spaced words: one space
        edits.append((m.start(), m.end(), _SEPARATOR.sub("", m.group())))
    return _rewrite(text, edits)


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _lookup(word: str, lang: str) -> str | None:
    table = gloss.WELSH if lang == "cy" else gloss.FRENCH
    folded = _fold(word)
    if folded in table:
        return table[folded]
    if lang == "cy":
        for radical in gloss.welsh_radicals(folded):
            if radical in table:
                return table[radical]
    return None


_CLITIC = re.compile(r"^(.+?)['’](r|n|m|i|th|w)$", re.IGNORECASE)
_CLITIC_GLOSS = {"r": "the", "n": "", "m": "my", "i": "to", "th": "your", "w": "his"}


def _clitic(word: str) -> str | None:
    """Welsh contractions: "yw'r" = "yw yr" (is the), "e'n" = "e yn" (he ...), "neu'n" = "neu yn" (or ...)."""
    m = _CLITIC.match(word)
    if m is None:
        return None
    head = _lookup(m.group(1), "cy") or m.group(1)
    tail = _CLITIC_GLOSS[m.group(2).lower()]
    return f"{head} {tail}".strip()


def _cased(english: str, original: str) -> str:
    return english[:1].upper() + english[1:] if original[:1].isupper() else english


def _word_edits(text: str, lang: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    tokens = list(_TOKEN.finditer(text))
    table = gloss.WELSH_PAIRS if lang == "cy" else gloss.FRENCH_PAIRS
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i + 1 < len(tokens) and text[tok.end() : tokens[i + 1].start()].strip() == "":
            first, second = _fold(tok.group()), " " + _fold(tokens[i + 1].group())
            forms = [first, *(gloss.welsh_radicals(first) if lang == "cy" else [])]
            pair = next((f + second for f in forms if f + second in table), None)
            if pair is not None:
                edits.append((tok.start(), tokens[i + 1].end(), _cased(table[pair], tok.group())))
                i += 2
                continue
        english = _lookup(tok.group(), lang) or (_clitic(tok.group()) if lang == "cy" else None)
        if english is not None:
            edits.append((tok.start(), tok.end(), _cased(english, tok.group())))
        i += 1
    return edits


def _welsh_order(text: str) -> list[tuple[int, int, str]]:
    """'Mae gan Huw ...' -> 'Huw has ...'; 'Mae Huw yn ...' -> 'Huw is ...' (verb-first to subject-first)."""
    edits = [(m.start(), m.end(), m.group(1) + " has") for m in _CY_VSO_HAS.finditer(text)]
    taken = [(s, e) for s, e, _ in edits]
    for m in _CY_VSO_IS.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            edits.append((m.start(), m.end(), m.group(2) + " " + _CY_VERB[m.group(1).lower()]))
    return edits


def glossed(text: str, lang: str | None = None) -> View | None:
    """An English word-by-word gloss of Welsh or French text, or None for any other language."""
    if lang is None:
        return shared("text_views.glossed", text, _glossed)
    return _glossed(text, lang)


def _glossed(text: str, lang: str | None = None) -> View | None:
    lang = lang or language(text)
    if lang not in ("cy", "fr"):
        return None
    edits = _welsh_order(text) if lang == "cy" else []
    covered = [(s, e) for s, e, _ in edits]
    edits += [
        (s, e, r) for s, e, r in _word_edits(text, lang) if not any(cs < e and s < ce for cs, ce in covered)
    ]
    edits.sort()
    return _rewrite(text, edits) if edits else None


def views(text: str) -> list[View]:
    """Every alternative reading the text needs (often none)."""
    return [v for v in (despaced(text), glossed(text)) if v is not None]
