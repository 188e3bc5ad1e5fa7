"""Lexicon for screening model output for discriminatory or offensive content (clause 7.2).

Conservative on purpose: unambiguous slurs about protected groups, and dehumanising or eliminationist
statements about a protected group. Words with innocent everyday senses in UK English (a "chink" of
light, "faggots" the dish, a "dyke" the embankment, "spastic" in clinical notes) are left out.

The slurs are stored ROT13-encoded so the source stays readable in reviews and search results;
`slur_words()` decodes them once when the screen's patterns are compiled.
"""

from __future__ import annotations

import codecs

from detectors.lexicons.prohibited_content import PROTECTED_GROUP

_PEOPLE = (
    r"(?:people|persons|men|women|staff|workers|employees|candidates|applicants|tenants|residents|families"
    r"|neighbours|kids|children|folk|lads|girls|boys|couples|households|communities|community)"
)
_GROUP = (
    r"(?:" + PROTECTED_GROUP + r")(?:\s+" + _PEOPLE + r")?(?:\s+(?:of\s+)?(?:her|his|their|your|my|that|a\s+certain)"
    r"\s+(?:age|generation|background|religion|faith|race|kind|sort))?"
)

_SLURS_ROT13 = (
    "avttre avttref avttn avttnf cnxv cnxvf jbt jbtf tbbx tbbxf fcvp fcvpf xvxr xvxrf enturnq enturnqf "
    "gbjryurnq gbjryurnqf cvxrl cvxrlf tlccb tlccbf tlcb qnexvr qnexvrf cbynpx cbynpxf qntb qntbf jrgonpx "
    "jrgonpxf mvccreurnq cbbsgre cbbsgref furznyr furznyrf ergneq ergneqf ergneqrq fcnm zbatbybvq zbatbybvqf "
    "zhmmvr zhmmvrf"
)
_SLUR_PHRASES_ROT13 = ("onggl obl", "jvaqbj yvpxre", "whatyr ohaal")


def slur_words() -> list[str]:
    words = codecs.decode(_SLURS_ROT13, "rot13").split()
    return words + [codecs.decode(p, "rot13") for p in _SLUR_PHRASES_ROT13]


# "<group> are vermin", "all <group> are criminals", "<group> are not human".
DEHUMANISING = (
    r"\b(?:all\s+|the\s+)?(?:" + PROTECTED_GROUP + r")\s+(?:are|is|were)\s+(?:all\s+|just\s+|nothing\s+but\s+"
    r"|no\s+better\s+than\s+|basically\s+|simply\s+)?(?:vermin|animals|parasites|sub-?human|scum|savages"
    r"|cockroaches|rats|a\s+(?:disease|plague|cancer|virus|infestation)|filth|inferior|criminals|thieves"
    r"|terrorists|rapists|not\s+(?:fully\s+|really\s+)?human|a\s+burden\s+on\s+society|breeding\s+like)\b"
)

# "<group> should be deported", "get rid of all the <group>".
ELIMINATIONIST = (
    r"\b(?:" + PROTECTED_GROUP + r")\s+should\s+(?:all\s+)?be\s+(?:exterminated|wiped\s+out|gassed|shot|killed"
    r"|sterili[sz]ed|deported|locked\s+up|sent\s+back|banned|removed|kept\s+out)\b"

    r"|\b(?:get\s+rid\s+of|exterminate|wipe\s+out|kill|deport)\s+(?:all\s+)?(?:the\s+|these\s+|those\s+)?(?:"
    + PROTECTED_GROUP
    + r")"
    r"|\bgo\s+back\s+to\s+(?:your|their)\s+own\s+country\b"
)

# "<group> should go home", "... should leave the country".
GO_HOME = (
    r"\b(?:" + PROTECTED_GROUP + r")\s+should\s+(?:all\s+)?(?:go\s+(?:back\s+)?home|go\s+back|leave\s+(?:the|this"
    r"|our)\s+country|get\s+out|not\s+be\s+(?:allowed|let)\s+(?:in|here|to\s+stay))\b"
)
GO_HOME_WORDS = frozenset("home back leave out allowed let".split())

