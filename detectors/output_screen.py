"""Streaming screen of the model's output for discriminatory or offensive content (clause 7.2).

`OutputScreen` is fed the answer delta by delta and keeps only a bounded look-back window (the last
`window` characters, 200 by default) -- never the whole answer -- so a phrase split across chunks is still
caught while memory stays constant. Offsets in findings are positions in the whole stream so far.

A match is reported once it is *settled*: at least `_SETTLE` characters have arrived after it (so a word
at the end of a chunk is not mistaken for the start of a longer one, and a following "is a slur" can
clear a mention), its sentence has ended, or the stream has finished. Labels: `offensive_content` (slurs
about protected groups) and `discriminatory_content` (dehumanising or eliminationist statements, and
generalisations that pin a trait on a protected group or tell the reader to treat its members
differently: `lexicons/output_generalisation.py`).

`holding` says whether the unfinished sentence names a protected group or holds a slur; a streaming caller
holds such a sentence back until it ends, so a discriminatory sentence is withheld before it is sent.
Rules whose matches start at the group are tried only where a group word starts (`anchored`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from detectors import output_meaning
from detectors.base import Finding
from detectors.lexicons import output_generalisation as og
from detectors.lexicons import output_meaning as meaning_lexicon
from detectors.lexicons import prohibited_output as po
from detectors.lexicons.prohibited_content import PROTECTED_GROUP
from detectors.word_anchors import Anchored, openings

_F = re.IGNORECASE
_SLUR = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in po.slur_words()) + r")\b", _F)
_DEHUMANISING = re.compile(po.DEHUMANISING, _F)
_ELIMINATIONIST = re.compile(po.ELIMINATIONIST, _F)
_GENERALISATION = re.compile(po.GENERALISATION, _F)
_GO_HOME = re.compile(po.GO_HOME, _F)
_TREATMENT = re.compile(po.DIFFERENT_TREATMENT, _F)
_COUNTER = re.compile(po.COUNTER_SPEECH, _F)
_MENTION = re.compile(po.MENTION, _F)
_NON_WORD = re.compile(r"\W")
_QUOTES = "\"“”‘’"
_OPEN_SINGLE = re.compile(r"(?:^|(?<=\s))'")  # a single quote opening a phrase, not an apostrophe
_NAMED = re.compile(r"\b(?:insults?|slurs?|abuse|tropes?|myths?|slogans?|chants?|graffiti|stereotypes?|harassment)\b",
                    _F)
_SETTLE = 40  # characters after a match before it is reported mid-stream
_GUARD = 60  # characters before/after a match read by the counter-speech and mention guards
_MAX_MATCH = 100  # no pattern matches more than this; the window must hold a match plus guards
_MAX_WORD = 30  # a gate word split across chunks is re-read from this far back


_WORD = re.compile(r"[a-z]+")
_OPENING = " \t\n\"'*-(\u2022>#0123456789.)"  # what may stand before a sentence's first word


@dataclass(frozen=True, slots=True)
class _Rule:
    label: str
    pattern: re.Pattern[str]
    score: float
    words: frozenset[str]  # the regex runs only if the scanned text contains one of these words
    after: re.Pattern[str] | None  # text around the match that clears it (besides counter-speech before it)
    needs_group: bool = False  # ... and only if a protected-group word is in the scanned text too
    prefix: bool = False  # `words` are four-letter prefixes
    anchored: bool = False  # every match starts at a protected-group word: try only there (not every position)


_RULES = (
    _Rule("offensive_content", _SLUR, 0.9, frozenset(w.split()[0].lower() for w in po.slur_words()), _MENTION),
    _Rule("discriminatory_content", _DEHUMANISING, 0.85, po.DEHUMANISING_WORDS, None, anchored=True),
    _Rule("discriminatory_content", _ELIMINATIONIST, 0.9, po.ELIMINATIONIST_WORDS, None),
    _Rule("discriminatory_content", _GO_HOME, 0.9, po.GO_HOME_WORDS, None, True, anchored=True),
    _Rule("discriminatory_content", _GENERALISATION, 0.85, po.GENERALISATION_WORDS, None, True, anchored=True),
    _Rule("discriminatory_content", _TREATMENT, 0.85, po.TREATMENT_WORDS, None, True),
    *(
        _Rule("discriminatory_content", re.compile(pattern, _F), 0.85, og.gate_prefixes(pattern), None, True, True,
              anchored=True)
        for pattern in (og.TRAIT, og.HABIT, og.RESTRICTION, og.GENERIC_THEN_TREAT)
    ),
    *(
        _Rule("discriminatory_content", re.compile(pattern, _F), 0.85, og.gate_prefixes(pattern), None, False, True)
        for pattern in (og.PREFERENCE, og.BELIEF_TRAIT, og.EXCLUDE_BY_TRAIT)
    ),
)
_SLUR_RULE = 0
# rules searched over the window (not anchored at group words), tried only at the words they open with
_ANCHORED_SEARCH = {i: Anchored(r.pattern) for i, r in enumerate(_RULES) if not r.anchored and openings(r.pattern)}
# Rules that defer to the parse (`detectors/output_meaning.py`) when an answer is screened by meaning: a
# match of these enumerated generalisation, habit, restriction and treatment phrasings only marks its
# sentence; the sentence is withheld if the parse finds a discriminatory reading, or if it does not find
# the claim disowned (reported, called a myth, quoted, a yes/no question). Slurs, dehumanising,
# eliminationist and go-home statements, beliefs called a disease and exclusion by age number report as
# before.
_PHRASING_RULES = frozenset(
    i for i, rule in enumerate(_RULES) if rule.pattern.pattern in (po.GENERALISATION, po.DIFFERENT_TREATMENT, og.TRAIT,
                                                                   og.HABIT, og.RESTRICTION, og.GENERIC_THEN_TREAT,
                                                                   og.PREFERENCE)
)
_SENTENCE_LIMIT = 400  # a sentence longer than this is judged in parts (bounded memory; the guard's hold)
_THEY = frozenset("they these those them".split())
_LACKING = re.compile(r"\b(?:without|no)\s+$", _F)
_ITEM_MARKS = "-*•–—·>0123456789"  # what a list item's line starts with
# a sentence ends at . ! ? ; or a line break followed by white space (or the end of the text so far)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")
_GROUP_PROBE = re.compile(r"(?:" + PROTECTED_GROUP + r")", _F)
# first words of multi-word group names ("eastern" europeans, "asylum" seekers, "mixed" race)
_GROUP_FIRST = frozenset(
    m.group(1).lower() for m in re.finditer(r"(?:\(\?:|\||\\b)([A-Za-z]{2,})", PROTECTED_GROUP)
) - frozenset("the of his her their this that your from like kind sort type er ies lot ones".split())


_GROUP_HEADS = tuple(openings(_GROUP_PROBE) or ("",))  # every group mention starts with one of these words
_GATE_EXTRA = (meaning_lexicon.GROUP_WORDS | meaning_lexicon.GATE_WORDS) - po.GROUP_OPENERS


def _is_group_word(word: str, meaning: bool = False) -> bool:
    """Whether a (lower-case) word can start or name a protected-group mention ("older" + people, "muslims");
    with `meaning`, also the parse's wider gate (demonyms, conditions, characteristics said of a person)."""
    if word in po.GROUP_EXTRA_WORDS or word in _GROUP_FIRST or (meaning and word in _GATE_EXTRA):
        return True
    if word in STOP_WORDS or not word.startswith(_GROUP_HEADS):  # cheap: no group mention can start here
        return False
    return bool(_GROUP_PROBE.match(word + " people"))


