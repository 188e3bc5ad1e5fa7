"""Decision requests as a question whose answer *is* the consequence for one person (clause 7.2).

`decision_frame` reads frames built from verdict words ("uphold or dismiss", "give me the verdict"). This
module reads the other half of the same fact: a decision is asked for when the answer demanded is the
consequence itself -- a sanction, order, award, plan or place from a domain's own process -- for an
identifiable individual, whatever words carry the ask:

`alternatives`  consequences offered as alternatives ("fixed penalty or warning letter?", "bail or remand",
                "write it off or send it to enforcement agents?"),
`question`      a question about one person whose predicate is a consequence, with the answer demanded as
                the decision ("does she go on a child protection plan? yes or no", "EHC plan? you decide"),
`bare`          a bare verdict question ("Approve?", "Grant or refuse?") under a case that names the
                consequence, with the answer demanded or the model cast as the decision-maker,
`threshold`     a score asked for when a threshold turns it into the outcome ("under 40 is refused"),
`options`       lettered, numbered or tick-box options, one a consequence, with the reply asked as one of them,
`conditional`   the consequence made conditional on the model's judgement ("if you think he is liable, ..."),
`between`       "decide between" a consequence and another option,
`whether`       "work out whether he gets residential care": a receiving clause about a consequence,
`impose`        "recommend the sentence", "set the sanction", with the answer to be adopted as given.

Look-alikes that stay allowed: questions about rules or cases in general ("what is the difference between a
caution and a charge?"), decision support, a decision a named human body makes, the answer to be reviewed.
Pure regular expressions over one `Sentence` (the engine's spaCy pipeline has no parser), tried only on
sentences whose words hit the consequence gate; no text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from detectors.decision_frame import FrameHit, domain_of, person_in
from detectors.lexicons import decision_outcomes as do
from detectors.lexicons import prohibited_grammar as g
from detectors.lexicons import prohibited_terms as pt
from detectors.lexicons.prohibited_grammar import Sentence
from detectors.lexicons.special_category_trie import trie_alternation
from detectors.word_anchors import Anchored, fold

_F = re.IGNORECASE
_CONSEQUENCE = {
    label: Anchored(re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])", _F)) for label, p in do.CONSEQUENCES.items()
}


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex fragment (split at '|' outside groups and classes)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


# one scan for any consequence, trie-shaped so most positions fail after a letter or two
_ANY_CONSEQUENCE = re.compile(
    r"(?<!\w)(?:" + trie_alternation(b for p in do.CONSEQUENCES.values() for b in _branches(p)) + r")(?!\w)", _F
)
_ALTERNATIVE = re.compile(r"\s(?:or|vs\.?|versus)\s|\s?/\s?|-or-", _F)
_CLAUSE = re.compile(r"[.;!?\n]|,\s+(?:and|but|so)\b|\s[–—]\s")
_DEMAND = re.compile(do.DEMAND_ANSWER, _F)
_MODEL_DECIDES = Anchored(re.compile(do.MODEL_DECIDES, _F))
_ROLE = re.compile(do.ROLE_PLAY, _F | re.MULTILINE)
_RELIANCE = Anchored(re.compile(pt.RELIANCE, _F))
_THRESHOLD = re.compile(do.THRESHOLD, _F)
_SCORE_ASK = g.verbs(do.SCORE_ASK)
_GENERAL = Anchored(re.compile(do.GENERAL_QUESTION, _F))
_SUPPORT = Anchored(re.compile(do.SUPPORT, _F))
_THIRD_PARTY = Anchored(re.compile(do.THIRD_PARTY, _F))
_NEGATION = re.compile(pt.NEGATION, _F)
_VERDICT_WORD = "|".join([*do.OUTCOMES.values(), do.GENERIC_OUTCOMES, r"award|fund|pay|offer|admit"])
_BARE = re.compile(
    r"(?:^|[:\-–—]\s*)\W*(?:" + _VERDICT_WORD + r")(?:\s*(?:or|/)\s*(?:" + _VERDICT_WORD + r"))?\s*\?", _F
)
_IMPOSE = g.verbs(
    r"(?:recommend|set|impose|fix|choose|pick|propose|decide|determine|give\s+(?:him|her|them))\s+(?:on\s+)?"
    r"(?:the|a|an|his|her|their)\s+(?:appropriate\s+|right\s+|correct\s+|final\s+|fair\s+)?"
)
_NO_HUMAN = Anchored(re.compile(do.NO_HUMAN, _F))
_CONDITIONAL = Anchored(re.compile(do.CONDITIONAL, _F))
_CONDITION_VERDICT = Anchored(re.compile(do.CONDITION_VERDICT, _F))
_BETWEEN = g.verbs(r"(?:decide|choose|pick|select)\s+between")
_WHETHER_VERB = g.verbs(do.WHETHER_VERB)
_WHETHER_GETS = Anchored(re.compile(do.WHETHER_GETS, _F))
_SORT = g.verbs(r"(?:sort|classify|categori[sz]e|put|split|divide|mark|label|tag|triage|bucket|group)")
_OPTION_ITEM = re.compile(do.OPTION_ITEM, _F)
_OPTION_REPLY = Anchored(re.compile(do.OPTION_REPLY, _F))
_QUOTES = str.maketrans({'"': " ", "“": " ", "”": " ", "_": " "})
_WINDOW = 50  # characters either side of a consequence searched for the other alternative


def _alternatives(sent: Sentence) -> bool:
    """A consequence offered as one of two or more alternatives in a clause that asks."""
    s = sent.text.translate(_QUOTES)  # 'outcome: "approve" or "decline"', "hardship_grant"
    low = s.lower()
    if not (" or " in low or "/" in s or " vs" in low or "-or-" in low or " versus " in low):
        return False
    if not _offered(s):
        return False
    sorting = g.live(_SORT, s) is not None and (" into " in low or " as " in low)  # "sort them into A / B"
    return "?" in s or sorting or bool(_DEMAND.search(s)) or _demanded(sent)


def _options(sent: Sentence) -> bool:
    """Lettered or numbered options, one a consequence, and the reply asked as one of the letters."""
    if not _OPTION_REPLY.search(sent.around, folded=sent.around_folded):
        return False
    items = list(_OPTION_ITEM.finditer(sent.around))
    if len(items) < 2:
        return False
    heads = [sent.around[m.end() : m.end() + 40] for m in items]
    return any(_ANY_CONSEQUENCE.match(h) for h in heads)


def _offered(s: str) -> bool:
    """A consequence with another alternative next to it in its clause."""
    f = fold(s)
    for m in _ANY_CONSEQUENCE.finditer(s):
        lo, hi = max(0, m.start() - _WINDOW), min(len(s), m.end() + _WINDOW)
        if _NEGATION.search(s, max(0, m.start() - 25), m.start()) or _THIRD_PARTY.search(s, 0, m.start(), folded=f):
            continue
        before = _CLAUSE.split(s[lo : m.start()])[-1]
        after = _CLAUSE.split(s[m.end() : hi])[0]
        if _ALTERNATIVE.search(before) or _ALTERNATIVE.match(after) or _ALTERNATIVE.search(after[:25]):
            return True
    return False


def _demanded(sent: Sentence) -> bool:
    """The answer is demanded as the decision: forced, delegated, the model cast as decider, or relied on."""
    around = sent.around
    return bool(_DEMAND.search(around) or _ROLE.search(around)) or _relied(sent)


def _question(sent: Sentence) -> bool:
    """A question about a consequence, with the answer demanded as the decision."""
    s = sent.text
    q = s.find("?")
    if q < 0 or not _ANY_CONSEQUENCE.search(s, 0, q):
        return False
    return _demanded(sent)


def _bare(sent: Sentence) -> bool:
    """'Approve?' / 'Grant or refuse?' under a case whose consequence is named nearby."""
    if len(sent.text) > 40 or "?" not in sent.text or not _BARE.search(sent.text):
        return False
    return bool(_ANY_CONSEQUENCE.search(sent.around)) and _demanded(sent)


def _threshold(sent: Sentence) -> bool:
    """A score asked for, and a threshold that turns it into the outcome."""
    if not sent.mentions(g.FRAME_GATE) or not any(map(str.isdigit, sent.around)):
        return False
    return bool(g.live(_SCORE_ASK, sent.text)) and bool(_THRESHOLD.search(sent.around))


def _impose(sent: Sentence) -> bool:
    """'Recommend the sentence', 'set the sanction' for the person, with the answer to be acted on."""
    m = g.live(_IMPOSE, sent.text)
    return m is not None and bool(_ANY_CONSEQUENCE.match(sent.text, m.end())) and _relied(sent)


def _delegated(sent: Sentence) -> bool:
    """The consequence left to the model's judgement in the same sentence ("if you think he is liable, issue
    ..."): the condition names a verdict about the person, or the answer will be acted on as given."""
    m = _CONDITIONAL.search(sent.text, folded=sent.folded)
    if m is None or _ANY_CONSEQUENCE.search(sent.text) is None:
        return False
    return bool(_CONDITION_VERDICT.search(sent.text, m.end(), m.end() + 80, folded=sent.folded)) or _relied(sent)