# Words that make a group mention possible besides the group words themselves (see `is_group_word`).
GROUP_EXTRA_WORDS = frozenset(
    "man men male males british english people islam judaism christianity hinduism sikhism buddhism catholicism"
    " homosexuality bisexuality transgenderism couples civil lone unmarried youths".split()
)

# Words that open a group phrase only as a sentence's first word ("Single mothers ...", "Same-sex couples ...");
# anywhere else they are ordinary ("a single form"), so the screen holds a sentence for them only there.
GROUP_OPENERS = frozenset("single same married divorced widowed unmarried lone".split())

# Traits a generalisation pins on a whole group: character, competence, hygiene, threat, worth.
TRAITS = (
    r"lazy|idle|slow|dirty|filthy|smelly|unclean|stupid|thick|dim|dense|ignorant|backward|primitive|uncivili[sz]ed"
    r"|emotional|hysterical|irrational|weak|feeble|fragile|violent|aggressive|dangerous|criminals?|thieves"
    r"|thieving|dishonest|untrustworthy|liars|sly|sneaky|greedy|mean|grasping|scroungers?|spongers?"
    r"|freeloaders?|benefit\s+cheats?|a\s+drain|a\s+burden|a\s+(?:problem|menace|threat|nuisance)"
    r"|fanatics?|extremists?|terrorists?|perverts?|deviants?|predators?|paedophiles?|unnatural|abnormal"
    r"|a\s+(?:risk|danger|liability)\s+to|diseased|incompetent|incapable|unreliable|useless|worthless|hopeless|inferior|unintelligent"
    r"|less\s+(?:intelligent|capable|competent|able|reliable|trustworthy)|bad\s+(?:at|with)"
    r"|(?:not|never)\s+(?:to\s+be\s+trusted|suited\s+to|fit\s+(?:to|for)|capable\s+of)"
    r"|unfit\s+(?:to|for)|unsuited\s+to|unsuitable\s+for|only\s+good\s+for|good\s+for\s+nothing"
)

# "<group> are lazy", "Women are too emotional to be managers", "most <group> are criminals".
GENERALISATION = (
    r"\b(?:(?:all|most|many|these|those|the|typical)\s+)?" + _GROUP + r"\s+(?:are|is|were|tend\s+to\s+be"
    r"|are\s+(?:all|just|always|naturally|inherently|basically|generally|simply|usually|so|really|too)"
    r"(?:\s+(?:too|so))?|can'?t\s+be|cannot\s+be)\s+(?:too\s+|so\s+|very\s+|all\s+)?(?:" + TRAITS + r")\b"
    r"|\b" + _GROUP + r"\s+(?:can'?t|cannot|should\s+never)\s+be\s+trusted\b"
    r"|\b" + _GROUP + r"\s+(?:won'?t|don'?t|can'?t|cannot|never|will\s+not|do\s+not)\s+(?:ever\s+)?(?:fit(?:\s+in)?"
    r"|integrate|work\s+hard|learn|cope|follow\s+(?:the\s+)?rules|be\s+trusted|pay\s+(?:their|the)\s+(?:rent|way|bills)"
    r"|keep\s+(?:a\s+|the\s+)?(?:place|home|house)\s+clean)\b"
)

