"""A bounded, thread-safe LRU of scan results keyed by a keyed digest of the text.

Only the digest is stored, never the text. The digest is BLAKE2b keyed with a random per-process
secret, so cache keys cannot be matched against digests of guessed values outside the process.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict

from detectors.base import Finding

Result = tuple[Finding, ...]


class ResultCache:
    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._key = secrets.token_bytes(32)
        self._data: OrderedDict[bytes, Result] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def digest(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), key=self._key, digest_size=20).digest()

    def get(self, key: bytes) -> Result | None:
        if self.max_entries <= 0:
            return None
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: bytes, value: Result) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
