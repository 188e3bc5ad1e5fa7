"""Whole-word cue scans over a word list compiled as a trie (`lexicons/special_category_trie.py`).

A regex alternation of many words is tried word by word at every position; the same words as a trie
are tried letter by letter, which is several times cheaper on long texts. `cue_finder(words)` returns a
function yielding the start of every whole-word occurrence of any of the words, in any case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from detectors.lexicons.special_category_trie import trie_alternation


def cue_finder(words: Iterable[str]) -> Callable[[str], Iterator[int]]:
    """Starts of whole-word occurrences of `words` (lower case) in a text, matched in any case."""
    body = f"(?:{trie_alternation(re.escape(w) for w in sorted(set(words)))})"
    lower = re.compile(rf"\b{body}\b")
    any_case = re.compile(rf"\b{body}\b", re.IGNORECASE)

    def find(text: str) -> Iterator[int]:
        if text.isascii():                 # lower() keeps offsets of ASCII text
            return (m.start() for m in lower.finditer(text.lower()))
        return (m.start() for m in any_case.finditer(text))

    return find
