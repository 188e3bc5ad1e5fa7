"""Special-category data detection (UK GDPR Art. 9, and Art. 10 criminal-offence data).

A finding needs two things in one sentence: a *cue* from a per-category lexicon (a condition, a faith
practice, a union role, ...) and *evidence that the sentence is about one individual* (a pronoun, a
titled name, "the tenant"). Aggregate statistics, policy/equality text, statements about a generic person,
and category words that name an organisation ("the mental health team", "the church hall") are suppressed.

Ambiguous cues need the person in the same sentence; clear cues may also take the person from the two
sentences before (or a record header such as "Service user:"), so elliptical case-note style still counts.
Findings are record-level classifications: one per (category, sentence), span = that sentence, score =
cue strength x evidence strength. Nothing here logs or stores text.
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from detectors.base import Finding
from detectors.lexicons import special_category as lex
from detectors.lexicons import special_category_context as ctx_lex
from detectors.lexicons import special_category_shapes as shapes
from detectors.lexicons import special_category_statements as statements
from detectors.lexicons.special_category_trie import trie_alternation
from detectors.pii_vocab import NOT_NAME_WORDS
from detectors.special_category_columns import column_findings
from detectors.special_category_partner import partner_findings
from detectors.special_category_partner import warm as warm_partner_names
from detectors.special_category_person import names_household, names_row, names_subject, office_holder_owns
from detectors.text_views import glossed
from detectors.word_anchors import Anchored, AnyOf

ENTITY = "SPECIAL_CATEGORY"
CATEGORIES: tuple[str, ...] = tuple(lex.STRONG)


class _Kind(enum.Enum):
    STRONG = 0.9  # clear cue: "multiple sclerosis"
    FIELD = 0.88  # record field: "Religion: Sikh"
    SERVICE = 0.85  # a service or technology the person must use: "renal unit", "facial recognition"
    WEAK = 0.6  # ambiguous cue, person needed in the same sentence: "prescribed"


_Tables = tuple[tuple[_Kind, dict[str, tuple[str, ...]]], ...]
_PERSON_HERE, _PERSON_WEAK, _PERSON_NEAR, _FIELD_ALONE = 1.0, 0.75, 0.7, 0.75
_NEGATED = 0.4
_NEGATABLE = frozenset({lex.HEALTH, lex.GENETIC, lex.BIOMETRIC, lex.CRIMINAL, lex.UNION})
_WINDOW = 2  # sentences before a cue searched for the person it is about
_LOOKBACK = 80  # characters before a cue searched for negation, topic and indefinite-article context
_FLAGS = re.IGNORECASE | re.MULTILINE

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9])|\n\s*")


def _expand(fragment: str) -> str:
    for placeholder, (words, cased) in lex.FILLERS.items():
        if placeholder in fragment:
            alt = _alternation(words)
            fragment = fragment.replace(placeholder, f"(?-i:{alt})" if cased else f"(?:{alt})")
    return fragment


def _alternation(fragments: Iterable[str]) -> str:
    return "|".join(sorted(fragments, key=len, reverse=True))


def _bounded(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", _FLAGS)


def _compile_cues(tables: _Tables) -> tuple[re.Pattern[str], tuple[tuple[_Kind, str, re.Pattern[str]], ...]]:
    """A scanner for where any cue starts, and one pattern per (kind, category) to say which cues start there.

    The scanner is a trie-shaped alternation without groups (capture groups make sre save marks on every
    branch), so each position tries only the branches sharing its first letters."""
    every: list[str] = []
    per_category = []
    for kind, table in tables:
        for category, fragments in table.items():
            expanded = [_expand(f.removeprefix(r"\b")) for f in fragments]
            every.extend(expanded)
            per_category.append((kind, category, _bounded(_alternation(expanded))))
    return _bounded(trie_alternation(every)), tuple(per_category)


def _any(fragments: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{f})" for f in fragments), _FLAGS)


@dataclass(frozen=True, slots=True)
class _Cue:
    category: str
    kind: _Kind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    text: str


class _Context:
    """Compiled context patterns; the word-led ones are tried only at their opening words (`Anchored`)."""

    person = AnyOf(ctx_lex.PERSON, _FLAGS)
    person_first = Anchored(_any(ctx_lex.PERSON_FIRST))
    person_role = Anchored(re.compile(ctx_lex.PERSON_ROLE, _FLAGS))
    duty = Anchored(re.compile(ctx_lex.DUTY, _FLAGS))
    request = AnyOf(ctx_lex.REQUEST, _FLAGS)
    definition_after = re.compile(ctx_lex.DEFINITION_AFTER, _FLAGS)
    named_subject = re.compile(ctx_lex.NAMED_SUBJECT, _FLAGS)
    named_subject_lower = re.compile(ctx_lex.NAMED_SUBJECT_LOWER, _FLAGS)
    name_before = re.compile(ctx_lex.NAME_BEFORE, _FLAGS)
    person_weak = Anchored(_any(ctx_lex.PERSON_WEAK))
    header = AnyOf(ctx_lex.RECORD_HEADER, _FLAGS)
    aggregate = AnyOf(ctx_lex.AGGREGATE, _FLAGS)
    policy = Anchored(_any(ctx_lex.POLICY))
    generic = Anchored(_any(ctx_lex.GENERIC))
    conditional = Anchored(_any(ctx_lex.CONDITIONAL))
    public_role = Anchored(_any(ctx_lex.PUBLIC_ROLE))
    private_person = re.compile(ctx_lex.PRIVATE_PERSON, _FLAGS)
    venue_after = re.compile(ctx_lex.VENUE_AFTER, _FLAGS)
    org_after = re.compile(ctx_lex.ORG_AFTER, _FLAGS)
    topic_before = Anchored(re.compile(ctx_lex.TOPIC_BEFORE, _FLAGS))
    indefinite_before = Anchored(re.compile(ctx_lex.INDEFINITE_BEFORE, _FLAGS))
    role_after = re.compile(ctx_lex.ROLE_AFTER, _FLAGS)
    personal_use = Anchored(_any(ctx_lex.PERSONAL_USE))
    negation = Anchored(re.compile(ctx_lex.NEGATION, _FLAGS))


@functools.cache
def _compiled() -> tuple[re.Pattern[str], tuple[tuple[_Kind, str, re.Pattern[str]], ...]]:
    """Cue patterns, compiled once per process on first use (a few tenths of a second: the scanner is big)."""
    tables = ((_Kind.FIELD, lex.FIELD), (_Kind.STRONG, lex.STRONG), (_Kind.SERVICE, lex.SERVICE))
    more = ((_Kind.STRONG, statements.STRONG), (_Kind.WEAK, statements.WEAK))
    more += ((_Kind.STRONG, shapes.STRONG), (_Kind.WEAK, shapes.WEAK))
    return _compile_cues((*tables, (_Kind.WEAK, lex.WEAK), *more))


class SpecialCategoryDetector:
    """Finds statements revealing special-category (or criminal-offence) data about an individual."""

    name = "special_category"
    entities: frozenset[str] = frozenset({ENTITY})

    def __init__(self, min_score: float = 0.5) -> None:
        self.min_score = min_score
        _compiled()  # pay the compile cost at construction (worker start), not on the first request
        warm_partner_names()

    def detect(self, text: str) -> list[Finding]:
        found = self._detect(text)
        have = {f.label for f in found}
        found += [f for f in column_findings(text, self.name + ".column") if f.label not in have]
        found += [f for f in partner_findings(text, self.name + ".partner") if f.label not in have]
        view = glossed(text)  # Welsh (and French) read through a word-by-word English gloss
        if view is not None:
            have = {f.label for f in found}
            for f in self._detect(view.text):
                if f.label not in have:
                    start, end = view.to_original(f.start, f.end)
                    found.append(Finding(f.entity, start, end, f.score, f.detector, f.label))
                    have.add(f.label)
        return found

    def _detect(self, text: str) -> list[Finding]:
        doc = _Document(text)
        best: dict[tuple[int, str], float] = {}
        for cue in _cues(text):
            idx = doc.sentence_at(cue.start)
            key = (idx, cue.category)
            if idx < 0 or best.get(key, 0.0) >= cue.kind.value:
                continue  # nothing to gain: one finding per (sentence, category)
            score = cue.kind.value * doc.evidence(idx, cue)
            if score >= self.min_score and score > best.get(key, 0.0):
                best[key] = score
        return [
            Finding(
                ENTITY, doc.sentences[i].start, doc.sentences[i].end, round(score, 3), self.name, category
            )
            for (i, category), score in sorted(best.items())
        ]


def _cues(text: str) -> Iterator[_Cue]:
    """Every cue, also those starting inside an earlier, longer cue ("his union rep" and "union rep")."""
    scanner, cue_patterns = _compiled()
    found = scanner.search(text)
    while found is not None:
        start = found.start()
        for kind, category, pattern in cue_patterns:
            m = pattern.match(text, start)
            if m is not None:
                yield _Cue(category, kind, start, m.end())
        found = scanner.search(text, start + 1)


def _split(text: str) -> list[_Sentence]:
    sentences, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            sentences.append(_Sentence(pos, m.start(), text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        sentences.append(_Sentence(pos, len(text), text[pos:]))
    return sentences


class _Facts:
    """What a sentence says about who it concerns; each fact computed once, and only when a cue asks for it."""

    def __init__(self, sent: _Sentence, text: str) -> None:
        self._sent, self._text = sent, text

    @functools.cached_property
    def blocked(self) -> bool:  # aggregate statistics or a generic/hypothetical person
        t = self._sent.text
        return bool(_Context.aggregate.search(t) or _Context.generic.search(t))

    @functools.cached_property
    def person(self) -> float:  # names one individual: 1, or less for the writer of a request ("can you help me")
        return _names_person(self._sent, self._text)

    @functools.cached_property
    def policy(self) -> bool:
        return _Context.policy.search(self._sent.text) is not None

    @functools.cached_property
    def addressed(self) -> bool:  # "you" / singular "they"
        return _Context.person_weak.search(self._sent.text) is not None

    @functools.cached_property
    def in_use(self) -> bool:  # a verb of using a service: "attends", "known to", "enrolled"
        return _Context.personal_use.search(self._sent.text) is not None

    @functools.cached_property
    def public_role(self) -> bool:
        return _Context.public_role.search(self._sent.text) is not None

    @functools.cached_property
    def defines(self) -> bool:  # opens with a cue as subject: "Dementia is ..."
        return _defines(self._sent, self._text)


class _Document:
    """One text: its sentences, per-sentence facts (cached, so cost stays linear in cues), evidence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._facts: dict[int, _Facts] = {}

    @functools.cached_property
    def sentences(self) -> list[_Sentence]:  # split only once a cue is found: most texts have none
        return _split(self.text)

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos) - 1

    def facts(self, idx: int) -> _Facts:
        if idx not in self._facts:
            self._facts[idx] = _Facts(self.sentences[idx], self.text)
        return self._facts[idx]

    def evidence(self, idx: int, cue: _Cue) -> float:
        """How strongly the cue's sentence is about one individual (0 = not at all)."""
        facts = self.facts(idx)
        if facts.blocked or _cue_suppressed(self.text, self.sentences[idx], cue, facts):
            return 0.0
        needs_use = cue.kind is _Kind.SERVICE or _Context.org_after.match(self.text, cue.end) is not None
        if needs_use and not (facts.person and facts.in_use):
            return 0.0
        weight = facts.person or self._indirect(idx, cue, facts)
        if (
            weight
            and cue.category in _NEGATABLE
            and _Context.negation.search(self.text, *_before(self, idx, cue))
        ):
            weight *= _NEGATED
        return weight

    def _indirect(self, idx: int, cue: _Cue, facts: _Facts) -> float:
        """Evidence when the sentence names no one: a record field, "you"/"they", or a person just before."""
        if facts.policy:
            return 0.0
        if cue.kind is _Kind.FIELD:
            return _FIELD_ALONE
        if facts.addressed:
            return _PERSON_WEAK
        if cue.kind is _Kind.STRONG and not facts.defines and self._person_near(idx, cue):
            return _PERSON_NEAR
        return 0.0

    def _person_near(self, idx: int, cue: _Cue) -> bool:
        """A full name right before the cue, a person in the sentences before, or a record header."""
        if _Context.name_before.search(self.text, *_before(self, idx, cue)):
            return True
        window = range(max(0, idx - _WINDOW), idx)
        if any(self.facts(i).person or _Context.header.search(self.sentences[i].text) for i in window):
            return True
        # a heading ending in a colon is about the people listed under it ("New members of ...:\n- ...")
        if not self.sentences[idx].text.rstrip().endswith(":"):
            return False
        return any(self.facts(i).person for i in range(idx + 1, min(len(self.sentences), idx + 1 + _WINDOW)))


