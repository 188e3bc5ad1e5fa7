"""Alembic environment for the audit store (async drivers: sqlite+aiosqlite, postgresql+asyncpg).

Two ways in:
- programmatic (`audit.db.upgrade`, from the app lifespan or `steward db upgrade`): the caller passes a sync
  connection from `AsyncConnection.run_sync` in `config.attributes["connection"]`; logging is left alone.
- Alembic's CLI (`alembic -c audit/alembic.ini -x url=… upgrade head`): an engine is made from the URL.

On PostgreSQL the whole upgrade runs in one transaction holding an advisory lock, so replicas starting at
the same moment serialise: the second waits, then finds the schema already at head and does nothing.
"""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from audit.db import MIGRATION_LOCK_KEY, create_engine
from audit.schema import complete_metadata

config = context.config
metadata = complete_metadata()


def _url() -> str:
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("STEWARD_DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise SystemExit("no database URL: pass -x url=… or set STEWARD_DATABASE_URL")
    return url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def do_run_migrations(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_engine(url)  # same engine set-up as the gateway (SQLite folder, pragmas)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
            await connection.commit()
    finally:
        await engine.dispose()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    if context.is_offline_mode():
        run_offline()
    else:
        asyncio.run(_run_async(_url()))


main()
