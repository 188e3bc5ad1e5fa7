"""Runs Presidio `PatternRecognizer`s the way `PatternRecognizer.analyze` does, with less overhead.

Same patterns, flags, validation (`validate_result` / `invalidate_result`), scores, zero-score drop,
timeout and duplicate removal as Presidio; without its per-pattern timing, debug logging and
explanation objects. A cued pattern (`(?=main)(?<=cue)main`, see `detectors.pii_ids.cued`) is
skipped when its cue occurs nowhere in the text: the look-behind can only succeed where the cue
matches, so a text without any cue match cannot hold a match. Searching for the cue once is much
cheaper than trying the look-ahead at every position.

A recognizer that overrides `analyze` itself is called as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS


@dataclass(frozen=True, slots=True)
class _Compiled:
    pattern: regex.Pattern[str]
    score: float
    cue: regex.Pattern[str] | None   # a text with no match of this cannot match `pattern`


def cue_of(source: str) -> str | None:
    """The cue of a pattern written as `(?={main})(?<={cue}){main}`, or None for any other shape."""
    if not source.startswith("(?="):
        return None
    for size in range(1, (len(source) - 8) // 2 + 1):
        main = source[3:3 + size]
        head = f"(?={main})(?<="
        tail = f"){main}"
        if source.startswith(head) and source.endswith(tail) and len(source) > len(head) + len(tail):
            cue = source[len(head):len(source) - len(tail)]
            if f"(?={main})(?<={cue}){main}" == source:
                return cue
    return None


class PatternRunner:
    """One Presidio pattern recognizer, compiled once."""

    def __init__(self, recognizer: PatternRecognizer) -> None:
        self.recognizer = recognizer
        self.entity = recognizer.supported_entities[0]
        self._native = type(recognizer).analyze is PatternRecognizer.analyze
        self._compiled: list[_Compiled] = []
        if self._native:
            flags = recognizer.global_regex_flags
            patterns: list[Any] = vars(recognizer)["patterns"]
            for p in patterns:
                cue = cue_of(p.regex)
                self._compiled.append(_Compiled(
                    regex.compile(p.regex, flags=flags), p.score,
                    regex.compile(cue, flags=flags) if cue is not None else None,
                ))

    def analyze(self, text: str) -> list[RecognizerResult]:
        if not self._native:
            return list(self.recognizer.analyze(text, entities=[self.entity]))
        results: list[RecognizerResult] = []
        for compiled in self._compiled:
            if compiled.cue is not None and compiled.cue.search(text) is None:
                continue
            try:
                for match in compiled.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                    start, end = match.span()
                    if start == end:
                        continue
                    score = self._score(text[start:end], compiled.score)
                    if score > EntityRecognizer.MIN_SCORE:
                        results.append(RecognizerResult(self.entity, start, end, score))
            except TimeoutError:
                continue    # as Presidio: the pattern is skipped, earlier matches kept
        return EntityRecognizer.remove_duplicates(results)

    def _score(self, found: str, score: float) -> float:
        valid = self.recognizer.validate_result(found)
        if valid is not None:
            score = EntityRecognizer.MAX_SCORE if valid else EntityRecognizer.MIN_SCORE
        if self.recognizer.invalidate_result(found):
            score = EntityRecognizer.MIN_SCORE
        return score