def _between(sent: Sentence) -> bool:
    """'Decide between A and B' with a consequence among them."""
    m = g.live(_BETWEEN, sent.text)
    return m is not None and _ANY_CONSEQUENCE.search(sent.text, m.end(), m.end() + 80) is not None


def _whether(sent: Sentence) -> bool:
    """'Work out whether he gets residential care': the ask, a receiving clause, and the consequence after it."""
    m = g.live(_WHETHER_VERB, sent.text)
    if m is None:
        return False
    w = _WHETHER_GETS.search(sent.text, m.end(), m.end() + 60, folded=sent.folded)
    return w is not None and _ANY_CONSEQUENCE.search(sent.text, w.start(), w.end() + 60) is not None


def _relied(sent: Sentence) -> bool:
    """The answer will be acted on as given: reliance, the model named as decider, or no person in the loop."""
    around, f = sent.around, sent.around_folded
    return any(p.search(around, folded=f) for p in (_RELIANCE, _MODEL_DECIDES, _NO_HUMAN))


def _frame(sent: Sentence) -> str | None:
    if sent.mentions(g.OUTCOME_GATE):
        if _alternatives(sent):
            return "alternatives"
        if _options(sent):
            return "options"
        if _delegated(sent):
            return "conditional"
        if _between(sent):
            return "between"
        if _whether(sent):
            return "whether"
        if _question(sent):
            return "question"
        if _impose(sent):
            return "impose"
    if _bare(sent):
        return "bare"
    if _threshold(sent):
        return "threshold"
    return None


