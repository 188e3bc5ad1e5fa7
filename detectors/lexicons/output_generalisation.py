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
# Men and the majority groups are protected too (sex, race, religion), though requests rarely target them.
# Marriage and civil partnership, and sex/maternity described by family status ("single mothers").
_MORE_GROUPS = (
    r"\b(?:men|males|fathers|dads|boys|(?:british|english|white)\s+" + _PEOPLE
    + r"|(?:black|asian|white|muslim|gay|disabled|foreign|immigrant|migrant)\s+(?:youths?|youngsters|teenagers|teens)"
    r"|(?:single|lone|unmarried|divorced)\s+(?:mothers|mums|fathers|dads|parents|women)|civil\s+partners"
    r"|same-sex\s+(?:couples|partners|parents)|(?:couples|people|men|women)\s+in\s+(?:civil\s+partnerships?"
    r"|same-sex\s+(?:relationships|marriages))|married\s+(?:women|mothers))\b"
)
# People described by a protected characteristic rather than named as a group: "people with autism".
_DESCRIBED = (
    r"\b(?:people|persons|staff|workers|employees|applicants|candidates|tenants|residents|anyone|those|kids"
    r"|children|pupils|women|men)\s+(?:with|who\s+(?:have|are|wear))\s+(?:an?\s+)?(?:autism|disabilit\w+"
    r"|dementia|mental\s+(?:health\s+\w+|illness\w*)|learning\s+\w+|HIV|AIDS|epilepsy|depression|schizophrenia"
    r"|bipolar|ADHD|dyslexia|(?:foreign\s+)?accents?|headscarves|hijabs?|turbans?|wheelchairs?|special\s+needs)"
)
GROUP_SUBJECT = (
    r"(?:\b(?:all|most|many|these|those|typical|the)\s+)?(?:" + PROTECTED_GROUP + r"|" + _MORE_GROUPS + r"|"
    + _DESCRIBED + r")"
    r"(?:\s+" + _PEOPLE + r"|\s+[a-z][a-z-]{2,}s\b)?"
    r"(?:\s+(?:over|under|aged|in\s+their)\s+\d{2}s?)?"  # "women over 40"
    r"(?:\s+(?:with|from|of|on|in)(?:\s+[\w'-]+){1,3}?(?=\s+(?:are|is|were|can|will|should|must|always|never|only"
    r"|just|tend|all|don|won|cannot|do|take|slow)))?"  # "mothers with young children are ..."
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
    r"|con\s+(?:artists|men)|conmen|fraudsters|scammers|swindlers|beggars|pickpockets|shoplifters|layabouts"
    r"|wasters|leeches|idiots|morons|degenerates|lowlifes|riff-?raff|trash|terrible|awful|dreadful|appalling"
    r"|rubbish|the\s+worst|past\s+it|over\s+the\s+hill|too\s+(?:old|young|slow|weak|emotional)|bogus|fakes?"
    r"|(?:just\s+)?economic\s+migrants|(?:men|blokes|males)\s+in\s+(?:dresses|frocks|wigs|skirts)"
    r"|promiscuous|immoral|evil|sinful|disgusting|confused|deluded|delusional|attention[- ]seekers?"
    r"|attention[- ]seeking|faking(?:\s+it)?|malingerers?|a\s+(?:drain|burden|problem|menace|threat|nuisance"
    r"|liability|danger|risk|waste\s+of\s+\w+|bad\s+influence)|fanatics?|extremists?|terrorists?|perverts?"
    r"|deviants?|predators?|groomers?|paedophiles?|unnatural|abnormal|diseased|incompetent|incapable"
    r"|unreliable|useless|worthless|hopeless|inferior|unintelligent|unemployable|unfit|unsuited|unsuitable"
    r"|(?:bad|poor|terrible|worse|worst)\s+(?:at|with|tenants|workers|parents|drivers|neighbours|employees|managers"
    r"|payers|leaders|colleagues|mothers|fathers|role\s+models)"
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
    GROUP_SUBJECT + r"\s+" + _IS + r"(?:\s+" + _ADVERB + r"){0,2}\s+(?:(?:" + _LIKELY + r"|more)\s+)?"
    r"(?:a\s+bunch\s+of\s+|a\s+lot\s+of\s+)?(?:" + NEGATIVE_TRAIT + r")\b"
    r"|" + GROUP_SUBJECT + r"\s+(?:are|is|were)(?:n'?t|\s+not|\s+never)(?:\s+" + _ADVERB + r"){0,2}\s+(?:"
    + POSITIVE_TRAIT + r")\b"
)

