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

# Cheap gates: a rule's regex runs only when the new text contains one of its words.
DEHUMANISING_WORDS = frozenset(
    "vermin animals parasites subhuman sub scum savages cockroaches rats disease plague cancer virus infestation"
    " filth inferior criminals thieves terrorists rapists human burden breeding".split()
)
ELIMINATIONIST_WORDS = frozenset(
    "exterminated exterminate wiped wipe gassed shot killed kill sterilised sterilized deported deport locked"
    " sent banned removed kept rid country".split()
)

# Text just before a match that makes it counter-speech or a mention, not an assertion.
COUNTER_SPEECH = (
    r"\b(?:myths?|claims?|stereotypes?|ideas?|beliefs?|assumptions?|notions?|misconceptions?|tropes?|false(?:ly)?"
    r"|wrong|untrue|not\s+true|never|not|no|say(?:ing|s)?|said|suggest\w*|argu\w+|shouted|called|abuse"
    r"|phrases?\s+like|such\s+as|e\.g\.|for\s+example)\W+(?:that\s+|as\s+)?\W*(?:\w+\W+){0,2}$"
)

# Words near a slur that show it is being named as a slur, not used.
MENTION = r"\b(?:slurs?|derogatory|offensive\s+(?:term|word)|the\s+(?:word|term)|racist\s+(?:term|word|abuse))\b"
