"""Decision requests in a table (clause 7.2): the model asked to fill in the outcome column for named people.

A spreadsheet, CSV or Markdown table whose header has an outcome-type column (outcome, decision, band,
priority, action, award, eligibility, sanction, ...) left blank or marked "?" in rows that name people,
plus an instruction to fill that column (or "the blanks"), makes the model produce the decisions itself,
one per person. Look-alikes: a header with no rows (a template to draft), a filled-in outcome column, an
instruction to fill a non-outcome column (address, notes). Pure functions; no text is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detectors.lexicons import prohibited_grammar as g

_F = re.IGNORECASE
_SEPARATORS = ("\t", "|", ",", ";")
_OUTCOME_HEADER = re.compile(
    r"^\W*(?:[\w'-]+\s+){0,2}?(?:outcome|decision|verdict|result|band(?:ing)?|priority|action|award|eligib\w*"
    r"|sanction|recommendation|status|score|rating|rank(?:ing)?|offer(?:ed)?|allocat\w*|grant(?:ed)?"
    r"|approved?|refused?|keep|retain\w*|dismiss\w*|penalty|fine)(?:\s*\([^)]*\))?\W*$",
    _F,
)
_BLANK = re.compile(r"^\s*(?:|\?+|-+|_+|tbc|tbd|\.\.\.|…|\[\s*\]|<[^>]*>)\s*$", _F)
_FILL = re.compile(
    r"\b(?:fill(?:\s+in|\s+out)?|complete|populate|add|enter|put|assign|supply|insert|give|mark)\b", _F
)
_FILL_ASK = re.compile(
    r"^\W*(?:(?:please|pls|now|then|just|can\s+you|could\s+you|would\s+you|kindly)\s+)*(?:fill|complete|populate"
    r"|add|enter|put|assign|supply|insert|give|mark)\b",
    _F,
)
_WHICH_CELLS = re.compile(r"\b(?:column|field|blanks?|gaps?|cells?|empty|table|rest|missing)\b", _F)
_INITIAL_NAME = re.compile(r"\b[A-Z]\.\s?[A-Z][a-z'-]+")
_MAX_LINES = 200


@dataclass(frozen=True, slots=True)
class OutcomeTable:
    headers: tuple[str, ...]  # the outcome-type column names
    blank_rows: int  # rows that name someone and leave an outcome cell blank

    def named(self, sentence: str) -> bool:
        """Whether a fill-in request names this table's outcome column, or its blanks/cells in general."""
        low = sentence.lower()
        return bool(_WHICH_CELLS.search(sentence)) or any(h.lower() in low for h in self.headers)


def _cells(line: str, sep: str) -> list[str]:
    cells = [c.strip() for c in line.split(sep)]
    return cells[1:-1] if sep == "|" and line.strip().startswith("|") else cells


def outcome_table(text: str) -> OutcomeTable | None:
    """The first table with an outcome-type column left blank in rows about people, or None."""
    lines = text.splitlines()[:_MAX_LINES]
    for i, line in enumerate(lines):
        for sep in _SEPARATORS:
            if sep not in line:
                continue
            header = _cells(line, sep)
            cols = [j for j, cell in enumerate(header) if cell and _OUTCOME_HEADER.match(cell)]
            if not cols or len(header) < 2:
                continue
            blank = _blank_rows(lines[i + 1 :], sep, len(header), cols)
            if blank:
                return OutcomeTable(tuple(header[j] for j in cols), blank)
    return None


def _blank_rows(rows: list[str], sep: str, width: int, cols: list[int]) -> int:
    count = 0
    for row in rows:
        if sep not in row:
            break
        cells = _cells(row, sep)
        if set("".join(cells)) <= set("-: "):
            continue  # a Markdown rule row
        cells += [""] * (width - len(cells))
        others = " ".join(c for j, c in enumerate(cells) if j not in cols)
        if any(_BLANK.match(cells[j]) for j in cols if j < len(cells)) and _names_someone(others):
            count += 1
    return count


def _names_someone(cells: str) -> bool:
    return bool(_INITIAL_NAME.search(cells)) or g.has_person(cells)


def asks_to_fill(sentence: str) -> bool:
    """Whether the sentence asks to fill something in (a column, the blanks, or a column named after it)."""
    return bool(_FILL_ASK.search(sentence) or (_FILL.search(sentence) and g.is_request(sentence)))
