"""Values split across texts: a bounded pass over the junctions of adjacent texts of one request.

A value cut in two ("401 023" in one message, "2137" in the next; a first name ending one content
part and the surname starting the next) is whole only where the texts meet. For each boundary
between text i and text i+1 a window is built from up to `WINDOW` characters before it (from text
i, reaching back into earlier texts when text i is short) and up to `WINDOW` after it, joined as the
model reads them (directly). The window is scanned like any text; a finding that crosses the
boundary is split into its pieces and each piece becomes a finding on the text it came from
(detector `junction.<detector>`). Where the join glues two tokens (a letter or digit on both
sides), a finding one of whose pieces is already a whole finding of its own text is dropped (the
glue only stretched a complete value over the neighbour's first word; not for secrets, where a
split value is the attack and over-reach the cheap side; for a name across a spaced join, the
neighbour's words are kept when they are names, see `_name_words`). Where the join would glue two words (a
letter on both sides: "... is Ignatius" + "Pellow-Grant ..."), the window puts one space between
them instead: separate texts are separate words to the reader, so a name or address split across
two content parts or messages is read whole, and no false word is made; the space belongs to
neither text, so findings still map back to each part. A value whose only cue sits in the
text before it ("DOB:" ending one message, the date starting the next; a `surname:` key and its
value in two parts) is taken too:
findings right of the boundary of cue-dependent kinds (`CUED_ENTITIES`, and anything found by
structure) count. Other findings entirely on one side were already found, or not, by the scan of
that text and are ignored here, so the pass only adds.

Cost is bounded: at most len(texts) - 1 windows of at most 2 * WINDOW characters.

Apart from the windows, `numbers_across_turns` joins an NHS number's two pieces when a short reply
sits between them (the speaker's next message continues the number); the join must pass mod 11.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex
from stdnum.gb import nhs

from detectors.base import Finding
from detectors.overlap import resolve_overlaps
from detectors.pii_name_lexicon import lexicon

_TAIL_DIGITS = regex.compile(r"(?<![\w.-])(\d(?:[ -]?\d){1,8})[ \t.,;:!?)]*\Z")
_HEAD_DIGITS = regex.compile(r"\A[ \t(]*(\d(?:[ -]?\d){1,8})(?![\w-]|[.,]\d)")
# the next piece after a few lead-in words ("rest is 2137", "and the last bit: 2137"); only read when
# one of the two texts names the number, since a reply may open with any few words and a number
_LEAD_DIGITS = regex.compile(
    r"\A[ \t(]*(?:[\p{L}'’]+[ \t,:=-]+){1,5}?(\d(?:[ -]?\d){1,8})(?![\w-]|[.,]\d)"
)
_NHS_NAMED = regex.compile(r"(?i)\bnhs\b")

WINDOW = 64
# entities recognised only after a cue word (see detectors.pii_context / pii_ids)
CUED_ENTITIES = frozenset(
    {"DATE_OF_BIRTH", "UK_BANK_SORT_CODE", "UK_BANK_ACCOUNT", "UK_PASSPORT", "VEHICLE_REGISTRATION"}
)


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
    spaced: bool = False            # a space (of neither text) sits just before `boundary`


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
        spaced = _words_meet(texts, left_pieces[-1], right_pieces[0])
        pieces: list[_Piece] = []
        parts: list[str] = []
        offset = 0
        for n, (index, start, end) in enumerate([*left_pieces, *right_pieces]):
            if spaced and n == len(left_pieces):
                parts.append(" ")
                offset += 1
            pieces.append(_Piece(index, start, offset, end - start))
            parts.append(texts[index][start:end])
            offset += end - start
        boundary = sum(p.length for p in pieces[: len(left_pieces)]) + spaced
        out.append(Window("".join(parts), boundary, tuple(pieces), spaced))
    return out


def _words_meet(texts: Sequence[str], left: tuple[int, int, int], right: tuple[int, int, int]) -> bool:
    """A letter ends the left text and a letter starts the right one."""
    return texts[left[0]][left[2] - 1].isalpha() and texts[right[0]][right[1]].isalpha()


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
        if f.start < window.boundary < f.end or _cued_from_the_left(window, f):
            out.extend(_pieces(window, f))
    return out


def _pieces(window: Window, f: Finding) -> list[tuple[int, Finding]]:
    out = []
    for piece in window.pieces:
        lo = max(f.start, piece.offset)
        hi = min(f.end, piece.offset + piece.length)
        while lo < hi and window.text[lo].isspace():
            lo += 1
        while hi > lo and window.text[hi - 1].isspace():
            hi -= 1
        if hi <= lo:
            continue
        start = piece.start + lo - piece.offset
        out.append((piece.text_index, replace(f, start=start, end=start + hi - lo, detector=f"junction.{f.detector}")))
    return out


def _glued(window: Window) -> bool:
    """Both sides of the boundary are letters or digits: joining made one token of two."""
    b = window.boundary
    return 0 < b < len(window.text) and window.text[b - 1].isalnum() and window.text[b].isalnum()


def _extends_a_complete_value(pieces: list[tuple[int, Finding]], results: Sequence[Sequence[Finding]]) -> bool:
    """One piece is already a whole finding of its own text: the glue only stretched that value
    over the neighbour's first word (a key ending one message, a variable name starting the next)."""
    return any(
        any(own.start <= f.start and f.end <= own.end for own in results[index] if own.is_span)
        for index, f in pieces
    )


