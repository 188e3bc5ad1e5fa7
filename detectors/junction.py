"""Values split across texts: a bounded pass over the junctions of adjacent texts of one request.

A value cut in two ("401 023" in one message, "2137" in the next; a first name ending one content
part and the surname starting the next) is whole only where the texts meet. For each boundary
between text i and text i+1 a window is built from up to `WINDOW` characters before it (from text
i, reaching back into earlier texts when text i is short) and up to `WINDOW` after it, joined as the
model reads them (directly). The window is scanned like any text; a finding that crosses the
boundary is split into its pieces and each piece becomes a finding on the text it came from
(detector `junction.<detector>`). Findings entirely on one side were already found, or not, by the
scan of that text and are ignored here, so the pass only adds.

Cost is bounded: at most len(texts) - 1 windows of at most 2 * WINDOW characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from detectors.base import Finding
from detectors.overlap import resolve_overlaps

WINDOW = 64


@dataclass(frozen=True, slots=True)
class _Piece:
    text_index: int
    start: int          # in that text
    offset: int         # in the window
    length: int


@dataclass(frozen=True, slots=True)
class Window:
    text: str
    boundary: int                   # offset in `text` where the right-hand text begins
    pieces: tuple[_Piece, ...]


def windows(texts: Sequence[str], width: int = WINDOW) -> list[Window]:
    """One window per boundary between adjacent non-empty stretches of `texts`."""
    out = []
    seen_text = bool(texts and texts[0])
    for right in range(1, len(texts)):
        if not texts[right] or not seen_text:
            seen_text = seen_text or bool(texts[right])
            continue
        left_pieces = _reach_back(texts, right - 1, width)
        right_pieces = _reach_forward(texts, right, width)
        pieces: list[_Piece] = []
        parts: list[str] = []
        offset = 0
        for index, start, end in [*left_pieces, *right_pieces]:
            pieces.append(_Piece(index, start, offset, end - start))
            parts.append(texts[index][start:end])
            offset += end - start
        boundary = sum(p.length for p in pieces[: len(left_pieces)])
        out.append(Window("".join(parts), boundary, tuple(pieces)))
    return out


def _reach_back(texts: Sequence[str], index: int, width: int) -> list[tuple[int, int, int]]:
    pieces: list[tuple[int, int, int]] = []
    need = width
    while index >= 0 and need > 0:
        text = texts[index]
        take = min(need, len(text))
        if take:
            pieces.insert(0, (index, len(text) - take, len(text)))
        need -= take
        index -= 1
    return pieces


def _reach_forward(texts: Sequence[str], index: int, width: int) -> list[tuple[int, int, int]]:
    pieces: list[tuple[int, int, int]] = []
    need = width
    while index < len(texts) and need > 0:
        take = min(need, len(texts[index]))
        if take:
            pieces.append((index, 0, take))
        need -= take
        index += 1
    return pieces


def attribute(window: Window, found: Sequence[Finding]) -> list[tuple[int, Finding]]:
    """(text index, finding in that text) for each piece of each finding crossing the boundary."""
    out = []
    for f in found:
        if not f.start < window.boundary < f.end:
            continue
        for piece in window.pieces:
            lo = max(f.start, piece.offset)
            hi = min(f.end, piece.offset + piece.length)
            if hi <= lo:
                continue
            while lo < hi and window.text[lo].isspace():
                lo += 1
            while hi > lo and window.text[hi - 1].isspace():
                hi -= 1
            if hi <= lo:
                continue
            start = piece.start + lo - piece.offset
            moved = replace(f, start=start, end=start + hi - lo, detector=f"junction.{f.detector}")
            out.append((piece.text_index, moved))
    return out


def merge(
    texts: Sequence[str], results: list[list[Finding]], wins: Sequence[Window], found: Sequence[Sequence[Finding]]
) -> list[list[Finding]]:
    """Per-text results with the junction findings added (overlaps resolved again where added)."""
    extra: dict[int, list[Finding]] = {}
    for window, window_found in zip(wins, found, strict=True):
        for index, f in attribute(window, window_found):
            extra.setdefault(index, []).append(f)
    merged = list(results)
    for index, added in extra.items():
        merged[index] = resolve_overlaps(texts[index], [*results[index], *added])
    return merged
