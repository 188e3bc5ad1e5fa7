"""A word alternation compiled as a trie ("call|calls|caller" -> "call(?:er|s)?"), for cheap cue scans.

A regex alternation of many words is tried word by word at every position; the same words as a trie
are tried letter by letter, which is several times cheaper on long texts. `cue_finder(words)` returns a
function yielding the start of every whole-word occurrence of any of the words, in any case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator


def trie_pattern(words: Iterable[str]) -> str:
    """A regex (no groups) matching exactly the given lower-case words."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(root)


def cue_finder(words: Iterable[str]) -> Callable[[str], Iterator[int]]:
    """Starts of whole-word occurrences of `words` (lower case) in a text, matched in any case."""
    body = trie_pattern(sorted(set(words)))
    lower = re.compile(rf"\b{body}\b")
    any_case = re.compile(rf"\b{body}\b", re.IGNORECASE)

    def find(text: str) -> Iterator[int]:
        if text.isascii():                 # lower() keeps offsets of ASCII text
            return (m.start() for m in lower.finditer(text.lower()))
        return (m.start() for m in any_case.finditer(text))

    return find
