"""spaCy NER, run with only the pipe NER needs, only where a name can still occur.

One pipeline is loaded per model package and process (`pipeline`): NER (detectors/pii.py) and the output
screen's parser (detectors/output_meaning.py) share its tokenizer, vocab and string store, and each runs
only its own pipes, so the model's files are read and held once (two pipelines, even sharing a vocab,
held about 8 MB more). `en_core_web_sm`-style pipelines give NER its own embedding layer, so NER runs
without tok2vec, tagger, parser, attribute_ruler and lemmatizer (about 3x faster than the full pipeline). The model only
sees short windows around capitalised words that could still be an unexplained name part (not a
function word, not an organisation word, not inside another finding, not a known name); the
windows are batched into one model call. Text with no such word never reaches the model.

The NER pipe is stepped from Python (`run_ner`) rather than through spaCy's compiled greedy loop:
that loop (spaCy 3.8) drops the GIL for the whole parse but takes it back inside every validity check of
every candidate action for every token, so a window of 16 tokens costs thousands of GIL round trips
(a quarter of NER CPU in mutex calls under `perf`, and in the gateway a hand-off to the event-loop
thread at each one). Stepping the same model with the GIL held runs the same arithmetic (the same
blis kernels and feature sums, so the same scores) and the same compiled transition system, so the
entities are identical, at about 40 % less CPU per window.

Scans that are waiting at the same time share model calls (`run_together`): each runs in its own
greenlet on the scanning thread, and a scan that reaches NER hands its windows to the group and pauses;
when every scan of the group has either finished or paused, all their windows go through the model as
one batch and each scan resumes with its own documents. A model call has a fixed cost (about 0.8 ms of
Python layer overhead here, against about 0.5 ms per 16-token window), which a group pays once;
the model's output for a window does not depend on the other windows in its batch (the token-vector
encoder pads between documents, and each state's scores are computed row by row).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import greenlet
import regex

T = TypeVar("T")

_KEEP = ("ner",)
_LINE = regex.compile(r"[^\n]+")
_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’-]*")
_CONTEXT_WORDS = 8
_BATCH, _SUBBATCH = 1000, 250  # `nlp.pipe`'s defaults: docs sorted by length per batch, per model call


_PIPELINES: dict[str, Any] = {}   # model package -> the one pipeline loaded from it in this process
_NER: dict[str, NerPipe] = {}
_loading = threading.Lock()


def pipeline(model: str) -> Any:
    """The spaCy pipeline of an installed model package (local files only, no network), loaded once per
    process with every pipe the package enables (pipes it ships disabled are dropped). Callers run only
    the pipes they need (`NerPipe`, `Language.__call__(disable=...)`), so one copy serves every use."""
    with _loading:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            import spacy

            nlp = spacy.load(model)
            for name in list(nlp.disabled):
                nlp.remove_pipe(name)
            _PIPELINES[model] = nlp
        return nlp


class NerPipe:
    """A pipeline's tokenizer and its `ner` pipe, run as if they were the whole pipeline."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.ner = nlp.get_pipe("ner")
        self._others = [name for name in nlp.pipe_names if name != "ner"]

    def make_doc(self, text: str) -> Any:
        return self.nlp.make_doc(text)

    def pipe(self, texts: Sequence[str]) -> Any:
        """spaCy's own `nlp.pipe` with every other pipe disabled."""
        return self.nlp.pipe(texts, disable=self._others)


def load_ner(model: str) -> NerPipe:
    """NER from the process's pipeline for `model` (see `pipeline`)."""
    nlp = pipeline(model)
    if "ner" not in nlp.pipe_names:
        raise RuntimeError("spaCy model has no 'ner' pipe")
    with _loading:
        return _NER.setdefault(model, NerPipe(nlp))


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