def _gate_table(prefix: bool) -> dict[str, tuple[int, ...]]:
    table: dict[str, list[int]] = {}
    for i, rule in enumerate(_RULES):
        if rule.prefix == prefix:
            for word in rule.words:
                table.setdefault(word, []).append(i)
    return {word: tuple(rules) for word, rules in table.items()}


_GATED_BY_WORD, _GATED_BY_PREFIX = _gate_table(False), _gate_table(True)  # lexicon data only


def _rules_gated_by(word: str) -> tuple[int, ...]:
    return _GATED_BY_WORD.get(word, ()) + _GATED_BY_PREFIX.get(word[:4], ())


# rules a word gates, whether a group word, whether "they", whether a family word (answers only)
_WordFacts = tuple[tuple[int, ...], bool, bool, bool]
# keyed by the word's hash, not the word: no request or answer text is kept after its screen ends (the
# per-process salted 64-bit hash makes a collision between two words of one process vanishingly unlikely)
_WORDS_MEANING: dict[int, _WordFacts] = {}
_WORDS_PHRASING: dict[int, _WordFacts] = {}
_WORDS_MAX = 50_000  # a table grown past this (an answer of random words) starts again: bounded memory


def _word_facts(table: dict[int, _WordFacts], word: str, meaning: bool) -> _WordFacts:
    """What the lexicons say about one lower-case word, remembered for the process: the same words recur in
    every answer and request, and the facts depend on the word alone."""
    if len(table) >= _WORDS_MAX:
        table.clear()
    family = meaning and word in meaning_lexicon.FAMILY
    they = meaning and word in _THEY
    facts = table[hash(word)] = (_rules_gated_by(word), _is_group_word(word, meaning), they, family)
    return facts


