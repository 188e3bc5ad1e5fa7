"""Names typed in lower case or CAPITALS: a true-cased view of the text for the context rules.

Capitalisation is the main cue the name rules and NER rely on, and it is missing in text messages
typed in lower case and in notes or forms typed in CAPITALS. The view title-cases, at the same
offsets, every lower-case or CAPITALS word that the name lexicon (`pii_name_lexicon`) knows as a
given name or surname, every title ("mrs", "DR"), and the words that follow a title. The context
rules of `pii_name_rules` then run on the view, with two more that only make sense here:

- a person slot: a verb of communication or contact and its person ("write to x", "spoke with x",
  "asked x", "remind x");
- a known given name followed by a known surname ("priya shah"), or by a word no dictionary or
  lexicon knows, which after a given name is a surname the lexicon lacks;
- the whole value of a field labelled as a person's name ("first name: ottoline").

A name found only on the view is kept when the lexicon backs it: one of its recased words is a name
that is no ordinary English word ("priya", "okafor"), or a title stands before it ("mrs green"). So
"will", "mark", "rose", "grace" or "hope" in ordinary use never become names by being lower case.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from detectors.pii_name_lexicon import NameLexicon, fold, lexicon
from detectors.pii_name_rules import FIELD_START, NAME_RUN, PERSON_LABEL, PERSON_VERB, TITLES, OnLines, rule_candidates
from detectors.pii_name_tokens import clean_span, not_name_word
from detectors.pii_vocab import COMMON_WORDS, NAME_LIKE_COMMON_WORDS, NAME_PARTICLES, NOT_NAME_WORDS, ROLE_WORDS

_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
_TITLE_WORDS = frozenset(
    "mr mrs ms miss mx dr cllr councillor prof professor sir dame rev revd".split()
)
_PERSON_SLOT = regex.compile(
    rf"(?i:\b(?:(?:write|wrote|written|writing|speak|spoke|spoken|speaking|talk|talked|talking|chat|"
    rf"chatted|reply|replied|respond|responded|apologise|apologised|apologize|apologized|explain|"
    rf"explained|report|reported|refer|referred|introduce|introduced)[ \t]+(?:back[ \t]+)?(?:to|with)|"
    rf"told|tell|ask|asked|contact|contacted|ring|rang|phone|phoned|email|emailed|text|texted|message|"
    rf"messaged|meet|met|remind|reminded|thank|thanked|visit|visited|visiting|call|called|see|saw|seen|"
    rf"help|helped|support|supported|accompany|accompanied|collect|collected|"
    rf"advise|advised|inform|informed|update|updated|chase|chased)[ \t]+)({NAME_RUN})"
)
_CASED_PART = r"\p{Lu}(?:[\p{Ll}'’]+\p{Lu})?[\p{Ll}'’]+"     # "Reid", "McKay", "MacAulay", "O'Neill"
_CASED = rf"{_CASED_PART}(?:-{_CASED_PART})?"
_PAIR = regex.compile(
    rf"(?<![\p{{L}}'’-])({_CASED})[ \t]+(?:(?:{'|'.join(sorted(NAME_PARTICLES))})[ \t]+){{0,2}}({_CASED})(?![\p{{L}}])"
)
_TITLED_RULE = regex.compile(rf"(?i:{TITLES})\.?[ \t]+\Z")
# words that head a title or a royal or religious style, not a given name ("King Edmund", "Saint Luke")
_HONORIFICS = _TITLE_WORDS | frozenset("king queen prince princess lord lady saint st pope bishop father".split())
_CASELESS_WORD = r"(?:[\p{Ll}][\p{Ll}'’-]+|[\p{Lu}][\p{Lu}'’-]+)"
_FIELD_VALUE = regex.compile(
    rf"(?m){FIELD_START}[\"']?(?i:{PERSON_LABEL})[\"']?(?:[ \t]*[:=]|[ \t]+[-–—](?=[ \t]))[ \t]*[\"']?"
    rf"({_CASELESS_WORD}(?:[ \t]{_CASELESS_WORD}){{0,3}})(?=[ \t]*(?:$|[\"',;|}}]))"
)
# every match lies on one line and holds the separator, then the start of a word in lower case or CAPITALS
_FIELD_VALUE_LINES = OnLines(
    _FIELD_VALUE, r"(?:[:=]|[ \t][-–—])[ \t]*[\"']?(?:\p{Ll}[\p{Ll}'’-]|\p{Lu}[\p{Lu}'’-])"
)
_REPORTING_VERBS = frozenset(PERSON_VERB.split("|")) | {"says", "rang", "rings", "came", "went", "was", "is"}
_VOWEL = regex.compile(r"[aeiouy]", regex.IGNORECASE)
_SKIP = (COMMON_WORDS - NAME_LIKE_COMMON_WORDS) | NOT_NAME_WORDS | ROLE_WORDS


def _caseless(word: str) -> bool:
    return len(word) >= 2 and (word.islower() or word.isupper())


def _title_case(word: str) -> str | None:
    """Each hyphen-joined part title-cased ("ashworth-lund" -> "Ashworth-Lund"), as names are written."""
    cased = "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    return cased if len(cased) == len(word) else None


def true_cased(text: str, lex: NameLexicon) -> tuple[str, frozenset[int]] | None:
    """(view, starts of recased words), or None when no recased word could be kept as a name (none is
    a distinctive name or follows a title), so the rules need not run again."""
    words = list(_WORD.finditer(text))
    pieces: list[str] = []
    recased: set[int] = set()
    pos = 0
    after_title = after_given = useful = False
    for i, m in enumerate(words):
        word = m.group()
        low = word.casefold()
        if after_given and low in NAME_PARTICLES:
            continue                      # "siân ap rhys": the surname follows the particle
        title = low in _TITLE_WORDS
        wanted = _caseless(word) and not _acronym(words, i) and (
            title or after_title or (lex.is_name(word) and low not in _SKIP)
            or (after_given and (_unknown_word(word, lex) or _compound_name(word, lex)))
        )
        titled = i > 0 and words[i - 1].group().casefold() in _TITLE_WORDS
        after_title = title and _caseless(word)
        after_given = wanted and lex.is_given(word) and lex.distinctive(word)
        cased = _title_case(word) if wanted else None
        if cased is None or cased == word:
            continue
        useful = useful or titled or lex.distinctive(word) or after_given
        pieces.append(text[pos:m.start()])
        pieces.append(cased)
        pos = m.end()
        recased.add(m.start())
    if not useful:
        return None
    pieces.append(text[pos:])
    return "".join(pieces), frozenset(recased)


def _unknown_word(word: str, lex: NameLexicon) -> bool:
    """A word neither the dictionary nor the name lists know, long enough not to be an abbreviation."""
    return (len(word) >= 4 and bool(_VOWEL.search(fold(word))) and word.isalpha() and not lex.is_ordinary(word)
            and word.casefold() not in _SKIP)


def _compound_name(word: str, lex: NameLexicon) -> bool:
    """A double-barrelled surname ("harcourt-nwosu"): hyphen-joined parts, each a listed name or a word
    no dictionary knows. Ordinary compounds ("follow-up", "well-being") have a dictionary word in them."""
    parts = word.split("-")
    return len(parts) > 1 and all(
        len(p) >= 2 and p.isalpha() and p.casefold() not in _SKIP
        and ((lex.is_name(p) and not lex.is_ordinary(p)) or _unknown_word(p, lex))
        for p in parts
    )


def _acronym(words: list[regex.Match[str]], i: int) -> bool:
    """A short word in CAPITALS among ordinary-case words is an abbreviation ("OT", "GP", "ASB"), not
    a name typed in capitals; inside a run of CAPITALS it may be a name ("MR LEE")."""
    word = words[i].group()
    if not word.isupper() or len(word) > 3:
        return False
    return not any(0 <= j < len(words) and _caps(words[j].group()) for j in (i - 1, i + 1))


def _caps(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _candidates(view: str) -> Iterator[tuple[int, int, str]]:
    yield from rule_candidates(view)
    for m in _PERSON_SLOT.finditer(view):
        yield m.start(1), m.end(1), "person_slot"
    for m in _PAIR.finditer(view, overlapped=True):
        yield m.start(), m.end(), "given_surname"


def caseless_names(text: str) -> list[tuple[int, int]]:
    """Spans of names written in lower case or CAPITALS (see module docstring)."""
    lex = lexicon()
    found = _field_values(text, lex)
    for offset, block in _blocks(text, lex):
        made = true_cased(block, lex)
        if made is not None:
            found.extend((offset + s, offset + e) for s, e in _names_in_view(*made, lex))
    return found


def _names_in_view(view: str, recased: frozenset[int], lex: NameLexicon) -> list[tuple[int, int]]:
    found = []
    for s, e, rule in _candidates(view):
        span = clean_span(view, s, e)
        if span is None:
            continue
        words = [(m.start(), m.group()) for m in _WORD.finditer(view, *span)]
        if not any(start in recased for start, _w in words):
            continue                      # the original text had this name's case: the main pass sees it
        if _names_a_thing(view, span[1]):
            continue
        while len(words) > 1 and words[-1][0] in recased and words[-1][1].casefold() in _REPORTING_VERBS:
            words.pop()                   # "mr grell rang": the verb after a name is no part of it
            span = (span[0], words[-1][0] + len(words[-1][1]))
        if _backed(view, span, words, recased, rule, lex):
            found.append(span)
    return found


def known_pairs(text: str) -> list[tuple[int, int]]:
    """Capitalised pairs that are a known given name then a known surname ("Fergus Reid-Pellow"), one
    of them no ordinary word, naming no organisation or place after them: a name in any case and in
    any context, so one the model misses is still found."""
    lex = lexicon()
    found = []
    for m in _PAIR.finditer(text, overlapped=True):
        first = m.group(1).casefold()
        if first in _HONORIFICS or not lex.is_given(first) or _names_a_thing(text, m.end()):
            continue
        span = clean_span(text, m.start(), m.end())
        words = [(w.start(), w.group()) for w in _WORD.finditer(text, m.start(), m.end())]
        # the surname must be listed too: a capitalised unknown word after a given name is as often a
        # brand or model ("Kia <model>") as a surname, which lower case could not be
        if span == (m.start(), m.end()) and lex.is_surname(m.group(2)) and _pair(words, lex):
            found.append(span)
    return found


_TRIPLE = regex.compile(rf"(?<![\p{{L}}'’-])({_CASED})[ \t]+({_CASED})[ \t]+({_CASED})(?![\p{{L}}])")


def given_middle_surname(text: str) -> list[tuple[int, int]]:
    """Two listed given names then a capitalised word no dictionary knows: a full name with a middle
    name ("Ffion Angharad Pryce-Gethin"). One given name before an unknown word may be a brand and its
    model; two in a row are a person's forenames."""
    lex = lexicon()
    found = []
    for m in _TRIPLE.finditer(text, overlapped=True):
        given, middle, last = m.group(1), m.group(2), m.group(3)
        if given.casefold() in _HONORIFICS or _names_a_thing(text, m.end()):
            continue
        if not (lex.is_given(given) and lex.is_given(middle) and (lex.distinctive(given) or lex.distinctive(middle))):
            continue
        if lex.is_ordinary(last) or last.casefold() in _SKIP or not_name_word(last):
            continue
        found.append((m.start(), m.end()))
    return found


