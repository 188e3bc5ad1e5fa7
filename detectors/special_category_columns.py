"""Special-category data in structured records: a column or key that names a category, with a value.

In a table, CSV, JSON or `key: value` form the header says what every value is: any non-empty value under
`Diagnosis`, `Religion`, `Ethnicity`, `Sexual orientation` or `Union` records that category about the
person in the row, whatever the value's wording or case. Parsing is `detectors.structure.record_pairs`
(tables are read only under a header with such a column). Empty or declined answers ("none", "n/a",
"prefer not to say") reveal nothing; a table with a count or percentage column is aggregate statistics.
One finding per category, spanning the values found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from detectors.base import Finding
from detectors.lexicons import special_category as lex
from detectors.structure import record_pairs
from detectors.word_anchors import Anchored

SCORE = 0.85

_KEYS: dict[str, str] = {
    r"diagnos[ie]s|medical(?: conditions?| history| needs)?|(?:health|long[- ]term|medical)? ?conditions?"
    r"|health(?: needs| issues| problems)?|illness(?:es)?|disabilit(?:y|ies)|medications?|mental health"
    r"|impairments?|allerg(?:y|ies)|gp notes": lex.HEALTH,
    r"religion(?: or belief| ?/ ?belief)?|faith|belief|religious belief": lex.RELIGION,
    r"ethnicity|ethnic (?:origin|group|background)|race": lex.RACIAL,
    r"sexual(?:ity| orientation)|orientation": lex.SEXUAL,
    r"(?:trade )?union(?: membership| member)?": lex.UNION,
    r"political (?:party|affiliation|views|opinion)|party (?:membership|affiliation|allegiance)|voting intention"
    r"|political (?:party )?(?:membership|allegiance)": lex.POLITICAL,
    r"genetic (?:test|result|condition)s?|genotype": lex.GENETIC,
    r"biometrics?|fingerprint(?: template)?s?|face template": lex.BIOMETRIC,
}
_KEY_WORD = Anchored(re.compile(  # cheap gate: some word a category key starts with (tried at word starts only)
    r"\b(?:diagnos|medica|condition|health|illness|disabilit|impairment|allerg|gp\b|religio|faith|belief|ethnic"
    r"|race\b|sexual|orientation|union|political|party|voting|genetic|genotype|biometric|fingerprint|face)",
    re.IGNORECASE,
))
_KEY_PATTERNS = [(re.compile(r"^\W*(?:" + p + r")\W*$", re.IGNORECASE), cat) for p, cat in _KEYS.items()]
_EMPTY = re.compile(
    r"^\W*(?:|none|no|nil|n/?a|-+|unknown|not (?:known|stated|recorded|given|disclosed)|prefer not to say"
    r"|declined|not applicable|tbc|\?)\W*$",
    re.IGNORECASE,
)
_AGGREGATE_KEY = re.compile(r"^\W*(?:count|number|no\.?|total|%|percent(?:age)?|share|rate|n)\W*$", re.IGNORECASE)


def category_of(key: str) -> str | None:
    for pattern, category in _KEY_PATTERNS:
        if pattern.match(key):
            return category
    return None


def _is_key(cell: str) -> bool:
    return category_of(cell) is not None


# a list under a key ("conditions": ["asthma"], diagnoses: [copd, gout]): the record parser reads scalars only
_LIST_VALUE = re.compile(r"""["']?([A-Za-z][\w -]{1,40}?)["']?\s*[:=]\s*\[([^\[\]\n]{1,400})\]""")
_LIST_ITEM = re.compile(r"""[^,"'\s][^,"']*""")


def _list_values(text: str) -> Iterable[tuple[str, int, int]]:
    """(category, start, end) of every non-empty item in a list under a category key."""
    for m in _LIST_VALUE.finditer(text):
        category = category_of(m.group(1))
        if category is None:
            continue
        for item in _LIST_ITEM.finditer(m.group(2)):
            if not _EMPTY.match(item.group()):
                yield category, m.start(2) + item.start(), m.start(2) + item.end()


def column_findings(text: str, detector: str) -> list[Finding]:
    """Findings for special-category values under a category key (tables, key: value, JSON ...)."""
    if not any(c in text for c in ":|,\t;=") or not _KEY_WORD.search(text):
        return []
    pairs = list(record_pairs(text, _is_key))
    aggregate = {p.record for p in pairs if p.record >= 0 and _AGGREGATE_KEY.match(p.key)}
    spans: dict[str, list[tuple[int, int]]] = {}
    if "[" in text:
        for category, start, end in _list_values(text):
            spans.setdefault(category, []).append((start, end))
    for pair in pairs:
        category = category_of(pair.key)
        if category is None or (pair.record >= 0 and pair.record in aggregate):
            continue
        if _EMPTY.match(text[pair.start : pair.end]):
            continue
        spans.setdefault(category, []).append((pair.start, pair.end))
    return list(_findings(spans.items(), detector))


def _findings(items: Iterable[tuple[str, list[tuple[int, int]]]], detector: str) -> Iterable[Finding]:
    for category, found in items:
        yield Finding("SPECIAL_CATEGORY", min(s for s, _ in found), max(e for _, e in found), SCORE, detector,
                      category)
