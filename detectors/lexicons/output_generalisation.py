"""Generalisations about a protected group, by the shape of the claim (clause 7.2), as regex fragments.

Data only; `detectors/output_screen.py` compiles them. A discriminatory generalisation has a *generic*
subject -- a protected group named as a whole ("Muslims", "older staff", "all travellers"), not a person --
and a predicate that pins a trait on it or tells the reader to treat its members differently:

* `TRAIT`        the group *is* something bad, or is *not* something good, or is "more likely to be" a bad
                 thing ("... are unreliable", "... are not trustworthy", "... are just confused");
* `HABIT`        the group habitually *does* something bad or *cannot* do what a job needs ("... only care
                 about money", "... always cause trouble", "... cannot learn new systems");
* `RESTRICTION`  the group *should not* do ordinary things or be given ordinary chances ("... should not
                 work with children", "... should be kept off the rota");
* `PREFERENCE`   an instruction to pick the majority group instead ("hire British staff instead").

Passives about rights ("cannot be forced to retire", "should not be treated less favourably", "are
protected from ...") are not predicates here, so equality-law answers pass. Words, not sentences.
"""

from __future__ import annotations

import re

from detectors.lexicons.prohibited_content import PROTECTED_GROUP

_PEOPLE = (
    r"(?:people|persons|men|women|staff|workers|employees|candidates|applicants|tenants|residents|families"
    r"|neighbours|kids|children|folk|lads|girls|boys|couples|households|communities|community|colleagues"
    r"|drivers|parents|mothers|fathers|managers|pupils|students|customers|claimants|lot)"
)
# The generic subject: optional quantifier, the group, an optional head noun (a people word or any plural:
# "Bulgarian cleaners").
GROUP_SUBJECT = (
    r"(?:\b(?:all|most|many|these|those|typical|the)\s+)?(?:" + PROTECTED_GROUP + r")"
    r"(?:\s+" + _PEOPLE + r"|\s+[a-z][a-z-]{2,}s\b)?"
)

_ADVERB = (
    r"(?:all|just|always|naturally|inherently|basically|generally|simply|usually|so|really|too|very|often"
    r"|mostly|by\s+nature|known\s+to\s+be|notoriously|genetically|clearly|obviously|frankly|far|much|never)"
)

# Bad traits: character, competence, hygiene, threat, worth, sanity.
NEGATIVE_TRAIT = (
    r"lazy|idle|slow|dirty|filthy|smelly|unclean|unhygienic|stupid|thick|dim|dense|ignorant|backward|primitive"
    r"|uncivili[sz]ed|emotional|hysterical|irrational|weak|feeble|fragile|violent|aggressive|dangerous"
    r"|criminals?|crooks?|thieves|thieving|dishonest|untrustworthy|liars|sly|sneaky|cunning|devious|greedy"
    r"|mean|grasping|tight-?fisted|scroungers?|spongers?|freeloaders?|cheats?|benefit\s+(?:cheats?|tourists?)"
    r"|drunks?|alcoholics|addicts|druggies|thugs|troublemakers|trouble|noisy|rude|arrogant|manipulative"
    r"|promiscuous|immoral|evil|sinful|disgusting|confused|deluded|delusional|attention[- ]seekers?"
    r"|attention[- ]seeking|faking(?:\s+it)?|malingerers?|a\s+(?:drain|burden|problem|menace|threat|nuisance"
    r"|liability|danger|risk|waste\s+of\s+\w+|bad\s+influence)|fanatics?|extremists?|terrorists?|perverts?"
    r"|deviants?|predators?|groomers?|paedophiles?|unnatural|abnormal|diseased|incompetent|incapable"
    r"|unreliable|useless|worthless|hopeless|inferior|unintelligent|unemployable|unfit|unsuited|unsuitable"
    r"|bad\s+(?:at|with|tenants|workers|parents|drivers|neighbours|employees|managers|payers)"
    r"|poor\s+(?:tenants|workers|parents|drivers|neighbours|employees|managers|payers)"
    r"|(?:less|worse)\s+(?:intelligent|capable|competent|able|reliable|trustworthy|honest|productive|committed"
    r"|hard-?working|at|suited)|only\s+good\s+for|good\s+for\s+nothing|not\s+real\s+(?:women|men)"
)

# Good traits, which a generalisation denies ("are not trustworthy", "are never reliable").
POSITIVE_TRAIT = (
    r"trustworthy|to\s+be\s+trusted|honest|reliable|dependable|capable|intelligent|clever|bright|competent"
    r"|hard-?working|loyal|clean|safe|fit|suitable|suited|employable|normal|committed|productive|responsible"
    r"|good\s+(?:enough|at|with|workers|tenants|parents|managers|leaders)|able\s+to\s+(?:lead|manage|cope"
    r"|learn|think)|cut\s+out\s+for|up\s+to\s+the\s+job|proper\s+(?:women|men|parents)"
)

_IS = r"(?:are|is|were|tend\s+to\s+be|seem(?:\s+to\s+be)?|make|come\s+across\s+as)"
_LIKELY = r"(?:(?:far\s+|much\s+)?more\s+(?:likely|prone)\s+to\s+be|more\s+often|likely\s+to\s+be)"

