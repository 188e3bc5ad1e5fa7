"""Regex alternations shaped as a trie of literal prefixes, for scanning many fragments in one fast pass.

Python's ``re`` tries the branches of an alternation one by one at every position; with hundreds of cue
fragments that dominates the cost. Grouping fragments by their literal prefixes ("dia" for "diabetes" and
"dialysis") lets the engine reject most positions after a character or two. The result has no capture
groups (sre saves group marks on every branch, which is slow with hundreds of groups), so it says *where*
some fragment matches, not which one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_META = frozenset("\\()[]{}?*+|.^$")


def _literal_prefix(fragment: str) -> str:
    """The lower-cased literal characters a fragment must start with (stops before a quantified char)."""
    out = []
    for i, ch in enumerate(fragment):
        if ch in _META or fragment[i + 1 : i + 2] in ("?", "*", "+", "{"):
            break
        out.append(ch.lower())
    return "".join(out)


def _split_leading_group(fragment: str) -> list[str]:
    """``(?:a|b)rest`` -> [``arest``, ``brest``]; ``(?:a )?rest`` -> [``a rest``, ``rest``] (same language),
    so the scanner's trie can index fragments that open with a choice. Other fragments are returned as is."""
    if not fragment.startswith("(?:"):
        return [fragment]
    depth, alts, start = 0, [], 3
    for i, ch in enumerate(fragment):
        if ch == "\\" or (i and fragment[i - 1] == "\\" and (i < 2 or fragment[i - 2] != "\\")):
            continue
        if ch == "(" or ch == "[":
            depth += 1
        elif ch == ")" or ch == "]":
            depth -= 1
            if depth == 0:
                alts.append(fragment[start:i])
                return _join_alternatives(alts, fragment[i + 1 :])
        elif ch == "|" and depth == 1:
            alts.append(fragment[start:i])
            start = i + 1
    return [fragment]


def _join_alternatives(alts: list[str], rest: str) -> list[str]:
    if rest[:1] in ("*", "+", "{"):
        return ["(?:" + "|".join(alts) + ")" + rest]
    if rest[:1] == "?":
        alts, rest = [*alts, ""], rest[1:]
    out: list[str] = []
    for alt in alts:
        out.extend(_split_leading_group(alt.removeprefix(r"\b") + rest))
    return out


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    tails: list[str] = field(default_factory=list)

    def add(self, fragment: str) -> None:
        prefix = _literal_prefix(fragment)
        node = self
        for ch in prefix:
            node = node.children.setdefault(ch, _TrieNode())
        node.tails.append(fragment[len(prefix) :])

    def regex(self) -> str:
        alts = [re.escape(ch) + f"(?:{child.regex()})" for ch, child in sorted(self.children.items())]
        return "|".join(alts + sorted(self.tails, key=len, reverse=True))


def trie_alternation(fragments: Iterable[str]) -> str:
    """An alternation matching what ``"|".join(fragments)`` matches at a word start, trie-shaped on literal
    prefixes. Prefixes are lower-cased: compile the result with ``re.IGNORECASE``."""
    root = _TrieNode()
    for fragment in fragments:
        for variant in _split_leading_group(fragment):
            root.add(variant)
    return root.regex()
