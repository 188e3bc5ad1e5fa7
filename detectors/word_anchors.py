"""Run a large case-insensitive pattern only where a match can start: at the words it opens with.

Python's `re` has no fast skip for an IGNORECASE alternation whose branches open with a word boundary: a
search tries every branch at every position of the text. When every branch opens with a word boundary
and a literal word start ("has", "decision", "the"), a match can only begin at a word of the text that
starts with one of those literals. `Anchored` reads the literals from the parsed pattern once, finds the
words that start with one (one case-sensitive scan of a case-folded copy of the text, trie-shaped), and
tries `pattern.match` only there. Results are exactly `pattern.search`'s: the same leftmost match, found
with far fewer attempts. A pattern whose openings cannot be read that way is searched as usual.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from detectors.lexicons.special_category_trie import trie_alternation

# `re`'s own parser and its opcodes (no public API; stable within a Python minor version)
_parser: Any = importlib.import_module("re._parser")
c: Any = importlib.import_module("re._constants")
_BUDGET = 16  # literal characters (and branch levels) followed when reading a pattern's openings

# characters that `re.IGNORECASE` matches to an ASCII letter, folded to that letter; length-preserving
_FOLD = {**{i: chr(i + 32) for i in range(ord("A"), ord("Z") + 1)}, 0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)
_Items = list[tuple[Any, Any]]


def fold(text: str) -> str:
    """The text with every character a case-insensitive ASCII literal can match written as that literal
    in lower case; same length, so offsets carry over, and word boundaries stay where they were."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters
        return text.translate(_FOLD)
    if "\u0131" in low or "\u017f" in low:  # dotless i and long s have no lower case of their own
        low = low.replace("\u0131", "i").replace("\u017f", "s")
    return low


def _is_word(code: int) -> bool:
    return chr(code).isalnum() or code == ord("_")


def _word_start(op: Any, av: Any) -> bool:
    """Whether a zero-width assertion says no word character comes just before: `\\b`, `(?<![\\w-])`."""
    if op is c.AT:
        return av is c.AT_BOUNDARY
    if op is c.ASSERT_NOT and av[0] == -1:
        body = list(av[1].data)
        if len(body) != 1 or body[0][0] is not c.IN:
            return False
        return (c.CATEGORY, c.CATEGORY_WORD) in body[0][1] and (c.NEGATE, None) not in body[0][1]
    return False


def _openings(items: _Items, head: str, bounded: bool, budget: int) -> set[str] | None:
    """Lower-cased literal prefixes one of which every match of `items` starts with; one that starts with a
    word character is also at a word start. None when some match could start with no such literal."""
    if budget == 0 or not items:
        return {head} if head else None
    (op, av), rest = items[0], items[1:]
    if op is c.SUBPATTERN:
        return _openings([*av[3].data, *rest], head, bounded, budget)
    if op is c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            found = _openings([*alt.data, *rest], head, bounded, budget - 1)
            if found is None:
                return None
            out |= found
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, body = av
        # once through the body, then the rest only if the body cannot repeat; a prefix may stop anywhere
        once = _openings([*body.data, *rest] if high == 1 else list(body.data), head, bounded, budget - 1)
        if low > 0 or once is None:
            return once
        skipped = _openings(rest, head, bounded, budget - 1)
        return None if skipped is None else once | skipped
    if not head and op in _ZERO_WIDTH:
        return _openings(rest, head, bounded or _word_start(op, av), budget)
    ascii_literal = op is c.LITERAL and av < 128
    if ascii_literal and (head or bounded or not _is_word(av)):
        # a head stops where a word ends, so the scan for heads never steps over the start of another word
        if head and _is_word(ord(head[-1])) != _is_word(av):
            return {head}
        return _openings(rest, head + chr(av).lower(), bounded, budget - 1)
    return {head} if head else None


