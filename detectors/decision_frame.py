"""Decision requests by structure (clause 7.2): the model asked to *produce* the decision about a person.

A sentence is a prohibited decision request when three things hold, whatever the wording:

1. a *frame* that makes the model's answer the decision itself --
   `choice`   two outcomes offered as alternatives ("keep or exit", "(terminate / retain)", "guilty or not"),
   `verdict`  a verdict handed over ("give me the final ruling", "Outcome?", "output the decision"),
   `role`     the model cast as the deciding body ("act as the appeals panel") and asked for its outcome,
   `delegate` the call handed over ("you decide", "your call", "up to you"),
   `forced`   a forced short answer naming an outcome ("reply only DISMISS or RETAIN", "one word"),
   `select`   picking the person or the option ("pick who we appoint", "just tell me which"),
   `which`    the classification that is the decision ("Which band should they get?"),
   `labels`   two answer labels in capitals, one an outcome ("mark the licence SUSPENDED or RENEWED"),
   `score`    a score or rank asked for when the resource goes by it ("score her 0-10; top score gets it");
2. an identifiable individual (a name, a pseudonym such as <PERSON_1>, a described person or a pronoun);
3. a consequential domain, from the outcome words in the sentence first and then the words around it.

Decision support (criteria, options, templates, a letter about a decision a person made) and decisions a
named human body makes are not frames. Pure functions over one `Sentence`; no text is kept.

Regular expressions over the sentence structure, not the spaCy parse: the engine loads spaCy with its
NER pipe only (the parser would cost several ms per KB), and these frames need only clause positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from detectors.lexicons import decision_outcomes as do
from detectors.lexicons import prohibited_grammar as g
from detectors.lexicons import prohibited_terms as pt
from detectors.lexicons.prohibited_grammar import Sentence
from detectors.special_category_person import names_anyone
from detectors.word_anchors import Anchored, fold

_F = re.IGNORECASE
_ANY_OUTCOME = r"(?:" + "|".join([*do.OUTCOMES.values(), do.GENERIC_OUTCOMES]) + r")"
_OBJ = (  # what the first outcome acts on ("keep the tenancy", "stay in post"): a few words, never a clause
    r"(?:\s+(?!or\b|and\b|but\b)[\w'’-]+){0,3}?"
)
_SUBJ = (  # the second outcome as its own question: "... or is she out", "... or does he lose it"
    r"(?:(?:is|are|does|do|should|will|would|can|could|shall)\s+(?:he|she|they|it|we|the\s+\w+|[A-Z]\w+)\s+"
    r"(?:be\s+|get\s+)?)?"
)
_CHOICE = Anchored(re.compile(
    r"(?<![\w-])(" + _ANY_OUTCOME + r")" + _OBJ + r"\s*,?\s*(?:\bor\b|/|\||\bvs\.?|\bversus\b)\s*(not\s+|to\s+)?"
    + _SUBJ + r"(" + _ANY_OUTCOME + r")(?![\w-])",
    _F,
))
_STRONG_EMPLOYMENT = re.compile(
    r"(?<![\w-])(?:" + do.OUTCOMES["automated_decision_employment"].replace("|stay|leave|go", "") + r")(?![\w-])", _F
)
_DOMAIN_ANY = Anchored(re.compile(r"(?<![\w-])(?:" + "|".join(do.OUTCOMES.values()) + r")(?![\w-])", _F))
_GENERIC = re.compile(r"^(?:" + do.GENERIC_OUTCOMES + r")$", _F)
_DOMAIN_OUTCOME = {
    label: Anchored(re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])", _F)) for label, p in do.OUTCOMES.items()
}
_VERDICT = Anchored(re.compile(
    r"\b(?:" + do.HAND_OVER + r")\s+(?:(?:me|us)\s+)?(?:(?:the|a|an|your|its|their)\s+)?(?:(?:final|overall|binding"
    r"|formal|firm|clear)\s+)?(?:[\w-]+\s+){0,2}?(?:" + do.VERDICT_NOUN + r")\b(?!\s*(?:letter|e-?mail|notice|section"
    r"|field|template|summary|box|form|process|procedure|meeting|hearing\s+date))",
    _F,
))
_BARE_VERDICT = re.compile(
    r"(?:^|[.;:!?)]\s*)\W*(?:verdict|outcome|ruling|decision|determination)\s*(?:please\s*|now\s*|needed\s*)?"
    r"(?:\?|:\s*(?:$|[(\[_]))",
    _F,
)
_ROLE = re.compile(do.ROLE_PLAY, _F | re.MULTILINE)
_ONLY_VERDICT = Anchored(re.compile(do.ONLY_VERDICT, _F))
_VERDICT_WORD = re.compile(r"\b(?:verdict|ruling|outcome|determination)\b", _F)
_DELEGATE = Anchored(re.compile(do.DELEGATE, _F))
_FORCED = Anchored(re.compile(do.FORCED_ANSWER + r"[^.!?\n]{0,50}?(?<![\w-])" + _ANY_OUTCOME + r"(?![\w-])", _F))
_FORCED_WORDS = Anchored(re.compile(do.FORCED_ANSWER, _F))
_SELECT = Anchored(re.compile(do.SELECT, _F))
_WHICH_CLASS = Anchored(re.compile(do.WHICH_CLASS, _F))
_OR_OUTCOMES = Anchored(re.compile(
    r"(?<![\w-])" + _ANY_OUTCOME + r"(?![\w-])[^.!?\n]{0,60}\bor\b[^.!?\n]{0,40}?(?<![\w-])" + _ANY_OUTCOME, _F
))
_LABEL_PAIR = re.compile(do.LABEL_PAIR)
_OUTCOME_WORD = re.compile(r"(?:" + _ANY_OUTCOME + r")(?:e?d|s)?", _F)
_WHETHER = Anchored(re.compile(do.WHETHER_ASK, _F))
_SCORE_ASK = g.verbs(do.SCORE_ASK)
_BY_SCORE = Anchored(re.compile(do.BY_SCORE, _F))
_RECORD_PERSON = re.compile(do.RECORD_PERSON, _F)
_VERDICT_QUESTION = Anchored(re.compile(do.VERDICT_QUESTION, _F))
_SUPPORT = Anchored(re.compile(do.SUPPORT, _F))
_THIRD_PARTY = Anchored(re.compile(do.THIRD_PARTY, _F))
_PLACEHOLDER = Anchored(re.compile(do.PLACEHOLDER, _F))
_DESCRIBED = Anchored(re.compile(do.DESCRIBED_CASE, _F))
_ROLE_NOUN = re.compile(do.ROLE_NOUN)
_RELIANCE = Anchored(re.compile(pt.RELIANCE, _F))
_BARE_ROLE = re.compile(do.BARE_ROLE_SUBJECT, _F)
_SPACED = str.maketrans({"_": " ", '"': " "})  # JSON keys and quoted values read as words: "hardship_grant"
_CONSEQUENCE = {
    label: Anchored(re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])", _F)) for label, p in do.CONSEQUENCES.items()
}
_DOMAINS = {label: Anchored(re.compile(pattern, _F)) for label, pattern in pt.DOMAINS.items()}
_DEMAND = Anchored(re.compile(
    r"\b(?:" + do.VERDICT_NOUN + r"|decide|determine|rule\s+on|which|who|whether|state|give|tell|output|say"
    r"|choose|pick|rank|score)\b",
    _F,
))


_NEGATION = re.compile(pt.NEGATION, _F)
_ASKED_AFTER_COLON = re.compile(r"(?:^|[:?])\s*\W?\s*\Z|:[^.?!:]{0,40}\Z")  # "Outcome: keep / exit"


@dataclass(frozen=True, slots=True)
class FrameHit:
    label: str
    rule: str
    score: float
    relied: bool  # the text says the answer will be acted on with no person reviewing it


def _choice(sent: Sentence) -> bool:
    s, f = sent.text, sent.folded
    for m in _CHOICE.finditer(s, folded=f):
        a, b = m.group(1), m.group(3)
        if (a.lower() == b.lower() and not m.group(2)) or _negated_at(s, m.start()):
            continue
        if _THIRD_PARTY.search(s, 0, m.start(), folded=f):
            continue
        generic = bool(_GENERIC.match(a) and _GENERIC.match(b))
        asked = (
            s.rstrip().endswith("?")
            or bool(_FORCED_WORDS.search(s, folded=f))
            or "(" in s[max(0, m.start() - 3) : m.start()]
        )
        asked = asked or bool(_ASKED_AFTER_COLON.search(s[: m.start()]))
        asked = asked or bool(_WHETHER.search(s, 0, m.start(), folded=f))
        if generic and not asked:
            continue
        if asked or g.is_request(s):
            return True
    return False


def _labels(sent: Sentence) -> bool:
    """Two capitalised answer labels, one of them an outcome, offered for the model to print."""
    s = sent.text
    for m in _LABEL_PAIR.finditer(s):
        if not any(_OUTCOME_WORD.fullmatch(w) for w in m.groups()) or _negated_at(s, m.start()):
            continue
        if g.is_request(s) or _WHETHER.search(s, 0, m.start(), folded=sent.folded) or "?" in s[m.end() : m.end() + 3]:
            return True
    return False


def _score(sent: Sentence) -> bool:
    """A score or rank asked for, when the text says the resource is handed out by it."""
    return bool(g.live(_SCORE_ASK, sent.text)) and bool(_BY_SCORE.search(sent.around, folded=sent.around_folded))


def _negated_at(s: str, at: int) -> bool:
    return bool(_NEGATION.search(s[max(0, at - 30) : at]))


_BARE_WORDS = ("verdict", "outcome", "ruling", "decision", "determination")  # one must occur for _BARE_VERDICT


def _verdict(sent: Sentence) -> bool:
    s, f = sent.text, sent.folded
    m = _VERDICT.search(s, folded=f)
    if m and not _negated_at(s, m.start()) and not _THIRD_PARTY.search(s, 0, m.start(), folded=f):
        return True
    if any(w in f for w in _BARE_WORDS) and _BARE_VERDICT.search(s):
        return True
    return bool(_ONLY_VERDICT.search(s, folded=f))


def _select(sent: Sentence) -> bool:
    """'Pick who we appoint', 'just tell me which' after the alternatives: the model makes the choice."""
    m = _SELECT.search(sent.text, folded=sent.folded)
    if m is None or _negated_at(sent.text, m.start()):
        return False
    if _DOMAIN_ANY.search(sent.text[m.end() :]):
        return True
    return bool(_OR_OUTCOMES.search(sent.around, folded=sent.around_folded))


def _which_class(sent: Sentence) -> bool:
    m = _WHICH_CLASS.search(sent.text, folded=sent.folded)
    return m is not None and not _THIRD_PARTY.search(sent.text, 0, m.start(), folded=sent.folded)


def _role(sent: Sentence) -> bool:
    if not _ROLE.search(sent.text):
        return False
    around, folded = sent.around, sent.around_folded
    return bool(_DEMAND.search(around, folded=folded) or _OR_OUTCOMES.search(around, folded=folded))


def _delegate(sent: Sentence) -> bool:
    m = _DELEGATE.search(sent.text, folded=sent.folded)
    return m is not None and not _negated_at(sent.text, m.start())


def _forced(sent: Sentence) -> bool:
    if _FORCED.search(sent.text, folded=sent.folded):
        return True
    if not _VERDICT_QUESTION.search(sent.text, folded=sent.folded):
        return False
    return bool(_FORCED_WORDS.search(sent.around, folded=sent.around_folded))


_FRAMES: tuple[tuple[str, Callable[[Sentence], bool]], ...] = (
    ("choice", _choice),
    ("delegate", _delegate),
    ("forced", _forced),
    ("role", _role),
    ("verdict", _verdict),
    ("select", _select),
    ("which", _which_class),
    ("labels", _labels),
    ("score", _score),
)


def _frame(sent: Sentence) -> str | None:
    for rule, test in _FRAMES:
        if test(sent):
            return rule
    return None


def person_in(sent: Sentence, whole: str) -> bool:
    """Whether the decision is about an identifiable individual: named in any case, pseudonymised, described
    ("household of four", "tenant is ..."), a pronoun, or a record naming them in the text."""
    if _person(sent, whole) or _BARE_ROLE.search(sent.around):
        return True
    return names_anyone(sent.around)


def _person(sent: Sentence, whole: str) -> bool:
    if _PLACEHOLDER.search(sent.around) or g.has_person(sent.text) or g.has_person(sent.around):
        return True
    if _DESCRIBED.search(sent.around) or _ROLE_NOUN.search(sent.around):
        return True
    head = whole[:4000]
    return bool(_PLACEHOLDER.search(head) or _RECORD_PERSON.search(head)) or g.has_person(head)


def domain_of(sent: Sentence, whole: str) -> str | None:
    """The decision's domain: its outcome words first, then the domain words near it and in the text."""
    text, around, head = sent.text.translate(_SPACED), sent.around.translate(_SPACED), whole[:4000]
    folds = {"text": (text, fold(text)), "around": (around, fold(around)), "head": (head, fold(head))}

    def count(pattern: Anchored, where: str) -> int:
        return pattern.count(folds[where][0], folded=folds[where][1])

    scores: dict[str, float] = {}
    for label in _DOMAINS:
        scores[label] = (
            5.0 * count(_CONSEQUENCE[label], "text")
            + 1.5 * count(_CONSEQUENCE[label], "around")
            + 4.0 * count(_DOMAIN_OUTCOME[label], "text")
            + 1.0 * count(_DOMAIN_OUTCOME[label], "around")
            + 3.0 * count(_DOMAINS[label], "text")
            + 1.0 * count(_DOMAINS[label], "around")
            + 0.5 * min(6, count(_DOMAINS[label], "head"))
        )
    best = max(scores, key=lambda label: scores[label])
    if scores[best] <= 0:
        return None
    # "stay" / "leave" / "go" alone are not enough to call employment: they need a domain word too
    if best == "automated_decision_employment" and not (
        _DOMAINS[best].search(around + head)
        or _STRONG_EMPLOYMENT.search(text)
        or _VERDICT_WORD.search(text)
    ):
        return None
    return best


def decision_frame(sent: Sentence, whole: str, overseen: Callable[[], bool]) -> FrameHit | None:
    """A prohibited decision request by structure in this sentence, or None. `overseen()` says whether the
    text declares human oversight (asked only when a frame is found: it searches the whole text)."""
    if not sent.mentions(g.FRAME_GATE | g.DECISION_GATE):
        return None
    rule = _frame(sent)
    if rule is None:
        return None
    relied = bool(_RELIANCE.search(sent.around))
    if _SUPPORT.search(sent.around) and not relied and rule not in ("delegate", "forced", "role"):
        return None
    if not relied and rule in ("verdict", "choice") and overseen():
        return None
    if not person_in(sent, whole):
        return None
    label = domain_of(sent, whole)
    if label is None:
        return None
    relied = relied or bool(_RELIANCE.search(whole[:4000]))
    return FrameHit(label, rule, 0.9 if relied else 0.85, relied)
