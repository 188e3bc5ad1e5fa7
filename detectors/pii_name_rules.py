"""Context rules that find person names without a model: form fields, titles, salutations and
sign-offs, and family/role apposition. Each rule yields candidate spans; `pii_names` filters them.

The vocabularies below are generic English/UK-public-sector words (roles, organisation words,
calendar words), not names.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

NAME_TOKEN = r"\p{Lu}[\p{Ll}\p{Lu}'’]*(?:-\p{Lu}[\p{Ll}'’]+)?(?![\p{L}-])"
_PARTICLE = r"(?:de|da|di|dos|das|du|van|von|der|den|le|la|al|el|bin|ibn|ben|ó|ní|nic|uí|ua|ap|ferch)"
NAME_RUN = rf"(?:\p{{Lu}}\.[ \t]?){{0,2}}{NAME_TOKEN}(?:[ \t](?:{_PARTICLE}[ \t])?{NAME_TOKEN}){{0,3}}"
TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Professor|Sir|Dame|Rev|Revd)"

# Labels whose value is one person; labels whose value is a list of people.
_ONE = (
    r"(?:(?:first|last|given|family|middle|maiden|full|birth|sur|fore|christian|preferred|legal)[ _-]?names?|"
    r"surname|forename|known[ _-]as|"
    r"(?:[\p{L} ]{0,25}\b)?(?:name|worker|employee|applicant|service user|officer|manager|referrer|"
    r"tenant|resident|claimant|author|contact|chair|signed|signature|witness|parent|carer|child|"
    r"partner|nok|next of kin|landlord|client|customer|patient|pupil|student|councillor|caseworker|"
    r"assessor|from|requester|requestor|complainant|adviser|advisor|practitioner|lead|"
    r"supervisor|interviewee|interviewer|by|gp|mother|father|spouse|guardian|holder|member|person|"
    r"individual|colleague|victim|perpetrator|suspect|offender|occupier|owner|keeper|licensee|driver|"
    r"recipient|payee|sender|respondent|appellant|defendant|deceased|relative|neighbour|friend|dsl|"
    r"teacher|headteacher|nurse|doctor|solicitor|representative|rep|agent|advocate|interpreter|"
    r"investigator|attendee|nominee|objector))"
)
PERSON_LABEL = _ONE
_MANY = r"(?:present|apologies|attendees|attendance|in attendance|cc|to|members|panel|also present)"
_FIELD_ONE = regex.compile(
    rf"(?m)(?:^[ \t\-*•>]*|[ \t]{{2,}}|\t|[(|;{{,][ \t]*)[\"']?(?i:{_ONE})[\"']?[ \t]*[:=-][ \t]*[\"']?"
    rf"(?:{TITLES}\.?[ \t]+)?({NAME_RUN})"
)
# Email headers that put the surname first: "From: Treloar, Morwenna <m.treloar@...>".
_REVERSED_HEADER = regex.compile(
    rf"(?m)^[ \t]*(?i:from|to|cc|bcc|sender|sent by)[ \t]*:[ \t]*({NAME_TOKEN}),[ \t]*({NAME_RUN})"
    rf"[ \t]*[<(\[]"
)
_FIELD_MANY = regex.compile(rf"(?m)^[ \t\-*•>]*(?i:{_MANY})[ \t]*:[ \t]*([^\n]+)")
_LIST_ITEM = regex.compile(rf"(?:^|[,;]|\band\b)[ \t]*(?:{TITLES}\.?[ \t]+)?({NAME_RUN})(?![ \t]*:)")

_TITLED = regex.compile(rf"\b{TITLES}\.?[ \t]+({NAME_RUN})")
_GREETING = regex.compile(
    rf"(?m)(?:^|[.!?:;\"'(][ \t]*)(?i:dear|hi|hello|hey|good (?:morning|afternoon))[ \t]+"
    rf"(?:{TITLES}\.?[ \t]+)?"
    rf"({NAME_RUN})"
)
_SIGN_OFF = regex.compile(
    rf"(?m)(?:^|[.!?][ \t]+)[ \t]*(?i:(?:kind|best|warm|many)[ \t]+(?:regards|wishes|thanks)|regards|"
    rf"thanks|thank you|cheers|best(?=[ \t]*[,\n])|yours(?:[ \t]+(?:sincerely|faithfully|truly))?|"
    rf"sincerely|signed)"
    rf"[ \t]*[,.!]?[ \t]*\n?"
    rf"[ \t]*(?:{TITLES}\.?[ \t]+)?({NAME_RUN})[ \t]*(?:$|[,(])"
)
_SELF_INTRO = regex.compile(rf"(?i:\b(?:my name is|this is|it'?s|i am|i'm)[ \t]+)({NAME_RUN})")
_RELATION = regex.compile(
    rf"(?i:\b(?:son|daughter|partner|husband|wife|mother|mum|father|dad|brother|sister|friend|"
    rf"neighbour|carer|nephew|niece|grandson|granddaughter|grandmother|grandfather|aunt|uncle|"
    rf"cousin|rep|representative|colleague|advocate|fiancée?|stepson|stepdaughter|child|tenant|"
    rf"lodger|boyfriend|girlfriend|ex-partner|named|called|resident|applicant|claimant|officer),?)"
    rf"[ \t]+({NAME_RUN})"
)
_ROLE_AFTER = (
    r"[ \t]*\((?i:son|daughter|partner|husband|wife|mother|father|brother|sister|"
    r"friend|neighbour|carer|chair|line manager|manager|hr adviser|social worker|tenant|landlord|"
    r"gp|nok|next of kin|minutes|note ?taker)\b"
)
# "the tenant is Ann Lee", "her carer was Ann Lee": a copula between a person's role and a full name
# (two words or more: one capitalised word after "is" is as often an adjective, "is Polish")
_ROLE_IS = regex.compile(
    rf"(?i:\b(?:son|daughter|partner|husband|wife|mother|mum|father|dad|brother|sister|friend|neighbour|"
    rf"carer|tenant|lodger|resident|applicant|claimant|complainant|officer|caseworker|worker|contact|"
    rf"landlord|client|patient|customer|child|pupil|name)[ \t]+(?:is|was|will[ \t]+be|has[ \t]+been)[ \t]+)"
    rf"({NAME_TOKEN}(?:[ \t](?:{_PARTICLE}[ \t])?{NAME_TOKEN}){{1,3}})"
)
_NAME_BEFORE_ROLE = regex.compile(rf"({NAME_RUN}){_ROLE_AFTER}")

PERSON_VERB = (
    r"said|says|rang|phoned|called|emailed|asked|told|explained|reported|agreed|disclosed|admitted|"
    r"complained|confirmed|mentioned|visited|attended|missed|declined|refused|lives|lived|moved"
)
_VERB_AFTER = rf"[ \t]+(?:has[ \t]+|had[ \t]+)?(?:{PERSON_VERB})\b"
_NAME_THEN_VERB = regex.compile(rf"({NAME_RUN}){_VERB_AFTER}")
_ATTRIBUTE_AFTER = (
    r"['’]s[ \t]+(?:[\p{Ll}-]+[ \t]+)?(?i:address|phone|mobile|number|email|home|house|flat|"
    r"details|date of birth|dob|family|mother|father|son|daughter|partner|husband|wife|children|child|"
    r"car|account|records?|case|file|medical|health|benefits?|claim|rent|arrears|tenancy|employer|"
    r"whereabouts|location|social media|profile|movements)\b"
)
_POSSESSIVE_ATTRIBUTE = regex.compile(rf"({NAME_RUN}){_ATTRIBUTE_AFTER}")


class OnLines:
    """A rule whose every match lies within one line and contains a match of the cheap `hint` (the
    separator before the name, or what follows the name): the rule runs only on lines where the hint
    matches, which finds the same matches as running it over the whole text."""

    def __init__(self, pattern: regex.Pattern[str], hint: str) -> None:
        self.pattern = pattern
        self.hint = regex.compile(hint)

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        pos = 0
        while (hit := self.hint.search(text, pos)) is not None:
            lo = text.rfind("\n", 0, hit.start()) + 1
            hi = text.find("\n", hit.end())
            hi = len(text) if hi < 0 else hi
            yield from self.pattern.finditer(text, lo, hi)
            pos = hi + 1
            if pos > len(text):
                break


RULES: tuple[tuple[str, regex.Pattern[str] | OnLines], ...] = (
    ("field", OnLines(_FIELD_ONE, r"[:=-][ \t]*[\"']?\p{Lu}")),  # separator, then a capital
    ("titled", _TITLED), ("greeting", _GREETING), ("sign_off", _SIGN_OFF),
    ("self_intro", _SELF_INTRO), ("relation", _RELATION), ("role_is", _ROLE_IS),
    ("name_before_role", OnLines(_NAME_BEFORE_ROLE, _ROLE_AFTER)),
    ("name_then_verb", OnLines(_NAME_THEN_VERB, _VERB_AFTER)),
    ("possessive_attribute", OnLines(_POSSESSIVE_ATTRIBUTE, _ATTRIBUTE_AFTER)),
)


def rule_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) for every name-shaped run that a context rule points at."""
    for rule, pattern in RULES:
        for m in pattern.finditer(text):
            yield m.start(1), m.end(1), rule
    for m in _REVERSED_HEADER.finditer(text):
        yield m.start(1), m.end(1), "reversed_header"
        yield m.start(2), m.end(2), "reversed_header"
    for m in _FIELD_MANY.finditer(text):
        base = m.start(1)
        for item in _LIST_ITEM.finditer(m.group(1)):
            yield base + item.start(1), base + item.end(1), "field_list"
