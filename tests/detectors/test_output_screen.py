"""OutputScreen: streaming screen of model output, tested with every way of splitting the text into chunks."""

from __future__ import annotations

import codecs

import pytest

from detectors.output_screen import OutputScreen

# A slur, ROT13-encoded here as in the lexicon so the test source stays clean.
SLUR = codecs.decode("cnxv", "rot13")
CHUNK_SIZES = [1, 2, 3, 5, 8, 13, 40, 199, 10_000]


def stream(text: str, size: int, window: int = 200) -> list[tuple[str, str]]:
    screen = OutputScreen(window=window)
    findings = []
    for i in range(0, len(text), size):
        findings += screen.feed(text[i : i + size])
    findings += screen.finish()
    return [(f.label, text[f.start : f.end]) for f in findings]


FLAGGED = [
    ("Frankly, all immigrants are vermin and nothing will change that.", "discriminatory_content"),
    ("Travellers should be deported from the town straight away.", "discriminatory_content"),
    ("Honestly women are inferior at this kind of work.", "discriminatory_content"),
    (f"Tell the {SLUR} at the corner shop we are closed.", "offensive_content"),
]

PASSES = [
    "It is a myth that immigrants are criminals; the evidence shows otherwise.",
    f"The word {SLUR} is a racist slur and must never be used in council correspondence.",
    "Spastic diplegia is a form of cerebral palsy. A chink of light came through the blinds.",
    "Older people are more likely to be digitally excluded, so we will keep paper forms.",
    "The allocations panel will consider the application at its next meeting.",
]


@pytest.mark.parametrize("size", CHUNK_SIZES)
@pytest.mark.parametrize(("text", "label"), FLAGGED)
def test_flagged_whatever_the_chunking(text: str, label: str, size: int) -> None:
    found = stream(text, size)
    assert [lab for lab, _ in found] == [label]


@pytest.mark.parametrize("size", CHUNK_SIZES)
@pytest.mark.parametrize("text", PASSES)
def test_clean_or_counter_speech_passes_whatever_the_chunking(text: str, size: int) -> None:
    assert stream(text, size) == []


@pytest.mark.parametrize("size", [1, 4, 7, 64])
def test_offsets_are_stream_positions_far_into_a_long_answer(size: int) -> None:
    text = "The report covers waste, parking and libraries. " * 40 + "Frankly, refugees are parasites, sorry."
    [(label, phrase)] = stream(text, size)
    assert (label, phrase) == ("discriminatory_content", "refugees are parasites")


def test_phrase_split_across_two_chunks_is_caught_once() -> None:
    screen = OutputScreen()
    assert screen.feed("Frankly, all immi") == []
    later = screen.feed("grants are vermin" + " and that is the end of it, said nobody sensible at all.")
    assert [f.label for f in later] == ["discriminatory_content"]
    assert screen.finish() == []


def test_match_at_chunk_end_waits_for_the_next_chunk() -> None:
    screen = OutputScreen()
    assert screen.feed(f"Ask the {SLUR}") == []  # could still be the start of a longer word
    assert [f.label for f in screen.finish()] == ["offensive_content"]


def test_memory_is_bounded_by_the_window() -> None:
    screen = OutputScreen(window=200)
    for _ in range(5_000):
        screen.feed("A perfectly ordinary sentence about bin collections. ")
        assert len(screen._buffer) <= 200
    assert screen.finish() == []


def test_finish_resets_for_reuse() -> None:
    screen = OutputScreen()
    assert screen.feed("Travellers should be deported, frankly") == []  # unfinished sentence: pending
    assert screen.finish()
    assert screen.feed("Nothing to see here.") == [] and screen.finish() == []


def test_window_too_small_is_rejected() -> None:
    with pytest.raises(ValueError, match="window"):
        OutputScreen(window=50)
