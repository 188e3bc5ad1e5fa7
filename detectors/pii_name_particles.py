"""A surname that opens with a particle continues the name before it.

Many surnames open with a lower-case particle, alone or in pairs ("de la", "van der", "von", "di",
"ap", "bin", "ní"), joined by an apostrophe ("d'", "l'", "dell'") or a hyphen ("al-", "el-"): "Anne de la
Tour-Brennan", "Hamid al-Sayegh", "Lucie d'Orval". Capitalisation rules, the model and the rules'
name-token shape all stop at the lower-case particle, so the surname is left behind. The fact encoded:
right after a person's name, a particle (or two or three) followed by a name-shaped word is that
person's surname, in whatever case the name itself was written.

Cost: one anchored match at the end of each found name.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

_SPACED = r"(?:de|da|di|del|della|dei|dos|das|do|du|van|von|vom|zu|der|den|ter|ten|te|le|la|les|lo|al|el|bin|binti|bint|ibn|ben|bat|ap|ab|ferch|ní|nic|mac|mc|ó|ua|uí|st\.?|san|santa)"  # noqa: E501
_JOINED = r"(?:d|l|dell|dall|degli|al|el)[’'-]"
_WORD = r"[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)?"
_AFTER_NAME = regex.compile(
    rf"(?i:[ \t]+(?:{_SPACED}[ \t]+){{0,2}}(?:{_SPACED}[ \t]+{_WORD}|{_JOINED}{_WORD}))(?![\p{{L}}'’-])"
)


def _same_case(name: str, surname: str) -> bool:
    """The surname's stem is written the way the name is: capitalised after a capitalised name, any way
    after a name typed in lower case or CAPITALS."""
    stem = regex.split(r"[ \t’'-]+", surname)[-1]
    if not stem:
        return False
    if name.islower() or name.isupper():
        return stem.islower() or stem.isupper() or stem[0].isupper()
    return stem[0].isupper()


# a capitalised double-barrelled surname straight after a one-word name ("Kehinde Adeyemi-Sutton"): the
# model often stops at the hyphen
_DOUBLE_BARRELLED = regex.compile(r"[ \t]+(\p{Lu}[\p{Ll}'’]+-\p{Lu}[\p{Ll}'’]+)(?![\p{L}'’-])")


def with_particle_surnames(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each span extended over a particle surname, or (after a one-word name) a double-barrelled surname of
    listed or unknown parts, that follows it; spans with neither are left out."""
    out = []
    for s, e in spans:
        m = _AFTER_NAME.match(text, e)
        if m is not None and _same_case(text[s:e], m.group()):
            out.append((s, m.end()))
            continue
        if " " in text[s:e] or not text[s:s + 1].isupper():
            continue
        m = _DOUBLE_BARRELLED.match(text, e)
        if m is not None and _surname(m.group(1)):
            out.append((s, m.end()))
    return out


def _surname(word: str) -> bool:
    from detectors.pii_name_lexicon import lexicon

    return lexicon().is_surname(word)


_GIVEN_THEN_PARTICLE = regex.compile(
    rf"(?<![\p{{L}}'’-])(\p{{Lu}}[\p{{Ll}}'’]+(?:-\p{{Lu}}[\p{{Ll}}'’]+)?)(?={_AFTER_NAME.pattern})"
)


_SPACED_WORDS = frozenset(regex.sub(r"[()?:\\.]", "", _SPACED).split("|"))
_JOINED_HINT = regex.compile(rf"(?<![\p{{L}}]){_JOINED}\p{{Lu}}")


def _has_particle(text: str) -> bool:
    """Cheap necessary condition: a particle word before a capitalised word, or an apostrophe or hyphen
    particle before a capital ("d'Orval", "al-Sayegh")."""
    words = text.split()
    if not _SPACED_WORDS.isdisjoint(words):
        for word, following in zip(words, words[1:], strict=False):
            if word in _SPACED_WORDS and following[:1].isupper():
                return True
    return ("'" in text or "’" in text or "-" in text) and _JOINED_HINT.search(text) is not None


def given_with_particle_surname(text: str) -> list[tuple[int, int]]:
    """A capitalised known given name followed by a capitalised particle surname ("Lucie d'Orval"), not
    after a place preposition ("in Ashby de la Zouch" names a town)."""
    from detectors.pii_name_lexicon import lexicon
    from detectors.pii_name_places import after_place_preposition

    if not _has_particle(text):
        return []
    lex = lexicon()
    found = []
    for m in _GIVEN_THEN_PARTICLE.finditer(text):
        if not lex.is_given(m.group(1)) or after_place_preposition(text, m.start()):
            continue
        found.extend(with_particle_surnames(text, [(m.start(1), m.end(1))]))
    return found