def openings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The literal starts every match of the pattern begins with, or None if it has none to read."""
    if pattern.flags & (re.ASCII | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None  # word boundaries there are not the Unicode ones the candidate scan relies on
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern is simply searched as usual
        return None
    found = _openings(list(tree.data), "", False, _BUDGET)
    return frozenset(found) if found else None


def _scanner(heads: frozenset[str]) -> re.Pattern[str]:
    """Where a head starts in folded text: word heads at word starts, others anywhere."""
    words = [re.escape(h) for h in heads if _is_word(ord(h[0]))]
    others = [re.escape(h) for h in heads if not _is_word(ord(h[0]))]
    alts = ([rf"\b(?:{trie_alternation(words)})"] if words else []) + ([trie_alternation(others)] if others else [])
    return re.compile("|".join(alts))


class Anchored:
    """`pattern`, tried only where one of its literal openings starts (see the module docstring)."""

    __slots__ = ("pattern", "_scan")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        heads = openings(pattern)
        self._scan = _scanner(heads) if heads else None

    def search(
        self, text: str, pos: int = 0, endpos: int | None = None, folded: str | None = None
    ) -> re.Match[str] | None:
        """Same as `pattern.search(text, pos, endpos)`; pass `fold(text)` as `folded` if it is at hand."""
        if self._scan is None:
            return self.pattern.search(text, pos, len(text) if endpos is None else endpos)
        return next(self.starts(text, pos, endpos, folded), None)

    def starts(
        self, text: str, pos: int = 0, endpos: int | None = None, folded: str | None = None
    ) -> Iterator[re.Match[str]]:
        """`pattern.match(text, at, endpos)` for every `at` from `pos` on where it matches, in order."""
        end = len(text) if endpos is None else endpos
        if self._scan is None:
            m = self.pattern.search(text, pos, end)
            while m is not None:
                yield m
                m = self.pattern.search(text, m.start() + 1, end)
            return
        base = 0
        if folded is None:  # fold only the stretch searched, and the character before it (for `\b`)
            base = max(0, pos - 1)
            folded = fold(text[base:end])
        for cand in self._scan.finditer(folded, pos - base, end - base):
            m = self.pattern.match(text, base + cand.start(), end)
            if m is not None:
                yield m


    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, folded: str | None = None
    ) -> Iterator[re.Match[str]]:
        """Same matches as `pattern.finditer(text, pos, endpos)`: the leftmost match, then the leftmost one
        starting where it ended, and so on."""
        end = len(text) if endpos is None else endpos
        if self._scan is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        after = pos
        for m in self.starts(text, pos, end, folded):
            if m.start() < after:
                continue  # inside the match before it: `finditer` never starts there
            if m.end() == m.start():  # an empty match: let `re` apply its own rules from here on
                yield from self.pattern.finditer(text, m.start(), end)
                return
            yield m
            after = m.end()

    def count(self, text: str, pos: int = 0, endpos: int | None = None, folded: str | None = None) -> int:
        """`len(pattern.findall(text, pos, endpos))`."""
        return sum(1 for _ in self.finditer(text, pos, endpos, folded))


class AnyOf:
    """Whether any of several regex fragments matches: the word-led ones tried at their opening words
    (one `Anchored` alternation), the rest searched as usual. For yes/no questions only: which fragment
    matched, and where, is not kept."""

    __slots__ = ("_anchored", "_rest")

    def __init__(self, fragments: list[str] | tuple[str, ...], flags: int) -> None:
        led = [f for f in fragments if openings(re.compile(f, flags))]
        rest = [f for f in fragments if f not in led]
        self._anchored = Anchored(re.compile("|".join(f"(?:{f})" for f in led), flags)) if led else None
        self._rest = re.compile("|".join(f"(?:{f})" for f in rest), flags) if rest else None

    def search(self, text: str) -> bool:
        """`bool(re.compile("|".join(fragments), flags).search(text))`."""
        if self._anchored is not None and self._anchored.search(text) is not None:
            return True
        return self._rest is not None and self._rest.search(text) is not None
