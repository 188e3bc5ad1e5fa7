"""Work several detectors need on the same text, done once per scan of that text.

`engine.scan_one` opens a scope for the (normalised) text it scans; inside it, `shared(key, text,
compute)` computes `compute(text)` once and hands every later caller with the very same text object
the same result. Outside a scope, or for any other text, it just computes. The scope lives in a
context variable, so it is per thread and per greenlet (scans interleaved on one thread while they wait
for a shared NER batch, `detectors.nlp.run_together`, each keep their own), and is dropped when the scan
ends, so no text outlives its scan here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_scope: ContextVar[tuple[str, dict[str, Any]] | None] = ContextVar("steward_scan_scope", default=None)


@contextmanager
def scope(text: str) -> Iterator[None]:
    token = _scope.set((text, {}))
    try:
        yield
    finally:
        _scope.reset(token)


def shared(key: str, text: str, compute: Callable[[str], T]) -> T:
    current = _scope.get()
    if current is None or current[0] is not text:
        return compute(text)
    memo = current[1]
    if key not in memo:
        memo[key] = compute(text)
    result: T = memo[key]
    return result
