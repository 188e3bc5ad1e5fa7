"""Person names and street addresses in the model's answer, found without a model (issue 15).

The output path screens a bounded window as the answer streams, so spaCy NER per event is out of its
budget (and a name split over one-character events never reaches a sentence the model can read).
What is cheap and still general:

- **names**: a run of capitalised words (initials and particles allowed) is a person's name when
    - a personal title is attached to it ("Mrs Adaeze Nwosu", "Dr K. Lindqvist"), or
    - it has two or more words, the first a given name in the published name lists (`pii_name_lexicon`)
      and the last a given name or surname there, or no ordinary English word (surnames from every
      country are not all listed), or
    - it is one word, a name in those lists or no ordinary English word, and a context rule of the
      request path points at it (`pii_name_rules`: "Dear X", "neighbour X", "name: X", sign-offs).
  `clean_span` rejects runs holding an organisation, place, document or calendar word; a run holding a
  street, building or landmark word ("Stanley Park", "Grace Road") is a place, not a person. A name
  in a public role ("Cllr X", "X MP", `pii_name_public`) or on the council's register of public
  figures (`config.public_figures`) is kept.
- **street addresses**: the request path's address shapes (`pii_context`): a house number or flat /
  building prefix followed by capitalised words ending in a street-type word.

What it misses, by design: a one-word name with no context cue, a two-word name whose first word is
no known given name ("Okafor Adeyemi" is caught only with a cue), names written in lower case, and an
organisation named after a person ("Morgan Stanley" reads as a person). Whole answers are screened
the same way, so a streamed and a non-streamed answer get the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import regex

from config.public_figures import PublicFigures
from detectors.base import Finding
from detectors.pii_context import _BUILDING_TYPES, _STREET_TYPES, StewardStreetAddressRecognizer
from detectors.pii_name_lexicon import lexicon
from detectors.pii_name_public import in_public_role
from detectors.pii_name_rules import NAME_RUN, rule_candidates
from detectors.pii_name_tokens import clean_span, common, not_name_word
from detectors.pii_names_request import Register

NAME = "output_personal_data"
_LOOK = 64  # how far before new text a name or address reaching into it may start
PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev",
                             "revd", "master", "lady", "lord"})
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Rev|Revd|Master|Lady|Lord)"
_RUN = regex.compile(rf"(?<![\p{{L}}\d<_])(?:({_TITLE})\.?[ \t]+)?({NAME_RUN})")
_CAP_WORD = regex.compile(r"(?<![\p{L}\d_])\p{Lu}[\p{Ll}'’-]*")
_ASCII_UPPER = re.compile(r"[A-Z]")  # in ASCII text, the only letters `_CAP_WORD` can start with
# Words naming a place, street, building or landmark: a capitalised run holding one is not a person.
_PLACE_WORDS = frozenset(
    """
    street st road rd avenue ave lane ln close drive way crescent cres rise mount grove place court gardens
    gdns terrace walk hill row square parade view mews green park vale gate fold croft wharf yard lea
    meadow meadows brow bank chase end heights boulevard approach quay path dene garth glade glen nook
    orchard ridge villas wynd circus embankment broadway promenade crossway field fields side house tower
    lodge building buildings mansions cottage cottages apartments point hall works mill chambers block
    rectory vicarage farm farmhouse barn manor grange station airport port harbour bay lake river wood
    woods forest castle abbey cathedral museum gallery library market centre center estate village town
    bridge cross common heath moor valley island beach stadium arena theatre cinema leisure pool
    """.split()
)
# every address shape ends in a street-type word or names a flat or building
_ADDRESS_WORDS = frozenset(
    w.casefold()
    for w in regex.findall(r"[A-Za-z]+", f"{_STREET_TYPES}|{_BUILDING_TYPES}|Flat|Apartment|Apt|Unit|Room|Suite")
)


@cache
def _address_patterns() -> tuple[regex.Pattern[str], ...]:
    recognizer = StewardStreetAddressRecognizer()
    patterns: list[Any] = vars(recognizer)["patterns"]
    return tuple(regex.compile(p.regex, recognizer.global_regex_flags) for p in patterns)


@lru_cache(maxsize=8192)
def might_be_name(word: str) -> bool:
    """Could this capitalised word (possibly the start of one still arriving) be part of a person's name?
    A given name that is not a function word, or a word that is no ordinary English word. (A fact about
    the word lists, so it is cached per word.)"""
    low = word.strip(".'’-").casefold()
    if len(low) < 2 or common(low) or not_name_word(low):
        return len(low) == 1 and word[:1].isupper()  # an initial
    lex = lexicon()
    return low in lex.given or not lex.is_ordinary(low)


def _no_capital(text: str, pos: int = 0) -> bool:
    """ASCII text with no upper-case letter from `pos` on: no `_CAP_WORD` can start there (one C-speed scan
    instead of the Unicode pattern; text beyond ASCII is left to the pattern)."""
    return text.isascii() and _ASCII_UPPER.search(text, pos) is None


def has_name_candidate(text: str) -> bool:
    """Cheap gate: does `text` hold a capitalised word that could be part of a name?"""
    if _no_capital(text):
        return False
    return any(might_be_name(w := m.group()) or w.casefold() in PERSONAL_TITLES for m in _CAP_WORD.finditer(text))


def _without_sentence_opener(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop leading words that cannot be name parts ("Ask", "Please", "Tell" opening a sentence)."""
    while True:
        word, sep, _rest = text[s:e].partition(" ")
        if not sep or might_be_name(word) or word.casefold().rstrip(".") in PERSONAL_TITLES:
            return s, e
        s += len(word) + 1


