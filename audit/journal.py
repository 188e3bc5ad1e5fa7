"""A local, append-only journal of audit rows: no acknowledged request loses its record.

    journal = Journal.open(path, fsync=False)   # takes an exclusive lock: one writer process per file
    mark = journal.append(row, content)         # in submit(), before the request is answered
    journal.committed(mark)                     # after the batch holding it (and all before it) committed
    for entry in journal.read(offset): ...      # replay at start, and refill while spooling

Format: JSON Lines. An entry line is `{"n": number, "r": row, "c": content-row-or-null}` (datetimes as RFC 3339
strings, numbers increasing); a checkpoint line `{"k": number}` says every entry numbered up to `number` is
committed to the store, so `read` skips it.
Entries are written with one `os.write` on an O_APPEND descriptor: once it returns, the bytes are in the
kernel's page cache and survive the process being killed (SIGKILL, OOM); `fsync=True` also survives power
loss, at the cost of a disk flush per request.

When everything journaled is committed, the file is truncated; when the committed prefix grows beyond
`compact_bytes` while entries are still pending, the pending tail is copied to a fresh file that replaces it
(`os.replace`, atomic). Offsets handed out before a compaction are translated by `base`, so callers never see
the difference.

Content of level `full` is journaled as ciphertext (it is encrypted before it reaches the journal); `redacted`
content is already redacted. The file and its folder are private to the service account (0600/0700).
A torn last line (power loss mid-write without fsync) is skipped with a warning: it was never acknowledged.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import structlog

log = structlog.get_logger("steward.audit")

ROW_TIMES = ("received_at", "upstream_first_byte_at", "completed_at", "retention_until")
CONTENT_TIMES = ("created_at",)
READ_CHUNK = 1 << 20


class JournalError(RuntimeError):
    """The journal cannot be opened (held by another process) or written."""


@dataclass(frozen=True, slots=True)
class Mark:
    """Where an entry is: its number and the logical offset just after it."""

    number: int
    end: int


@dataclass(frozen=True, slots=True)
class JournalEntry:
    row: dict[str, Any]
    content: dict[str, Any] | None
    mark: Mark


class Journal:
    def __init__(self, path: Path, fd: int, size: int, fsync: bool, compact_bytes: int) -> None:
        self.path = path
        self._fd = fd
        self._fsync = fsync
        self._compact_bytes = compact_bytes
        self._base = 0  # logical offset of byte 0 of the current file (grows at each truncate/compaction)
        self._size = size  # bytes in the current file
        self._committed = Mark(0, 0)  # every entry up to this one is committed
        self._number = 0  # number of the last entry appended

    @classmethod
    def open(cls, path: Path, *, fsync: bool = False, compact_bytes: int = 64 << 20) -> Journal:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise JournalError(f"audit journal {path} is in use by another process") from exc
        journal = cls(path, fd, os.fstat(fd).st_size, fsync, compact_bytes)
        journal._scan()
        return journal

    @property
    def end(self) -> int:
        """Logical offset of the end of the journal."""
        return self._base + self._size

    def append(self, row: dict[str, Any], content: dict[str, Any] | None) -> Mark:
        """Write one entry. Raises JournalError (disk full, I/O error): the entry is then not durable."""
        number = self._number + 1
        line = orjson.dumps({"n": number, "r": row, "c": content}, option=orjson.OPT_APPEND_NEWLINE)
        self._write(line)
        self._number = number
        return Mark(number, self.end)

    def committed(self, mark: Mark) -> None:
        """Every entry up to `mark` is in the store: truncate (all done), compact, or write a checkpoint."""
        if mark.number <= self._committed.number:
            return
        self._committed = mark
        if mark.number >= self._number:  # every entry is committed (checkpoint lines may follow)
            os.ftruncate(self._fd, 0)
            self._base, self._size = self.end, 0
        elif mark.end - self._base >= self._compact_bytes:
            self._compact()
        else:
            self._write(orjson.dumps({"k": mark.number}, option=orjson.OPT_APPEND_NEWLINE))

    def read(self, offset: int = 0) -> Iterator[JournalEntry]:
        """Uncommitted entries from logical `offset` (an entry boundary, e.g. a mark's end) to the end."""
        position = max(offset, self._base) - self._base
        stop = self._size
        pending = b""
        while position < stop:
            chunk = os.pread(self._fd, min(READ_CHUNK, stop - position), position)
            if not chunk:
                break
            data = pending + chunk
            start = 0
            while (newline := data.find(b"\n", start)) >= 0:
                entry = self._parse(data[start:newline], self._base + position - len(pending) + newline + 1)
                if entry is not None:
                    yield entry
                start = newline + 1
            position += len(chunk)
            pending = data[start:]
        if pending:
            log.warning("audit.journal_torn_line", bytes=len(pending))

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # releases the lock
            self._fd = -1

    def _write(self, data: bytes) -> None:
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(f"short write ({written} of {len(data)} bytes)")
            if self._fsync:
                os.fsync(self._fd)
        except OSError as exc:
            raise JournalError(f"audit journal write failed: {type(exc).__name__}") from exc
        self._size += written

    def _parse(self, line: bytes, end: int) -> JournalEntry | None:
        try:
            item = orjson.loads(line)
        except orjson.JSONDecodeError:
            log.warning("audit.journal_torn_line", bytes=len(line))
            return None
        if "r" not in item or item["n"] <= self._committed.number:
            return None  # a checkpoint, or an entry already committed
        row, content = _times(item["r"], ROW_TIMES), _times(item["c"], CONTENT_TIMES)
        return JournalEntry(row or {}, content, Mark(item["n"], end))

    def _scan(self) -> None:
        """At open: the highest checkpoint and entry numbers in the file."""
        committed = number = 0
        with open(self._fd, "rb", closefd=False) as handle:
            handle.seek(0)
            for line in handle:
                try:
                    item = orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue
                committed = max(committed, item.get("k", 0))
                number = max(number, item.get("n", 0))
        self._committed = Mark(committed, 0)
        self._number = max(number, committed)

    def _compact(self) -> None:
        """Replace the file by its uncommitted tail (atomic rename), keeping logical offsets stable."""
        keep_from = self._committed.end - self._base
        tail = os.pread(self._fd, self._size - keep_from, keep_from)
        tmp = self.path.with_name(self.path.name + ".compact")
        fd = os.open(tmp, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, tail)
            os.fsync(fd)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.replace(tmp, self.path)
        except OSError:
            os.close(fd)
            raise
        os.close(self._fd)
        self._fd = fd
        self._base += keep_from
        self._size = len(tail)


def _times(values: dict[str, Any] | None, names: tuple[str, ...]) -> dict[str, Any] | None:
    if values is None:
        return None
    for name in names:
        if values.get(name) is not None:
            values[name] = datetime.fromisoformat(values[name])
    return values
