"""False-positive control: general rules that drop a candidate finding, each a predicate on
(text, start, end). The table `RULES` is the single place to see what is suppressed and why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import regex

from detectors.pii_name_lexicon import NameLexicon, lexicon
from detectors.pii_vocab import MAILBOX_WORDS

Rule = Callable[[str, int, int], bool]

_NUMERIC = frozenset(
    {"PHONE_NUMBER", "UK_NHS", "CREDIT_CARD", "UK_BANK_ACCOUNT", "UK_PASSPORT", "IP_ADDRESS"}
)

_REFERENCE_CUE = regex.compile(
    r"(?i)\b(?:ref(?:erence)?|invoice|inv|p\.?o\.?|purchase order|order|case|ticket|application|claim|"
    r"policy|change|request|job|incident|booking|transaction|receipt|permit|pcn|penalty charge notice|"
    r"notice|certificate|licence|contract|tender|batch|serial|version|build|release|account ref|"
    r"customer ref|asset|item|file)\b(?:[ \t]*(?:no\.?|number|num|#|id|ref))?[ \t]*[:#.]?[ \t]*$"
)
_NHS_CUE = regex.compile(r"(?i)\bnhs\b[^\n]{0,25}$")
_NHS_LABEL = regex.compile(r"(?i)\bnhs\b(?:[ \t]*(?:no\.?|number|num|#))?[ \t]*[:#]?[ \t]*\Z")
_STANDARD_CUE = regex.compile(r"\b(?:ISO(?:/IEC)?|IEC|BS(?: EN| ISO)?|EN|PAS|BSI|NIST(?: SP)?)[ \t:/-]*$")
_CODE_LEFT = regex.compile(r"[A-Za-z0-9][/_-]\Z|[A-Za-z]\Z")
_CODE_RIGHT = regex.compile(r"[/_-][A-Za-z0-9]|[A-Za-z]")
_VERSION_CUE = regex.compile(r"(?i)\b(?:version|ver\.?|v|build|release|firmware)[ \t:]*$")


def _before(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width):start].rsplit("\n", 1)[-1]


def reference_number(text: str, start: int, end: int) -> bool:
    """A number labelled as a reference, invoice, order, case, ... number (and not as an NHS number)."""
    before = _before(text, start)
    return bool(_REFERENCE_CUE.search(before)) and not _NHS_CUE.search(before)


def nhs_labelled_non_phone(text: str, start: int, end: int) -> bool:
    """A number right after an NHS-number label is not a phone number, even when it fails mod 11."""
    return bool(_NHS_LABEL.search(_before(text, start)))


def embedded_in_code(text: str, start: int, end: int) -> bool:
    """Digits that are part of a longer code such as INV-2025-04430, AUD/2026/007 or CHG0026672."""
    left = text[max(0, start - 2):start]
    right = text[end:end + 2]
    return bool(_CODE_LEFT.search(left) or _CODE_RIGHT.match(right))


def standard_number(text: str, start: int, end: int) -> bool:
    """The number of a published standard: ISO 27001, BS 7666, PAS 2035, ISO/IEC 27001:2022."""
    return bool(_STANDARD_CUE.search(_before(text, start, 16)))


def version_number(text: str, start: int, end: int) -> bool:
    return bool(_VERSION_CUE.search(_before(text, start, 16)))


# UK public-service names and their usual abbreviations in team mailboxes: revenues and benefits, NHS
# bodies (clinical commissioning groups, integrated care boards, patient advice and liaison), GP
# practices, children's social care (fostering, adoption, local authority designated officer).
# Counted only on a public body's domain (on a consumer domain "fostering@" may be anyone's).
_SERVICE_WORDS = MAILBOX_WORDS | frozenset(
    {"revs", "bens", "ccg", "icb", "ics", "gp", "gps", "pals", "fostering", "adoption", "lado", "ops",
     "nhs", "trust", "pct", "cqc", "ehcp", "send", "sen", "cic", "camhs", "dols", "hub"}
) | frozenset(
    # the same role and service words in Welsh, the other official language of Welsh public bodies, whose
    # team mailboxes are named in it (with the soft-mutated forms Welsh uses after some words)
    """
    gwasanaethau gwasanaeth wasanaethau wasanaeth cymraeg gymraeg cymru cyngor gyngor ymholiadau ymholiad
    cwynion cwyn tai treth dreth cynllunio gynllunio trwyddedu drwyddedu gwybodaeth wybodaeth cymorth
    swyddfa derbynfa cyfathrebu addysg ysgolion ailgylchu gwastraff priffyrdd parcio budd daliadau refeniw
    cyllid adnoddau dynol dim ateb cwsmeriaid democratiaeth etholiadau etholiadol cofrestru cofrestrydd
    llyfrgell llyfrgelloedd hamdden diogelu plant oedolion teuluoedd cyfieithu iaith tim swyddog swyddogion
    """.split()
)


@lru_cache(maxsize=2048)
def _segments_into_mailbox_words(word: str, public_body: bool = False) -> bool:
    if not word:
        return True
    words = _SERVICE_WORDS if public_body else MAILBOX_WORDS
    return any(
        word[:i] in words and _segments_into_mailbox_words(word[i:], public_body) for i in range(len(word), 1, -1)
    )


def _names_the_organisation(part: str, domain: str) -> bool:
    """On a public body's domain, a local-part word that is one of the domain's own labels (the body's
    name: "<body>.libraries@<body>.gov.uk") names the organisation, not a person."""
    return len(part) > 2 and part in domain.split(".")


# Domains of UK public bodies, where staff addresses follow a person-name scheme and every other
# address is a team's or a service's (gov.uk, NHS, police, universities, schools, parliaments).
_ORGANISATIONAL = regex.compile(
    r"(?i)(?:^|\.)(?:gov\.uk|nhs\.net|nhs\.uk|police\.uk|ac\.uk|sch\.uk|mod\.uk|parliament\.uk|"
    r"gov\.scot|gov\.wales|llyw\.cymru|judiciary\.uk|nhs\.scot|hscni\.net)$"
)


def functional_mailbox(text: str, start: int, end: int) -> bool:
    """counciltax@…, no-reply@…, foi@…, customer.services@…: a role mailbox, not a person's address.

    Anywhere, a local part made only of service words is a role mailbox. On a public body's domain,
    so is any local part that does not follow a person-name scheme (`personal_local_part`)."""
    local, _at, domain = text[start:end].lower().partition("@")
    organisational = bool(_ORGANISATIONAL.search(domain))
    parts = [p for p in regex.split(r"[._+-]+", local) if p]
    if not parts:
        return False
    # the body's own name plus service words (or alone) is the body's mailbox
    service = [p for p in parts if not (organisational and _names_the_organisation(p, domain))]
    if all(_segments_into_mailbox_words(p, organisational) for p in service):
        return True
    return organisational and not personal_local_part(parts)


def personal_local_part(parts: list[str]) -> bool:
    """Does an address's local part name a person: first.last, f.last, firstlast, flast, a name plus
    digits? Parts are the local part split at dots, dashes, underscores and plus signs."""
    lex = lexicon()
    words = [w for w in (p.rstrip("0123456789") for p in parts) if w]
    namey = [w for w in words if len(w) > 1 and not _segments_into_mailbox_words(w)
             and (lex.is_name(w) or not lex.is_ordinary(w))]
    # a two-letter part alone is as often an abbreviation ("ot.referrals", "hr.team") as a surname ("ng")
    if len(namey) >= 2 or any(lex.distinctive(w) for w in namey if len(w) > 2):
        return True
    if namey and any(len(w) == 1 for w in words):
        return True                                   # an initial and a name: j.okafor, okafor.j
    return any(_joined_name(w, lex) for w in words
               if len(w) > 4 and not lex.is_ordinary(w) and not _segments_into_mailbox_words(w))


def _joined_name(word: str, lex: NameLexicon) -> bool:
    """Initial or given name run together with a surname, or a surname then an initial: "jsmith",
    "saraholloway", "smithj"."""
    if lex.is_surname(word[:-1]) and not _segments_into_mailbox_words(word[:-1]):
        return True
    for cut in range(1, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if (cut == 1 or lex.is_given(head)) and lex.is_surname(tail) and not _segments_into_mailbox_words(tail):
            return True
    return False


RULES: tuple[tuple[str, frozenset[str], Rule], ...] = (
    ("reference_number", frozenset({"PHONE_NUMBER", "UK_NHS"}), reference_number),
    ("nhs_labelled_non_phone", frozenset({"PHONE_NUMBER"}), nhs_labelled_non_phone),
    ("embedded_in_code", _NUMERIC, embedded_in_code),
    ("standard_number", _NUMERIC, standard_number),
    ("version_number", frozenset({"IP_ADDRESS", "PHONE_NUMBER"}), version_number),
    ("functional_mailbox", frozenset({"EMAIL_ADDRESS"}), functional_mailbox),
)


def suppressed(entity: str, text: str, start: int, end: int) -> str | None:
    """The name of the first rule that suppresses this candidate, or None to keep it."""
    for name, entities, rule in RULES:
        if entity in entities and rule(text, start, end):
            return name
    return None
