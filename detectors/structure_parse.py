"""Find (key, value) pairs in structured text, with character offsets: the parsers behind
`detectors.structure`.

    key_value    one or more `key: value` / `key = value` / `key=value` pairs per line: form fields,
                 YAML (`- first_name: ...`), mysql `\\G` output, logfmt and query-string log lines,
                 JSON and Python-dict text (`"dob": "..."`, `'surname': '...'`), minified or not
    tables       delimited blocks (`|`, tab, `,`, `;`): CSV/TSV pastes, markdown tables, psql and
                 mysql result boxes; the first row is the header, each later row with the same number
                 of cells gives every cell its column's key; two-cell `|` or tab rows are also read as
                 key | value (psql expanded display, vertical markdown tables)
    aligned      columns aligned with spaces under a header, with or without a dashed underline
                 (sqlcmd / Oracle / pandas output)
    xml          `<surname>...</surname>`
    arrays       a key whose value is a JSON array of strings, on one line or pretty-printed over several
                 (`"given": ["Ada", "Mae"]`, FHIR and similar): every string in it has the key's field

A `Pair` is the key text, the value's span in the text, the parser's name and a record id: pairs of
one table share the table's record id; key/value pairs get `record = -1` (their neighbours are found
by distance).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

KeyTest = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Pair:
    key: str
    start: int
    end: int
    source: str
    record: int = -1
    key_pos: int = 0


_LINE = regex.compile(r"[^\n]+")
_LINES = re.compile(r"[^\n]+")
_SEPARATOR = regex.compile(r"(?<![:=<>!])(?:(?<!\d):|:(?!\d))(?![:/])|(?<![=<>!])=(?![=>])")
_KEY_CHARS = regex.compile(r"[\w .'’()/#*-]{1,48}\Z")
_QUOTES = "\"'"
_COMPACT_PAIR_BREAKS = " \t&;?"
_LIST_MARK = regex.compile(r"[\s\-*•#>]*(?:\d{1,3}[.)]\s+)?")


def key_value_pairs(text: str) -> Iterator[Pair]:
    for line in _LINE.finditer(text):
        s = line.group()
        if ":" not in s and "=" not in s:
            continue
        yield from _line_pairs(s, line.start())


_OBJECT_KEY = regex.compile(r"""["']([^"'\n]{1,48})["'][ \t]*:[ \t]*\{""")
_MAX_OBJECT = 4000


def object_parents(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every JSON / Python-dict object that is a key's value (`"address": {...}`):
    the keys inside it name parts of that key's field ("line1" of an address, "name" of a client).
    Bounded: an object is followed for at most `_MAX_OBJECT` characters."""
    spans = []
    for m in _OBJECT_KEY.finditer(text):
        depth, i, limit = 0, m.end() - 1, min(len(text), m.end() + _MAX_OBJECT)
        while i < limit:
            c = text[i]
            depth += (c == "{") - (c == "}")
            if depth == 0:
                spans.append((m.end(), i, m.group(1)))
                break
            i += 1
    return spans


def parent_key(parents: list[tuple[int, int, str]], pos: int) -> str | None:
    """The key of the innermost object that holds position `pos`, if any."""
    best: tuple[int, int, str] | None = None
    for start, end, key in parents:
        if start <= pos < end and (best is None or start > best[0]):
            best = (start, end, key)
    return None if best is None else best[2]


def _line_pairs(line: str, offset: int) -> Iterator[Pair]:
    seps = [m.start() for m in _SEPARATOR.finditer(line)]
    keys = []
    floor = 0
    for p in seps:
        span = _key_before(line, p, floor)
        keys.append(span)
        floor = p + 1
    for i, p in enumerate(seps):
        key_span = keys[i]
        if key_span is None:
            continue
        ks, ke, quoted = key_span
        limit = len(line)
        for later in keys[i + 1:]:
            if later is not None:
                limit = later[0]
                break
        value = _value_after(line, p, limit, quoted or (line[p] == "=" and not line[p + 1:p + 2].isspace()))
        if value is not None:
            yield Pair(line[ks:ke], offset + value[0], offset + value[1], "keyvalue", -1, offset + ks)


def _key_before(line: str, p: int, floor: int) -> tuple[int, int, bool] | None:
    end = p
    while end > floor and line[end - 1] in " \t":
        end -= 1
    if end > floor and line[end - 1] in _QUOTES:
        q = line[end - 1]
        start = line.rfind(q, floor, end - 1)
        if start < 0 or end - 1 - start > 60:
            return None
        return (start + 1, end - 1, True)
    if line[p] == "=" and end == p:
        # `key=value` runs are separated by blanks, or by `&`/`;` in query strings and form bodies
        start = max(line.rfind(c, floor, end) for c in _COMPACT_PAIR_BREAKS) + 1
        start = max(start, floor)
        return (start, end, False) if start < end else None
    m = _KEY_CHARS.search(line, floor, end)
    if not m:
        return None
    chunk = line[m.start():end]
    cut = max(chunk.rfind("  "), chunk.rfind("\t"))
    start = m.start() + (cut + 1 if cut >= 0 else 0)
    mark = _LIST_MARK.match(line, start, end)
    start += len(mark.group()) if mark else 0
    start = _sentence_case_key_start(line, start, end)
    return (start, end, False) if start < end else None


def _sentence_case_key_start(line: str, start: int, end: int) -> int:
    """A key is a few words ending at the separator: lower-case words back to the first word that
    starts with a capital ("Visit date", "DOB", "date_of_birth"), so a value before it on the same
    line ("Name: Ann Lee DOB: ...") is not read as part of the next key."""
    words = list(regex.finditer(r"\S+", line[start:end]))
    if len(words) <= 1:
        return start
    for w in reversed(words):
        if w.group()[0].isupper():
            return start + int(w.start())
    return start + int(words[0].start())


def _value_after(line: str, p: int, limit: int, compact: bool) -> tuple[int, int] | None:
    i = p + 1
    while i < limit and line[i] in " \t":
        i += 1
    if i >= limit:
        return None
    if line[i] in _QUOTES:
        q = line[i]
        j = i + 1
        while j < len(line) and line[j] != q:
            j += 2 if line[j] == "\\" else 1
        return (i + 1, min(j, len(line))) if j > i + 1 else None
    if line[i] == "[":                      # "given": ["Ada"] (FHIR and similar): the list's first string
        k = i + 1
        while k < limit and line[k] in " \t":
            k += 1
        return _value_after(line, k - 1, limit, compact) if k < limit and line[k] in _QUOTES else None
    if line[i] == "{":
        return None
    stop = regex.compile(r"[,}\]&;\s]" if compact else r"\t| {2,}| \| | #")
    m = stop.search(line, i, limit)
    j = m.start() if m else limit
    while j > i and line[j - 1] in " ,;|":
        j -= 1
    return (i, j) if j > i else None


# ---- tables -------------------------------------------------------------------------------------

_BORDER = re.compile(r"[\s+|:=-]*-[\s+|:=-]*")
_CSV_CELL = {
    d: regex.compile(rf'[ \t]*("(?:[^"]|"")*"|[^{d}"\n]*)[ \t]*(?:{d}|$)') for d in ",;"
}


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    return [m.span() for m in _LINES.finditer(text)]


def table_pairs(text: str, lines: list[tuple[int, int]], is_key: KeyTest) -> Iterator[Pair]:
    """Cells of delimited tables whose header has a cell `is_key` accepts; key | value rows."""
    record = 0
    for delim in ("|", "\t", ",", ";"):
        if delim not in text:
            continue
        for block in _blocks(text, lines, delim):
            record += 1
            yield from _block_pairs(text, block, delim, record, is_key)


def _blocks(text: str, lines: list[tuple[int, int]], delim: str) -> Iterator[list[tuple[int, int]]]:
    block: list[tuple[int, int]] = []
    last_end = -2
    for s, e in lines:
        if block and s != last_end + 1:          # a blank line ends a table
            yield block
            block = []
        last_end = e
        if block and _BORDER.fullmatch(text, s, e):
            continue
        if delim not in text[s:e]:
            if block:
                yield block
            block = []
            continue
        block.append((s, e))
    if block:
        yield block


def _cells(text: str, s: int, e: int, delim: str) -> list[tuple[int, int]]:
    if delim in ",;":
        pattern = _CSV_CELL[delim]
        spans: list[tuple[int, int]] = []
        pos = s
        while pos <= e:
            m = pattern.match(text, pos, e)
            if m is None or (m.end() == pos and pos == e and spans):
                break
            spans.append((m.start(1), m.end(1)))
            if m.end() == pos:
                break
            pos = m.end()
        return [_strip(text, a, b) for a, b in spans]
    line = text[s:e]
    lo, hi = s, e
    stripped = line.strip()
    if delim == "|" and stripped.startswith("|"):
        lo = s + line.index("|") + 1
    if delim == "|" and stripped.endswith("|"):
        hi = s + line.rindex("|")
    out, pos = [], lo
    while True:
        nxt = text.find(delim, pos, hi)
        end = hi if nxt < 0 else nxt
        out.append(_strip(text, pos, end))
        if nxt < 0:
            return out
        pos = nxt + 1


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t\r":
        b -= 1
    if b - a >= 2 and text[a] in _QUOTES and text[b - 1] == text[a]:
        a, b = a + 1, b - 1
    return a, b


def _block_pairs(
    text: str, block: list[tuple[int, int]], delim: str, record: int, is_key: KeyTest
) -> Iterator[Pair]:
    header = _cells(text, *block[0], delim)
    labels = [text[a:b] for a, b in header]
    if len(block) >= 2 and len(header) >= 2 and all(0 < len(h) <= 48 for h in labels) and any(
        is_key(h) for h in labels
    ):
        for s, e in block[1:]:
            row = _cells(text, s, e, delim)
            if len(row) != len(header):
                continue
            for label, h, (a, b) in zip(labels, header, row, strict=True):
                if b > a:
                    yield Pair(label, a, b, "table", record, h[0])
    if delim in "|\t":
        for s, e in block:
            row = _cells(text, s, e, delim)
            if len(row) == 2 and row[1][1] > row[1][0] and is_key(text[row[0][0]:row[0][1]]):
                (ka, kb), (va, vb) = row
                yield Pair(text[ka:kb], va, vb, "table", -1, ka)


_ANNOUNCED = regex.compile(
    r"(?i)\b(?:columns?|fields|headers?|headings|column order|field order)\b[ \t]*(?:are[ \t]*:?|:|=|-|–)[ \t]*"
    r"([^()\n:]{3,400}?)[ \t]*(?:\)|\.?[ \t]*\n|\.(?=[ \t]+\p{Lu})|\.?\Z)"
)
_LIST_ITEM = regex.compile(r"[ \t]*(?:and[ \t]+|&[ \t]*)?(.+?)[ \t]*(?:[,;|\t]|[ \t]+(?:and|&)[ \t]+|\Z)")


def announced_pairs(text: str, lines: list[tuple[int, int]], is_key: KeyTest) -> Iterator[Pair]:
    """Rows whose columns are named in the prose before them ("columns: fname, lname, dob"): a list of
    column names announced in a sentence is the header of the delimited rows that follow it."""
    if "column" not in text.lower() and "field" not in text.lower() and "head" not in text.lower():
        return
    record = 50_000
    for m in _ANNOUNCED.finditer(text):
        items = [(i.group(1), i.start(1)) for i in _LIST_ITEM.finditer(text, m.start(1), m.end(1)) if i.group(1)]
        if len(items) < 2 or not any(is_key(label) for label, _pos in items):
            continue
        record += 1
        started = False
        for s, e in lines:
            if s < m.end():
                continue
            delim = next((d for d in (",", ";", "|", "\t") if d in text[s:e]), None)
            row = _cells(text, s, e, delim) if delim else []
            if len(row) != len(items):
                if started:
                    break
                continue
            started = True
            for (label, pos), (a, b) in zip(items, row, strict=True):
                if b > a:
                    yield Pair(label, a, b, "table", record, pos)


# ---- aligned columns and xml ----------------------------------------------------------------------

_DASHES = regex.compile(r"[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$", regex.MULTILINE)
_GAP = regex.compile(r"\S+(?: \S+)*")


def aligned_pairs(text: str, lines: list[tuple[int, int]] | None = None) -> Iterator[Pair]:
    """Space-aligned columns: each row with as many cells as the header gives each cell its key."""
    lines = line_spans(text) if lines is None else lines
    record = 10_000
    i = 0
    while i < len(lines) - 1:
        s, e = lines[i]
        header = [(m.start(), m.end()) for m in _GAP.finditer(text, s, e)]
        j = i + 1
        if _DASHES.match(text, *lines[j]):
            j += 1
        if len(header) < 2 or "|" in text[s:e] or "\t" in text[s:e]:
            i += 1
            continue
        record += 1
        rows_used = 0
        while j < len(lines) and lines[j][0] == lines[j - 1][1] + 1:
            rs, re_ = lines[j]
            cells = _without_row_label([(m.start(), m.end()) for m in _GAP.finditer(text, rs, re_)], len(header), text)
            if len(cells) != len(header):
                break
            for (ha, hb), (ca, cb) in zip(header, cells, strict=True):
                yield Pair(text[ha:hb], ca, cb, "aligned", record, ha)
            rows_used += 1
            j += 1
        i = j if rows_used else i + 1


_ROW_INDEX = regex.compile(r"\d{1,7}")


def _without_row_label(cells: list[tuple[int, int]], width: int, text: str) -> list[tuple[int, int]]:
    """A printed data frame gives each row an unlabelled index cell before the header's columns
    ("0  Ada  Lovelace" under "given  family"): a row one cell wider than the header whose first cell
    is a row number is read without it."""
    if len(cells) == width + 1 and _ROW_INDEX.fullmatch(text, *cells[0]):
        return cells[1:]
    return cells


_XML = regex.compile(r"<([A-Za-z][\w.-]{0,40})(?:\s[^<>]*)?>([^<>\n]{1,200})</\1>")


def xml_pairs(text: str) -> Iterator[Pair]:
    if "</" not in text:
        return
    for m in _XML.finditer(text):
        yield Pair(m.group(1), m.start(2), m.end(2), "xml", -1, m.start(1))


_TAG = regex.compile(r"<(?:input|option|param|meta|data|field)\b[^<>]{0,400}>", regex.I)
_ATTR = regex.compile(r"""\b(name|id|value|content)[ \t]*=[ \t]*(?:"([^"<>\n]{0,200})"|'([^'<>\n]{0,200})')""", regex.I)


def input_pairs(text: str) -> Iterator[Pair]:
    """`<input name="surname" value="...">`: in markup a tag's name (or id) attribute is the field label of
    its value attribute, as a JSON key is of its value (HTML forms, `<meta name=.. content=..>`)."""
    if "<" not in text:
        return
    for tag in _TAG.finditer(text):
        attrs = {}
        for a in _ATTR.finditer(text, tag.start(), tag.end()):
            group = 2 if a.group(2) is not None else 3
            attrs.setdefault(a.group(1).lower(), (a.group(group), a.start(group), a.end(group)))
        label = attrs.get("name") or attrs.get("id")
        value = attrs.get("value") or attrs.get("content")
        if label and value and value[0].strip():
            yield Pair(label[0], value[1], value[2], "html", -1, label[1])


# ---- stacked labels, dot leaders, SQL inserts -------------------------------------------------------

_STACKED_KEY = regex.compile(r"[ \t\-*•>]*([\p{L}][\w .'’()/#-]{0,38}?)[ \t]*:?[ \t]*")
_LEADER = regex.compile(
    r"(?m)^[ \t\-*•>]*([\p{L}][\w .'’()/#-]{0,40}?)[ \t]*(?:\.{3,}|…+|_{3,}|-{3,})[ \t:]*([^\s.…_][^\n]*?)[ \t]*$"
)


def stacked_pairs(text: str, lines: list[tuple[int, int]], is_key: KeyTest) -> Iterator[Pair]:
    """A label alone on its line and its value alone on the next ("Date of birth" / "14/09/1972"), as
    forms copied from a PDF or a web page lay them out. Only short lines are tried as labels, and the
    value line must not be a label itself."""
    for (s, e), (vs, ve) in zip(lines, lines[1:], strict=False):
        if e - s > 44 or vs != e + 1:
            continue
        m = _STACKED_KEY.fullmatch(text, s, e)
        if m is None or not is_key(m.group(1)):
            continue
        value = text[vs:ve].strip()
        if not value or ":" in value or (len(value) <= 44 and is_key(value.rstrip(":"))):
            continue
        a = vs + len(text[vs:ve]) - len(text[vs:ve].lstrip())
        yield Pair(m.group(1), a, a + len(value), "stacked", -1, m.start(1))


def leader_pairs(text: str) -> Iterator[Pair]:
    """`Label ........ value` lines of printed forms (dot, ellipsis or underscore leaders)."""
    if "..." not in text and "…" not in text and "___" not in text and "---" not in text:
        return
    for m in _LEADER.finditer(text):
        yield Pair(m.group(1), m.start(2), m.end(2), "leader", -1, m.start(1))


_INSERT = regex.compile(r"(?i)\binsert[ \t]+into[ \t]+[\w.\"`\[\]]+[ \t]*\(([^()\n]{1,600})\)[ \t]*values[ \t]*")
_TUPLE = regex.compile(r"[ \t,]*\(((?:'(?:[^'\n]|'')*'|[^()'\n])*)\)")
_SQL_VALUE = regex.compile(r"[ \t]*('(?:[^'\n]|'')*'|[^,'\n]*?)[ \t]*(?:,|$)")


def sql_insert_pairs(text: str) -> Iterator[Pair]:
    """`INSERT INTO t (col, ...) VALUES (v, ...), (...)`: each value under its column name."""
    if "values" not in text and "VALUES" not in text and "Values" not in text:
        return
    record = 20_000
    for m in _INSERT.finditer(text):
        columns = [c.strip(" \t\"`[]") for c in m.group(1).split(",")]
        pos = m.end()
        while (row := _TUPLE.match(text, pos)) is not None:
            record += 1
            values = [(v.start(1), v.end(1)) for v in _SQL_VALUE.finditer(text, row.start(1), row.end(1))]
            values = [(a, b) for a, b in values if b > a or a < row.end(1)][:len(columns)]
            if len(values) == len(columns):
                for column, (a, b) in zip(columns, values, strict=True):
                    if b - a >= 2 and text[a] == "'" and text[b - 1] == "'":
                        a, b = a + 1, b - 1
                    if b > a:
                        yield Pair(column, a, b, "sql", record, m.start(1))
            pos = row.end()


# ---- HTML tables and arrays of rows -----------------------------------------------------------------

_HTML_ROW = regex.compile(r"(?is)<tr\b[^>]*>(.*?)</tr\s*>")
_HTML_CELL = regex.compile(r"(?is)<(t[hd])\b[^>]*>([^<]{0,200})</t[hd]\s*>")
_HTML_TABLE_END = regex.compile(r"(?i)</table\s*>")


def html_table_pairs(text: str, is_key: KeyTest) -> Iterator[Pair]:
    """`<tr><th>..</th></tr><tr><td>..</td></tr>`: the first row of a table whose cells `is_key` accepts
    one of is the header; each later row with as many cells gives every cell its column's key."""
    if "<td" not in text and "<TD" not in text:
        return
    record = 30_000
    header: list[str] | None = None
    last_end = -1
    for row in _HTML_ROW.finditer(text):
        cells = [(c.group(2), c.start(2), c.end(2)) for c in _HTML_CELL.finditer(text, row.start(1), row.end(1))]
        if header is None or _HTML_TABLE_END.search(text, last_end, row.start()) is not None:
            header = None
        last_end = row.end()
        if header is None:
            labels = [c[0].strip() for c in cells]
            if len(labels) >= 2 and any(is_key(label) for label in labels if label):
                header = labels
                record += 1
            continue
        if len(cells) != len(header):
            continue
        for label, (value, a, _b) in zip(header, cells, strict=True):
            lead = len(value) - len(value.lstrip())
            if value.strip():
                yield Pair(label, a + lead, a + lead + len(value.strip()), "html", record, a)


# a cell: a quoted string or a bare value; possessive quantifiers, so a row that does not close costs one pass
_CELL_BODY = r"""(?:"(?:[^"\\\n]|\\.)*+"|'(?:[^'\\\n]|\\.)*+'|[^\[\]"',\s][^\[\]"',\n]*+)"""
_ROW_ARRAY = regex.compile(rf"\[([ \t\n]*+{_CELL_BODY}?[ \t\n]*+(?:,[ \t\n]*+{_CELL_BODY}?[ \t\n]*+)*+)\]")
_ARRAY_CELL = regex.compile(rf"[ \t\n]*+({_CELL_BODY}?)[ \t\n]*+(?:,|$)")


def array_table_pairs(text: str, is_key: KeyTest) -> Iterator[Pair]:
    """`[["name", "dob"], ["Ann Lee", "1990-01-02"], ...]` (JSON or Python rows, a spreadsheet export):
    the first row of strings names the columns of the rows that follow it."""
    if "[[" not in text and "[ [" not in text and "[\n" not in text:
        return
    record = 40_000
    header: list[str] | None = None
    prev_end = -1
    for row in _ROW_ARRAY.finditer(text):
        found = _ARRAY_CELL.finditer(text, row.start(1), row.end(1))
        cells = [(c.start(1), c.end(1) - (len(c.group(1)) - len(c.group(1).rstrip()))) for c in found if c.group(1)]
        adjacent = prev_end >= 0 and regex.fullmatch(r"[\s,]*", text[prev_end:row.start()]) is not None
        prev_end = row.end()
        if not adjacent:
            header = None
        if header is None:
            labels = [text[a + 1:b - 1] for a, b in cells if text[a] in "\"'"]
            if len(labels) == len(cells) >= 2 and any(is_key(label) for label in labels):
                header = labels
                record += 1
            continue
        if len(cells) != len(header):
            continue
        for label, (a, b) in zip(header, cells, strict=True):
            if b - a >= 2 and text[a] in "\"'" and text[b - 1] == text[a]:
                a, b = a + 1, b - 1
            if b > a:
                yield Pair(label, a, b, "array", record, a)


# ---- arrays of strings under a key ------------------------------------------------------------------

_STRING_ARRAY = regex.compile(
    r'"([^"\n]{1,48})"[ \t]*:[ \t]*\[((?:\s*"(?:[^"\\\n]|\\.){0,200}"\s*,?){1,20})\s*\]'
)
_ARRAY_ITEM = regex.compile(r'"((?:[^"\\\n]|\\.){1,200})"')


def string_array_pairs(text: str) -> Iterator[Pair]:
    """Each string of a JSON array that is a key's value (see module docstring)."""
    for m in _STRING_ARRAY.finditer(text):
        for item in _ARRAY_ITEM.finditer(text, m.start(2), m.end(2)):
            yield Pair(m.group(1), item.start(1), item.end(1), "array", -1, m.start(1))
