"""Names no list knows, typed in lower case or CAPITALS, in a slot that only a person fills.

The name lexicon cannot hold every name ("thandeka", "oluwatoyin" may be missing), and without
capitals neither the model nor the name-token rules see a name. What remains is the sentence. Some
slots are filled by a person (or an organisation, whose name is ordinary words or one word or an
acronym):

- the object of a verb of contact: "ring ...", "call back ...", "email ...", "write to ...";
- a kinship or role noun, or "called"/"named", with the name after it ("her daughter ...", "a man
  called ...", "the claimant is ...");
- a document addressed to or from someone about something ("letter for ... re ...", "note from ...
  about ...").

The fact encoded: in such a slot, words that no dictionary knows, or that are listed names (a
double-barrelled name counts when one part is listed), are a name: two or three words after a verb or
a preposition, one word is enough after a kinship or role noun. Ordinary words end the run ("about",
"today"). The same slots catch a capitalised name the model misses.
A list of people typed in lower case ("ngozi, priya and tomasz") is a list of names when one
item is a found name and its mates are such words.
Cost: one regex scan for the cues; the word checks run only where one matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from detectors.pii_name_lexicon import NameLexicon, fold, lexicon
from detectors.pii_vocab import COMMON_WORDS, NAME_PARTICLES, NOT_NAME_WORDS, ROLE_WORDS
from detectors.word_trie import cue_finder

_VERB = (
    r"(?:call|ring|phone|text|email|e-mail|message|contact|chase|visit|remind|thank|tell|ask|invite|"
    r"(?:write|speak|talk|reply|respond|apologise|apologize|get[ \t]+back|go[ \t]+back|send[ \t]+it|"
    r"send[ \t]+this|send[ \t]+them|pass[ \t]+it|pass[ \t]+this|forward[ \t]+it|forward[ \t]+this)[ \t]+to|"
    r"speak[ \t]+with|talk[ \t]+with|meet[ \t]+with|met[ \t]+with|check[ \t]+in[ \t]+with|follow[ \t]+up[ \t]+with)"
    r"(?:[ \t]+back)?"
)
_KIN = (
    r"(?:son|daughter|husband|wife|partner|mother|mum|father|dad|brother|sister|carer|neighbour|friend|"
    r"nephew|niece|grandson|granddaughter|grandmother|grandfather|nan|gran|aunt|uncle|cousin|lodger|"
    r"boyfriend|girlfriend|fianc[eé]e?|stepson|stepdaughter|stepmother|stepfather|called|named|"
    r"known[ \t]+as|(?:client|tenant|claimant|resident|applicant|patient|pupil|complainant|customer|"
    r"caller|occupant|carer|victim|witness)[ \t]+(?:is|was))"
)
_DOCUMENT = r"(?:letter|note|email|e-mail|message|reply|memo|card|form|call|referral|complaint)[ \t]+(?:for|from|to)"
_WORD = r"[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*){0,2}"
_TITLE = r"(?:(?:mr|mrs|ms|miss|mx|dr)\.?[ \t]+)?"
_SLOT = regex.compile(
    rf"(?i:\b(?:(?P<doc>{_DOCUMENT})|(?P<verb>{_VERB})|(?P<kin>{_KIN}))[ \t]+{_TITLE})"
    rf"({_WORD}(?:[ \t]+{_WORD}){{0,3}})"
)
_ABOUT_AFTER = regex.compile(r"(?i)[ \t]+(?:re|regarding|about|concerning)\b")
_SKIP = COMMON_WORDS | NOT_NAME_WORDS | ROLE_WORDS
_VOWEL = regex.compile(r"[aeiouyàáâãäåèéêëìíîïòóôõöùúûüýÿ]")


def _caseless(word: str) -> bool:
    return word.islower() or word.isupper()


def _title_cased(word: str) -> bool:
    """"Okafor", "Adeyemi-Sutton": each part a capital then lower case (the model's misses in cased text)."""
    return all(p[:1].isupper() and p[1:].islower() for p in word.split("-") if p)


def _name_word(word: str, lex: NameLexicon) -> bool:
    """A word that can be part of an unlisted name: no dictionary or function word, or a double-barrelled
    name one of whose parts is listed ("ndlovu-grey")."""
    low = word.casefold()
    if low in _SKIP or len(fold(word)) < 3 or not _VOWEL.search(fold(word)):
        return False
    if "-" in word:        # a double-barrelled name: a listed name, or every part a name word itself
        parts = word.split("-")
        return lex.is_name(word) or (len(parts) <= 3 and all(p and _name_word(p, lex) for p in parts))
    return not lex.is_ordinary(word)


def _listed(word: str, lex: NameLexicon) -> bool:
    return "-" in word or lex.is_name(word)


def _run(words: Iterable[regex.Match[str]], lex: NameLexicon) -> tuple[list[regex.Match[str]], bool]:
    """The leading caseless name words (particles between them allowed) and whether a particle joined them."""
    kept: list[regex.Match[str]] = []
    particle = False
    for w in words:
        word = w.group()
        if kept and word.casefold() in NAME_PARTICLES:
            particle = True
            continue
        if not (_caseless(word) or _title_cased(word)) or not _name_word(word, lex):
            break
        kept.append(w)
    return kept, particle


# the first word of every cue above, found with a trie scan; the full slot pattern runs only at those words
_CUE_STARTS = cue_finder(
    "call ring phone text email e-mail message contact chase visit remind thank tell ask invite write speak"
    " talk reply respond apologise apologize get go send pass forward meet met check follow"
    " son daughter husband wife partner mother mum father dad brother sister carer neighbour friend nephew"
    " niece grandson granddaughter grandmother grandfather nan gran aunt uncle cousin lodger boyfriend"
    " girlfriend fiance fiancee fiancé fiancée stepson stepdaughter stepmother stepfather called named known"
    " client tenant claimant resident applicant patient pupil complainant customer caller occupant victim"
    " witness letter note memo card form referral complaint".split()
)


def _slots(text: str) -> Iterator[regex.Match[str]]:
    end = 0
    for start in _CUE_STARTS(text):
        if start < end:
            continue
        m = _SLOT.match(text, start)
        if m is not None:
            end = m.end()
            yield m


# a role or kinship noun, then two lower-case words, then a verb of contact or report: the subject of
# the verb is the person in that role ("our tenant <given> <surname> rang"); the slot makes a pair of
# listed names a name even when both are everyday words
_ROLE_NOUN = (
    r"(?:tenant|client|resident|claimant|applicant|patient|pupil|customer|caller|occupant|neighbour|"
    r"leaseholder|lodger|complainant|service[ \t]+user|son|daughter|husband|wife|partner|mother|father|"
    r"brother|sister|carer)"
)
_SUBJECT_VERB = (
    r"(?:called|rang|phoned|emailed|texted|messaged|wrote|said|says|asked|complained|reported|came|visited|"
    r"has|had|is|was|will|wants|wanted|needs|needed|sent|told)"
)
_ROLE_SUBJECT = regex.compile(
    rf"(?i:\b{_ROLE_NOUN}[ \t]+)(\p{{Ll}}[\p{{Ll}}'’]+)[ \t]+(\p{{Ll}}[\p{{Ll}}'’-]+)"
    rf"(?i:[ \t]+(?:again[ \t]+)?{_SUBJECT_VERB}\b)"
)
# what only a person does, for a later mention of the surname alone ("<surname> has already phoned")
_PERSON_ACT = (
    r"(?:(?:has|had)[ \t]+(?:already[ \t]+|also[ \t]+|just[ \t]+|now[ \t]+)?)?(?:called|rang|rung|phoned|emailed|"
    r"texted|messaged|wrote|written|said|asked|complained|reported|visited|sent|told)"
)
_DETERMINER_BEFORE = regex.compile(
    r"(?i)\b(?:the|a|an|this|that|our|my|his|her|their|your|its|some|any|no|every|each)[ \t]+\Z"
)


def role_subjects(text: str) -> list[tuple[int, int]]:
    """Names in lower case as the subject after a role noun (see `_ROLE_SUBJECT`), and later mentions of
    the surname alone as a verb's subject with no determiner before it (a bare singular noun cannot be a
    subject: "<surname> has sent ..." is the person, "the <noun> has" the noun)."""
    if not any(c.islower() for c in text):
        return []
    lex: NameLexicon | None = None
    found: list[tuple[int, int]] = []
    for m in _ROLE_SUBJECT.finditer(text):
        lex = lex or lexicon()
        given, surname = m.group(1), m.group(2)
        if given in _SKIP or surname in _SKIP or not (lex.is_given(given) and lex.is_surname(surname)):
            continue
        found.append((m.start(1), m.end(2)))
        later = regex.compile(rf"\b{regex.escape(surname)}(?=[ \t]+{_PERSON_ACT}\b)")
        found.extend(
            (x.start(), x.end()) for x in later.finditer(text, m.end())
            if not _DETERMINER_BEFORE.search(text, max(0, x.start() - 12), x.start())
        )
    return found


def slot_names(text: str) -> list[tuple[int, int]]:
    """Spans of caseless names without lexicon backing in a person slot (see module docstring)."""
    found = role_subjects(text)
    lex: NameLexicon | None = None
    for m in _slots(text):
        lex = lex or lexicon()
        kept, particle = _run(regex.finditer(r"\S+", m.group(4)), lex)
        if not kept or len(kept) > 3:
            continue
        start, end = m.start(4) + kept[0].start(), m.start(4) + kept[-1].end()
        if m.group("kin"):
            ok = len(kept) >= 2 or len(fold(kept[0].group())) >= 4
        else:
            backed = particle or any(_listed(w.group(), lex) for w in kept)
            about = m.group("doc") is not None and _ABOUT_AFTER.match(text, end) is not None
            ok = len(kept) >= 2 and (backed or about)
        if ok:
            found.append((start, end))
    return found


_LINK = r"[ \t]*(?:,|&|\band\b)[ \t]*"
_ITEM = r"[\p{L}][\p{L}'’-]*(?:[ \t]+[\p{L}][\p{L}'’-]*){0,2}"
_MATE_BEFORE = regex.compile(rf"(?:^|(?<=[,:;(]|\band\b|\n))[ \t]*({_ITEM}){_LINK}\Z")
_MATE_AFTER = regex.compile(rf"{_LINK}({_ITEM})(?=[ \t]*(?:,|&|\band\b|[.;:)\n!?]|$))")


def caseless_list_mates(text: str, known: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items of a list of caseless names next to a found name: "ngozi, priya and tomasz"."""
    spans = [(s, e) for s, e in known if _caseless(text[s:e].replace(" ", "").replace("-", ""))]
    if not spans or ("," not in text and " and " not in text):
        return []
    lex = lexicon()
    found: list[tuple[int, int]] = []
    seen = set(spans)
    queue = list(spans)
    while queue and len(found) < 50:
        s, e = queue.pop()
        before = _MATE_BEFORE.search(text, max(0, s - 60), s)
        after = _MATE_AFTER.match(text, e)
        for m in (before, after):
            if m is None:
                continue
            words = list(regex.finditer(r"\S+", m.group(1)))
            if words and all(_caseless(w.group()) and _name_word(w.group(), lex) for w in words):
                span = (m.start(1), m.end(1))
                if span not in seen:
                    seen.add(span)
                    found.append(span)
                    queue.append(span)
    return found
