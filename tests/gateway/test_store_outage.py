"""The database goes away under concurrent load and comes back (issue 14).

PostgreSQL: the gateway reaches the shared server through a loopback TCP proxy the test cuts (every open
connection reset, new ones refused) and restores, so the shared server is never restarted. SQLite: the
database file is made read-only or removed under load. Either way: no 500s, every answered request has its
audit row, the chain verifies, and the gateway answers again soon after the database is back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import URL, make_url

from audit.db import create_engine
from audit.schema import audit_records
from audit.verify import verify_chain
from config.loader import parse_config
from config.settings import Settings
from proxy.app import create_app
from proxy.gateway import Gateway
from tests.audit.conftest import pg_server_url, pg_url  # noqa: F401  (fixtures)
from tests.support.tcp_cut import CuttableProxy

# Connections reset in the middle of a query leave the driver's socket to the garbage collector, which
# warns about the unclosed transport at some later, unpredictable point; that is the fault being injected,
# not a leak of the gateway's (the assertions below are on what callers and the audit trail saw).
pytestmark = [pytest.mark.filterwarnings("ignore::ResourceWarning"),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]

CALLERS = 8
CHAT = {"model": "steward-demo", "messages": [{"role": "user", "content": "When are bins collected?"}]}
CONFIG = """
version: 1
gateway:
  key_cache_ttl_s: 0.2
  policy_poll_s: 0.2
  detection: {{enabled: false}}
  audit:
    url: "{url}"
    journal: {{path: audit-journal.jsonl, on_store_down: {on_store_down}}}
tools:
  - {{id: demo, provider: demo, models: [steward-demo], category: internal}}
roles:
  staff: {{tools: [demo]}}
