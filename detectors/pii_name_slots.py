"""Names no list knows, typed in lower case or CAPITALS, in the slot of a verb of contact.

The name lexicon cannot hold every name ("thandeka", "oluwatoyin" may be missing), and without
capitals neither the model nor the name-token rules see a name. What remains is the sentence: the
object of a verb of contact ("ring", "call back", "email", "write to", "speak to") is a person or
an organisation, and two or three words there that no dictionary knows, or that are listed names
(a double-barrelled surname counts when one part is listed), are a person's name: an organisation's
name is made of ordinary words ("council tax", "the housing team") or is a single word or acronym.

The fact encoded: in a contact slot, a run of two or three non-dictionary words, at least one of them
a listed name or a double-barrelled name, or joined by a surname particle ("van", "de la"), is a name.
Ordinary words end the run ("about", "today").
Cost: one regex scan for the verb; the word checks run only where it matches.
"""

from __future__ import annotations

import regex

from detectors.pii_name_lexicon import NameLexicon, fold, lexicon
from detectors.pii_vocab import COMMON_WORDS, NAME_PARTICLES, NOT_NAME_WORDS, ROLE_WORDS

_VERB = (
    r"(?:call|ring|phone|text|email|e-mail|message|contact|chase|visit|remind|thank|tell|ask|invite|"
    r"(?:write|speak|talk|reply|respond|apologise|apologize|get[ \t]+back|go[ \t]+back|send[ \t]+it|"
    r"send[ \t]+this|send[ \t]+them|pass[ \t]+it|pass[ \t]+this|forward[ \t]+it|forward[ \t]+this)[ \t]+to|"
    r"speak[ \t]+with|talk[ \t]+with|meet[ \t]+with|check[ \t]+in[ \t]+with|follow[ \t]+up[ \t]+with)"
)
_WORD = r"[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*){0,2}"
_SLOT = regex.compile(
    rf"(?i:\b{_VERB}(?:[ \t]+back)?[ \t]+(?:(?:mr|mrs|ms|miss|mx|dr)\.?[ \t]+)?)"
    rf"({_WORD}(?:[ \t]+{_WORD}){{1,3}})"
)
_SKIP = COMMON_WORDS | NOT_NAME_WORDS | ROLE_WORDS
_VOWEL = regex.compile(r"[aeiouyàáâãäåèéêëìíîïòóôõöùúûüýÿ]")


def _caseless(word: str) -> bool:
    return word.islower() or word.isupper()


def _name_word(word: str, lex: NameLexicon) -> bool:
    """A word that can be part of an unlisted name: no dictionary or function word, or a double-barrelled
    name one of whose parts is listed ("mokoena-price")."""
    low = word.casefold()
    if low in _SKIP or len(fold(word)) < 3 or not _VOWEL.search(fold(word)):
        return False
    if "-" in word:
        return lex.is_name(word)
    return not lex.is_ordinary(word)


def _listed(word: str, lex: NameLexicon) -> bool:
    return "-" in word or lex.is_name(word)


def slot_names(text: str) -> list[tuple[int, int]]:
    """Spans of caseless names without lexicon backing in a contact slot (see module docstring)."""
    found = []
    lex = None
    for m in _SLOT.finditer(text):
        words = list(regex.finditer(r"\S+", m.group(1)))
        kept: list[regex.Match[str]] = []
        particle = False
        for w in words:
            word = w.group()
            if kept and word.casefold() in NAME_PARTICLES:
                particle = True
                continue
            if not _caseless(word):
                break
            lex = lex or lexicon()
            if not _name_word(word, lex):
                break
            kept.append(w)
        if len(kept) < 2 or len(kept) > 3 or lex is None:
            continue
        if not (particle or any(_listed(w.group(), lex) for w in kept)):
            continue
        found.append((m.start(1) + kept[0].start(), m.start(1) + kept[-1].end()))
    return found