# Bad habits and incapacities, with the group as the one doing them.
HABIT = (
    GROUP_SUBJECT + r"\s+(?:" + _ADVERB + r"\s+|only\s+|tend\s+to\s+|will\s+(?:always\s+)?)?"
    r"(?:(?:only\s+)?care\s+(?:only\s+)?about\s+(?:money|themselves|their\s+own|benefits|handouts)"
    r"|(?:are\s+)?only\s+(?:interested\s+in|after|in\s+it\s+for)\b|cause\s+(?:trouble|problems)|caus(?:e|ing)\s+trouble"
    r"|steal|lie(?!\s+(?:low|down|in|on|back|flat|still|awake|ahead))|cheat|scrounge|sponge|drink\s+too\s+much"
    r"|(?:are\s+(?:always\s+|constantly\s+|forever\s+|just\s+)?)?(?:stealing|lying|cheating|scrounging|sponging"
    r"|causing\s+trouble|begging|breeding|taking\s+(?:all\s+)?(?:our|british|local|the)\s+(?:jobs|homes|houses))"
    r"|take\s+(?:all\s+)?(?:our|british|local|the)\s+(?:jobs|homes|houses|benefits)"
    r"|bring\s+(?:crime|disease|trouble|drugs)|breed|don'?t\s+(?:want\s+to\s+)?work"
    r"|do\s+(?:shoddy|poor|sloppy|bad|lazy|rubbish|careless)\s+work|(?:slow|drag)\s+(?:[\w-]+\s+){1,3}down"
    r"|hold\s+(?:[\w-]+\s+){0,3}back|take\s+too\s+much\s+(?:time\s+off|sick\s+leave|leave)|lie\s+about"
    r"|(?:don'?t|do\s+not|never|won'?t)\s+(?:respect|pull\s+their\s+weight|pay\s+(?:their|the)\s+\w+"
    r"|learn\s+english|speak\s+english|wash|integrate|fit\s+in)"
    r"|won'?t\s+work|refuse\s+to\s+(?:work|integrate|learn|adapt)|don'?t\s+wash|smell"
    r"|(?:can'?t|cannot|could\s+never|will\s+never|never)\s+(?:be\s+trusted|learn|adapt|keep\s+up|lead|manage"
    r"\s+(?:people|staff|money|a\s+team)|handle\s+(?:(?:the|a|any|real)\s+)?(?:pressure|responsibility|money|stress"
    r"|leadership|authority|management|senior\s+roles?|the\s+job|finances)|think\s+(?:logically"
    r"|clearly|straight)|do\s+(?:the|a\s+proper|a\s+real)\s+job|be\s+relied\s+on|integrate|concentrate"
    r"|make\s+(?:good|proper)\s+decisions))\b"
)

# A belief or orientation itself called bad: "<religion> is a violent religion", "being gay is a disease".
_BELIEF = (
    r"islam|judaism|christianity|hinduism|sikhism|buddhism|catholicism|homosexuality|bisexuality|transgenderism"
    r"|being\s+(?:gay|lesbian|bisexual|trans(?:gender)?|disabled|muslim|jewish)"
)
BELIEF_TRAIT = (
    r"\b(?:" + _BELIEF + r")\s+(?:is|are)\s+(?:just\s+|basically\s+|simply\s+|inherently\s+)?(?:an?\s+)?"
    r"(?:(?:violent|evil|backward|dangerous|primitive|sick|twisted|disgusting|unnatural|abnormal|sinful|barbaric)"
    r"(?:\s+(?:religion|faith|cult|ideology|lifestyle))?|cult|threat|disease|illness|mental\s+illness|disorder"
    r"|sin|perversion|lifestyle\s+choice|phase|fad|contagious)\b"
)

