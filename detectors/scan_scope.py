"""Work several detectors need on the same text, done once per scan of that text.

`engine.scan_one` opens a scope for the (normalised) text it scans; inside it, `shared(key, text,
compute)` computes `compute(text)` once and hands every later caller with the very same text object
the same result. Outside a scope, or for any other text, it just computes. The scope is per thread
and is dropped when the scan ends, so no text outlives its scan here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_local = threading.local()


@contextmanager
def scope(text: str) -> Iterator[None]:
    previous = getattr(_local, "scope", None)
    _local.scope = (text, {})
    try:
        yield
    finally:
        _local.scope = previous


def shared(key: str, text: str, compute: Callable[[str], T]) -> T:
    current: tuple[str, dict[str, Any]] | None = getattr(_local, "scope", None)
    if current is None or current[0] is not text:
        return compute(text)
    memo = current[1]
    if key not in memo:
        memo[key] = compute(text)
    result: T = memo[key]
    return result
