"""Start-up returns freed memory to the OS (proxy/ops/memory.py): on glibc, free pages in the middle of the
heap (which `free` alone never returns) are handed back; elsewhere the call is skipped without error."""

from __future__ import annotations

import ctypes

import pytest

from proxy.ops.memory import release_freed_memory, trim_heap


def _glibc() -> bool:
    try:
        ctypes.CDLL(None).malloc_trim  # noqa: B018 - probing for the symbol
    except AttributeError:
        return False
    return True


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(not _glibc(), reason="malloc_trim is glibc's")
def test_free_pages_in_the_middle_of_the_heap_go_back_to_the_os() -> None:
    trim_heap()
    garbage = [bytearray(16384) for _ in range(2000)]   # 32 MB in heap-sized blocks, each below mmap's threshold
    keeper = bytearray(16384)                            # stays, so the freed blocks are not at the heap's top
    before = _rss_kb()
    del garbage
    assert trim_heap() is True
    assert _rss_kb() < before - 16 * 1024                # most of the 32 MB is no longer resident
    assert keeper


def test_the_call_is_safe_to_repeat() -> None:
    assert isinstance(trim_heap(), bool)
    assert isinstance(trim_heap(), bool)


def test_start_up_release_runs_once_per_process() -> None:
    release_freed_memory()                               # whichever call came first in this process did the work
    assert release_freed_memory() is False
