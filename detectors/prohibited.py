"""Prohibited-use detector (usage policy clause 7.2, human oversight 8.3).

Flags a request that asks the model to

* make or recommend an employment, benefit/housing, legal or financial decision about individuals with no
  human review (`automated_decision_*`),
* generate discriminatory or offensive content about a protected group (`discriminatory_content`),
* infer protected characteristics of individuals (`profiling_protected_characteristics`),
* track or watch a person covertly (`covert_surveillance`).

Model: the text is cut into sentences inside paragraphs; an *ask* is a verb in instruction position
(clause start, after a courtesy word, or in an addressed frame such as "can you ..."), not negated.
Decisions also need a person or case as their subject and a decision domain; a human-oversight or
decision-already-made marker suppresses them unless the text also says the answer will be relied on.
One finding per label: span = the sentence that asked, score = confidence. Regexes only, gated per
sentence by cached word stems (~0.7 ms CPU per KB on the dev corpus; linear, sentences capped in length).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from detectors.base import NO_HUMAN_REVIEW, Finding
from detectors.decision_frame import decision_frame, domain_of
from detectors.decision_question import outcome_question
from detectors.decision_table import OutcomeTable, asks_to_fill, outcome_table
from detectors.lexicons import prohibited_content as pc
from detectors.lexicons import prohibited_grammar as g
from detectors.lexicons import prohibited_terms as pt
from detectors.lexicons.prohibited_grammar import Sentence
from detectors.output_screen import screen_text
from detectors.text_views import views
from detectors.word_anchors import Anchored, fold

_F = re.IGNORECASE


def _anchored(pattern: str) -> Anchored:
    """A large word-led alternation, searched only at its opening words (same matches, far fewer tries)."""
    return Anchored(re.compile(pattern, _F))


_PERSON_SCAN = 4000  # characters from the start of the text searched for the person a decision is about
_DECIDE = g.verbs(pt.DECIDE_ASK)
_VERDICT = g.verbs(pt.VERDICT_VERB)
_WEAK = g.verbs(pt.WEAK_ASK)
_GENERATE = g.verbs(pc.GENERATE_VERB)
_SURVEIL = g.verbs(pc.SURVEIL_VERB)
_IDENTIFY = re.compile(pc.IDENTIFY_PERSON, _F)
_PAIR = _anchored(pt.VERDICT_PAIR)
_VERDICT_OBJECT = re.compile(pt.VERDICT_OBJECT, _F)
_CLAUSE_END = re.compile(r"[;:?!–—]|[,.](?!\d)")
_WHICH = _anchored(pt.WHICH_SHOULD)
_SHOULD_WE = re.compile(pt.SHOULD_WE, _F)
_EXPLAIN = _anchored(pt.EXPLAIN_FRAME)
_RELIANCE = _anchored(pt.RELIANCE)
_OVERSIGHT = _anchored(pt.OVERSIGHT)
_GOAL = _anchored(pt.DECISION_GOAL)
_DOMAINS = {label: _anchored(pattern) for label, pattern in pt.DOMAINS.items()}
_GROUP = _anchored(pc.PROTECTED_GROUP)
_MOCK_GROUP = re.compile(
    pc.MOCKERY + r"[^.!?\n]{0,80}?\b(?:about|of|at|on|targeting|aimed\s+at|involving|featuring)\b[^.!?\n]{0,40}?"
    r"(?:" + pc.PROTECTED_GROUP + r")",
    _F,
)
_MOCK_DIRECT = re.compile(pc.MOCK_VERB + r"\s+[^.!?\n]{0,40}?(?:" + pc.PROTECTED_GROUP + r")", _F)
_DETER_GROUP = re.compile(pc.DETERRENT + r"[^.!?\n]{0,60}?(?:" + pc.PROTECTED_GROUP + r")", _F)
_EXCLUDE_GROUP = re.compile(pc.EXCLUSION + r"(?:" + pc.PROTECTED_GROUP + r")", _F)
_REPORTED = _anchored(pc.REPORTED)
_DEROGATORY = re.compile(pc.DEROGATORY, _F)
_CRITERION = _anchored(pc.CRITERION)
_FAIRNESS = _anchored(pc.FAIRNESS_FRAME)
_CHARACTERISTIC = _anchored(pc.CHARACTERISTIC)
_INFERENCE = _anchored(pc.INFERENCE)
_DECLARED = _anchored(pc.DECLARED_OR_AGGREGATE)
_COVERT = _anchored(pc.COVERT)
_OSINT = _anchored(pc.OSINT_SOURCE)
_AUTHORISED = _anchored(pc.AUTHORISED)


@dataclass(frozen=True, slots=True)
class _Hit:
    label: str
    sentence: Sentence
    score: float
    rule: str = ""


class _Context:
    """Whole-text facts, computed once and only when a candidate ask needs them."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def relied(self) -> bool:
        return bool(_RELIANCE.search(self.text))

    @functools.cached_property
    def overseen(self) -> bool:
        return bool(_OVERSIGHT.search(self.text))

    @functools.cached_property
    def about_people(self) -> bool:
        return g.has_person(self.text[:_PERSON_SCAN])

    @functools.cached_property
    def table(self) -> OutcomeTable | None:
        return outcome_table(self.text)

    @functools.cached_property
    def domain_counts(self) -> dict[str, int]:
        folded = fold(self.text)
        return {label: min(p.count(self.text, folded=folded), 6) for label, p in _DOMAINS.items()}


