"""Character-level canonicalisation for detection (one pass, edits only where a character changes).

    invisible      format characters (zero-width space/joiners, bidi controls, soft hyphen, word
                   joiner, BOM, tag characters), variation selectors, stray combining marks, C1
                   controls and invisible fillers: removed
    spaces         every Unicode space separator becomes " ", line/paragraph separators "\\n"
    digits         any decimal digit (Arabic-Indic, Devanagari, fullwidth, ...) becomes 0-9
    compatibility  NFKC of the character (fullwidth letters, ligatures, circled and styled letters)
    confusables    a Cyrillic/Greek/... letter that looks like a Latin letter (Unicode's confusables
                   data, via `confusable_homoglyphs`) becomes that letter, inside a word that also
                   has Latin letters or is made only of look-alikes (real Cyrillic words are left)

Plain ASCII text produces no edits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from detectors.normalize_map import Edit

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")
_WORD_JOINERS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@lru_cache(maxsize=1)
def _confusables() -> dict[str, str]:
    """Non-ASCII character -> the single ASCII letter or digit it is confusable with."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[str, str] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_forms = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()]
        if ascii_forms:
            same_case = [c for c in ascii_forms if c.isupper() == char.isupper()]
            table[char] = (same_case or ascii_forms)[0]
    return table


def warm() -> None:
    """Load the confusables table now (worker start) rather than on the first non-ASCII text."""
    _confusables()


@lru_cache(maxsize=4096)
def _plain(char: str) -> str | None:
    """The context-free replacement for one non-ASCII character, or None to keep it."""
    cat = unicodedata.category(char)
    if cat in ("Cf", "Mn", "Me", "Cc") or char in _INVISIBLE_EXTRA:
        return ""
    if cat == "Nd":
        return str(unicodedata.decimal(char))
    if cat == "Zs":
        return " "
    if cat in ("Zl", "Zp"):
        return "\n"
    folded = unicodedata.normalize("NFKC", char)
    if folded != char:
        return "".join(_fold_part(c) for c in folded)
    return None


def _fold_part(char: str) -> str:
    if char.isascii():
        return char
    plain = _plain(char)
    return char if plain is None else plain


def _is_word_char(char: str) -> bool:
    return char.isalpha() or char in _WORD_JOINERS or unicodedata.category(char) in ("Mn", "Me")


def _word(text: str, i: int) -> str:
    lo, hi = i, i + 1
    while lo > 0 and i - lo < 64 and _is_word_char(text[lo - 1]):
        lo -= 1
    while hi < len(text) and hi - i < 64 and _is_word_char(text[hi]):
        hi += 1
    return text[lo:hi]


def _looks_latin(word: str, table: dict[str, str]) -> bool:
    letters = [c for c in word if c.isalpha()]
    return any(c.isascii() for c in letters) or all(c in table for c in letters)


def char_edits(text: str) -> list[Edit]:
    """Edits that canonicalise `text` character by character (none for ASCII text)."""
    if text.isascii():
        return []
    table = _confusables()
    edits: list[Edit] = []
    decided: dict[str, bool] = {}
    for m in _NON_ASCII.finditer(text):
        i, char = m.start(), m.group()
        plain = _plain(char)
        if plain is not None:
            edits.append(Edit(i, i + 1, plain))
        elif char in table:
            word = _word(text, i)
            latin = decided.get(word)
            if latin is None:
                latin = decided[word] = _looks_latin(word, table)
            if latin:
                edits.append(Edit(i, i + 1, table[char]))
    return edits
