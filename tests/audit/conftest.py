"""Fixtures for the audit store: a fresh SQLite file or a fresh PostgreSQL database per test.

PostgreSQL comes from STEWARD_TEST_PG_URL (default: the local server, database `test`, trust auth). Each
test gets its own database, created from that server and dropped afterwards, so runs are isolated and
repeatable, and the URL handed to the test is a plain URL that any code (or a subprocess) can use.
Tests needing it are marked `postgres` and skip with the reason when the server is unreachable.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

import audit.records_schema  # noqa: F401  (adds the records columns to audit_records)
from audit.db import create_engine, upgrade
from audit.writer import AuditWriter
from tests.audit.support import FAST_RETRY

PG_DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def _asyncpg_dsn(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def _probe(url: URL) -> None:
    conn = await asyncpg.connect(_asyncpg_dsn(url), timeout=3)
    await conn.close()


@pytest.fixture(scope="session")
def pg_server_url() -> URL:
    """The configured PostgreSQL server, or skip the test when it cannot be reached."""
    url = make_url(os.environ.get("STEWARD_TEST_PG_URL", PG_DEFAULT_URL))
    shown = url.render_as_string(hide_password=True)
    try:
        asyncio.run(_probe(url))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        reason = f"PostgreSQL not reachable at {shown}: {type(exc).__name__}: {exc}"
        if os.environ.get("STEWARD_TEST_REQUIRE_PG"):  # CI: these tests must run, not skip
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@pytest.fixture
async def pg_url(pg_server_url: URL) -> AsyncIterator[str]:
    """A freshly created, empty PostgreSQL database for this test; dropped afterwards."""
    name = f"steward_audit_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_asyncpg_dsn(pg_server_url), timeout=5)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield pg_server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    # A folder that does not exist yet: create_engine must create it.
    return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'steward.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Both backends: the test runs once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
async def writer(engine: AsyncEngine) -> AsyncIterator[AuditWriter]:
    w = AuditWriter(engine, FAST_RETRY)
    await w.start()
    yield w
    await w.close()


@pytest.fixture
def commits(engine: AsyncEngine) -> Iterator[list[int]]:
    """Counts committed transactions on the engine (one per batch)."""
    seen: list[int] = []

    def on_commit(_conn: Any) -> None:
        seen.append(1)

    event.listen(engine.sync_engine, "commit", on_commit)
    yield seen
    event.remove(engine.sync_engine, "commit", on_commit)


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a migrated, empty audit store."""
    eng = create_engine(db_url)
    await upgrade(eng)
    try:
        yield eng
    finally:
        await eng.dispose()


Eventually = Callable[[Callable[[], bool]], Awaitable[None]]


@pytest.fixture
def eventually() -> Eventually:
    """Wait for a condition driven by background work (not a timing assertion: the bound is a safety net)."""

    async def wait(predicate: Callable[[], bool]) -> None:
        for _ in range(2000):  # 10 s
            if predicate():
                return
            await asyncio.sleep(0.005)
        raise AssertionError("condition not reached within 10 s")

    return wait
