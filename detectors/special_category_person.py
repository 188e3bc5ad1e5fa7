"""A person named as the subject of a clause, in any case: evidence that a sentence is about one individual.

Case notes and texts often write names in lower case ("client dev patel is on ...") or after a role word
or label ("tenant marta kos has ...", "The new cleaner, Ifan Rhys, is ..."). Capitalisation says nothing
there, so a name is read from the words themselves (`detectors.pii_name_lexicon`): the one to three words
right before a subject verb, an appositive comma or a bracket must all be name words, and either one of them
is a name that is no ordinary word ("farida", "okafor") or they read given name + surname ("daniel frost").
Stop words, role and document words never count. No text is kept.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from detectors.pii_name_lexicon import lexicon
from detectors.pii_vocab import NOT_NAME_WORDS

_WORD = r"[A-Za-z][A-Za-z'’-]{1,19}"
# the subject's verb, an appositive ("dev patel, a porter, ...") or a bracketed aside, after the name; a
# possessive names a person unless it is an eponym ("Addison's disease")
_AFTER = (
    r"(?:['’]s\s(?!(?:disease|syndrome|palsy|disorder|an?aemia|chorea|ataxia)\b)|\s*,\s*(?:(?:a|an|the|our|who|aged|is|has|was|had|says|said)\b)|\s*\(|(?:\s+[a-z]+ly)?\s+(?:is|was|has|had|says"
    r"|said|told|tells|reports|reported|attends|attended|takes|took|uses|used|lives|identifies|describes"
    r"|canvassed|canvasses|campaigned|campaigns|stood|stands|marched|marches|distributes|distributed|delivers"
    r"|delivered|leafleted|donated|donates|converted|fasts|fasted|celebrates|married|wrote|posted|lived|lives"
    r"|disclosed|receives|needs|wears|goes|went|sees|became|joined|voted|suffers|suffered|practises|practices"
    r"|prays|worships|observes|belongs|gets|got|started|stopped|missed|relapsed|remains|won'?t|can'?t|will"
    r"|does|doesn'?t|did|didn'?t|identifies|came|keeps|refuses|refused|asked|mentioned|admitted|confirmed|votes|voted|supports|backs|canvasses)\b)"
)
_CANDIDATE = re.compile(r"(?<![\w'’-])((?:" + _WORD + r"\s+){0,2}" + _WORD + r")(?=" + _AFTER + r")")
_NOT_NAME = frozenset(
    "staff member patient client tenant resident person people child user applicant family household case carer"
    " condition illness diagnosis history record note file form report letter result test treatment plan team"
    " worker officer manager starter porter cleaner caretaker colleague pupil employee claimant customer son"
    " daughter mother father wife husband partner neighbour friend mum dad he she they it who".split()
)


def names_subject(sentence: str) -> bool:
    """Whether some clause in the sentence has a person's name (in any case) as its subject."""
    for m in _CANDIDATE.finditer(sentence):
        words = m.group(1).split()
        while words and _skip(words[0]):
            words = words[1:]  # leading role or label words: "tenant", "note", "the new"
        if words and _is_name(words):
            return True
    return False


def _skip(word: str) -> bool:
    low = word.casefold()
    return low in STOP_WORDS or low in NOT_NAME_WORDS or low in _NOT_NAME or not lexicon().is_name(low)


def _is_name(words: list[str]) -> bool:
    lex = lexicon()
    low = [w.casefold().rstrip("'’") for w in words]
    if any(w in STOP_WORDS or w in _NOT_NAME or not lex.is_name(w) for w in low):
        return False
    if any(lex.distinctive(w) for w in low):
        return True
    return len(low) >= 2 and low[0] in lex.given and low[-1] in lex.surnames


_LOWER_PAIR = re.compile(r"(?<![\w'’-])([a-z][a-z'’-]{1,19})\s+([a-z][a-z'’-]{1,19}?)(?:['’]s)?(?![\w'’-])")


def names_anyone(text: str) -> bool:
    """Whether the text names someone in lower case: a given name then a surname, one of them no ordinary
    word ("leanne ward's claim", "about tom reilly"). Capitalised names are read elsewhere."""
    lex = lexicon()
    for m in _LOWER_PAIR.finditer(text):
        first, last = m.group(1), m.group(2).rstrip("'’")
        if first in NOT_NAME_WORDS or any(w in _NOT_NAME or w in STOP_WORDS for w in (first, last)):
            continue
        if lex.is_given(first) and lex.is_surname(last) and (lex.distinctive(first) or lex.distinctive(last)):
            return True
    return False


