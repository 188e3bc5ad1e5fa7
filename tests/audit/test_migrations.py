"""Alembic migrations of the audit store, on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.db import (
    ALEMBIC_INI,
    MIGRATION_LOCK_KEY,
    alembic_config,
    create_engine,
    current_revision,
    head_revision,
    upgrade,
)
from audit.schema import complete_metadata

REPO = Path(__file__).resolve().parents[2]


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def _indexes(conn: Connection, table: str) -> dict[str, bool]:
    return {ix["name"]: bool(ix["unique"]) for ix in inspect(conn).get_indexes(table) if ix["name"]}


def _schema_diff(conn: Connection) -> list[object]:
    dialect = conn.dialect.name

    def on_this_dialect(obj: object, name: object, kind: str, reflected: bool, compare_to: object) -> bool:
        # Dialect-only DDL (e.g. PostgreSQL's GIN index on findings) exists only where it applies.
        ddl_if = getattr(obj, "_ddl_if", None)
        return ddl_if is None or ddl_if.dialect in (None, dialect)

    context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": on_this_dialect})
    return list(compare_metadata(context, complete_metadata()))


async def test_revision_history_is_one_line_from_0001() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_bases() == ["0001"]
    assert script.get_heads() == [head_revision()]  # no branches


async def test_upgrade_from_empty_to_head_is_idempotent(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        await upgrade(engine)  # a second start-up finds nothing to do
        await upgrade(db_url)  # and the URL form works too
        assert await current_revision(db_url) == head_revision()
        async with engine.connect() as conn:
            assert {"audit_records", "api_keys", "alembic_version"} <= await conn.run_sync(_tables)
    finally:
        await engine.dispose()


async def test_migrated_schema_matches_the_table_definitions(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        assert await conn.run_sync(_schema_diff) == []


async def test_indexes_and_unique_keys(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        records = await conn.run_sync(_indexes, "audit_records")
        keys = await conn.run_sync(_indexes, "api_keys")
        uniques = await conn.run_sync(lambda c: inspect(c).get_unique_constraints("audit_records"))
    for column in ("received_at", "user_id", "tool", "decision", "department", "model_requested"):
        assert records[f"ix_audit_records_{column}"] is False
    assert {u["name"] for u in uniques} == {"uq_audit_records_request_id"}
    assert keys["ix_api_keys_user_id"] is False


async def test_downgrade_to_base_and_back(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await upgrade(engine)
        async with engine.connect() as conn:

            def downgrade(sync_conn: Connection) -> None:
                config = alembic_config()
                config.attributes["connection"] = sync_conn
                command.downgrade(config, "base")

            await conn.run_sync(downgrade)
            await conn.commit()
            assert await conn.run_sync(_tables) == {"alembic_version"}
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_migrations_are_found_from_any_working_directory(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    await upgrade(sqlite_url)
    assert await current_revision(sqlite_url) == head_revision()


async def test_sqlite_engine_uses_wal_and_creates_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "steward.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.connect() as conn:
            journal = await conn.scalar(text("PRAGMA journal_mode"))
            synchronous = await conn.scalar(text("PRAGMA synchronous"))
            busy = await conn.scalar(text("PRAGMA busy_timeout"))
        assert (journal, synchronous, busy) == ("wal", 1, 5000)  # synchronous=1 is NORMAL
        assert path.parent.is_dir()
    finally:
        await engine.dispose()


UPGRADE_SCRIPT = "import asyncio, sys; from audit.db import upgrade; asyncio.run(upgrade(sys.argv[1]))"


async def _start_replica(url: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", UPGRADE_SCRIPT, url, env=env, stderr=asyncio.subprocess.PIPE
    )


WAITING_SQL = """
SELECT count(*) FROM pg_locks
WHERE locktype = 'advisory' AND NOT granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
"""


async def _wait_for_waiters(engine: AsyncEngine, expected: int) -> None:
    for _ in range(600):  # 30 s: interpreter start-up of the replicas
        async with engine.connect() as conn:
            if await conn.scalar(text(WAITING_SQL)) == expected:
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{expected} replicas never waited on the migration lock")


@pytest.mark.postgres
async def test_replicas_starting_together_serialise_on_the_advisory_lock(pg_url: str) -> None:
    """Hold the lock, start three replicas, see all three wait on it, then release them at the same moment.

    Without the lock they would race to CREATE TABLE and all but one would fail.
    """
    engine = create_engine(pg_url)
    try:
        async with engine.connect() as holder:
            await holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            replicas = [await _start_replica(pg_url) for _ in range(3)]
            await _wait_for_waiters(engine, 3)
            await holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            results = [await asyncio.wait_for(p.communicate(), 60) for p in replicas]
        assert [p.returncode for p in replicas] == [0, 0, 0], [err.decode()[-2000:] for _, err in results]
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_concurrent_upgrades_in_one_process(db_url: str) -> None:
    """Alembic's context is a module global: concurrent callers in one process must not interleave."""
    engines = [create_engine(db_url) for _ in range(3)]
    try:
        await asyncio.gather(*(upgrade(e) for e in engines))
        assert await current_revision(engines[0]) == head_revision()
    finally:
        await asyncio.gather(*(e.dispose() for e in engines))


def test_alembic_cli_works_with_the_shipped_ini(tmp_path: Path) -> None:
    """`alembic -c audit/alembic.ini -x url=… upgrade head` from another directory (the env.py CLI path)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli' / 'steward.db'}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "alembic", "-c", str(ALEMBIC_INI), "-x", f"url={url}"]
    for cli_args in (["upgrade", "head"], ["current"]):
        done = subprocess.run(
            [*args, *cli_args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stderr
    assert f"{head_revision()} (head)" in done.stdout
