"""UK Government Security Classifications (2014 scheme) written on a document as a marking.

Labels are the normalised marking: ``OFFICIAL``, ``OFFICIAL-SENSITIVE``, ``SECRET``, ``TOP SECRET``.
Ordinary words must not trigger ("a secret ballot", "council officials", "official guidance"), so a
marking counts only where it is written *as a marking*:

1. after a label word, in any case: ``Classification: Official Sensitive``, ``Protective marking - SECRET``;
2. in upper case in label position: alone on its line (a header or footer, optionally with a descriptor
   such as ``: PERSONAL`` or ``[COMMERCIAL]``), in brackets ``[OFFICIAL]``, or at the start of a line
   followed by a separator (``SECRET: ...``, ``OFFICIAL // ...``);
3. in upper case inside a mixed-case line, where the capitals set it apart from prose
   ("This note is OFFICIAL-SENSITIVE and ...").

An all-caps heading such as ``THE SECRET TO GOOD WRITING`` or ``OFFICIAL GUIDANCE`` matches none of them.
The hyphenated ``OFFICIAL-SENSITIVE`` has no ordinary meaning, so it counts anywhere, in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from detectors.base import Finding

ENTITY: Final = "SECURITY_MARKING"

_RANK: Final[dict[str, int]] = {"OFFICIAL": 1, "OFFICIAL-SENSITIVE": 2, "SECRET": 3, "TOP SECRET": 4}

_DASH = r"[-\u2010-\u2015]"
# Longest alternative first, so OFFICIAL-SENSITIVE is never read as OFFICIAL.
_MARKING = rf"(?:TOP[ \t]+SECRET|SECRET|OFFICIAL(?:[ \t]*{_DASH}[ \t]*|[ \t]+)SENSITIVE|OFFICIAL)"
_NAMED_DESCRIPTOR = r"(?:PERSONAL|COMMERCIAL|LOCSEN|UK[ \t]+EYES[ \t]+ONLY)\b"
_DESCRIPTOR = rf"(?:[ \t]*(?::|{_DASH}|//)?[ \t]*(?:\[[ \t]*[A-Z][A-Z -]{{1,30}}\]|{_NAMED_DESCRIPTOR}))"
# Label words that introduce a marking. "marking"/"classification" alone are common verbs/nouns in prose,
# so they need a separator ("Marking: SECRET"); the longer phrases do not ("classified as secret").
_LABEL = (
    rf"(?:(?:security\s+)?classification|(?:protective\s+|security\s+)?marking|handling)\s*(?::|=|{_DASH})\s*"
    r"|(?:security\s+classification|protective\s+marking|classified\s+as|marked\s+as|graded)\s+"
)

_UPPER = re.compile(rf"(?<![A-Za-z0-9_{_DASH[1:-1]}])(?P<m>{_MARKING})(?P<d>{_DESCRIPTOR}?)(?![A-Za-z0-9_])")
_LABELLED = re.compile(
    rf"\b(?i:{_LABEL})(?P<m>(?i:{_MARKING}))(?P<d>{_DESCRIPTOR}?)(?![A-Za-z0-9_])",
)
_HYPHENATED = re.compile(rf"\b(?P<m>(?i:official[ \t]*{_DASH}[ \t]*sensitive))(?P<d>{_DESCRIPTOR}?)(?![A-Za-z0-9_])")
# What may stand around a marking that sits alone on its line: bullets, brackets, rules, asterisks.
_DECORATION = re.compile(r"^[\s\[\](){}*_#|=~<>:.\u2010-\u2015-]*$")
# In a sentence, a marking follows words like these: "is OFFICIAL", "marked SECRET", "up to SECRET".
_CUE_WORDS: Final = frozenset({"is", "are", "be", "as", "at", "to", "marked", "classified", "graded"})
_DASHES: Final = "-\u2010\u2011\u2012\u2013\u2014\u2015"
_CONTEXT = 160
_LOWER = re.compile(r"[a-z]")
_CAPITAL = re.compile(r"[A-Z]")
_SEPARATOR_AFTER = re.compile(rf"[ \t]*(?:[:/|\])]|{_DASH})")


def marking_rank(label: str) -> int:
    """Order of classifications for policy ceilings: OFFICIAL 1 < OFFICIAL-SENSITIVE 2 < SECRET 3 <
    TOP SECRET 4; 0 for anything else."""
    return _RANK.get(normalise_marking(label), 0)


def normalise_marking(raw: str) -> str:
    """``official – sensitive`` -> ``OFFICIAL-SENSITIVE``; ``top  secret`` -> ``TOP SECRET``."""
    words = re.findall(r"[A-Za-z]+", raw.upper())
    if words[:2] == ["OFFICIAL", "SENSITIVE"]:
        return "OFFICIAL-SENSITIVE"
    return " ".join(words)


class SecurityMarkingDetector:
    """Finds protective markings; label is the normalised classification."""

    name = "security_marking"
    entities: frozenset[str] = frozenset({ENTITY})

    def detect(self, text: str) -> list[Finding]:
        spans = {(start, end): label for start, end, label in self._candidates(text)}
        findings: list[Finding] = []
        reach = -1
        for (start, end), label in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
            if end > reach:  # not inside an earlier, longer span ("Classification: X" found twice)
                findings.append(Finding(ENTITY, start, end, 0.95, self.name, label))
                reach = end
        return findings

    def _candidates(self, text: str) -> Iterator[tuple[int, int, str]]:
        lowered = text.lower()
        if "secret" not in lowered and "official" not in lowered:
            return  # the common case, and a cheap one
        for pattern in (_LABELLED, _HYPHENATED):
            for m in pattern.finditer(text):
                yield m.start("m"), m.end("d"), normalise_marking(m.group("m"))
        if "SECRET" not in text and "OFFICIAL" not in text:
            return
        for m in _UPPER.finditer(text):
            if _in_label_position(text, m):
                yield m.start("m"), m.end("d"), normalise_marking(m.group("m"))


def _in_label_position(text: str, m: re.Match[str]) -> bool:
    label = normalise_marking(m.group("m"))
    # The rest of the line, at most _CONTEXT characters each side (keeps a huge one-line text linear).
    low, high = max(0, m.start() - _CONTEXT), min(len(text), m.end() + _CONTEXT)
    line_start = text.rfind("\n", low, m.start()) + 1 or low
    line_end = text.find("\n", m.end(), high)
    before, after = text[line_start : m.start()], text[m.end() : high if line_end < 0 else line_end]
    if label == "OFFICIAL-SENSITIVE" or m.group("d"):
        return True
    if _stands_apart(before, after):
        return True  # a header, footer or label cell: "OFFICIAL", "*** SECRET ***", "Page 3 | OFFICIAL"
    return (_follows_cue(before) or _ends_clause(after)) and _is_mixed_case(before + after)


def _stands_apart(before: str, after: str) -> bool:
    """Nothing but decoration or a separator between the marking and the rest of its line."""
    return bool(
        (_DECORATION.match(before) or _ends_with_separator(before))
        and (_DECORATION.match(after) or _SEPARATOR_AFTER.match(after))
    )


def _ends_with_separator(before: str) -> bool:
    """``Page 3 | ``, ``Ref: ``, ``Minutes – ``."""
    tail = before.rstrip(" \t*")
    return tail.endswith((":", "/", "|", "[", "(")) or (tail[-1:] in _DASHES and tail[:-1].endswith((" ", "\t")))


def _follows_cue(before: str) -> bool:
    words = before.split()
    return bool(words) and words[-1].lower() in _CUE_WORDS


def _is_mixed_case(rest_of_line: str) -> bool:
    """True when the rest of the line has lower-case words, so capitals mark the classification
    rather than a shouted heading."""
    lower = len(_LOWER.findall(rest_of_line))
    letters = lower + len(_CAPITAL.findall(rest_of_line))
    return letters >= 8 and lower / letters > 0.5


def _ends_clause(after: str) -> bool:
    return not after.strip() or after.lstrip()[0] in ".,;:)]"
