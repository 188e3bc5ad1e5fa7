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


@functools.cache
def _names() -> dict[str, str]:
    """Lower-case given name -> "male" / "female", for the names `gender_guesser` calls one gender in British
    usage (its answer for any other name is never "male" or "female"). Only this table is kept: the full
    dictionary with every country's figures costs about 20 MB per worker."""
    import gender_guesser.detector as gender_guesser  # noqa: PLC0415 -- heavy: loaded on first use only

    full = gender_guesser.Detector(case_sensitive=False)
    table = {}
    for name in full.names:
        gender = full.get_gender(name, "great_britain")
        if gender in ("male", "female"):
            table[name] = gender
    return table


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