def ner_persons(nlp: NerPipe, text: str, wants: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Character spans of PERSON entities, running the model only on lines `wants` a look at."""
    chunks = list(candidate_chunks(text, wants))
    spans: list[tuple[int, int]] = []
    for (offset, _chunk), doc in zip(chunks, run_ner(nlp, [c for _, c in chunks]), strict=True):
        spans.extend((offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ == "PERSON")
    return spans


_group = threading.local()  # the greenlet running `run_together` on this thread, if any


def run_ner(nlp: NerPipe, texts: Sequence[str]) -> list[Any]:
    """`list(nlp.pipe(texts))`; inside `run_together`, the texts join the group's next shared batch."""
    parent: greenlet.greenlet | None = getattr(_group, "parent", None)
    if texts and parent is not None and greenlet.getcurrent() is not parent:
        docs: list[Any] = parent.switch((nlp, list(texts)))
        return docs
    return _run_ner(nlp, texts)


def run_together(tasks: Sequence[Callable[[], T]]) -> list[T | Exception]:
    """Run `tasks` (scans) on this thread, their NER windows batched into shared model calls; per task
    its result or the exception it raised (a failed model call fails every task that was waiting on it)."""
    if len(tasks) < 2 or getattr(_group, "parent", None) is not None:
        return [_outcome(task) for task in tasks]
    _group.parent = greenlet.getcurrent()
    try:
        return _drive([greenlet.greenlet(lambda t=task: _outcome(t)) for task in tasks])
    finally:
        _group.parent = None


def _outcome(task: Callable[[], T]) -> T | Exception:
    try:
        return task()
    except Exception as exc:  # noqa: BLE001 - handed back per task; the caller decides (fails closed)
        return exc


def _drive(lets: list[greenlet.greenlet]) -> list[Any]:
    """Resume every paused task with its documents until all are done."""
    outcomes: list[Any] = [None] * len(lets)
    asks: dict[int, tuple[Any, list[str]]] = {}

    def step(i: int, *value: Any, error: Exception | None = None) -> None:
        got = lets[i].throw(error) if error is not None else lets[i].switch(*value)
        if lets[i].dead:
            outcomes[i] = got        # the task's result or exception
        else:
            asks[i] = got            # (nlp, texts): it paused for NER

    for i in range(len(lets)):
        step(i)
    while asks:
        waiting = sorted(asks.items())
        asks.clear()
        for nlp, batch in _by_model(waiting):
            try:
                docs = _run_ner(nlp, [t for _, texts in batch for t in texts])
            except Exception as exc:  # noqa: BLE001 - raised inside each waiting scan
                for i, _texts in batch:
                    step(i, error=exc)
                continue
            at = 0
            for i, texts in batch:
                step(i, docs[at:at + len(texts)])
                at += len(texts)
    return outcomes


def _by_model(waiting: list[tuple[int, tuple[Any, list[str]]]]) -> list[tuple[Any, list[tuple[int, list[str]]]]]:
    groups: dict[int, tuple[Any, list[tuple[int, list[str]]]]] = {}
    for i, (nlp, texts) in waiting:
        groups.setdefault(id(nlp), (nlp, []))[1].append((i, texts))
    return list(groups.values())


def _run_ner(nlp: NerPipe, texts: Sequence[str]) -> list[Any]:
    """`list(nlp.pipe(texts))`: docs sorted by length in batches, each batch parsed greedily with the
    GIL held (see the module docstring). A beam NER goes through `nlp.pipe` unchanged."""
    ner = nlp.ner
    if ner.cfg.get("beam_width", 1) != 1 or not hasattr(ner, "transition_states"):
        return list(nlp.pipe(texts))
    docs = [nlp.make_doc(t) for t in texts]
    for b in range(0, len(docs), _BATCH):
        by_length = sorted(docs[b:b + _BATCH], key=len)
        for k in range(0, len(by_length), _SUBBATCH):
            batch = by_length[k:k + _SUBBATCH]
            ner.set_annotations(batch, _greedy_parse(ner, batch))
    return docs


def _greedy_parse(ner: Any, docs: list[Any]) -> list[Any]:
    """spaCy's `Parser.greedy_parse` step by step: the model's precomputed token features, then at each
    step the scores of every unfinished state and the best valid transition (compiled code)."""
    states = ner.moves.init_batch(docs)
    if not any(len(doc) for doc in docs):
        return list(states)
    ner._ensure_labels_are_added(docs)
    step = ner.model.predict(docs)
    try:
        todo = [s for s in states if not s.is_final()]
        while todo:
            todo = ner.transition_states(todo, step.predict(todo))
    finally:
        step.clear_memory()
    return list(states)