def _name_across(texts: Sequence[str], window: Window, pieces: list[tuple[int, Finding]]) -> bool:
    """Could a name run across this join? Not over the end of a sentence ("... Ann Lee." + "ms lee
    rang"), and not out of a left-hand field that holds nothing but its piece: a name split across
    parts starts inside the text before the join ("write to Ann" + "Lee ..."), while two short values
    side by side (two metadata fields) are not one name."""
    left = window.text[:window.boundary].rstrip()
    if left.endswith((".", "!", "?")):
        return False
    right = _right_index(window)
    before = [(i, piece) for i, piece in pieces if i < right]
    if not before:
        return True
    i, piece = before[-1]
    return texts[i].strip() != texts[i][piece.start:piece.end]


def _right_index(window: Window) -> int:
    """The index of the text that starts at the window's boundary."""
    return next(p.text_index for p in window.pieces if p.offset >= window.boundary)


def _name_words(piece: str) -> bool:
    """Every word a given name or no ordinary word: a name continued across the join ("write to
    Ignatius" + "Pellow-Grant ...") rather than a heading or word next to a complete name."""
    lex = lexicon()
    words = piece.split()
    return bool(words) and all(lex.is_given(w) or not lex.is_ordinary(w) for w in words)


def _cued_from_the_left(window: Window, f: Finding) -> bool:
    return f.start >= window.boundary and (f.entity in CUED_ENTITIES or f.detector.startswith("structure"))


def numbers_across_turns(texts: Sequence[str]) -> dict[int, list[Finding]]:
    """An NHS number given in two pieces, one ending a message and one starting the next message of
    the same speaker, with at most one reply between ("... first part: 401 023" / "OK, go on" /
    "2137 ..." or "the rest is 2137"): the digits joined are ten and pass mod 11, so each piece is part
    of that number.
    Only texts ending in digits are looked at, so the pass costs nothing on ordinary requests."""
    extra: dict[int, list[Finding]] = {}
    for i, text in enumerate(texts):
        if not text or not (tail := _TAIL_DIGITS.search(text[-24:])):
            continue
        left_start = len(text) - min(24, len(text)) + tail.start(1)
        left_end = len(text) - min(24, len(text)) + tail.end(1)
        for j in (i + 1, i + 2):
            if j >= len(texts) or not (head := _next_piece(text, texts[j])):
                continue
            digits = "".join(ch for ch in tail.group(1) + head.group(1) if ch.isdigit())
            if len(digits) == 10 and nhs.is_valid(digits):
                for index, lo, hi in ((i, left_start, left_end), (j, head.start(1), head.end(1))):
                    extra.setdefault(index, []).append(Finding("UK_NHS", lo, hi, 1.0, "junction.personal_data"))
                break
    return extra


def _next_piece(text: str, following: str) -> regex.Match[str] | None:
    head = _HEAD_DIGITS.match(following)
    if head is None and (_NHS_NAMED.search(text) or _NHS_NAMED.search(following[:80])):
        head = _LEAD_DIGITS.match(following[:80])
    return head


def merge(
    texts: Sequence[str], results: list[list[Finding]], wins: Sequence[Window], found: Sequence[Sequence[Finding]]
) -> list[list[Finding]]:
    """Per-text results with the junction findings added (overlaps resolved again where added)."""
    extra: dict[int, list[Finding]] = numbers_across_turns(texts)
    for window, window_found in zip(wins, found, strict=True):
        glued = _glued(window)
        for f in window_found:
            if not (f.start < window.boundary < f.end or _cued_from_the_left(window, f)):
                continue
            pieces = _pieces(window, f)
            crossing = f.start < window.boundary < f.end
            if f.entity == "PERSON" and crossing and not _name_across(texts, window, pieces):
                continue
            if (glued or window.spaced) and f.entity != "SECRET" and _extends_a_complete_value(pieces, results):
                if not (window.spaced and f.entity == "PERSON"):
                    continue
                pieces = [(i, p) for i, p in pieces if _name_words(texts[i][p.start:p.end])]
            for index, piece in pieces:
                extra.setdefault(index, []).append(piece)
    merged = list(results)
    for index, added in extra.items():
        merged[index] = resolve_overlaps(texts[index], [*results[index], *added])
    return merged