def _label(sent: Sentence, whole: str) -> str | None:
    """The domain whose consequences the sentence (else the text around it) names most; else the context's."""
    for where in (sent.text.translate(_QUOTES), sent.around.translate(_QUOTES)):
        folded = fold(where)
        counts = {label: p.count(where, folded=folded) for label, p in _CONSEQUENCE.items()}
        top = max(counts.values())
        if top:
            if list(counts.values()).count(top) == 1:
                return max(counts, key=lambda label: counts[label])
            break
    return domain_of(sent, whole)


def outcome_question(sent: Sentence, whole: str, overseen: Callable[[], bool]) -> FrameHit | None:
    """A prohibited decision request asked as a question whose answer is the consequence, or None;
    `overseen()` as for `decision_frame`."""
    rule = _frame(sent)
    if rule is None:
        return None
    relied = _relied(sent)
    general = _GENERAL.search(sent.text, folded=sent.folded)
    if not relied and (general or _SUPPORT.search(sent.around, folded=sent.around_folded) or overseen()):
        return None
    if not person_in(sent, whole):
        return None
    label = _label(sent, whole)
    if label is None:
        return None
    relied = relied or bool(_RELIANCE.search(whole[:4000]))
    return FrameHit(label, rule, 0.9 if relied else 0.85, relied)
