"""Numbers dictated as words: "nine four three, four seven six ..." or "oh seven seven double oh ...".

People read identifiers and phone numbers out digit by digit, and a note taken from a call, or text
typed to dodge a digit pattern, writes them that way. The fact encoded: a run of six or more digit
words (zero/oh/nought and one to nine, with "double" and "triple" repeating the next digit) is a
number; it is rewritten to its digits when those digits are an identifier or phone number that
validates (the caller passes the check), so ordinary counting ("one, two, three") is left alone.

Cost: one regex scan with a literal-word alternation, run only when a digit word is followed by another.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from detectors.normalize_map import Edit

_DIGITS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_REPEAT = {"double": 2, "triple": 3}
_WORD = r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine)"
_ONE = rf"(?:(?:double|triple)[ \t-]+)?{_WORD}"
_RUN = regex.compile(rf"(?i)(?<![\p{{L}}\d]){_ONE}(?:[ \t,.-]+{_ONE}){{5,}}(?![\p{{L}}\d])")
_PAIR_HINT = regex.compile(rf"(?i)\b{_WORD}[ \t,.-]+(?:double|triple|{_WORD})\b")


def _digits(run: str) -> str:
    out = []
    repeat = 1
    for word in regex.findall(r"\p{L}+", run.casefold()):
        if word in _REPEAT:
            repeat = _REPEAT[word]
            continue
        out.append(_DIGITS[word] * repeat)
        repeat = 1
    return "".join(out)


def spoken_number_edits(text: str, valid: Callable[[str, str], bool]) -> list[Edit]:
    """Edits turning dictated digit runs into digits, where `valid(raw, digits)` accepts the digits."""
    if _PAIR_HINT.search(text) is None:
        return []
    edits = []
    for m in _RUN.finditer(text):
        digits = _digits(m.group())
        if valid(m.group(), digits):
            edits.append(Edit(m.start(), m.end(), digits))
    return edits