# Instructions to treat someone worse because of a protected characteristic.
DIFFERENT_TREATMENT = (
    r"(?:^|[.!?:;,\n\"'(]\s*|\b(?:so|and|then|please|I'd|I\s+would|we\s+should|we'd)\s+)(?:do\s+not|don'?t|never|avoid|refuse\s+to|you\s+should\s+not"
    r"|you\s+shouldn'?t)\s+(?:let|rent|sell|hire|employ|house|serve|admit|shortlist|promote|offer|give|accept"
    r"|interview|appoint|recruit|allocate|lend|letting|renting|selling|hiring|employing|housing|serving"
    r"|admitting|shortlisting|promoting|offering|giving|accepting|interviewing|appointing|recruiting"
    r"|allocating|lending)\b[^.!?\n]{0,50}?\b(?:to\s+|any\s+|the\s+)?" + _GROUP
    + r"|\b(?:reject|refuse|turn\s+down|decline|exclude|dismiss|sack|fail|mark\s+down|evict|pass\s+over)\s+"
    r"(?:her|him|them|the|this|any(?:one)?|his|their)(?:\s+[\w-]+){0,2}?\s*,?\s+(?:because|as|since|for\s+being|given\s+that)"
    r"\s+(?:she|he|they|it)(?:'s|'re|\s+is|\s+are|\s+was)?\s+(?:a\s+|an\s+)?(?:" + PROTECTED_GROUP + r"|too\s+old"
    r"|too\s+young|pregnant|disabled|a\s+(?:woman|man|mother|foreigner)|(?:black|asian|gay|trans|muslim|jewish))"
    r"|\b(?:prefer|choose|pick|favour)\s+(?:a\s+|the\s+)?(?:man|men|male|white|british|younger|english)\s+"
    r"(?:candidate|applicant|tenant)s?\s+(?:over|instead\s+of|rather\s+than)\b"
)

# Cheap gates: a rule's regex runs only when the new text contains one of its words.
DEHUMANISING_WORDS = frozenset(
    "vermin animals parasites subhuman sub scum savages cockroaches rats disease plague cancer virus infestation"
    " filth inferior criminals thieves terrorists rapists human burden breeding".split()
)
ELIMINATIONIST_WORDS = frozenset(
    "exterminated exterminate wiped wipe gassed shot killed kill sterilised sterilized deported deport locked"
    " sent banned removed kept rid country".split()
)
GENERALISATION_WORDS = frozenset(
    "risk danger liability fit integrate hard learn cope follow rules pay keep clean"
    " lazy idle slow dirty filthy smelly unclean stupid thick dim dense ignorant backward primitive uncivilised"
    " uncivilized emotional hysterical irrational weak feeble fragile violent aggressive dangerous criminal"
    " criminals thieves thieving dishonest untrustworthy liars sly sneaky greedy mean grasping scrounger"
    " scroungers sponger spongers freeloader freeloaders benefit drain burden problem menace threat nuisance"
    " fanatic fanatics extremist extremists terrorist terrorists pervert perverts deviant deviants predator"
    " predators paedophile paedophiles unnatural abnormal diseased incompetent incapable unreliable useless"
    " worthless hopeless inferior unintelligent less bad not never unfit unsuited unsuitable only good trusted".split()
)
TREATMENT_WORDS = frozenset(
    "let rent sell hire employ house serve admit shortlist promote offer give accept interview appoint recruit"
    " allocate lend reject refuse turn decline exclude dismiss sack fail mark evict pass prefer choose pick"
    " favour letting renting selling hiring employing housing serving admitting shortlisting promoting offering"
    " giving accepting interviewing appointing recruiting allocating lending".split()
)

# Text just before a match that makes it counter-speech or a mention, not an assertion.
COUNTER_SPEECH = (
    r"\b(?:myths?|claims?|stereotypes?|ideas?|beliefs?|assumptions?|notions?|misconceptions?|tropes?|false(?:ly)?"
    r"|wrong|untrue|not\s+true|never|not|no|say(?:ing|s)?|said|suggest\w*|argu\w+|shouted|called|abuse"
    r"|assum\w+|believ\w+|think(?:s|ing)?|thought|prejudice\w*|bias\w*|unlawful|illegal|discriminat\w+"
    r"|told|wrote|written|posted|graffiti|chant\w*|quot\w+|alleg\w+|reported|example|e\.g\.|like"
    r"|phrases?\s+like|such\s+as|e\.g\.|for\s+example)\W+(?:that\s+|as\s+)?\W*(?:\w+\W+){0,2}$"
)

# Words near a slur that show it is being named as a slur, not used.
MENTION = r"\b(?:slurs?|derogatory|offensive\s+(?:term|word)|the\s+(?:word|term)|racist\s+(?:term|word|abuse))\b"
