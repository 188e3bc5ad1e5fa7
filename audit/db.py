"""Engines and schema migrations for the audit store.

    engine = create_engine("sqlite+aiosqlite:///data/steward.db")   # or postgresql+asyncpg://…
    await upgrade(engine)                                             # idempotent; safe from a lifespan
    await current_revision(engine)                                    # "0001"…, None before the first upgrade

Migrations are located through this package's path, never the working directory.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

PACKAGE_DIR = Path(__file__).resolve().parent
ALEMBIC_INI = PACKAGE_DIR / "alembic.ini"
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"

SQLITE_BUSY_TIMEOUT_MS = 5000
# PostgreSQL advisory lock held (per transaction) while migrating: the first 8 bytes of
# sha256(b"steward.audit.migrations") as a signed bigint.
MIGRATION_LOCK_KEY = 7809879727806820880


def create_engine(url: str | URL, *, echo: bool = False) -> AsyncEngine:
    """An async engine tuned for the backend: SQLite in WAL mode, or a pooled PostgreSQL engine."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, echo)
    if backend == "postgresql":
        return _postgres_engine(parsed, echo)
    return create_async_engine(parsed, echo=echo)


def _postgres_engine(url: URL, echo: bool) -> AsyncEngine:
    # The writer holds one connection per batch; readers and the key store share the rest.
    return create_async_engine(
        url,
        echo=echo,
        pool_size=5,
        max_overflow=10,
        pool_timeout=10,
        pool_pre_ping=True,  # survive server restarts and idle-connection reaping
        pool_recycle=1800,
        connect_args={"timeout": 10, "server_settings": {"application_name": "steward"}},
    )


def _sqlite_engine(url: URL, echo: bool) -> AsyncEngine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file:")
    if not in_memory:
        # Audit rows are personal data: the folder is created private to the service account.
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    engine = create_async_engine(url, echo=echo)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas(wal=not in_memory))
    return engine


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return on_connect


def alembic_config() -> Config:
    """Alembic configuration pointing at this package's migrations, whatever the working directory."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The revision the code expects (the newest migration)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade(target: AsyncEngine | str | URL, revision: str = "head") -> None:
    """Migrate the database to `revision` (default head). Idempotent; safe inside a running event loop.

    Other processes (replicas) serialise on a PostgreSQL advisory lock (see migrations/env.py); callers in
    this process serialise on a lock of their own, because Alembic's `context`/`op` are module globals.
    """
    async with _migration_lock(), _engine_for(target) as engine, engine.connect() as connection:
        await connection.run_sync(_upgrade_sync, revision)
        await connection.commit()


async def current_revision(target: AsyncEngine | str | URL) -> str | None:
    """The revision the database is at, or None if it has never been migrated."""
    async with _engine_for(target) as engine, engine.connect() as connection:
        return await connection.run_sync(_current_sync)


def _upgrade_sync(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _current_sync(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def _migration_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    lock = _LOCKS.get(loop)
    if lock is None:
        lock = _LOCKS[loop] = asyncio.Lock()
    return lock


@asynccontextmanager
async def _engine_for(target: AsyncEngine | str | URL) -> AsyncIterator[AsyncEngine]:
    if isinstance(target, AsyncEngine):
        yield target
        return
    engine = create_engine(target)
    try:
        yield engine
    finally:
        await engine.dispose()