"""


@dataclass
class Load:
    results: list[tuple[float, int, str, str]] = field(default_factory=list)  # (t, status, code, request_id)
    stop: bool = False

    def statuses(self) -> set[int]:
        return {r[1] for r in self.results}

    def answered(self) -> list[str]:
        return [r[3] for r in self.results if r[1] == 200]


async def caller(client: httpx.AsyncClient, key: str, load: Load) -> None:
    while not load.stop:
        resp = await client.post("/v1/chat/completions", json=CHAT, headers={"authorization": f"Bearer {key}"})
        code = resp.json().get("error", {}).get("code", "") if resp.status_code != 200 else ""
        assert resp.headers.get("x-request-id"), resp.text
        load.results.append((time.monotonic(), resp.status_code, code, resp.headers["x-request-id"]))
        await asyncio.sleep(0.005)


@asynccontextmanager
async def gateway_app(url: str, data: Path, on_store_down: str) -> AsyncIterator[tuple[httpx.AsyncClient, Gateway]]:
    config = parse_config(CONFIG.format(url=url, on_store_down=on_store_down), "outage.yaml")
    app = create_app(Settings(data_dir=data), config)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://steward.test", timeout=30) as client:
            yield client, app.state.gateway


async def wait_for(predicate: Callable[[], object], within_s: float) -> float:
    """Poll until `predicate()` is truthy; returns how long it took (fails after `within_s`)."""
    start = time.monotonic()
    while not await predicate():  # type: ignore[misc]
        assert time.monotonic() - start < within_s, "condition not reached in time"
        await asyncio.sleep(0.05)
    return time.monotonic() - start


async def ready(client: httpx.AsyncClient) -> bool:
    resp = await client.get("/readyz")
    return resp.status_code == 200 and resp.json()["store"] == "up"


async def run_outage(client: httpx.AsyncClient, gateway: Gateway, cut: Callable[[], None],
                     restore: Callable[[], None]) -> tuple[Load, float, float]:
    keys = [(await gateway.keys.create(f"user{i}", ["staff"])).secret for i in range(CALLERS)]
    fresh_key = (await gateway.keys.create("late", ["staff"])).secret  # first used during the outage
    load = Load()
    tasks = [asyncio.create_task(caller(client, key, load)) for key in keys]
    try:
        await asyncio.sleep(1.0)
        cut()
        down_after = await wait_for(lambda: _not(ready(client)), within_s=2.0)
        resp = await client.post("/v1/chat/completions", json=CHAT, headers={"authorization": f"Bearer {fresh_key}"})
        assert resp.status_code == 503, resp.text
        assert resp.json()["error"]["code"] in ("store_unavailable", "audit_unavailable")
        await asyncio.sleep(2.0)
        restored_at = time.monotonic()
        restore()
        await wait_for(lambda: ready(client), within_s=5.0)
        await asyncio.sleep(1.0)
    finally:
        load.stop = True
        await asyncio.gather(*tasks)
    first_200 = min(t for t, status, _, _ in load.results if status == 200 and t > restored_at)
    return load, down_after, first_200 - restored_at


async def _idle_pool(gateway: Gateway) -> bool:
    return int(gateway.engine.pool.checkedout()) == 0  # type: ignore[attr-defined]


async def _not(coro: object) -> bool:
    return not await coro  # type: ignore[misc]


async def assert_all_audited(url: str, request_ids: list[str]) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            stored = set((await conn.execute(select(audit_records.c.request_id))).scalars())
        assert set(request_ids) <= stored, f"{len(set(request_ids) - stored)} answered requests lack an audit row"
        result = await verify_chain(engine)
        assert result.ok, result.to_dict()
    finally:
        await engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("on_store_down", ["refuse", "spool"])
async def test_postgres_cut_under_load(pg_url: str, tmp_path: Path, on_store_down: str) -> None:  # noqa: F811
    target: URL = make_url(pg_url)
    with CuttableProxy(target.host or "127.0.0.1", target.port or 5432) as proxy:
        via_proxy = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        async with gateway_app(via_proxy, tmp_path, on_store_down) as (client, gateway):
            load, _, back_after = await run_outage(client, gateway, proxy.cut, proxy.restore)
            await gateway.audit.flush()
            await wait_for(lambda: _idle_pool(gateway), within_s=3.0)  # no connection stuck checked out
    statuses = load.statuses()
    assert statuses <= {200, 503}, f"unexpected statuses {statuses}"  # never a 500
    if on_store_down == "refuse":
        assert 503 in statuses  # the outage was felt: fail closed
    else:  # spooling: recently verified keys kept working from the cache, rows waited in the journal
        outage = [r for r in load.results if r[2] == "store_unavailable"]
        assert not outage, "a key verified before the outage was refused"
    assert back_after < 5.0
    assert proxy.connections > 1  # the pool reconnected
    await assert_all_audited(pg_url, load.answered())


@pytest.mark.parametrize("damage", ["read_only", "removed"])
async def test_sqlite_file_damaged_under_load(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "steward.db"
    url = f"sqlite+aiosqlite:///{db}"
    async with gateway_app(url, tmp_path, "refuse") as (client, gateway):
        keys = [(await gateway.keys.create(f"user{i}", ["staff"])).secret for i in range(CALLERS)]
        load = Load()
        tasks = [asyncio.create_task(caller(client, key, load)) for key in keys]
        moved = tmp_path / "moved.db"
        try:
            await asyncio.sleep(0.5)
            if damage == "read_only":
                db.chmod(0o444)
            else:
                db.rename(moved)
            await wait_for(lambda: _not(ready(client)), within_s=2.0)
            await asyncio.sleep(1.0)
        finally:
            load.stop = True
            await asyncio.gather(*tasks)
        if damage == "read_only":  # a removed file is gone for good (a connection may have made a new, empty one)
            db.chmod(0o644)
            await wait_for(lambda: ready(client), within_s=5.0)
            resp = await client.post("/v1/chat/completions", json=CHAT,
                                     headers={"authorization": f"Bearer {keys[0]}"})
            assert resp.status_code == 200, resp.text
    statuses = load.statuses()
    assert statuses <= {200, 503}, f"unexpected statuses {statuses}"
    assert 503 in statuses
