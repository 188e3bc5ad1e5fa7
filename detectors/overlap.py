"""The one overlap-resolution strategy: *priority carve*.

Span findings (`Finding.is_span`) are taken in priority order — finding class (secrets, then
security markings, then personal data), then score, then length, then earliest start. Each is
clipped to the characters not already claimed by a higher-priority finding; a finding split in two by
a higher one keeps both pieces. The result is non-overlapping spans that cover exactly the union of
the input spans (nothing a detector found is ever left uncovered), each piece labelled by the most
important finding over it. Fragments with no letter or digit (e.g. ", ") are dropped. Record-level
findings (special category, prohibited use) are passed through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from detectors.base import PERSONAL_DATA, SECRETS, SECURITY_MARKING, Finding

_CLASS_RANK = {SECRETS: 0, SECURITY_MARKING: 1, PERSONAL_DATA: 2}


def _priority(f: Finding) -> tuple[int, float, int, int]:
    return (_CLASS_RANK.get(f.finding_class, 3), -f.score, -(f.end - f.start), f.start)


def _free_pieces(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, cursor = [], start
    for s, e in taken:                       # taken is sorted and non-overlapping
        if e <= cursor or s >= end:
            continue
        if s > cursor:
            pieces.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < end:
        pieces.append((cursor, end))
    return pieces


def resolve_overlaps(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping span findings (sorted by start) followed by the record-level findings."""
    spans: list[Finding] = []
    records: list[Finding] = []
    for f in findings:
        (spans if f.is_span else records).append(f)
    taken: list[tuple[int, int]] = []
    out: list[Finding] = []
    for f in sorted(spans, key=_priority):
        for s, e in _free_pieces(f.start, f.end, taken):
            if any(ch.isalnum() for ch in text[s:e]):
                out.append(Finding(f.entity, s, e, f.score, f.detector, f.label))
            taken.append((s, e))
        taken.sort()
    out.sort(key=lambda f: (f.start, f.end))
    return out + records