_LOWER_TOKEN = regex.compile(r"(?<![\p{L}'’-])\p{Ll}[\p{Ll}'’-]+")
_CAPS_TOKEN = regex.compile(r"(?<![\p{L}'’-])\p{Lu}[\p{Lu}'’-]+(?![\p{Ll}])")
_TITLE_THEN_CASELESS = regex.compile(
    r"(?i:\b(?:mr|mrs|ms|miss|mx|dr|cllr|councillor|prof|professor|sir|dame|rev|revd)\.?[ \t]+)"
    r"(?:\p{Ll}[\p{Ll}'’-]+|\p{Lu}[\p{Lu}'’-]+)(?![\p{L}])"
)


_LETTER_RUN = regex.compile(r"[\p{L}'’-]+")


def _blocks(text: str, lex: NameLexicon) -> list[tuple[int, str]]:
    """(offset, block): the lines that may hold a caseless name (a distinctive lexicon name in lower
    case or CAPITALS, or a title before a caseless word), each with the line before it for context.
    Found with set operations, so text with no such word costs almost nothing."""
    tokens = {t.casefold() for t in _LOWER_TOKEN.findall(text)}
    tokens.update(t.casefold() for t in _CAPS_TOKEN.findall(text))
    hits = {t for t in tokens if lex.is_name(t) and not lex.is_ordinary(t)}
    triggers = [m.start() for m in _TITLE_THEN_CASELESS.finditer(text)]
    if hits:   # a hit is a whole run of letters/apostrophes/hyphens, matched caselessly
        triggers.extend(
            m.start() for m in _LETTER_RUN.finditer(text) if m.group().casefold() in hits and _caseless(m.group())
        )
    spans: list[list[int]] = []
    for pos in sorted(triggers):
        line_start = text.rfind("\n", 0, pos) + 1
        lo = text.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else 0
        hi = text.find("\n", pos)
        hi = len(text) if hi < 0 else hi
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    return [(lo, text[lo:hi]) for lo, hi in spans]


