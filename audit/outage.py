"""Telling a store (database) outage from a bug, and watching the store's health.

    is_store_error(exc)          # True for connection refused/reset, DNS, pool/connect timeouts, driver errors
    monitor = StoreMonitor(engine, interval_s=0.5, timeout_s=1.0)
    task = asyncio.create_task(monitor.run())
    monitor.up                   # False from the first failed ping (or reported failure) until a ping succeeds

The request path maps store errors to 503 (fail closed) instead of a 500, and `/readyz` reports
`monitor.up`, so a load balancer sees the outage within one probe interval. For a SQLite file the ping
also checks that the file is still there and writable: an open connection keeps writing into a removed
(unlinked) file or ignores a `chmod`, so the outage would otherwise be silent.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

import structlog
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine

log = structlog.get_logger("steward.store")

_SA_STORE_ERRORS = (sa_exc.DBAPIError, sa_exc.TimeoutError, sa_exc.DisconnectionError, sa_exc.ResourceClosedError)


def _driver_errors() -> tuple[type[Exception], ...]:
    try:
        import asyncpg
    except ImportError:  # pragma: no cover - asyncpg is a dependency, but SQLite needs no driver of its own
        return (sqlite3.Error,)
    return (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError)


_DRIVER_ERRORS = _driver_errors()
# For exception handlers that must catch store failures wherever they surface (is_store_error decides).
STORE_ERROR_TYPES: tuple[type[Exception], ...] = (*_SA_STORE_ERRORS, *_DRIVER_ERRORS, OSError, TimeoutError)


def is_store_error(exc: BaseException) -> bool:
    """A database failure (the store is down, unreachable, read-only or gone), not a bug in Steward.

    OSError covers connection refused/reset, DNS failures and a removed SQLite folder; TimeoutError a
    connect or look-up that did not answer in time. The cause chain is followed (drivers wrap errors).
    """
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 8:
        if isinstance(current, STORE_ERROR_TYPES):
            return True
        current, seen = current.__cause__ or current.__context__, seen + 1
    return False


def error_kind(exc: BaseException) -> str:
    """`ClassName` or `ClassName(errno)` for logs: the cause of a failure, never its message."""
    errno = getattr(exc, "errno", None) or getattr(getattr(exc, "orig", None), "sqlstate", None)
    name = type(exc).__name__
    orig = getattr(exc, "orig", None)
    if orig is not None:
        name = f"{name}/{type(orig).__name__}"
    return f"{name}({errno})" if errno else name


def cause_chain(exc: BaseException, depth: int = 4) -> str:
    """`ConnectError <- ConnectionRefusedError(111)`: a failure and its causes, for logs (never messages)."""
    kinds: list[str] = []
    current: BaseException | None = exc
    while current is not None and len(kinds) < depth:
        kinds.append(error_kind(current))
        current = current.__cause__ or current.__context__
    return " <- ".join(kinds)


class StoreMonitor:
    def __init__(self, engine: AsyncEngine, interval_s: float = 0.5, timeout_s: float = 1.0,
                 on_recover: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._on_recover = on_recover
        self._interval = interval_s
        self._timeout = timeout_s
        self._file = _sqlite_file(engine)
        self.up = True
        self.changed_at = time.monotonic()
        self._last_error = "unreachable"
        self._slow = False  # the previous ping timed out

    async def run(self) -> None:
        while True:
            self._set(await self.probe(), None)
            await asyncio.sleep(self._interval)

    async def probe(self) -> bool:
        if self._file is not None and not _writable_file(self._file):
            return False
        try:
            async with asyncio.timeout(self._timeout), self._engine.connect() as conn:
                await conn.exec_driver_sql("SELECT 1")
        except TimeoutError:
            # A slow answer may be a busy host, not an outage: down only after two slow pings in a row
            # (a refused or reset connection is down at once, below).
            self._last_error = "TimeoutError"
            self._slow, slow_before = True, self._slow
            return not slow_before and self.up
        except Exception as exc:  # noqa: BLE001 - every other failure of a ping means "down"
            self._last_error = error_kind(exc)
            return False
        self._slow = False
        return True

    def report_failure(self, exc: BaseException) -> None:
        """A request-path call failed on the store: count it down now rather than at the next ping."""
        self._set(False, error_kind(exc))

    def _set(self, up: bool, error: str | None) -> None:
        if up == self.up:
            return
        self.up, self.changed_at = up, time.monotonic()
        if up:
            log.info("store.recovered")
            if self._on_recover is not None:
                self._on_recover()
        else:
            log.warning("store.unavailable", error=error or self._last_error)


def _sqlite_file(engine: AsyncEngine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _writable_file(path: Path) -> bool:
    """The SQLite file still exists and is writable by its mode bits (root ignores them in os.access)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)
