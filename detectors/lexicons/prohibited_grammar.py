"""How the prohibited-use detector reads a request: sentences, instruction position, and people.

Shared by the rules in `detectors/prohibited.py`. Pure functions over strings; no text is logged.

* `sentences(text)` cuts the text into sentences inside paragraphs (over-long ones are chunked so every
  per-sentence regex stays on bounded input) and marks which rule families each may concern, by word
  stems -- most sentences of a pasted document concern none and are skipped. Nothing is cached, so no
  request text outlives the call.
* `live(verb, sentence)` finds a verb in *instruction position* (clause start, after a courtesy word, or in
  an addressed frame such as "can you ..."), not negated just before it; `purpose` finds it as the purpose
  of an imperative ("use the matrix to decide ...").
* `has_person(text)` says whether a text refers to a specific person or case.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass

from detectors.lexicons import decision_outcomes as do
from detectors.lexicons import prohibited_content as pc
from detectors.lexicons import prohibited_terms as pt
from detectors.lexicons.special_category_trie import trie_alternation
from detectors.word_anchors import Anchored, fold

_F = re.IGNORECASE
# runs of ordinary characters are consumed a run at a time (`[^\n]*`, `[^\n.!?]+`), not one alternation per
# character: the same matches, several times cheaper in sre
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*")
_SENTENCE = re.compile(  # an initial or a title ("M. Rees", "Mrs. Shah") does not end a sentence
    r"(?:[^\s.!?]|[.!?](?!\s|$))(?:[^\n.!?]+|[.!?](?!\s|$)|(?<=\b[A-Z])\.|(?<=\bM[rs])\.|(?<=\bMrs)\.|(?<=\bDr)\.)*"
    r"[.!?]*"
)
_PREFIX_END = re.compile(r"(?:" + pt.ASK_PREFIX + r")\Z", _F)
_TO = re.compile(
    r"\b(?<!decision )(?<!decided )(?<!plan )(?<!right )(?<!duty )(?<!power )(?:in\s+order\s+)?to\s+\Z", _F
)
_JOINER = re.compile(r"\s*(?:[,;]|and\b|then\b|also\b|so\b)", _F)
_DESCRIPTIVE = re.compile(pt.DESCRIPTIVE_LEAD, _F)
_NEGATION = re.compile(pt.NEGATION, _F)
_ADDRESSED = re.compile(pt.ADDRESSED, _F)
_TARGET = re.compile(pt.TARGET, _F)
_NAME_RUN = re.compile(pt.NAME_RUN)
_PREFIX_LOOKBACK = 60
_NEGATION_WINDOW = 40
_MAX_SENTENCE = 600  # characters; longer runs are cut at whitespace
_CONTEXT = 400  # characters of the same paragraph either side of a sentence, for markers and targets
_DASHES = "-–—"

_GATES = (
    pt.DECISION_STEMS, pc.DISCRIMINATION_STEMS, pc.PROFILING_STEMS, pc.SURVEILLANCE_STEMS, do.FRAME_STEMS,
    do.CONSEQUENCE_STEMS,
)
DECISION_GATE, DISCRIMINATION_GATE, PROFILING_GATE, SURVEILLANCE_GATE, FRAME_GATE, OUTCOME_GATE = (
    1 << i for i in range(len(_GATES))
)


def verbs(verb: str) -> Anchored:
    """Compile a verb pattern for `live`/`purpose`: run on lower-cased text (3x faster than IGNORECASE), and
    tried only at the words its verbs start with (`Anchored`)."""
    return Anchored(re.compile(r"\b(" + verb + r")\b"))


_IMPERATIVE = verbs(pt.IMPERATIVE_VERB)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offset in the whole text
    around: str  # the sentence with up to _CONTEXT characters of its paragraph either side
    offset: int  # where the sentence starts in `around`
    gates: int
    folded: str  # `word_anchors.fold(text)`, for `Anchored` searches
    around_folded: str  # `word_anchors.fold(around)`

    def mentions(self, gate: int) -> bool:
        return bool(self.gates & gate)


def _stem_table() -> dict[str, int]:
    """Stem -> gate bits of every stem that is a prefix of it, so the longest matching stem says it all."""
    own: dict[str, int] = {}
    for i, stems in enumerate(_GATES):
        for stem in stems:
            own[stem] = own.get(stem, 0) | 1 << i
    return {stem: functools.reduce(operator.or_, (b for s, b in own.items() if stem.startswith(s)), 0) for stem in own}


_STEM_GATES = _stem_table()
# trie-shaped (longest stem first at each branch), so most positions fail after a letter or two
_STEM = re.compile(r"\b(?:" + trie_alternation(_STEM_GATES) + r")")


def _gates(lowered: str) -> int:
    """Bit i set when some word starts with a stem of gate i. No cache, so no request text is retained."""
    return functools.reduce(operator.or_, (_STEM_GATES[m.group()] for m in _STEM.finditer(lowered)), 0)


def _chunks(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences that concern at least one rule family."""
    folded = fold(text)  # one fold for every sentence: it maps character for character
    for para in _PARAGRAPH.finditer(text):
        for sent in _SENTENCE.finditer(text, para.start(), para.end()):
            for start, end in _chunks(sent.start(), sent.end(), text):
                chunk = text[start:end]
                gates = _gates(chunk.lower()) | (FRAME_GATE if "/" in chunk else 0)
                if gates:
                    begin, stop = max(para.start(), start - _CONTEXT), min(para.end(), end + _CONTEXT)
                    yield Sentence(
                        chunk, start, text[begin:stop], start - begin, gates, folded[start:end], folded[begin:stop]
                    )


