"""spaCy NER, loaded once with only the pipe NER needs, run only where a name can still occur.

`en_core_web_sm`-style pipelines give NER its own embedding layer, so tok2vec, tagger, parser,
attribute_ruler and lemmatizer are excluded (about 3x faster than the full pipeline). The model only
sees short windows around capitalised words that could still be an unexplained name part (not a
function word, not an organisation word, not inside another finding, not a known name); the
windows are batched through `nlp.pipe`. Text with no such word never reaches the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex

_KEEP = ("ner",)
_LINE = regex.compile(r"[^\n]+")
_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’-]*")
_CONTEXT_WORDS = 8


def load_ner(model: str) -> Any:
    """Load a spaCy pipeline by installed package name, keeping only NER (no network)."""
    import spacy

    nlp = spacy.load(model)
    for pipe in list(nlp.pipe_names):
        if pipe not in _KEEP:
            nlp.remove_pipe(pipe)
    if "ner" not in nlp.pipe_names:
        raise RuntimeError("spaCy model has no 'ner' pipe")
    return nlp


def candidate_chunks(text: str, wants: Callable[[int, int], bool]) -> list[tuple[int, str]]:
    """(offset, chunk): windows of +-_CONTEXT_WORDS words (within a line) around each capitalised word
    that `wants(start, end)`, merged when they touch. The model's receptive field is a few tokens, so
    a window this wide tags the centre word as the whole line would."""
    windows: list[list[int]] = []
    for line in _LINE.finditer(text):
        if "|" in line.group():
            continue                  # table rows: names there need a person cue the rules look for
        words = [(w.start(), w.end()) for w in _WORD.finditer(text, line.start(), line.end())]
        for i, (s, e) in enumerate(words):
            if not (text[s].isupper() and wants(s, e)):
                continue
            lo = words[max(0, i - _CONTEXT_WORDS)][0]
            hi = words[min(len(words) - 1, i + _CONTEXT_WORDS)][1]
            if windows and lo <= windows[-1][1] + 1:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
    return [(lo, text[lo:hi]) for lo, hi in windows]


def ner_persons(nlp: Any, text: str, wants: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Character spans of PERSON entities, running the model only on lines `wants` a look at."""
    chunks = list(candidate_chunks(text, wants))
    spans: list[tuple[int, int]] = []
    for (offset, _chunk), doc in zip(chunks, nlp.pipe(c for _, c in chunks), strict=True):
        spans.extend((offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ == "PERSON")
    return spans
