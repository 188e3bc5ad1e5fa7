"""The packed word table answers exactly as the sets it replaces (detectors/packed_words.py), and the name
lexicon built on it answers as its four lists would."""

from __future__ import annotations

import pytest

from detectors.packed_words import FlagView, PackedWords, merged, pack
from detectors.pii_name_lexicon import ENGLISH, GIVEN, PLAIN, SURNAME, lexicon

LISTS = {
    1: {"oriel", "brannagh", "lowenna", "ódhran", "zbigniew", "łucja", "x"},
    2: {"brannagh", "quillfeather", "ap-rhys", "o'dowd", "x"},
    4: {"kettle", "ladder", "x", "ledger"},
}


def _table(lists: dict[int, set[str]]) -> PackedWords:
    return PackedWords(*pack(merged(lists.items())))


def test_every_word_has_the_flags_of_the_lists_it_is_in_and_no_other() -> None:
    table = _table(LISTS)
    everyone = set().union(*LISTS.values())
    for word in everyone:
        assert table.flags(word) == sum(flag for flag, words in LISTS.items() if word in words)
    assert len(table) == len(everyone)


@pytest.mark.parametrize("absent", [
    "", "orie", "oriell", "Oriel", "kettle ", " kettle", "kettle\t", "\nkettle", "kettle\nladder",
    "oriel\tA", "ladder\n", "\ud800", "x\ty", "brannagh-quillfeather", "ódhran\u0301",
])
def test_words_never_added_are_absent_whatever_characters_they_hold(absent: str) -> None:
    assert _table(LISTS).flags(absent) == 0


def test_a_large_table_agrees_with_a_set() -> None:
    words = {f"w{i:05d}{chr(97 + i % 26)}" for i in range(0, 40000, 3)}
    table = _table({8: words})
    for i in range(40000):
        word = f"w{i:05d}{chr(97 + i % 26)}"
        assert bool(table.flags(word)) == (word in words)


def test_a_view_is_a_read_only_set_of_one_list() -> None:
    table = _table(LISTS)
    surnames = FlagView(table, 2)
    assert "quillfeather" in surnames and "brannagh" in surnames
    assert "oriel" not in surnames and 7 not in surnames


@pytest.mark.parametrize("bad", [{"tab\tword": 1}, {"new\nline": 1}, {"noflags": 0}, {"too": 64}])
def test_words_the_format_cannot_hold_are_refused(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        pack(bad)


def test_the_name_lexicon_views_agree_with_its_methods() -> None:
    lex = lexicon()
    assert "maeve" in lex.given and lex._flags("maeve") & GIVEN
    assert "hollingworth" in lex.surnames and lex._flags("hollingworth") & SURNAME
    assert "cupboard" in lex.english and not lex._flags("cupboard") & (GIVEN | SURNAME)
    assert lex.everyday_word("rose") == bool(lex._flags("rose") & PLAIN)
    assert ("cupboard" in lex.english) == bool(lex._flags("cupboard") & ENGLISH)
    assert "emilie" in lex.given and lex.is_given("Émilie")      # folded forms are in the list too
    assert not lex.is_name("cupboard") and not lex.distinctive("cupboard")
