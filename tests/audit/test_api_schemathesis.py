"""Property-based run of schemathesis over the auditor API's own OpenAPI document: no input the schema
allows (or nearly allows) may produce a server error.

The app is built in-process over a seeded SQLite store (records, content, feedback, review items) with a fake
authorize that admits one test token holding both the auditor and the reviewer roles, and erasure allowed,
so every operation runs its real code path. The engine uses NullPool: schemathesis drives the ASGI app
through a synchronous client that runs each call on a fresh event loop.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from audit.db import create_engine, upgrade
from tests.audit.api_support import Switches, add_content, add_feedback, add_review, bearer, make_app, seed

TOKEN = bearer("both-token")
EXAMPLES = int(os.environ.get("STEWARD_SCHEMATHESIS_EXAMPLES", "25"))  # per operation; ~20 s in all


async def _prepare(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        await seed(engine, 40)
        await add_content(engine, "req-00001", "redacted", "Letter to [PERSON_1]", "Dear [PERSON_1]")
        await add_content(engine, "req-00002", "full", "bm90LXJlYWw=", "bm90LXJlYWw=", encrypted=True, key_id="k")
        await add_feedback(engine, "req-00003", "u-3", kind="challenge", rating=2)
        for n in (1, 4, 7):
            await add_review(engine, f"req-{n:05d}", "general-drafting")
    finally:
        await engine.dispose()


def _schema() -> schemathesis.BaseSchema:
    """Built at import: schemathesis parametrizes from a schema object (its pytest fixture loader does not
    support pytest 9). Seeding a temporary SQLite file takes well under a second."""
    url = f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp(prefix='steward-schemathesis-')) / 'audit.db'}"
    asyncio.run(_prepare(url))
    engine = create_async_engine(url, poolclass=NullPool)
    return schemathesis.openapi.from_asgi("/openapi.json", make_app(engine, Switches(erasure_allowed=True)))


schema = _schema()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=TOKEN, checks=[not_a_server_error])
