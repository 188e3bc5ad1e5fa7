"""StructuredDataDetector: personal data that only its column header or key identifies.

In a table, a JSON record, a YAML block, a log line or a `key: value` form the key is the context:
`1984-03-02` is a date of birth under `dob`, `jenkins` a surname under `last_name`, whatever their
shape or case. The parsers (`detectors.structure_parse`) yield (key, value span) pairs; the key is
classified (`detectors.structure_keys.classify_key`) and the value checked for the field's shape
(`fit`); each accepted value is a normal finding (PERSON, DATE_OF_BIRTH, STREET_ADDRESS, ...) whose
detector name says where it came from (`structure.table`, `structure.keyvalue`, `structure.aligned`,
`structure.xml`). Names carry their part as the label: given_name, middle_name, family_name,
full_name.

A key that is only loosely a name (`name`, `display name`, role words such as `tenant`) counts only
when its record holds another personal field (another key of this kind within the same table, or
within `_RECORD_WINDOW` characters; in a table, another person's column counts too: "lead applicant"
beside "joint tenant") whose value has that field's shape, so a tool list's
`"name": "search"` or a team's name stays. Abbreviated keys (`fn`, `owner`, `user`) are context for
each other only as the two parts of one name (`fn` beside `sn`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from detectors.base import Finding
from detectors.pii_name_lexicon import reads_as_name
from detectors.structure_keys import Field, classify_key, fit, is_personal_key
from detectors.structure_parse import (
    Pair,
    aligned_pairs,
    announced_pairs,
    array_table_pairs,
    html_table_pairs,
    input_pairs,
    key_value_pairs,
    leader_pairs,
    line_spans,
    object_parents,
    parent_key,
    sql_insert_pairs,
    stacked_pairs,
    string_array_pairs,
    table_pairs,
    xml_pairs,
)

SCORE = 0.8
STRICT_SCORE = 0.7
_RECORD_WINDOW = 400
_ENTITIES = frozenset(
    {"PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "UK_POSTCODE", "UK_NINO", "UK_NHS", "PHONE_NUMBER",
     "UK_BANK_SORT_CODE", "UK_BANK_ACCOUNT", "UK_PASSPORT"}
)


class StructuredDataDetector:
    name = "structure"
    entities: frozenset[str] = _ENTITIES

    def detect(self, text: str) -> Sequence[Finding]:
        pairs = [
            (pair, field)
            for pair in record_pairs(text)
            if (field := classify_key(pair.key)) is not None
        ]
        if not pairs:
            return []
        fitted = [(pair, field, span) for pair, field in pairs if (span := fit(field, text[pair.start:pair.end]))]
        context = _RecordContext([(pair, field) for pair, field, _span in fitted])
        found: list[Finding] = []
        seen: set[tuple[int, int]] = set()
        for pair, field, span in fitted:
            if (pair.start, pair.end) in seen:
                continue
            if (field.strict or field.abbreviated) and not context.has_other_field(pair, field) and not (
                reads_as_name(text[pair.start + span[0]:pair.start + span[1]])
            ):
                continue
            seen.add((pair.start, pair.end))
            score = STRICT_SCORE if field.strict or field.abbreviated else SCORE
            found.append(Finding(field.entity, pair.start + span[0], pair.start + span[1], score,
                                 f"{self.name}.{pair.source}", field.label))
        return found


def record_pairs(text: str, is_key: Callable[[str], bool] = is_personal_key) -> Iterator[Pair]:
    """Every (key, value span) pair in the structured parts of `text`, from all parsers. Tables are
    read only under a header with at least one cell that `is_key` accepts (another detector can pass
    its own predicate, e.g. for special-category columns); key/value parsers yield every pair."""
    if ":" in text or "=" in text:
        yield from _with_parent_keys(text, key_value_pairs(text), is_key)
    if "[" in text:
        yield from string_array_pairs(text)
    lines = line_spans(text)
    yield from table_pairs(text, lines, is_key)
    yield from announced_pairs(text, lines, is_key)
    if "  " in text:
        yield from aligned_pairs(text, lines)
    yield from xml_pairs(text)
    yield from input_pairs(text)
    yield from stacked_pairs(text, lines, is_key)
    yield from leader_pairs(text)
    yield from sql_insert_pairs(text)
    yield from html_table_pairs(text, is_key)
    yield from array_table_pairs(text, is_key)


def _with_parent_keys(text: str, pairs: Iterator[Pair], is_key: Callable[[str], bool]) -> Iterator[Pair]:
    """A key inside an object that is another key's value, and no field on its own, names a part of
    the outer key's field: `"address": {"line1": ...}` is the address's first line."""
    parents = object_parents(text) if "{" in text else []
    for pair in pairs:
        outer = parent_key(parents, pair.key_pos) if parents and not is_key(pair.key) else None
        yield pair if outer is None else replace(pair, key=f"{outer} {pair.key}")


class _RecordContext:
    """Which personal fields sit in the same record as a pair: same table, or nearby keys."""

    def __init__(self, pairs: list[tuple[Pair, Field]]) -> None:
        self._by_record: dict[int, set[tuple[str, str, str]]] = {}
        self._positions: list[tuple[int, Field]] = []
        for pair, field in pairs:
            if field.abbreviated and field.label not in ("given_name", "family_name"):
                continue                  # an ambiguous key ("owner", "user") is no context for another
            if pair.record >= 0:
                self._by_record.setdefault(pair.record, set()).add((field.entity, field.label, _column(pair)))
            else:
                self._positions.append((pair.key_pos, field))

    def has_other_field(self, pair: Pair, field: Field) -> bool:
        me = (field.entity, field.label)
        if pair.record >= 0:
            # another field, or another person's column ("lead applicant" beside "joint tenant")
            return any(kind[:2] != me or kind[2] != _column(pair) for kind in self._by_record.get(pair.record, ()))
        return any(
            abs(pos - pair.key_pos) <= _RECORD_WINDOW and (other.entity, other.label) != me and not other.strict
            for pos, other in self._positions
        )


def _column(pair: Pair) -> str:
    return pair.key.strip().casefold()