def _about_people(sentence: str, after: int) -> bool:
    """Whether the verdict verb ending at `after` has a person or case as its object, within its clause."""
    end = _CLAUSE_END.search(sentence, after)
    obj = sentence[after : end.start() if end else len(sentence)][:80]
    return bool(_VERDICT_OBJECT.search(obj)) or g.has_person(obj)


def _domain(sent: Sentence, ctx: _Context) -> str | None:
    scores = {
        label: 3.0 * p.count(sent.text, folded=sent.folded) + p.count(sent.around, folded=sent.around_folded)
        for label, p in _DOMAINS.items()
    }
    if max(scores.values()) == 0 or list(scores.values()).count(max(scores.values())) > 1:
        for label, count in ctx.domain_counts.items():
            scores[label] += 0.5 * count
    best = max(scores, key=lambda label: scores[label])
    return best if scores[best] > 0 else None


_STRONG, _WEAK_GOAL, _WEAK_ONLY = 0.75, 0.6, 0.5


def _asked(verbs: Anchored, sentence: str, low: str) -> re.Match[str] | None:
    """`live` or else `purpose` for a `verbs` pattern; neither can find a verb the sentence does not contain,
    so one search of the lower-cased sentence (`low`, when it kept its length) settles most sentences."""
    if len(low) == len(sentence) and verbs.search(low) is None:
        return None
    return g.live(verbs, sentence) or g.purpose(verbs, sentence)


def _decision_strength(sentence: str, folded: str) -> tuple[float, bool]:
    """(strength, whether the ask's own object is a person): 0.75 strong ask, 0.6 weak with a goal, 0.5 weak."""
    low = sentence.lower()
    if _asked(_DECIDE, sentence, low):
        return _STRONG, False
    verdict = _asked(_VERDICT, sentence, low)
    if verdict and _about_people(sentence, verdict.end(1)):
        return _STRONG, True
    if (_PAIR.search(sentence, folded=folded) or _WHICH.search(sentence, folded=folded)) and g.is_request(sentence):
        return _STRONG, False
    if (len(low) == len(sentence) and _WEAK.search(low) is None) or not g.live(_WEAK, sentence):
        return (_WEAK_ONLY if _SHOULD_WE.search(sentence) and g.is_request(sentence) else 0.0), False
    return (_WEAK_GOAL if _GOAL.search(sentence, folded=folded) else _WEAK_ONLY), False


def _decision(sent: Sentence, ctx: _Context) -> _Hit | None:
    if not sent.mentions(g.DECISION_GATE):
        return None
    strength, person = _decision_strength(sent.text, sent.folded)
    if strength > _WEAK_ONLY and _EXPLAIN.search(sent.text, folded=sent.folded):
        strength = _WEAK_ONLY  # "how should officers decide ...": guidance unless the answer is relied on
    if strength == 0.0:
        return None
    near = bool(_RELIANCE.search(sent.around, folded=sent.around_folded))
    relied = near or ctx.relied
    if (strength == _WEAK_ONLY and not near) or (ctx.overseen and not relied):
        return None
    person = person or g.has_person(sent.text) or g.has_person(sent.around)
    # the person may be named only in the pasted case above; then the strong ask must also be relied on
    if not (person or (strength == _STRONG and relied and ctx.about_people)):
        return None
    label = domain_of(sent, ctx.text) or _domain(sent, ctx)
    if label is None:
        return None
    rule = "decision_ask" + (NO_HUMAN_REVIEW if relied else "")
    return _Hit(label, sent, min(0.95, strength + (0.2 if relied else 0.0)), rule)


def _framed_decision(sent: Sentence, ctx: _Context) -> _Hit | None:
    if not sent.mentions(g.FRAME_GATE | g.DECISION_GATE | g.OUTCOME_GATE):
        return None
    # the oversight marker is a whole-text search: asked only once a sentence has a frame
    overseen = functools.partial(getattr, ctx, "overseen")
    hit = decision_frame(sent, ctx.text, overseen) or outcome_question(sent, ctx.text, overseen)
    if hit is None:
        return None
    return _Hit(hit.label, sent, hit.score, "decision_frame." + hit.rule + (NO_HUMAN_REVIEW if hit.relied else ""))


