"""Names placed by the shape of a line or a list rather than by the words around them.

Four facts of how people are written down in registers, rotas, chat exports and case notes:

- A chat or log export opens each message with its author and a time ("<Surname>, <Given> 09:14 -",
  "[09:14] <Name>:"), or labels a staff speaker by role with the name in brackets ("Agent (<Given>):"):
  the author is a person.
- Items coordinated in one list are of one kind: in "A B, C D, E F and G H", when names make up the list
  an item of the same shape is a name too.
- Rows of one list share one shape: a line "<SURNAME>, <Given>" is the surname-first order of a
  register when the given name is listed, neither word is one a dictionary knows, or other rows share
  the shape; a row under or over a row that holds a
  found name is a name in the same order (`detectors.pii_names._list_mates`).
- A capitalised word that is no ordinary word, straight after a person's name and joined to it only
  by a space, is part of that name (a middle name or the surname after a given name: "<Given> <Middle>
  <Surname>", "Visited <Given> <Surname>" when the model saw only the given name).

Every item must still be name-shaped (`ok_token`) and not an ordinary English word unless a listed
name; places and organisations are set aside afterwards by `not_a_person`.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from detectors.pii_name_lexicon import NameLexicon, lexicon
from detectors.pii_name_rules import NAME_TOKEN
from detectors.pii_name_tokens import ok_token

_TIME = r"\[?\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]*[ap]m)?\]?"
# "<Surname>, <Given> 09:14", "<Given> <Surname> 09:14 -"
_AUTHOR_THEN_TIME = regex.compile(
    rf"(?m)^[ \t]*({NAME_TOKEN}(?:,?[ \t]+{NAME_TOKEN}){{1,2}})[ \t]+(?:[-–—][ \t]*)?{_TIME}"
)
# "[09:14] <Name>:" and "09:14 <Name>:"
_TIME_THEN_AUTHOR = regex.compile(
    rf"(?m)^[ \t]*{_TIME}[ \t]*[-–—]?[ \t]*({NAME_TOKEN}(?:,?[ \t]+{NAME_TOKEN}){{0,2}})[ \t]*:"
)
# "Agent (<Given>):", "[10:02] Call handler (<Given> <Surname>):"
_ROLE_THEN_NAME = regex.compile(
    rf"(?m)^[ \t]*(?:{_TIME}[ \t]*)?\p{{L}}[\p{{L}}-]*(?:[ \t]+\p{{L}}[\p{{L}}-]*){{0,2}}[ \t]*"
    rf"\(({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{0,2}})\)[ \t]*:"
)


def _name_word(word: str, lex: NameLexicon) -> bool:
    word = word.rstrip(",")
    return ok_token(word) and (lex.is_name(word) or not lex.is_ordinary(word))


def _all_name_words(text: str, s: int, e: int, lex: NameLexicon) -> bool:
    words = text[s:e].split()
    return bool(words) and all(_name_word(w, lex) for w in words)


def message_authors(text: str) -> list[tuple[int, int]]:
    """Authors of the messages of a chat or log export (see module docstring)."""
    if ":" not in text and "." not in text:
        return []
    lex = lexicon()
    found = []
    for pattern in (_AUTHOR_THEN_TIME, _TIME_THEN_AUTHOR, _ROLE_THEN_NAME):
        for m in pattern.finditer(text):
            words = [w.rstrip(",") for w in m.group(1).split()]
            # an agenda line ("Welcome Coffee 09:30") opens with a time's item, not its author: no
            # ordinary word unless a listed given name
            if _all_name_words(text, *m.span(1), lex) and all(
                lex.is_given(w) or not lex.is_ordinary(w) for w in words
            ):
                found.extend(_comma_parts(m.start(1), m.group(1)))
    return found


def _comma_parts(start: int, run: str) -> list[tuple[int, int]]:
    """A run as one span, or as surname and given name when written "<Surname>, <Given>"."""
    head, comma, rest = run.partition(",")
    if not comma:
        return [(start, start + len(run))]
    rest_start = start + len(head) + 1 + (len(rest) - len(rest.lstrip()))
    return [(start, start + len(head)), (rest_start, start + len(run))]


# "<SURNAME>, <Given>" opening a line: the surname-first order of registers, rotas and arrears lists
_CAPS_ROW = regex.compile(
    r"(?m)^[ \t]*(?:[-*•]|\d{1,3}[.)])?[ \t]*(\p{Lu}{2,}[\p{Lu}'’]*(?:-\p{Lu}{2,}[\p{Lu}'’]*)?),[ \t]*"
    rf"({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?)(?=[ \t]*(?:[-–—:|(\t\d£$€]|\r?$))"
)


def surname_first_rows(text: str) -> list[tuple[int, int]]:
    """Rows opening "<SURNAME>, <Given>": a name when the given name is listed, or when two or more rows
    of the text share the shape (a register)."""
    if "," not in text:
        return []
    lex = lexicon()
    rows = [
        m for m in _CAPS_ROW.finditer(text)
        if _name_word(m.group(1).title(), lex) and _all_name_words(text, *m.span(2), lex)
    ]
    found: list[tuple[int, int]] = []
    for m in rows:
        given = m.group(2).split()[0]
        if len(rows) >= 2 or lex.is_given(given) or _unlisted_name(m.group(1), given, lex):
            found.extend((m.span(1), m.span(2)))
    return found


def _unlisted_name(surname: str, given: str, lex: NameLexicon) -> bool:
    """A surname in CAPITALS and a capitalised word after its comma, neither of them a word any dictionary
    knows (nor an abbreviation: four letters or more): a name the lexicon lacks in register order."""
    return len(surname) >= 4 and len(given) >= 3 and not lex.is_ordinary(surname) and not lex.is_ordinary(given)


_ITEM = rf"{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{1,2}}"
_LIST = regex.compile(rf"{_ITEM}(?:(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+){_ITEM})+")
_ITEM_RE = regex.compile(_ITEM)


def list_mates_inline(text: str, known: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items of an inline list of names (two or more found) that are of the same shape and name-like."""
    if "," not in text and " and " not in text and "&" not in text:
        return []
    spans = sorted(known)
    if len(spans) < 2:
        return []
    lex = lexicon()
    found: list[tuple[int, int]] = []
    for m in _LIST.finditer(text):
        items = [i.span() for i in _ITEM_RE.finditer(text, m.start(), m.end())]
        named = [any(ks <= s < ke or s <= ks < e for ks, ke in spans) for s, e in items]
        if sum(named) < 2 or 2 * sum(named) < len(items):
            continue
        found.extend(
            (s, e) for (s, e), was in zip(items, named, strict=True)
            if not was and _all_name_words(text, s, e, lex)
        )
    return found


_NEXT_WORD = regex.compile(rf"[ \t]({NAME_TOKEN})")


def next_name_word(text: str, end: int, lex: NameLexicon) -> int | None:
    """End of a capitalised name-like word straight after `end` (one space or tab between), or None."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return None
    word = m.group(1)
    if word.isupper() or not _name_word(word, lex) or (lex.is_ordinary(word) and not lex.is_surname(word)):
        return None
    return m.end(1)