class OutputNameScanner:
    """Names and street addresses in a piece of answer text; `keep` is the public-figures register."""

    def __init__(self, public_figures: PublicFigures | None = None) -> None:
        self._register = Register(public_figures or PublicFigures())

    def addresses(self, text: str, start: int = 0) -> list[Finding]:
        # an address reaching past `start` ends with its street-type or building word there (or straddling it)
        near = max(0, start - 12)
        if _no_capital(text, near) or not any(
                m.group().casefold() in _ADDRESS_WORDS for m in _CAP_WORD.finditer(text, near)):
            return []
        lo = max(0, start - _LOOK)
        found: list[Finding] = []
        for pattern in _address_patterns():
            found.extend(Finding("STREET_ADDRESS", m.start(), m.end(), 0.8, NAME)
                         for m in pattern.finditer(text, lo) if m.end() > start)
        return found

    def names(self, text: str, start: int = 0, present: Iterable[str] = ()) -> list[Finding]:
        """Person names in `text` that reach past `start`; `present`: register words named in the request."""
        lex = lexicon()
        found: list[Finding] = []
        ruled: set[tuple[int, int]] | None = None
        for m in _RUN.finditer(text, max(0, start - _LOOK)):
            if m.end() <= start:
                continue
            span = clean_span(text, m.start(2), m.end(2))
            if span is None:
                continue
            s, e = _without_sentence_opener(text, *span)
            words = [w.strip(".,'’") for w in text[s:e].split()]
            if any(w.casefold() in _PLACE_WORDS for w in words) or any(w.isupper() and len(w) > 1 for w in words):
                continue
            full = [w for w in words if len(w) > 1]
            titled = m.group(1) is not None
            if not titled and len(full) >= 2:
                last = full[-1]
                accepted = full[0].casefold() in lex.given and not common(full[0]) and (
                    lex.is_name(last) or not lex.is_ordinary(last))
            elif not titled and len(full) == 1:
                if not might_be_name(full[0]):
                    continue
                if ruled is None:
                    ruled = {(a, b) for a, b, _rule in rule_candidates(text)}
                accepted = any(a <= s and e <= b for a, b in ruled)
            else:
                accepted = titled and bool(full)
            if not accepted:
                continue
            if in_public_role(text, s, e) or (self._register and self._register.keeps(text, s, e, set(present))):
                continue
            found.append(Finding("PERSON", s, e, 0.8, NAME))  # the title stays: "Mrs <PERSON>"
        return found

    def register_words(self, request_texts: Iterable[str]) -> set[str]:
        return self._register.present(list(request_texts)) if self._register else set()
