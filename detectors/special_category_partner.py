"""A same-sex partner named in passing: sexual orientation said without any orientation word.

Care and housing notes often reveal orientation only through a partner's name: "lives with his partner
Gareth", "her wife" is a cue elsewhere, but "her partner, Joanne" is not. When a possessive "his"/"her"
names a partner (partner, spouse, fiancé(e), other half, civil partner) followed by a given name that is
clearly of the same gender as the possessive (the `gender_guesser` name dictionary, British usage;
names it calls mostly one gender, or either, never count; a lower-case everyday word such as "will" or
"may" is no name), the sentence reveals a same-sex relationship.
Loaded once on first use (about 0.2 s CPU); the detector warms it at construction. No text is kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from detectors.base import Finding
from detectors.pii_name_lexicon import lexicon

SCORE = 0.85
_CATEGORY = "sex_life_sexual_orientation"
_PARTNER = re.compile(
    r"\b(his|her)\s+(?:(?:civil|long[- ]term|same[- ]sex|new|live[- ]in)\s+)?(?:partner|spouse|fianc[ée]e?"
    r"|other\s+half)\s*,?\s*(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?([A-Za-z][a-z'’-]{1,19})\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_GENDER = {"his": "male", "her": "female"}


_GENDERS = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female", "1F": "mostly_female",
            "?F": "mostly_female", "?": "andy"}


@functools.cache
def _names() -> dict[str, str]:
    """Lower-case given name -> "male" / "female", for the names `gender_guesser` calls one gender in British
    usage (its answer for any other name is never "male" or "female"). Read straight from its data file,
    keeping only the British frequency of each (name, gender) entry: building its `Detector` would hold
    every country's figures (about 20 MB) just to read one column. The answers are its `get_gender(name,
    "great_britain")`: the gender with the highest British frequency, the first listed on a tie."""
    return dict(line.split("\t") for line in _one_gender_names().splitlines())


def _one_gender_names() -> str:
    """"name\tgender" lines; one string, so the parse is freed before the table's entries are made (a
    few thousand small strings made during the parse would keep its memory resident)."""
    british: dict[str, dict[str, str]] = {}
    for name, gender, column in _entries():
        british.setdefault(name, {})[gender] = column
    lines = []
    for name in british:
        gender = _most_popular(british.get(name.lower()))
        if gender in ("male", "female"):
            lines.append(f"{name}\t{gender}")
    return "\n".join(lines)


def _entries() -> Iterator[tuple[str, str, str]]:
    """(lower-case name, gender, British frequency character) for every line of gender_guesser's name
    dictionary, compound names ("Jean+Luc") written joined, spaced and hyphenated, as its parser does."""
    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for raw in lines:
            line = raw.strip()
            if line[0] in "#=":
                continue
            parts = line.split()
            name, gender, column = parts[1].lower(), _GENDERS[parts[0]], line[30:-1][:1]
            for variant in (name.replace("+", sep) for sep in ("", " ", "-")) if "+" in name else (name,):
                yield variant, gender, column


def _most_popular(genders: dict[str, str] | None) -> str:
    """gender_guesser's `_most_popular_gender` with the British counter (frequency character - 32)."""
    if genders is None:
        return "unknown"
    max_count, best = 0, next(iter(genders))
    for gender, column in genders.items():
        count = ord(column[0]) - 32
        if count > max_count:
            max_count, best = count, gender
    return best if max_count > 0 else "andy"


def warm() -> None:
    """Load the name dictionary now (worker start) rather than on the first request that needs it."""
    _names()


def _gender(name: str) -> str:
    return _names().get(name.lower(), "unknown")


def partner_findings(text: str, detector: str) -> list[Finding]:
    """One finding for the first sentence naming a same-gender partner, or none."""
    if "his " not in text.lower() and "her " not in text.lower():
        return []
    for m in _PARTNER.finditer(text):
        name = m.group(2)
        if name.islower() and (name in STOP_WORDS or lexicon().everyday_word(name)):
            continue  # "his partner will ...", "her partner may ...": a word, not a name
        if _gender(name) != _GENDER[m.group(1).lower()]:
            continue
        start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
        end_m = _SENTENCE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        return [Finding("SPECIAL_CATEGORY", start, end, SCORE, detector, _CATEGORY)]
    return []
