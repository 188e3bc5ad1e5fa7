"""Context a key gets from around it: the key of an enclosing object, the name attribute of a markup
tag, a list of columns announced in the sentence before the rows, and name labels in other languages.
New texts; look-alike controls stay unflagged."""

from __future__ import annotations

from detectors.structure import StructuredDataDetector


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.entity, text[f.start:f.end]) for f in StructuredDataDetector().detect(text)}


def test_keys_of_a_nested_object_take_the_outer_key() -> None:
    text = (
        '{"forename": "Oswin", "home": {"addr": {"line1": "7 Tannery Wynd", "line2": "Lower Crook"}},\n'
        ' "contact": {"mob": "07700 900461"}}'
    )
    found = _found(text)
    assert ("STREET_ADDRESS", "7 Tannery Wynd") in found


def test_nested_object_under_an_ordinary_key_is_left() -> None:
    text = '{"tool": {"name": "lookup", "line1": "Quarterly Report"}, "settings": {"title": "Mr Fox"}}'
    assert _found(text) == set()


def test_pretty_printed_nested_object() -> None:
    text = '{\n  "applicant": {\n    "name": "Idris Penhaligon",\n    "ref": "A-77"\n  }\n}'
    assert ("PERSON", "Idris Penhaligon") in _found(text)


def test_markup_input_name_attribute_labels_its_value() -> None:
    text = (
        '<input type="text" id="forename" value="Lowenna">'
        "<input name='surname' value='Trevaskis'><input name=\"topic\" value=\"Garden Waste\">"
    )
    found = _found(text)
    assert {("PERSON", "Lowenna"), ("PERSON", "Trevaskis")} <= found
    assert all(v != "Garden Waste" for _e, v in found)


def test_markup_input_of_no_personal_field_is_left() -> None:
    text = '<input name="search" value="Amber Road"><meta name="author" content="">'
    assert _found(text) == set()


def test_columns_announced_in_prose_head_the_rows() -> None:
    text = (
        "Below is the allotment list; the fields are: forename, surname, date of birth and plot.\n\n"
        "Saoirse, Mbeki, 9 June 1966, 14B\n"
        "Anatole, Fairweather, 30/01/1990, 3A\n"
    )
    found = _found(text)
    assert {("PERSON", "Saoirse"), ("PERSON", "Fairweather"), ("DATE_OF_BIRTH", "30/01/1990")} <= found


def test_announced_columns_without_a_personal_field_are_left() -> None:
    text = "The columns are: month, depot, tonnes.\n\nMarch, Westgate, 41\nApril, Hillside, 38\n"
    assert _found(text) == set()


def test_announced_columns_do_not_reach_rows_of_another_width() -> None:
    text = "Columns: forename, surname, ward\n\nAgenda items, minutes\nMay Day, Fair Green\n"
    assert _found(text) == set()


def test_name_labels_in_other_languages() -> None:
    text = "Vorname;Nachname;Ort\nWiebke;Osterhagen;Leeds\n\nprénom,nom de famille\nAurore,Castagnède\n"
    found = _found(text)
    assert {("PERSON", "Wiebke"), ("PERSON", "Osterhagen"), ("PERSON", "Aurore"), ("PERSON", "Castagnède")} <= found
