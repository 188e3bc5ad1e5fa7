"""Return the memory start-up freed to the operating system.

Loading models and word lists makes many short-lived objects; when they are freed, glibc's allocator
keeps the pages for reuse rather than returning them, so a worker's RSS stays at its start-up peak
(about 30 MB above what it holds here). `malloc_trim(0)` hands every free page back. It runs once, when
the worker has finished starting; other C libraries (musl) have no such call and are left alone.
"""

from __future__ import annotations

import ctypes
import gc

_released: list[bool] = []  # the start-up garbage is made once per process, by the first app start


def release_freed_memory() -> bool:
    """`trim_heap` once per process: models and word lists load once, and a full collection of a large heap
    costs tenths of a second that later app starts in the same process (tests, reloads) need not pay.
    True when this call returned pages."""
    if _released:
        return False
    _released.append(True)
    return trim_heap()


def trim_heap() -> bool:
    """Collect garbage, then return the C heap's free pages to the OS. True when the allocator could."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return bool(trim(0))
