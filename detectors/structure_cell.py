"""The column header or key that a span of text sits under, found from the span outwards.

Detectors that judge one candidate at a time (is this capitalised pair a person?) ask what the table
or record says about it: `cell_key(text, start, end)` returns the header of the delimited column
(`|`, tab, `,`, `;`) whose cell is exactly the span, or the key of a `key: value` / `key=value` pair
whose value is the span, or None. Only the span's own line and the lines above it in its block are
read, so the cost is per candidate, not per text.
"""

from __future__ import annotations

import regex

_DELIMITERS = ("|", "\t", ";", ",")
_BORDER = regex.compile(r"[\s+|:=-]*-[\s+|:=-]*")
_KEY_BEFORE = regex.compile(r"[\"']?([\p{L}][\w .'’()/-]{0,40}?)[\"']?[ \t]*[:=][ \t]*[\"']?\Z")
_MAX_ROWS = 200


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _cell_index(line: str, lo: int, start: int, end: int, delim: str) -> tuple[int, int] | None:
    """(index of the cell that is exactly [start, end) once stripped, number of cells) or None."""
    cells = line.split(delim)
    pos = lo
    for i, cell in enumerate(cells):
        a = pos + len(cell) - len(cell.lstrip(" \t\"'"))
        b = pos + len(cell.rstrip(" \t\r\"'"))
        if a == start and b == end:
            return i, len(cells)
        pos += len(cell) + 1
    return None


_HEADER_CELL = regex.compile(r"[ \t\"'|]*[\p{L}_#][\p{L}\d _./#()'’-]{0,31}[ \t\"'|]*")


def _header_like(cell: str) -> bool:
    """A column header: empty (a markdown border cell) or a short label of at most four words that does
    not hold a date, time or amount (a line of prose or data above the row is no header)."""
    stripped = cell.strip(" \t\"'|")
    if not stripped:
        return True
    return bool(_HEADER_CELL.fullmatch(cell)) and len(stripped.split()) <= 4 and sum(c.isdigit() for c in cell) <= 2


def _header(text: str, lo: int, delim: str, count: int) -> list[str] | None:
    """The first line of the block of `delim` lines that ends at the line starting at `lo`."""
    header: list[str] | None = None
    rows = 0
    while lo > 0 and rows < _MAX_ROWS:
        prev_lo, prev_hi = _line_bounds(text, lo - 1)
        line = text[prev_lo:prev_hi]
        if not line.strip():
            break
        if not _BORDER.fullmatch(line):
            if delim not in line:
                break
            cells = line.split(delim)
            if len(cells) != count:
                break
            header = cells if all(_header_like(c) for c in cells) else None
        lo = prev_lo
        rows += 1
    return header


def cell_key(text: str, start: int, end: int) -> str | None:
    """The header or key the span [start, end) is the value of, or None (see module docstring)."""
    lo, hi = _line_bounds(text, start)
    if end > hi:
        return None
    line = text[lo:hi]
    left, right = _edge(text, lo, start, -1), _edge(text, hi, end, 1)
    for delim in _DELIMITERS:
        if left not in (delim, "") or right not in (delim, ""):
            continue                      # the span is not a whole cell of this delimiter: no split needed
        found = _cell_index(line, lo, start, end, delim)
        if found is None:
            continue
        header = _header(text, lo, delim, found[1])
        if header is not None:
            return header[found[0]].strip(" \t\"'|")
    m = _KEY_BEFORE.search(text, max(lo, start - 48), start)
    return m.group(1).strip() if m else None


def _edge(text: str, bound: int, pos: int, step: int) -> str:
    """The first character beside the span past blanks and quotes ("" at the line's edge)."""
    i = pos - 1 if step < 0 else pos
    while (i >= bound if step < 0 else i < bound) and text[i] in " \t\"'\r":
        i += step
    if (step < 0 and i < bound) or (step > 0 and i >= bound):
        return ""
    return text[i]
