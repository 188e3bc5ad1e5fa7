"""More shapes whose key is the only context: arrays of strings under a key (one line or pretty-printed),
a printed data frame with its unlabelled row index, and Welsh field labels of bilingual forms. New
texts; look-alike controls stay unflagged."""

from __future__ import annotations

from detectors.structure import StructuredDataDetector


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.entity, text[f.start:f.end]) for f in StructuredDataDetector().detect(text)}


def test_pretty_printed_string_array_under_a_name_key() -> None:
    text = (
        '{\n  "name": [\n    {\n      "family": "Okonjo-Barr",\n      "given": [\n        "Philomena",\n'
        '        "Ruth"\n      ]\n    }\n  ],\n  "birthDate": "1958-02-11"\n}'
    )
    found = _found(text)
    assert {("PERSON", "Philomena"), ("PERSON", "Ruth"), ("PERSON", "Okonjo-Barr")} <= found


def test_string_array_under_an_ordinary_key_is_left() -> None:
    text = '{"given": ["Philomena"], "family": "Okonjo-Barr", "tags": ["Urgent", "Housing Review"]}'
    values = {v for _e, v in _found(text)}
    assert "Philomena" in values and "Urgent" not in values and "Housing Review" not in values


def test_data_frame_print_with_row_index() -> None:
    text = (
        "print(df)\n"
        "      forename    surname        dob\n"
        "0     Ignatius    Vandermeer     1949-07-30\n"
        "1     Carys       Bevan-Omari    2001-12-05\n"
    )
    found = _found(text)
    assert {("PERSON", "Ignatius"), ("PERSON", "Bevan-Omari"), ("DATE_OF_BIRTH", "2001-12-05")} <= found


def test_data_frame_with_non_personal_columns_is_left() -> None:
    text = (
        "      ward        households   rate\n"
        "0     Abbey       1204         3.1\n"
        "1     Castle      880          2.7\n"
    )
    assert _found(text) == set()


def test_welsh_field_labels() -> None:
    text = (
        "| Enw cyntaf | Cyfenw | Dyddiad geni | Rhif ffôn |\n|---|---|---|---|\n"
        "| Gwenllian | Pryce-Ellis | 02/09/1971 | 07700 900461 |"
    )
    found = _found(text)
    assert {("PERSON", "Gwenllian"), ("PERSON", "Pryce-Ellis"), ("DATE_OF_BIRTH", "02/09/1971")} <= found