def _before(doc: _Document, idx: int, cue: _Cue) -> tuple[int, int]:
    """The bounded stretch of the cue's sentence just before the cue, for look-behind context patterns."""
    return max(doc.sentences[idx].start, cue.start - _LOOKBACK), cue.start


def _names_person(sent: _Sentence, text: str) -> float:
    """A person in the sentence (1.0). The writer ("I", "my") counts less in a request to the assistant and
    not at all in policy text; a capitalised sentence subject must not be a cue itself ("Diabetes is")."""
    if _Context.person.search(sent.text):
        return _PERSON_HERE
    if _Context.person_role.search(sent.text) and not (
        _Context.duty.search(sent.text) or _Context.policy.search(sent.text)
    ):
        return _PERSON_HERE
    if _Context.person_first.search(sent.text) and not _Context.policy.search(sent.text):
        return _PERSON_WEAK if _Context.request.search(sent.text) else _PERSON_HERE
    m = _Context.named_subject.match(sent.text) or _lower_name_subject(sent.text)
    if m is None:
        found = names_subject(sent.text) or names_household(sent.text) or names_row(sent.text)
        return _PERSON_HERE if found else 0.0
    cue = _compiled()[0].match(text, sent.start + m.start(1))
    # a frame like "Amira is Black British" starts with the name; "Diabetes is ..." is the cue itself
    return _PERSON_HERE if cue is None or cue.end() > sent.start + m.end(1) else 0.0


