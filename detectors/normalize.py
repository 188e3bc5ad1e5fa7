"""Normalise text before detection; map what is found back to the caller's original characters.

    from detectors.normalize import normalise

    norm = normalise(text)                  # raises UnscannableText past a limit (fail closed)
    found = my_detector.detect(norm.text)   # detect on the canonical form
    spans = [norm.to_original(f.start, f.end) for f in found]   # or norm.finding(f)
    # every span indexes `text` (the original), so redaction removes the caller's own characters

`norm.text` is the original with, in order (each stage an explicit `OffsetMap`):

    1 characters   invisible/format characters removed, Unicode spaces and digits made ASCII, NFKC,
                   Latin look-alike letters made Latin               (`detectors.normalize_chars`)
    2 rewrites     HTML entities decoded; spelled-out emails and identifiers split by separators
                   made compact where the result validates           (`detectors.normalize_rewrite`)
    3 decoded      base64 / percent-encoded segments that decode to text are normalised (recursively,
                   up to `Limits.depth` levels) and appended after the text, one block per segment,
                   each separated by a blank line; any span inside a block maps to the whole encoded
                   segment                                           (`detectors.normalize_decode`)

Offsets: an unchanged or one-for-one replaced character maps to itself; a character of a longer or
shorter replacement maps to everything it replaced; removed characters are covered by any span
around them. `norm.changed` is False (and `norm.text is text`) when nothing applied; plain ASCII
prose with no encoded segment, spelled-out address or separated identifier pays two regex scans.

Limits (`Limits`): decoded text beyond `max_decoded_chars`, more than `max_segments` decoded
segments, or an encoded segment still inside the deepest decoded level raise `UnscannableText`, a
`DetectorError`: the caller refuses the text rather than forward what it could not scan.

This API (normalise, Normalised.text / .changed / .to_original / .finding, Limits, UnscannableText)
is stable; other detectors (special category, structure) may call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from detectors.base import DetectorError, Finding
from detectors.normalize_chars import char_edits, warm
from detectors.normalize_decode import encoded_segments
from detectors.normalize_map import Edit, OffsetMap, apply_edits
from detectors.normalize_rewrite import entity_edits, rewrite_edits

__all__ = ["Limits", "Normalised", "UnscannableText", "normalise", "unscannable_index", "warm"]

BLOCK_SEPARATOR = "\n\n"


class UnscannableText(DetectorError):
    """Normalisation hit a limit, so the text cannot be fully scanned (names the limit, not the text)."""


@dataclass(frozen=True, slots=True)
class Limits:
    depth: int = 2                    # levels of encoding decoded (base64 inside base64 ...)
    max_segments: int = 2048          # decoded segments per text, all levels
    max_decoded_chars: int = 4_000_000   # decoded characters per text, all levels


@dataclass(frozen=True, slots=True)
class Normalised:
    original: str
    text: str
    maps: tuple[OffsetMap, ...] = ()        # stage maps, first stage first

    @property
    def changed(self) -> bool:
        return bool(self.maps)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised characters [start, end) came from."""
        for offset_map in reversed(self.maps):
            start, end = offset_map.span(start, end)
        return start, end

    def finding(self, f: Finding) -> Finding:
        """`f` (found in `self.text`) with its offsets moved to the original text."""
        if not self.maps:
            return f
        start, end = self.to_original(f.start, f.end)
        return replace(f, start=start, end=end)


@dataclass
class _Budget:
    limits: Limits
    segments: int = 0
    decoded_chars: int = 0

    def spend(self, chars: int) -> None:
        self.segments += 1
        self.decoded_chars += chars
        if self.segments > self.limits.max_segments:
            raise UnscannableText(f"more than {self.limits.max_segments} encoded segments")
        if self.decoded_chars > self.limits.max_decoded_chars:
            raise UnscannableText(f"more than {self.limits.max_decoded_chars} decoded characters")


def unscannable_index(texts: Sequence[str], limits: Limits | None = None) -> int | None:
    """The index of the first text normalisation refuses (for naming the field in a refusal)."""
    for i, text in enumerate(texts):
        try:
            normalise(text, limits)
        except UnscannableText:
            return i
    return None


def normalise(text: str, limits: Limits | None = None) -> Normalised:
    """The canonical form of `text` for detection, with the maps back to `text` (see module doc)."""
    return _normalise(text, _Budget(limits or Limits()), 0)


def _normalise(text: str, budget: _Budget, level: int) -> Normalised:
    maps: list[OffsetMap] = []
    current = text
    for stage in (char_edits, entity_edits, rewrite_edits):
        edits = stage(current)
        if edits:
            current, offset_map = apply_edits(current, edits)
            maps.append(offset_map)
    edits = _decoded_blocks(current, budget, level)
    if edits:
        current, offset_map = apply_edits(current, edits)
        maps.append(offset_map)
    return Normalised(text, current, tuple(maps)) if maps else Normalised(text, text)


def _decoded_blocks(text: str, budget: _Budget, level: int) -> list[Edit]:
    segments = encoded_segments(text)
    if not segments:
        return []
    if level >= budget.limits.depth:
        raise UnscannableText(f"encoded content nested more than {budget.limits.depth} levels deep")
    edits = []
    for seg in segments:
        budget.spend(len(seg.decoded))
        inner = _normalise(seg.decoded, budget, level + 1)
        block = BLOCK_SEPARATOR + inner.text
        edits.append(Edit(len(text), len(text), block, origin=(seg.start, seg.end)))
    return edits