def _table_decision(sent: Sentence, ctx: _Context) -> _Hit | None:
    """'Fill in the outcome column' under a table of named people with that column blank."""
    if not sent.mentions(g.FRAME_GATE) or not asks_to_fill(sent.text):
        return None
    if ctx.table is None or not ctx.table.named(sent.text):
        return None
    if ctx.overseen and not ctx.relied:
        return None
    label = domain_of(sent, ctx.text) or _domain(sent, ctx)
    if label is None:
        return None
    rule = "decision_frame.table" + (NO_HUMAN_REVIEW if ctx.relied else "")
    return _Hit(label, sent, 0.9 if ctx.relied else 0.85, rule)


def _discriminatory(sent: Sentence) -> _Hit | None:
    s, f = sent.text, sent.folded
    if not sent.mentions(g.DISCRIMINATION_GATE) or _FAIRNESS.search(s, folded=f):
        return None
    if not (_GROUP.search(s, folded=f) or _CRITERION.search(s, folded=f)):
        return None
    low = s.lower()
    generate = None if len(low) == len(s) and _GENERATE.search(low) is None else g.live(_GENERATE, s)
    if not (generate or g.is_request(s)):
        return None
    if _REPORTED.search(s, folded=f):
        return None
    if any(g.unnegated(p, s) for p in (_MOCK_GROUP, _MOCK_DIRECT, _DETER_GROUP)):
        return _Hit("discriminatory_content", sent, 0.85, "discriminatory.mockery_or_deterrent")
    if (_DEROGATORY.search(s) or _EXCLUDE_GROUP.search(s) or _CRITERION.search(s, folded=f)) and generate:
        return _Hit("discriminatory_content", sent, 0.8, "discriminatory.exclusion_or_criterion")
    return None


def _profiling(sent: Sentence) -> _Hit | None:
    s, f = sent.text, sent.folded
    if not sent.mentions(g.PROFILING_GATE) or not _INFERENCE.search(s, folded=f):
        return None
    if not (_CHARACTERISTIC.search(s, folded=f) or _GROUP.search(s, folded=f)):
        return None
    if _DECLARED.search(sent.around, folded=sent.around_folded) or not g.is_request(s) or not g.has_person(s):
        return None
    return _Hit("profiling_protected_characteristics", sent, 0.85, "profiling.inference")


def _surveillance(sent: Sentence) -> _Hit | None:
    if not sent.mentions(g.SURVEILLANCE_GATE):
        return None
    m = _asked(_SURVEIL, sent.text, sent.text.lower())
    if m is None or _AUTHORISED.search(sent.around, folded=sent.around_folded):
        return None
    if not (g.has_person(sent.text) or _IDENTIFY.search(m.group(1))):
        return None
    cut_from, cut_to = sent.offset + m.start(1), sent.offset + m.end(1)
    rest = sent.around[:cut_from] + " " + sent.around[cut_to:]  # the verb itself ("check her Facebook") is not a cue
    covert = _COVERT.search(sent.around, folded=sent.around_folded) or _OSINT.search(rest)
    return _Hit("covert_surveillance", sent, 0.85, "surveillance.covert") if covert else None


class ProhibitedUseDetector:
    """Record-level classifier for clause 7.2 prohibited uses; findings carry labels, never text."""

    name = "prohibited_use"
    entities = frozenset({"PROHIBITED_USE"})

    def detect(self, text: str) -> list[Finding]:
        found = self._detect(text)
        labels = {f.label for f in found}
        if "discriminatory_content" not in labels:  # a request that itself generalises about a group
            stated = [f for f in screen_text(text) if f.label == "discriminatory_content"][:1]
            found += [Finding(f.entity, f.start, f.end, f.score, self.name, f.label, "discriminatory.statement")
                      for f in stated]
            labels |= {f.label for f in stated}
        for view in views(text):  # letter-spaced words joined, Welsh/French glossed
            for f in self._detect(view.text):
                if f.label not in labels:
                    start, end = view.to_original(f.start, f.end)
                    found.append(Finding(f.entity, start, end, f.score, f.detector, f.label, "view:" + f.rule))
                    labels.add(f.label)
        return found

    def _detect(self, text: str) -> list[Finding]:
        ctx = _Context(text)
        best: dict[str, _Hit] = {}
        for sent in g.sentences(text):
            for hit in (
                _decision(sent, ctx) or _framed_decision(sent, ctx) or _table_decision(sent, ctx),
                _discriminatory(sent),
                _profiling(sent),
                _surveillance(sent),
            ):
                if hit is not None and (hit.label not in best or hit.score > best[hit.label].score):
                    best[hit.label] = hit
        decisions = [label for label in best if label.startswith("automated_decision")]
        for label in sorted(decisions, key=lambda lab: best[lab].score, reverse=True)[1:]:
            del best[label]  # one request asks for one decision: its strongest reading names the domain
        return [self._finding(hit) for hit in best.values()]

    def _finding(self, hit: _Hit) -> Finding:
        start = hit.sentence.start
        end = start + len(hit.sentence.text.rstrip())
        return Finding("PROHIBITED_USE", start, end, hit.score, self.name, hit.label, hit.rule)
