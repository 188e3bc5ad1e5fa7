"""Context rules that find person names without a model: form fields, titles, salutations and
sign-offs, and family/role apposition. Each rule yields candidate spans; `pii_names` filters them.

The vocabularies below are generic English/UK-public-sector words (roles, organisation words,
calendar words), not names.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from detectors.pii_name_lexicon import lexicon

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
    r"investigator|attendee|nominee|objector|referral))"
)
PERSON_LABEL = _ONE
# where a labelled field starts: a line (after any bullet), a column gap, a bracket or list separator, or a
# dash set off by spaces, as fields are strung along one line ("noise complaint — tenant: ...")
FIELD_START = r"(?:^[ \t\-*•>]*|[ \t]{2,}|\t|[(|;{,—–][ \t]*|[ \t]-[ \t]+|:[ \t]+)"
_MANY = r"(?:present|apologies|attendees|attendance|in attendance|cc|to|members|panel|also present)"
_FIELD_ONE = regex.compile(
    rf"(?m){FIELD_START}[\"']?(?i:{_ONE})[\"']?[ \t]*[:=-][ \t]*[\"']?"
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
# "Ann Lee DOB 02/03/1990", "Ann Lee (born 1990)": a name written straight before its date of birth
_BIRTH_AFTER = r"[ \t]*[,(\-–]?[ \t]*(?i:dob|d\.o\.b\.?|date of birth|born)(?![\p{L}])"
_NAME_BEFORE_BIRTH = regex.compile(rf"({NAME_RUN}){_BIRTH_AFTER}")


# "Complainant: OKONKWO-BRAY, Delphine (Mrs)": a surname in capitals, or any surname with a title in
# brackets after the forename, written before the forename and set off by a comma.
_INVERTED_LABELLED = regex.compile(
    rf"(?m)(?:^|[ \t]{{2,}}|[(|;])[ \t\-*•>]*(?i:{_ONE})[ \t]*[:=-][ \t]*(\p{{Lu}}{{2,}}[\p{{Lu}}'’]*"
    rf"(?:-\p{{Lu}}{{2,}}[\p{{Lu}}'’]*)?),[ \t]*({NAME_RUN})"
)
_INVERTED_TITLED = regex.compile(rf"\b({NAME_TOKEN}),[ \t]*({NAME_RUN})[ \t]*\({TITLES}\.?\)")
# Welsh patronymics ("Llywelyn ap Dafydd", "Siân ferch Owain") and a title before a particle ("Mr ap
# Dafydd", "Mrs van Rooyen"): the particle joins two names, or follows a title, only in a person's name.
_PATRONYMIC = regex.compile(rf"\b({NAME_TOKEN}[ \t]+(?:ap|ab|ferch|verch)[ \t]+{NAME_TOKEN})")
_TITLED_PARTICLE = regex.compile(rf"\b{TITLES}\.?[ \t]+{_PARTICLE}[ \t]+({NAME_RUN})")
# Caps lock left on: "mRS. oLUWASEUN aDEBAYO-kING" — each word lower-case first, then capitals.
_INVERTED_CAPS_TOKEN = r"\p{Ll}\p{Lu}[\p{Lu}'’]*(?:-\p{Ll}\p{Lu}[\p{Lu}'’]*)?(?![\p{L}-])"
_TITLED_CAPS_LOCK = regex.compile(
    rf"(?i:\b{TITLES})\.?[ \t]+({_INVERTED_CAPS_TOKEN}(?:[ \t]+{_INVERTED_CAPS_TOKEN}){{0,2}})"
)
# A sign-off in lower case with initials: "cheers\ng. t. abernethy-mwale".
_SIGN_OFF_LOWER = regex.compile(
    r"(?m)^[ \t]*(?i:(?:kind|best|warm|many)[ \t]+(?:regards|wishes|thanks)|regards|thanks|thank you|"
    r"cheers|best|yours(?:[ \t]+(?:sincerely|faithfully|truly))?|sincerely)[ \t]*[,.!]?[ \t]*\n"
    r"[ \t]*((?:\p{Ll}\.[ \t]?){1,3}[ \t]*\p{Ll}[\p{Ll}'’]+(?:-\p{Ll}[\p{Ll}'’]+)?)[ \t]*$"
)
# An instruction to contact someone about something: "ring Folasade Adeyemi Bello re her rent".
_CONTACT_ABOUT = regex.compile(
    rf"(?i:\b(?:chase|chasing|ring|call|phone|email|e-mail|text|visit|contact|remind|write to|"
    rf"follow up with|speak to|catch up with))[ \t]+"
    rf"({NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{NAME_TOKEN}){{1,3}})"
    rf"(?=[ \t]+(?i:re|regarding|about|asap)\b)"
)


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


_BIRTH_LINES = OnLines(_NAME_BEFORE_BIRTH, r"(?i:\bdob\b|\bd\.o\.b|date of birth|\bborn\b)")
_CAPS_LOCK_LINES = OnLines(_TITLED_CAPS_LOCK, r"[ \t]\p{Ll}\p{Lu}{2}")
_LOWER_INITIAL_LINE = regex.compile(r"\n[ \t]*\p{Ll}\.")
_INVERTED = (
    OnLines(_INVERTED_LABELLED, r"\p{Lu}{2},"),
    OnLines(_INVERTED_TITLED, rf"\({TITLES}\.?\)"),
)

RULES: tuple[tuple[str, regex.Pattern[str] | OnLines], ...] = (
    ("field", OnLines(_FIELD_ONE, r"[:=-][ \t]*[\"']?\p{Lu}")),  # separator, then a capital
    ("titled", _TITLED), ("greeting", _GREETING), ("sign_off", _SIGN_OFF),
    ("self_intro", _SELF_INTRO), ("relation", _RELATION), ("role_is", _ROLE_IS),
    ("name_before_role", OnLines(_NAME_BEFORE_ROLE, _ROLE_AFTER)),
    ("name_then_verb", OnLines(_NAME_THEN_VERB, _VERB_AFTER)),
    ("possessive_attribute", OnLines(_POSSESSIVE_ATTRIBUTE, _ATTRIBUTE_AFTER)),
    ("patronymic", OnLines(_PATRONYMIC, r"[ \t](?:ap|ab|ferch|verch)[ \t]")),
    ("titled_particle", _TITLED_PARTICLE),
    ("contact_about", OnLines(_CONTACT_ABOUT, r"[ \t](?i:re|regarding|about|asap)\b")),
)


# A nickname in quotes or brackets between a given name and the surname ("Robert 'Bobby' Tennant"),
# and a nickname someone is called by ("everyone calls her Dot", "he goes by Sandy"): the nickname is a
# name part of the same person, so a later mention of it alone is that person too.
_QUOTED_NICKNAME = regex.compile(
    rf"\b({NAME_TOKEN})[ \t]+[\"'‘“(]({NAME_TOKEN})[\"'’”)][ \t]+({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?)"
)
_QUOTED_NICKNAME_LINES = OnLines(_QUOTED_NICKNAME, r"[ \t][\"'‘“(]\p{Lu}")
_CALLED_BY = regex.compile(
    r"(?i:\b(?:(?:call|calls|called|calling)[ \t]+(?:him|her|them|me)|(?:he|she|they|i)[ \t]+"
    r"(?:(?:is|are|am|was|were)[ \t]+(?:known|called)[ \t]+as|(?:goes|go|went)[ \t]+by)|nicknamed|"
    r"(?:he|she|they|i)[ \t]+(?:prefers?|likes?)[ \t]+to[ \t]+be[ \t]+called))[ \t]+[\"'‘“]?"
    rf"({NAME_TOKEN})"
)
_CALLED_BY_LINES = OnLines(_CALLED_BY, r"(?i:\bcall|\bknown[ \t]+as|[ \t]by[ \t]|nicknamed)")


def nickname_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """Given name, nickname and surname of a quoted-nickname name; the nickname after "call her" etc.
    Each word must be able to be a name: a listed given name first, and no ordinary English word that
    is no name in the other places ("The 'Big' Issue", "call him Sir")."""
    lex = lexicon()

    def nameish(word: str) -> bool:
        return lex.is_name(word) or not lex.is_ordinary(word)

    for m in _QUOTED_NICKNAME_LINES.finditer(text):
        if lex.is_given(m.group(1)) and nameish(m.group(2)) and all(nameish(w) for w in m.group(3).split()):
            for g in (1, 2, 3):
                yield m.start(g), m.end(g), "nickname"
    for m in _CALLED_BY_LINES.finditer(text):
        if nameish(m.group(1)) and not regex.fullmatch(TITLES, m.group(1)):
            yield m.start(1), m.end(1), "nickname"


# Verbs of bodily action take a human subject: the capitalised word doing them ("X answered the door",
# "X shrugged") is a person, even a name no lexicon lists. Only a word no dictionary or name list
# knows, standing alone (no capitalised word before it), so "Reception opened", "Tesco answered" and
# "Mrs X" (other rules) are left to what knows them.
_BODILY = regex.compile(
    rf"(?<![\p{{L}}'’-])(?<!\p{{Lu}}[\p{{L}}'’-]*[ \t]+)({NAME_TOKEN})[ \t]+(?:answered[ \t]+the[ \t]+door|"
    r"opened[ \t]+the[ \t]+door|came[ \t]+to[ \t]+the[ \t]+door|smiled|shouted|waved|cried|nodded|laughed|"
    r"wept|shrugged|sighed|frowned|winked|screamed|knocked)\b"
)
_BODILY_LINES = OnLines(_BODILY, r"(?:the[ \t]+door|smiled|shouted|waved|cried|nodded|laughed|wept|shrugged|"
                        r"sighed|frowned|winked|screamed|knocked)\b")


def bodily_subjects(text: str) -> Iterator[tuple[int, int, str]]:
    lex = lexicon()
    for m in _BODILY_LINES.finditer(text):
        word = m.group(1)
        if not word.isupper() and (lex.is_name(word) or not lex.is_ordinary(word)):
            yield m.start(1), m.end(1), "bodily_subject"


def rule_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) for every name-shaped run that a context rule points at."""
    for rule, pattern in RULES:
        for m in pattern.finditer(text):
            yield m.start(1), m.end(1), rule
    for m in _BIRTH_LINES.finditer(text):
        # "Care Plan Ann Lee DOB ...": the name is the run's tail, after any document words
        for word in regex.finditer(r"\S+", m.group(1)):
            yield m.start(1) + word.start(), m.end(1), "name_before_birth"
    for inverted in _INVERTED:
        for m in inverted.finditer(text):
            yield m.start(1), m.end(1), "inverted"
            yield m.start(2), m.end(2), "inverted"
    for m in _REVERSED_HEADER.finditer(text):
        yield m.start(1), m.end(1), "reversed_header"
        yield m.start(2), m.end(2), "reversed_header"
    yield from nickname_candidates(text)
    yield from bodily_subjects(text)
    for m in _FIELD_MANY.finditer(text):
        base = m.start(1)
        for item in _LIST_ITEM.finditer(m.group(1)):
            yield base + item.start(1), base + item.end(1), "field_list"