def _lower_name_subject(sentence: str) -> re.Match[str] | None:
    """A lower-cased full name as the subject ("joan price has ..."), neither word a common word."""
    m = _Context.named_subject_lower.match(sentence)
    if m is None or any(w in STOP_WORDS or w in NOT_NAME_WORDS or w in _NOT_PERSON for w in m.group(1).split()):
        return None
    return m


_NOT_PERSON = frozenset(
    "staff member patient client tenant resident person people child user applicant family household case"
    " condition illness diagnosis history record note file form report letter result test treatment plan".split()
)


def _cue_suppressed(text: str, sent: _Sentence, cue: _Cue, facts: _Facts) -> bool:
    """A venue, topic or hypothetical person rather than a trait, or a public office holder's politics."""
    lo = max(sent.start, cue.start - _LOOKBACK)
    if _Context.venue_after.match(text, cue.end) or _Context.topic_before.search(text, lo, cue.start):
        return True
    if _Context.conditional.search(text, sent.start, cue.start):
        return True  # "if you have asthma, ...": a hypothetical person; a condition clause after the cue is not
    if _Context.indefinite_before.search(text, lo, cue.start) and _Context.role_after.match(text, cue.end):
        return True
    return cue.category == lex.POLITICAL and facts.public_role and office_holder_owns(
        text, (sent.start, cue.start, cue.end), _Context.public_role.pattern, _Context.private_person
    )


def _defines(sent: _Sentence, text: str) -> bool:
    """The sentence opens with a cue as its subject: a general statement ("Dementia is a ... condition")."""
    lead = len(sent.text) - len(sent.text.lstrip(" \t-*\u2022"))
    m = _compiled()[0].match(text, sent.start + lead)
    return m is not None and _Context.definition_after.match(text, m.end()) is not None