def _in_ask_position(sentence: str, at: int) -> bool:
    before = sentence[:at].rstrip()
    if sentence[at].isupper() and before.strip("\"'‘“(*•>" + _DASHES) and before[-1:] not in _DASHES:
        return False  # a capitalised word mid-sentence is a title or a name ("Grant Officer")
    prefix = _PREFIX_END.search(sentence, max(0, at - _PREFIX_LOOKBACK), at)
    if prefix is None:
        return False
    joined = _JOINER.match(prefix.group())
    return not (joined and _DESCRIPTIVE.search(sentence, 0, prefix.start()))


def _lower(sentence: str) -> str:
    low = sentence.lower()
    return low if len(low) == len(sentence) else "".join(c.lower()[:1] or c for c in sentence)


def _negated(sentence: str, at: int) -> bool:
    return bool(_NEGATION.search(sentence, max(0, at - _NEGATION_WINDOW), at))


def live(pattern: Anchored, sentence: str) -> re.Match[str] | None:
    """The first match of a `verbs` pattern in instruction position and not negated just before it."""
    for m in pattern.finditer(_lower(sentence)):
        if _in_ask_position(sentence, m.start(1)) and not _negated(sentence, m.start(1)):
            return m
    return None


def purpose(pattern: Anchored, sentence: str) -> re.Match[str] | None:
    """A `verbs` match as the purpose of an imperative: "Use the matrix to decide ...".

    Not when a subject and finite verb come between ("a checklist an officer can use to decide").
    """
    lead = live(_IMPERATIVE, sentence)
    if lead is None:
        return None
    for m in pattern.finditer(_lower(sentence), lead.end()):
        to = _TO.search(sentence, max(lead.end(), m.start(1) - 16), m.start(1))
        if to and not _DESCRIPTIVE.search(sentence, lead.end(), to.start()) and not _negated(sentence, to.start()):
            return m
    return None


def unnegated(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether the pattern matches somewhere not negated just before ("no jokes about ...")."""
    return any(not _negated(sentence, m.start()) for m in pattern.finditer(sentence))


def is_request(sentence: str) -> bool:
    """Whether the sentence addresses the assistant or starts an instruction."""
    return bool(_ADDRESSED.search(sentence.strip()) or live(_IMPERATIVE, sentence))


_LEAD_WORDS = frozenset("should does do did is are was were has have had will would can could shall must".split())
_TITLED = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'’-]+")  # a title makes a name a person's
_INITIAL_NAME = re.compile(r"(?<![\w.])[A-Z]\.\s?(?:[A-Z]\.\s?)?[A-Z][a-z'’-]{2,}")  # "J. Ross", "A.B. Khan"


def has_person(text: str) -> bool:
    """Whether the text refers to a specific person or case (determiner + person noun, pronoun, name)."""
    if _TARGET.search(text) or _INITIAL_NAME.search(text) or _TITLED.search(text):
        return True
    return any(_is_name(m, text) for m in _NAME_RUN.finditer(text))


def _is_name(run: re.Match[str], text: str) -> bool:
    """A run of capitalised words names a person: see NAME_RUN. Title words split a run ("Track Morwenna's")."""
    words = run.group().split()
    while len(words) > 3 and (words[0].lower() in pt.NOT_NAME_WORDS or words[0].lower() in _LEAD_WORDS):
        words = words[1:]  # a capitalised verb or determiner before a name ("Score Mr Ed Vance's ...")
    if len(words) > 3:
        return False
    before = text[max(0, run.start() - 2) : run.start()]
    lead = len(before) == 2 and before[1] == " " and (before[0].islower() or before[0] == ",")
    part: list[str] = []
    for word in [*words, ""]:
        if word and word.removesuffix("'s").lower() not in pt.NOT_NAME_WORDS:
            part.append(word)
            continue
        if len(part) > 1 or (part and (part[0].endswith("'s") or (lead and part[0] == words[0]))):
            return True
        part = []
    return False
