"""A compact, immutable word -> flags map for word lists of hundreds of thousands of entries.

A Python `set` of 100,000 short words costs about 10 MB (one 50-60 byte `str` object per word plus the
hash table); the name lexicon's lists together held about 26 MB per worker. Here the words are grouped
by their string hash into buckets of about sixteen, and every bucket is a stretch `\\nword\\tF\\nword\\tF\\n`
(F the word's flags, 1 to 63, as one byte) of one UTF-8 `bytes` object, with an array of where each
bucket starts. A word costs its bytes plus three; a lookup is one hash and one bounded substring
search. There are two objects in all, so the table leaves no small-object arenas half used when the
lists it was built from are freed. The hash is Python's own (per process, like a `set`'s); the table is
built once per process, at detector start.

Lookups of the same few thousand everyday words dominate any text, so `flags` keeps a bounded cache of
recent answers (a fixed number of entries: memory does not grow with traffic beyond it).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from functools import lru_cache

_PER_BUCKET = 16            # words per bucket on average: short searches, a small offsets array
_CACHE = 8192               # recent lookups remembered (entries, bounded)
# A newline opens every entry and a tab ends its word; no stored word contains either (checked when the
# table is built) and a flags byte is neither, so "\nword\t" matches an entry exactly, whatever `word` holds.
_SEP, _FLAG = b"\n", b"\t"
_BASE = 0x40                # flags f are stored as the byte _BASE + f


def _utf8(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")  # a lone surrogate is no stored word, and no error


class PackedWords:
    """`flags(word)`: the OR of the flags the word was added with, 0 when it was never added. Built from
    `pack(words)`; make the `pack` result in a function that returns only it, so the word lists it was
    made from are freed before the table's own small objects are allocated (they would otherwise keep
    the lists' memory arenas resident)."""

    __slots__ = ("_blob", "_count", "_mask", "_starts", "flags")

    def __init__(self, blob: bytes, starts: bytes, count: int) -> None:
        self._blob, self._starts, self._count = blob, memoryview(starts).cast("I"), count
        self._mask = len(self._starts) - 2
        self.flags = lru_cache(maxsize=_CACHE)(self._lookup)

    def _lookup(self, word: str) -> int:
        bucket = hash(word) & self._mask
        needle = _SEP + _utf8(word) + _FLAG
        at = self._blob.find(needle, self._starts[bucket], self._starts[bucket + 1])
        return 0 if at < 0 else self._blob[at + len(needle)] - _BASE

    def __len__(self) -> int:
        return self._count


def pack(words: Mapping[str, int]) -> tuple[bytes, bytes, int]:
    """(entries, where each bucket starts, how many words) for `PackedWords`."""
    size = 1
    while size * _PER_BUCKET < len(words):
        size *= 2
    groups: list[list[bytes]] = [[] for _ in range(size)]
    for word, flags in words.items():
        if "\n" in word or "\t" in word or not 0 < flags < 64:
            raise ValueError("a packed word may not contain a newline or tab, and needs flags 1-63")
        groups[hash(word) & (size - 1)].append(_utf8(word) + _FLAG + bytes((_BASE + flags,)))
    chunks = [_SEP + _SEP.join(sorted(g)) if g else b"" for g in groups]
    starts = array("I", [0])
    for chunk in chunks:
        starts.append(starts[-1] + len(chunk))
    return b"".join(chunks), starts.tobytes(), len(words)


class FlagView:
    """The words of a `PackedWords` that carry `flag`, as a read-only set for `in` tests."""

    __slots__ = ("_flag", "_flags")

    def __init__(self, table: PackedWords, flag: int) -> None:
        self._flags, self._flag = table.flags, flag

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(self._flags(word) & self._flag)


def merged(lists: Iterable[tuple[int, Iterable[str]]]) -> dict[str, int]:
    """word -> OR of the flags of every (flag, words) list it is in."""
    out: dict[str, int] = {}
    for flag, words in lists:
        for word in words:
            out[word] = out.get(word, 0) | flag
    return out
