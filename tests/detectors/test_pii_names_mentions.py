"""Later-mention lookup finds what a whole-word alternation of the written forms would find."""

from __future__ import annotations

import random

import regex

from detectors.pii_names import MentionFinder, mention_pattern

FORMS = {"Ismay", "ISMAY", "ismay", "D'Arcy", "Arcy", "Penhallow-Rees", "Penhallow", "Rees", "Björk", "BJÖRK"}
PIECES = [*FORMS, "Ismays", "Reese", " ", "-", "'", "’", "q", "7", "é", ".", "\n", "D"]


def _alternation(forms: set[str]) -> regex.Pattern[str]:
    body = "|".join(map(regex.escape, sorted(forms, key=len, reverse=True)))
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])")


def test_same_spans_as_a_whole_word_alternation() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        forms = set(rng.sample(sorted(FORMS), rng.randint(1, len(FORMS))))
        want = [m.span() for m in _alternation(forms).finditer(text)]
        assert list(MentionFinder(forms).spans(text)) == want, (text, forms)


def test_mentions_of_parts_in_their_written_forms() -> None:
    finder = mention_pattern({"Penhallow", "Ismay"})
    assert finder is not None
    text = "Ismay Penhallow-Rees called; later PENHALLOW and Ismay's sister, not Ismays."
    assert [text[s:e] for s, e in finder.spans(text)] == ["Ismay", "Penhallow", "PENHALLOW", "Ismay"]
    assert mention_pattern(set()) is None