def screen_text(text: str, meaning: bool = False) -> list[Finding]:
    """The same rules over a whole text at once. Request text uses the phrasing rules only (no parse, so
    the input path's cost is unchanged); answers are screened with `meaning=True`."""
    screen = OutputScreen(meaning=meaning)
    return [*screen.feed(text), *screen.finish()]


class OutputScreen:
    """One instance per streamed answer. Not thread-safe; cheap to create."""

    name = "output_screen"
    entities = frozenset({"PROHIBITED_USE"})

    def __init__(self, window: int = 200, meaning: bool = True) -> None:
        if window < _MAX_MATCH + _SETTLE + _GUARD:
            raise ValueError(f"window must be at least {_MAX_MATCH + _SETTLE + _GUARD} characters")
        self._window = window
        self._meaning = meaning
        self._off = _PHRASING_RULES if meaning else frozenset()
        self._pieces: list[str] = []  # the deltas holding the unfinished sentence (joined only if it is judged)
        self._pieces_at = 0  # stream offset of the first piece
        self._pieces_len = 0
        self._sentence_at = 0  # its stream offset
        self._marks: list[int] = []  # stream offsets of group words in the unfinished sentence
        self._after_group = False  # the previous sentence named a group ("they" may be that group)
        self._flagged = -1  # stream offset of the sentence last found discriminatory (reported once)
        self._they_armed = -1  # stream offset after the latest "they" / "these" / "those" / "them"
        self._suspects: list[int] = []  # stream offsets of phrasing-rule matches awaiting their sentence's reading
        self._excluding_list = False  # the lines being read are items under "Who to avoid:"-like heading
        self._line_at = 0  # stream offset just after the last line break
        self._buffer = ""
        self._base = 0  # stream offset of self._buffer[0]
        self._reported: set[tuple[int, int, str]] = set()  # (stream start, end, label) already returned
        self._seen_upto = 0  # length of the buffer at the previous scan
        self._armed = [-1] * len(_RULES)  # per rule: stream offset after its latest gate word
        self._group_armed = -1  # stream offset after the latest protected-group word
        self._words = _WORDS_MEANING if meaning else _WORDS_PHRASING  # per-process word table (lexicon facts)
        self._sentence_start = 0  # stream offset just after the last sentence end: matches before it are settled
        self._group_starts: list[int] = []  # stream offsets where protected-group words start (within the window)

    @property
    def holding(self) -> bool:
        """Whether the unfinished sentence names a protected group or holds a slur, or is an item of a list
        headed as people to exclude, so a caller streaming the answer should hold it back until the sentence
        ends (matches in a finished sentence are settled)."""
        held = max(self._group_armed, self._armed[_SLUR_RULE]) > self._sentence_start or self._excluding_list
        return held or self._after_group and self._they_armed > self._sentence_start

    def feed(self, delta: str) -> list[Finding]:
        """Add the next chunk of the answer; return findings that became certain with it."""
        ends = list(_SENTENCE_END.finditer(delta))
        at = self._base + len(self._buffer)
        if ends:
            self._sentence_start = at + ends[-1].end()
        self._buffer += delta
        findings = self._scan(final=False)
        if self._meaning:
            findings += self._judge_sentences(delta, at, ends)
        self._trim()
        return findings

    def finish(self) -> list[Finding]:
        """End of the answer: return what is still pending and reset for reuse."""
        findings = self._scan(final=True)
        if self._meaning and self._pieces:
            findings += self._judge(self._sentence_at, self._pieces_at + self._pieces_len)
        self._pieces, self._pieces_at, self._pieces_len = [], 0, 0
        self._sentence_at, self._marks, self._after_group, self._flagged = 0, [], False, -1
        self._they_armed, self._suspects, self._excluding_list, self._line_at = -1, [], False, 0
        self._buffer, self._base, self._reported, self._seen_upto = "", 0, set(), 0
        self._armed = [-1] * len(_RULES)
        self._group_armed, self._sentence_start, self._group_starts = -1, 0, []
        return findings

    def _scan(self, final: bool) -> list[Finding]:
        """Look for matches that can have appeared or settled since the last scan.

        A rule's regex runs only while one of its gate words lies in the region a new or newly settled
        match could occupy; gate words are looked for in the new text only (plus a word's length back).
        """
        buf, found = self._buffer, []
        origin = max(0, self._seen_upto - _SETTLE - _MAX_MATCH)
        self._arm(max(0, self._seen_upto - _MAX_WORD))
        self._seen_upto = len(buf)
        for i, rule in enumerate(_RULES):
            if self._armed[i] <= self._base + origin or (rule.needs_group and self._group_armed <= self._base + origin):
                continue
            for m in self._matches(i, rule, buf, origin):
                start, end = self._base + m.start(), self._base + m.end()
                settled = final or len(buf) - m.end() >= _SETTLE or end <= self._sentence_start
                if not settled or self._seen(start, end, rule.label):
                    continue
                if self._cleared(rule, buf, m):
                    continue
                if i in self._off:  # a phrasing rule under the parse: the sentence's reading decides
                    if not self._suspects or start > self._suspects[-1]:
                        self._suspects.append(start)
                    continue
                self._reported.add((start, end, rule.label))
                found.append(Finding("PROHIBITED_USE", start, end, rule.score, self.name, rule.label))
        return found

    def _matches(self, index: int, rule: _Rule, buf: str, origin: int) -> Iterator[re.Match[str]]:
        if not rule.anchored:
            searched = _ANCHORED_SEARCH.get(index)
            if searched is None:
                yield from rule.pattern.finditer(buf, origin)
                return
            last = origin  # `finditer`'s matches: each the leftmost one starting at or after the previous end
            for m in searched.starts(buf, origin):
                if m.start() >= last:
                    yield m
                    last = max(m.end(), m.start() + 1)
            return
        for at in self._group_starts[bisect.bisect_left(self._group_starts, self._base + origin) :]:
            m = rule.pattern.match(buf, at - self._base)
            if m is not None:
                yield m

    def _arm(self, tail: int) -> None:
        off, table, armed, meaning = self._base + tail, self._words, self._armed, self._meaning
        for m in _WORD.finditer(self._buffer[tail:].lower()):
            word = m.group()
            known = table.get(hash(word))
            if known is None:
                known = _word_facts(table, word, meaning)
            rules, group, they, family = known
            if not group and word in po.GROUP_OPENERS:
                group = self._opens_sentence(off + m.start())
            if family:  # "applicants without children": parental status, a gate only after "without" / "no"
                group = _LACKING.search(self._buffer, max(0, tail + m.start() - 9), tail + m.start()) is not None
            if rules:
                end = off + m.end()
                for i in rules:
                    armed[i] = end
            if they:
                self._they_armed = off + m.end()
            if group:
                self._group_armed = off + m.end()
                at = off + m.start()
                if meaning and (not self._marks or at > self._marks[-1]):
                    self._marks.append(at)
                if not self._group_starts or at > self._group_starts[-1]:
                    self._group_starts.append(at)

    def _judge_sentences(self, delta: str, at: int, ends: list[re.Match[str]]) -> list[Finding]:
        """Judge by meaning each sentence this delta finished, if it names a group (the gate). At ";" the
        sentence so far is judged (the guard releases that clause next), at "." all of it. The unfinished
        sentence is kept as the list of its deltas, joined only when a gated sentence is judged."""
        self._pieces.append(delta)
        self._pieces_len += len(delta)
        found: list[Finding] = []
        for end in ends:
            strong = end.group() != ";"
            found += self._judge(self._sentence_at, at + end.end(), strong)
            if strong:
                if end.group() == "\n":
                    if self._excluding_list or self._heading_before(delta, end.start()):
                        self._excluding_list = self._list_state(self._sentence_at, at + end.end())
                    self._line_at = at + end.end()
                self._sentence_at = at + end.end()
        if ends and ends[-1].group() != ";":
            self._pieces, self._pieces_at, self._pieces_len = [delta], at, len(delta)
        if self._pieces_at + self._pieces_len - self._sentence_at > _SENTENCE_LIMIT:  # judged in parts, bounded
            found += self._judge(self._sentence_at, at + len(delta), True)
            self._sentence_at = at + len(delta)
            self._pieces, self._pieces_at, self._pieces_len = [], at + len(delta), 0
        return found

    def _judge(self, start: int, end: int, strong: bool = True) -> list[Finding]:
        gated = bool(self._marks) and self._marks[-1] >= start
        suspect = bool(self._suspects) and any(start <= at < end for at in self._suspects)
        after = self._after_group
        if strong:
            self._marks = [m for m in self._marks if m >= end] if self._marks else self._marks
            self._suspects = [at for at in self._suspects if at >= end] if self._suspects else self._suspects
            self._after_group = gated
        if not (gated or after or suspect or self._excluding_list) or start == self._flagged:
            return []
        text = "".join(self._pieces)[max(0, start - self._pieces_at) : end - self._pieces_at]
        anaphora = after and not gated and bool(_THEY & set(_WORD.findall(text.lower())))
        listed = self._excluding_list and bool(text.strip()) and self._item(text.strip(), start)  # items: all read
        if not (gated or anaphora or suspect or listed) or not text.strip() or self._covered(start, end):
            return []
        try:
            rule, disowned = output_meaning.read(text, anaphora=anaphora, listed=listed)
        except Exception:  # fail closed: a sentence naming a group that cannot be read is withheld
            rule, disowned = "meaning.unreadable", False
        if rule is None and suspect and not disowned:
            rule = "phrasing.generalisation"  # a phrasing rule matched and the parse does not disown the claim
        if rule is None:
            return []
        self._flagged = start
        return [Finding("PROHIBITED_USE", start, end, 0.85, self.name, "discriminatory_content", rule)]

    def _heading_before(self, delta: str, at: int) -> bool:
        """Whether the line ending at `delta[at]` (a line break) ends with ":" (a list heading): read from
        the delta, or from the pieces before it when the break opens the delta."""
        before = delta[:at].rstrip(" \t\r")
        if not before and len(self._pieces) > 1:
            before = "".join(self._pieces[-4:-1]).rstrip(" \t\r")
        return before.endswith(":")

    def _list_state(self, start: int, end: int) -> bool:
        """After a finished line: a heading that tells the reader to exclude people opens an excluding list;
        an item or a blank line keeps it; any other line closes it."""
        line = "".join(self._pieces)[max(0, start - self._pieces_at) : end - self._pieces_at].strip()
        if line.endswith(":"):
            return output_meaning.excluding_heading(line)
        return self._excluding_list and (not line or self._item(line, start))

    def _item(self, text: str, start: int) -> bool:
        """Whether a sentence starting at `start` is (the rest of) a list item: it opens with a list mark, or
        its line began with an earlier sentence ("1." ends a sentence of its own)."""
        return text[:1] in _ITEM_MARKS or start > self._line_at

    def _covered(self, start: int, end: int) -> bool:
        """A rule already reported this sentence: no parse needed."""
        return any(s < end and start < e and lab != "offensive_content" for s, e, lab in self._reported)

    def _opens_sentence(self, at: int) -> bool:
        """Whether stream offset `at` is the first word of the unfinished sentence (only quotes or list marks
        before it): a word that opens a group phrase there ("Single ...") is held like a group word."""
        lo = self._sentence_start - self._base
        return lo >= 0 and at >= self._sentence_start and not self._buffer[lo : at - self._base].strip(_OPENING)

    def _seen(self, start: int, end: int, label: str) -> bool:
        return any(s < end and start < e and lab == label for s, e, lab in self._reported)

    @staticmethod
    def _cleared(rule: _Rule, buf: str, m: re.Match[str]) -> bool:
        if _COUNTER.search(buf, max(0, m.start() - _GUARD), m.start()):
            return True
        before = buf[max(0, m.start() - _GUARD) : m.start()]
        quotes = sum(before.count(q) for q in _QUOTES) + len(_OPEN_SINGLE.findall(before))
        if quotes % 2 == 1 and _NAMED.search(buf, m.start(), m.end() + _GUARD):
            return True  # a quoted phrase named as an insult, slur or trope: mentioned, not used
        if rule.after is None:
            return False
        return bool(rule.after.search(buf[max(0, m.start() - _GUARD) : m.end() + _GUARD]))

    def _trim(self) -> None:
        """Drop all but the last `window` characters, cutting between words so no match starts mid-word."""
        excess = len(self._buffer) - self._window
        if excess <= 0:
            return
        boundary = _NON_WORD.search(self._buffer, excess)
        cut = boundary.start() if boundary and boundary.start() < excess + _GUARD else excess
        self._buffer = self._buffer[cut:]
        self._base += cut
        self._seen_upto = max(0, self._seen_upto - cut)
        self._reported = {key for key in self._reported if key[1] > self._base}
        self._group_starts = [at for at in self._group_starts if at >= self._base]
