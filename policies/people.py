"""One person, one pseudonym: which person-name values in one request name the same person.

A person is written in several forms: the full name, a part of it alone (given name, surname),
title + surname, a fuller form with a middle name or initial, in any case. Two forms refer to the same
person when the words of one are among the words of the other (titles ignored; an initial stands for
any word with that first letter) and no other person named in the request fits as well. A part that
fits two people ("Pellow" with two different Pellows) is left on its own.

`People.introduce` takes every name of the request first, fullest first, so the order in which
fields are transformed does not decide who is linked to whom. A person's placeholder carries one
number; a partial form adds what it is (`<PERSON_1>` Ottilie Brackwood, `<PERSON_1_GIVEN>` Ottilie,
`<PERSON_1_SURNAME>` Brackwood), so the model sees one person and each form restores as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

_TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady cllr councillor rev revd reverend".split()
)
_EDGE = ".,;:!?()[]\"'’"


def name_words(value: str) -> tuple[str, ...]:
    """The words of a name, casefolded, without titles, punctuation or a possessive 's."""
    words = []
    for raw in value.casefold().split():
        word = raw.strip(_EDGE)
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if word and word not in _TITLES:
            words.append(word)
    return tuple(words)


def _covers(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Every word of `short` matches a distinct word of `long` (an initial matches its word, but a
    lone initial is no name)."""
    pool = list(long)
    initials = len(short) > 1
    for word in short:
        hit = next((w for w in pool if w == word or (initials and len(word) == 1 and w.startswith(word))), None)
        if hit is None:
            return False
        pool.remove(hit)
    return True


@dataclass(slots=True)
class Person:
    words: tuple[str, ...]
    fullest: str                # the fullest form seen: what the person's placeholder restores to
    token: str | None = None
    others: list[tuple[str, ...]] = field(default_factory=list)

    def form(self, value: str) -> str:
        """Which form of this person's name a value is: "" (the full name), "GIVEN", "SURNAME", or
        "ALTn" for another partial form ("J. Pellow"), so each restores to what was written."""
        words = name_words(value)
        if len(words) >= len(self.words):
            return ""
        if words == self.words[:1]:
            return "GIVEN"
        if words == self.words[-1:]:
            return "SURNAME"
        if words not in self.others:
            self.others.append(words)
        return f"ALT{self.others.index(words) + 1}"


class People:
    """The people named in one request. Holds personal data: lives and dies with its Pseudonymiser."""

    __slots__ = ("_people",)

    def __init__(self) -> None:
        self._people: list[Person] = []

    def introduce(self, values: Iterable[str]) -> None:
        """Meet every name of the request before any placeholder is issued (fullest first)."""
        for value in sorted(values, key=lambda v: -len(name_words(v))):
            self.person(value)

    def person(self, value: str) -> Person | None:
        """The one person this name fits (extended with it when it is fuller), a new person when it
        fits nobody, or None when it is no name (nothing but a title) or fits several people."""
        words = name_words(value)
        if not words:
            return None
        fits = [p for p in self._people if _covers(p.words, words) or _covers(words, p.words)]
        if len(fits) > 1:
            return None
        if not fits:
            self._people.append(Person(words, value))
            return self._people[-1]
        person = fits[0]
        if len(words) > len(person.words):
            person.words, person.fullest = words, value
        return person