def office_holder_owns(text: str, span: tuple[int, int, int], role: re.Pattern[str], private: re.Pattern[str]) -> bool:
    """Whether a political cue belongs to the public office holder its sentence names. `span` is (sentence
    start, cue start, cue end). True for an office word before the cue with no private person named between
    them, or an office word just after the cue ("a Labour councillor"). A councillor's party is public
    record; a resident's is special category."""
    start, cue, end = span
    last = None
    for m in role.finditer(text, start, cue):
        last = m
    if last is not None and private.search(text, last.end(), cue) is None:
        return True
    after = role.search(text, end, min(len(text), end + 40))
    return after is not None and private.search(text, start, after.start()) is None


# A household or group of named relatives: "the Nowaks", "the kelly brothers", "the Hussain family", "Jo and
# Sam". A plural surname after "the" is a family when the surname is no ordinary word or is capitalised.
_FAMILY_PLURAL = re.compile(r"\bthe\s+([A-Za-z][a-z'’-]{1,19}?)(e?s)\b")
_FAMILY_NOUN = re.compile(
    r"\bthe\s+([A-Za-z][a-z'’-]{1,19})\s+(?:family|household|brothers|sisters|twins|siblings|children|kids|boys"
    r"|girls|couple)\b",
    re.IGNORECASE,
)
_RELATIVES = re.compile(
    r"\b(?:the|both|these|those)\s+(?:(?:two|three|four|young|elderly|older)\s+)?(?:brothers|sisters|twins"
    r"|siblings|lodgers|grandparents|in-laws)\b"
    r"|\bboth\s+(?:of\s+(?:the|his|her|their)\s+)?(?:children|sons|daughters|kids|boys|girls|parents)\b"
    # "the household" as people, not as a modifier ("the household recycling centre")
    r"|\b(?:the|this|that)\s+household(?=\s+(?:at|in|on|above|below|next|upstairs|downstairs|opposite|from|who"
    r"|are|is|was|were|have|has)\b|\s*[,.;:]|\s*$)",
    re.IGNORECASE,
)
_PAIR = re.compile(r"(?<![\w'’-])([A-Za-z][a-z'’-]{1,19})\s+(?:and|&)\s+([A-Za-z][a-z'’-]{1,19})(?![\w'’-])")
# plural nouns that are also surnames in the lexicon read as things or parties here
_NOT_FAMILY = frozenset("green tory labour liberal democrat conservative unionist republican socialist".split())


def names_household(sentence: str) -> bool:
    """Whether the sentence names a family or a few related people as its subject or object."""
    if _RELATIVES.search(sentence):
        return True
    lex = lexicon()
    for m in _FAMILY_NOUN.finditer(sentence):
        if _ordinary(m.group(1).casefold()) is False and lex.is_name(m.group(1).casefold()):
            return True
    for m in _FAMILY_PLURAL.finditer(sentence):
        stem = m.group(1)
        low = stem.casefold()
        if _ordinary(low) is False and lex.is_surname(low) and (stem[0].isupper() or lex.distinctive(low)):
            return True
    return any(_given_pair(m.group(1), m.group(2)) for m in _PAIR.finditer(sentence))


def _ordinary(low: str) -> bool:
    return low in STOP_WORDS or low in NOT_NAME_WORDS or low in _NOT_NAME or low in _NOT_FAMILY


def _given_pair(first: str, second: str) -> bool:
    """Two given names joined by "and": both capitalised, or one no ordinary word ("priya and tom")."""
    lex = lexicon()
    a, b = first.casefold(), second.casefold()
    if _ordinary(a) or _ordinary(b) or not (lex.is_given(a) and lex.is_given(b)):
        return False
    return (first[0].isupper() and second[0].isupper()) or lex.distinctive(a) or lex.distinctive(b)


_CELL_SEPARATOR = re.compile(r"\s*[|\t]\s*")


def names_row(line: str) -> bool:
    """Whether a table row (cells split by "|" or tabs) has a cell that is a person's name: the row's other
    cells are about that person ("Rhys Owen | living with ...")."""
    if "|" not in line and "\t" not in line:
        return False
    for cell in _CELL_SEPARATOR.split(line.strip(" |")):
        words = cell.split()
        if 2 <= len(words) <= 3 and all(_WORD_ONLY.fullmatch(w) for w in words) and _is_name(words):
            return True
    return False


_WORD_ONLY = re.compile(_WORD)
