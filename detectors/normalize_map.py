"""The offset map behind `detectors.normalize`: how each character of a rewritten text relates to the
text it was made from.

A rewrite is a list of `Edit`s (replace source characters [start, end) by `replacement`). Applying
it yields the new text and an `OffsetMap` made of contiguous output segments:

    exact     untouched (or replaced one-for-one) characters: output position p maps to one source
              position, so a span inside maps to exactly the same characters of the source
    whole     replacement text of another length: any position inside maps to the whole source
              range the edit replaced (its `origin`), so a span touching it covers all of it

Deleted characters (replacement "") produce no output; a span around them covers them. An edit may
name an `origin` other than the characters it replaces: text appended at the end (decoded copies of
encoded segments) points back to the segment it was decoded from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str
    origin: tuple[int, int] | None = None   # the source range it stands for; default [start, end)


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int          # output range
    end: int
    src_start: int      # source range
    src_end: int
    exact: bool


class OffsetMap:
    """Maps spans of an output text back to spans of its source text."""

    __slots__ = ("_segments", "_starts")

    def __init__(self, segments: list[_Segment]) -> None:
        self._segments = segments
        self._starts = [s.start for s in segments]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering output characters [start, end) (an empty span maps to a point)."""
        if not self._segments:
            return (start, end)
        if end <= start:
            i = max(0, bisect.bisect_right(self._starts, start) - 1)
            seg = self._segments[i]
            pos = seg.src_start + min(start - seg.start, seg.src_end - seg.src_start) if seg.exact else seg.src_start
            return (pos, pos)
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        j = max(i, bisect.bisect_right(self._starts, end - 1) - 1)
        lo, hi = -1, -1
        for seg in self._segments[i:j + 1]:
            s, e = max(start, seg.start), min(end, seg.end)
            if e <= s:
                continue
            if seg.exact:
                a, b = seg.src_start + (s - seg.start), seg.src_start + (e - seg.start)
            else:
                a, b = seg.src_start, seg.src_end
            lo = a if lo < 0 else min(lo, a)
            hi = max(hi, b)
        return (lo, hi) if lo >= 0 else (start, end)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (sorted by start; insertions at len(text) allowed, kept in order)."""
    out: list[str] = []
    segments: list[_Segment] = []
    pos = 0      # in source
    n = 0        # in output
    for edit in edits:
        if edit.start < pos:
            continue                               # overlapping edit: the earlier one wins
        if edit.start > pos:
            length = edit.start - pos
            out.append(text[pos:edit.start])
            segments.append(_Segment(n, n + length, pos, edit.start, True))
            n += length
        if edit.replacement:
            src = edit.origin or (edit.start, edit.end)
            length = len(edit.replacement)
            exact = edit.origin is None and length == edit.end - edit.start
            out.append(edit.replacement)
            segments.append(_Segment(n, n + length, src[0], src[1], exact))
            n += length
        pos = edit.end
    if pos < len(text):
        out.append(text[pos:])
        segments.append(_Segment(n, n + len(text) - pos, pos, len(text), True))
    return "".join(out), OffsetMap(segments)