# Excluding people by age or a protected trait, without naming a group: "don't hire anyone over 50".
EXCLUDE_BY_TRAIT = (
    r"\b(?:don'?t|do\s+not|never|avoid|refuse\s+to|you\s+should\s+not)\s+(?:hire|employ|shortlist|interview"
    r"|recruit|appoint|promote|house|let\s+to|rent\s+to|accept|admit|consider)\s+(?:anyone|anybody|people"
    r"|someone|candidates|applicants|tenants|women|staff)\s+(?:(?:over|under|aged\s+over|older\s+than"
    r"|younger\s+than)\s+\d{2}|(?:who\s+(?:is|are|might\s+get|could\s+get|may\s+get)|with)\s+(?:pregnant"
    r"|disabled|a\s+disability|disabilities|an?\s+(?:foreign\s+)?accent|foreign|gay|trans|a\s+headscarf"
    r"|a\s+turban|young\s+children|a\s+wheelchair|a\s+mental\s+health\s+condition))"
)

# What a restriction keeps the group from (active: "should not teach"; or passive chances: "be hired"). Health
# and safety advice ("should not be given live vaccines", "should not work with lead") uses other objects.
_CARED_FOR = r"(?:children|kids|young\s+people|pupils|vulnerable\s+(?:adults|people)|the\s+public|customers|clients)"
_ACTIVE_LIMIT = (
    r"work\s+(?:with|around|near)\s+" + _CARED_FOR + r"|be\s+(?:around|near|alone\s+with)\s+" + _CARED_FOR
    + r"|teach|adopt|foster|marry|vote|lead|manage|supervise|hold\s+(?:office|a\s+post|the\s+post|power)"
    r"|look\s+after|care\s+for|be\s+(?:in\s+charge|allowed\s+to|let\s+in|trusted|hired|employed|promoted|housed"
    r"|admitted|appointed|shortlisted|interviewed|put\s+in\s+charge|approved|considered\s+for|accepted|selected|chosen"
    r"|recruited|registered|licensed|placed)"
    r"|handle\s+(?:money|cash|finances)|run\s+(?:a|the|any)\s+(?:team|service|department|business|school)"
    r"|get\s+(?:council|social)\s+hous\w+|get\s+(?:the|a)\s+(?:job|flat|house|post|role|place|promotion)"
    r"|have\s+(?:children|custody)"
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


# A generalising predicate: how often or how likely the whole group does or is something, what it is only fit
# for, how it compares, or the effect it has on others ("rarely ...", "tend to ...", "are only suited to ...",
# "are less ... than ...", "put customers off"). Alone these also open sourced statistics ("are more likely to
# face barriers"), so `GENERIC_THEN_TREAT` needs an adverse-treatment clause after them.
_GENERALISING = (
    r"(?:(?:all|generally|often|mostly)\s+)?(?:rarely|seldom|never|always|usually|typically|invariably|constantly"
    r"|tend\s+to|(?:are|is)\s+(?:(?:far|much|a\s+lot)\s+)?(?:more|less)\s+(?:likely|prone|inclined)\s+to"
    r"|(?:are|is)\s+(?:only|really\s+only|just)\s+(?:suited|fit|good|cut\s+out)\s+(?:to|for)"
    r"|(?:are|is)\s+(?:(?:far|much|a\s+lot)\s+)?(?:less|more)\s+[a-z-]+\s+than"
    r"|put\s+(?:customers|people|clients|residents|visitors|the\s+public|others|everyone|colleagues|tenants"
    r"|service\s+users|patients|pupils|parents)\s+off|(?:are|is)\s+an?\s+(?:risk|liability|danger)"
    r"|can'?t\s+be\s+relied\s+on|struggle\s+(?:to|with)|(?:can'?t|cannot)\s+cope)"
)
_NOT_NEGATED = r"(?<!n't\s)(?<!not\s)(?<!never\s)(?<!no\s)"
_THEM = r"(?:them|their|those|they|these)"
_CHOOSE = (
    r"(?:shortlist|hire|employ|recruit|appoint|promote|interview|house|consider|accept|select|approve|offer|let"
    r"|rent|allocate|place|admit|serve|trust|allow|give|lend|register|license)"
)
# Treating the group worse: excluding or ranking it down, picking only others, singling it out for checks.
ADVERSE_TREATMENT = (
    r"(?:only\s+" + _CHOOSE + r"|" + _CHOOSE + r"\s+only)\b"
    r"|(?:don'?t|do\s+not|never|avoid|stop)\s+(?:[\w-]+\s+)?" + _CHOOSE + r"\w*\b(?:[^.!?;\n]{0,40}?\b" + _THEM
    + r"\b)?"
    r"|" + _NOT_NEGATED + r"(?:refuse|reject|decline|exclude|bar|ban|turn\s+(?:away|down)|avoid|steer|restrict"
    r"|limit|sideline|demote|deprioriti[sz]e|single\s+out|pass\s+over|screen\s+out|filter\s+out|weed\s+out"
    r"|charge|penali[sz]e|mark\s+down|score\s+down|downgrade)\s+(?:[\w'-]+\s+){0,4}?" + _THEM + r"\b"
    r"|put\s+(?:them|(?:their|those|these)\s+[\w-]+)\s+(?:[\w-]+\s+){0,3}?(?:at\s+the\s+(?:bottom|back|end)|last"
    r"|lower|behind|on\s+hold|below)"
    r"|keep\s+(?:them|(?:those|these)\s+[\w-]+)\s+(?:in\s+(?:the\s+)?(?:back|background|junior|lower|manual)"
    r"|out|off|away|behind|apart|(?:in|on|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:roles?|jobs?|posts?|room|office"
    r"|shifts?|duties|work)\b)"
    r"|(?:prioriti[sz]e|target)\s+" + _THEM + r"\s+(?:when|for|in|during)\s+(?:[\w-]+\s+){0,5}?(?:stop\w*|search\w*"
    r"|question\w*|check\w*|inspect\w*|patrol\w*|investigat\w*|monitor\w*|watch\w*|enforcement|fines?|sanctions?)"
    r"|give\s+(?!them\b|these\b|those\b|their\b)(?:[\w-]+\s+){1,3}?(?:priority|preference|first\s+refusal)"
    r"|(?:ask|make|charge)\s+" + _THEM + r"\s+(?:for\s+|to\s+pay\s+)?(?:an?\s+)?(?:extra|more|higher|bigger|double"
    r"|additional)"
    r"|(?:screen|filter|weed|rule|leave|cross|strike)\s+" + _THEM + r"\s+(?:out|off)\b"
    r"|(?:inspect|vet|audit|investigate|search|question|police)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:more\s+(?:often|closely|frequently|carefully|thoroughly)|twice\s+as|extra\s+(?:closely|carefully))"
    r"|(?:give|offer|award|allocate)\s+(?:it|(?:the|this|that)\s+[\w-]+(?:\s+[\w-]+)?)\s+to\s+(?:a\s+|an\s+)?"
    + MAJORITY + r"\b"
)
# "<group> <generalising predicate> ..., so <adverse treatment>": the claim and the action drawn from it.
GENERIC_THEN_TREAT = (
    GROUP_SUBJECT + r"\s+" + _GENERALISING + r"\b[^.!?;\n]{0,100}?(?:,|;|\s-|\s–)?\s+(?:and\s+)?(?:so|therefore"
    r"|which\s+(?:means|is\s+why)|meaning|hence)\s+(?:you\s+should\s+|we\s+should\s+|it'?s\s+(?:best|safer|wise"
    r"|better)\s+to\s+|just\s+|always\s+|simply\s+)?(?:" + ADVERSE_TREATMENT + r")"
)