_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}+)")


def _names_a_thing(view: str, end: int) -> bool:
    """A name-like word followed by an organisation or place noun names that thing, not a person
    ("kent county council", "jordan road", "chelsea hospital")."""
    m = _NEXT_WORD.match(view, end)
    return m is not None and not_name_word(m.group(1))


def _field_values(text: str, lex: NameLexicon) -> list[tuple[int, int]]:
    """The whole value of a person-name field, in lower case or CAPITALS: kept when every word is a
    name or no ordinary word ("surname: pemberton-haigh" yes; "name: not known" no)."""
    found = []
    for m in _FIELD_VALUE_LINES.finditer(text):
        words = m.group(1).split()
        if all(w.casefold() not in _SKIP and _name_like(w, lex) for w in words):
            found.append((m.start(1), m.end(1)))
    return found


def _name_like(word: str, lex: NameLexicon) -> bool:
    parts = [p for p in regex.split(r"[-'’]", word) if p]
    return bool(parts) and all(lex.is_name(p) or not lex.is_ordinary(p) for p in parts)


def _backed(view: str, span: tuple[int, int], words: list[tuple[int, str]], recased: frozenset[int],
            rule: str, lex: NameLexicon) -> bool:
    if rule == "given_surname":
        return _pair(words, lex)
    if rule == "titled" or _TITLED_RULE.search(view, max(0, span[0] - 14), span[0]):
        return any(lex.is_name(w) or start in recased for start, w in words)
    return any(start in recased and lex.distinctive(w) for start, w in words)


def _pair(words: list[tuple[int, str]], lex: NameLexicon) -> bool:
    """A known given name then a known surname, one of them no ordinary word, the surname no verb."""
    words = [w for w in words if w[1] not in NAME_PARTICLES]
    if len(words) != 2:
        return False
    (_s1, given), (_s2, surname) = words
    if not lex.is_given(given) or lex.inflected_word(surname):
        return False
    if not (lex.is_surname(surname) or (lex.distinctive(given) and (
            _unknown_word(surname, lex) or _compound_name(surname, lex)))):
        return False
    if surname.casefold() in COMMON_WORDS or lex.everyday_word(surname):    # "PETRA WILL", "marisol rang"
        return False
    return lex.distinctive(given) or lex.distinctive(surname)