def lower_case_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """Names typed without capitals, or with caps lock on, that a context rule points at; these skip
    the capitalised-token clean-up, the context is the evidence."""
    for m in _CAPS_LOCK_LINES.finditer(text):
        yield m.start(1), m.end(1), "titled_caps_lock"
    if _LOWER_INITIAL_LINE.search(text):
        for m in _SIGN_OFF_LOWER.finditer(text):
            yield m.start(1), m.end(1), "sign_off_lower"
    yield from speaker_labels(text)


# A transcript: lines "Role: utterance" where one side is staff ("Advisor:", "Agent:") and the other
# side's label is the caller's name, in whatever case it was typed.
_STAFF_SPEAKER = regex.compile(
    r"(?im)^[ \t]*(?:advisor|adviser|agent|operator|call handler|officer|interviewer|caseworker|staff)"
    r"[ \t]*:"
)
_SPEAKER_ROLES = (
    r"caller|customer|speaker|me|you|us|them|interviewee|respondent|note|notes|summary|action|actions|"
    r"outcome|q|a|question|answer|re|subject|date|time|ref|transcript|call|system|bot|assistant|user"
)
_SPEAKER = regex.compile(r"(?m)^[ \t]*(\p{L}[\p{L}'’.-]*(?:[ \t]+\p{L}[\p{L}'’.-]*){0,3})[ \t]*:[ \t]+\S")


def speaker_labels(text: str) -> Iterator[tuple[int, int, str]]:
    """Speaker labels of a transcript that are not a role or an ordinary word: the other party's name."""
    if not _STAFF_SPEAKER.search(text):
        return
    lex = lexicon()
    for m in _SPEAKER.finditer(text):
        words = [w.strip(".") for w in m.group(1).split()]
        if any(regex.fullmatch(rf"(?i:{_ONE}|{_MANY}|{_SPEAKER_ROLES})", w) for w in words):
            continue
        if any(lex.is_name(w) or not lex.is_ordinary(w) for w in words) and not any(
            lex.is_ordinary(w) and not lex.is_name(w) for w in words
        ):
            yield m.start(1), m.end(1), "speaker"