TRAIT = (
    GROUP_SUBJECT + r"\s+" + _IS + r"(?:\s+" + _ADVERB + r"){0,2}\s+(?:(?:" + _LIKELY + r")\s+)?"
    r"(?:a\s+bunch\s+of\s+|a\s+lot\s+of\s+)?(?:" + NEGATIVE_TRAIT + r")\b"
    r"|" + GROUP_SUBJECT + r"\s+(?:are|is|were)(?:n'?t|\s+not|\s+never)(?:\s+" + _ADVERB + r"){0,2}\s+(?:"
    + POSITIVE_TRAIT + r")\b"
)

# Bad habits and incapacities, with the group as the one doing them.
HABIT = (
    GROUP_SUBJECT + r"\s+(?:" + _ADVERB + r"\s+|only\s+|tend\s+to\s+|will\s+(?:always\s+)?)?"
    r"(?:(?:only\s+)?care\s+(?:only\s+)?about\s+(?:money|themselves|their\s+own|benefits|handouts)"
    r"|(?:are\s+)?only\s+(?:interested\s+in|after|in\s+it\s+for)\b|cause\s+(?:trouble|problems)|caus(?:e|ing)\s+trouble"
    r"|steal|lie|cheat|scrounge|sponge|drink\s+too\s+much|take\s+(?:our|british|local|all\s+the)\s+(?:jobs|homes"
    r"|houses|benefits)|bring\s+(?:crime|disease|trouble|drugs)|breed|don'?t\s+(?:want\s+to\s+)?work"
    r"|won'?t\s+work|refuse\s+to\s+(?:work|integrate|learn|adapt)|don'?t\s+wash|smell"
    r"|(?:can'?t|cannot|could\s+never|will\s+never|never)\s+(?:be\s+trusted|learn|adapt|keep\s+up|lead|manage"
    r"\s+(?:people|staff|money|a\s+team)|handle\s+(?:pressure|responsibility|money|stress)|think\s+(?:logically"
    r"|clearly|straight)|do\s+(?:the|a\s+proper|a\s+real)\s+job|be\s+relied\s+on|integrate|concentrate"
    r"|make\s+(?:good|proper)\s+decisions))\b"
)

_ACTIVE_LIMIT = (
    r"work\s+(?:with|around|near)|teach|adopt|foster|marry|vote|lead|manage|supervise|hold\s+(?:office|a|the)"
    r"|look\s+after|care\s+for|be\s+(?:around|near|alone\s+with|in\s+charge|allowed|let|trusted|hired|employed"
    r"|promoted|housed|given|admitted|appointed|shortlisted|interviewed|served|considered|put\s+in\s+charge)"
    r"|handle\s+(?:money|cash|finances)|serve|run\s+(?:a|the|any)|get\s+(?:council|social)\s+hous\w+"
    r"|get\s+(?:the|a)\s+(?:job|flat|house|post|role|place|promotion)|have\s+(?:children|custody)"
)
RESTRICTION = (
    GROUP_SUBJECT + r"\s+(?:should(?:\s+never|\s+not|n'?t)|must(?:\s+never|\s+not|n'?t)|ought\s+not\s+to"
    r"|can'?t\s+be\s+allowed\s+to|cannot\s+be\s+allowed\s+to)\s+(?:" + _ACTIVE_LIMIT + r")\b"
    r"|" + GROUP_SUBJECT + r"\s+(?:should|must|need\s+to|ought\s+to)\s+(?:all\s+)?(?:be\s+)?(?:refused|rejected"
    r"|barred|excluded|segregated|sacked|fired|kept\s+(?:away|off|apart|out)|turned\s+away|paid\s+less"
    r"|put\s+(?:at\s+the\s+bottom|last)|given\s+(?:lower|less|the\s+worst)|stay\s+(?:at\s+home|in\s+the\s+kitchen)"
    r"|know\s+(?:their|your)\s+place)\b"
    r"|" + GROUP_SUBJECT + r"\s+(?:belong|belongs)\s+(?:in\s+the\s+kitchen|at\s+home|back\s+(?:in|where))"
)

MAJORITY = (
    r"(?:british|english|white|male|a\s+man|men|younger|young|local-?born|native|christian|able-?bodied"
    r"|non-?disabled|straight|someone\s+younger|someone\s+british|a\s+local)"
)
PREFERENCE = (
    r"\b(?:hire|employ|shortlist|choose|pick|appoint|promote|house|prioriti[sz]e|prefer"
    r"|(?:give|let|offer|award|allocate)\s+(?:it|them|(?:the|this|that)(?:\s+[\w-]+){1,2})\s+to)"
    r"\s+(?:a\s+|the\s+|only\s+)?" + MAJORITY
    + r"(?:\s+" + _PEOPLE + r"|\s+(?:candidate|applicant|tenant|person|family|worker|man|woman|one)s?)?\s+"
    r"(?:instead|rather|first|only|over)\b"
    r"|\bonly\s+(?:hire|employ|shortlist|house|let\s+to|rent\s+to|appoint)\s+" + MAJORITY + r"\b"
)


def gate_prefixes(*patterns: str) -> frozenset[str]:
    """First four letters of the literal words in the predicate patterns (a rule runs only when the text
    has a word starting so; prefixes, because the patterns spell endings as alternatives)."""
    words: set[str] = set()
    for p in patterns:
        body = p.replace(PROTECTED_GROUP, " ").replace(_PEOPLE, " ").replace(_ADVERB, " ")
        words |= {w.lower() for w in re.findall(r"[a-z]{3,}", re.sub(r"\\[a-zA-Z]|\?[:!<=]+", " ", body))}
    return frozenset(w[:4] for w in words - {"the", "are", "all", "not", "and", "for"})
