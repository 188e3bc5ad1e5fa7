"""Fault run (issue 14): the database goes away under 8-way load and comes back.

    PYTHONPATH=. .venv/bin/python bench/store_outage.py [--callers 8] [--duration 40] [--outage-at 12]
                                                         [--outage-s 5] [--pg postgresql+asyncpg://…/test]

Starts `steward serve` as a subprocess on a fresh PostgreSQL database reached through a loopback TCP proxy
(tests/support/tcp_cut.py); at `--outage-at` seconds the proxy resets every connection and refuses new ones
for `--outage-s` seconds (what a restart looks like to the gateway; the shared server is never touched).
Callers use keys from the key store (so key look-ups hit the database). Prints one JSON line: answered,
503s, other statuses (the floor: no 5xx other than 503), answered requests without an audit row, whether
the chain verifies, and how long after the database came back the first request was answered.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import select
from sqlalchemy.engine import make_url

from audit.db import create_engine, upgrade
from audit.schema import audit_records
from audit.verify import verify_chain
from proxy.identity.keystore import KeyStore
from tests.support.gateway_process import CHAT, start_gateway
from tests.support.tcp_cut import CuttableProxy

CONFIG = """
version: 1
gateway:
  detection: {enabled: false}
tools:
  - {id: demo, provider: demo, models: [steward-demo], category: internal}
roles:
  staff: {tools: [demo]}
"""


async def caller(client: httpx.AsyncClient, key: str, until: float, out: list[tuple[float, int, str, str]]) -> None:
    headers = {"authorization": f"Bearer {key}"}
    while time.monotonic() < until:
        try:
            resp = await client.post("/v1/chat/completions", json=CHAT, headers=headers)
        except httpx.HTTPError as exc:
            out.append((time.monotonic(), 0, type(exc).__name__, ""))
            continue
        code = "" if resp.status_code == 200 else resp.json().get("error", {}).get("code", "")
        out.append((time.monotonic(), resp.status_code, code, resp.headers.get("x-request-id", "")))


async def outage(proxy: CuttableProxy, at: float, seconds: float, marks: dict[str, float]) -> None:
    await asyncio.sleep(at)
    marks["cut"] = time.monotonic()
    await asyncio.to_thread(proxy.cut)
    await asyncio.sleep(seconds)
    await asyncio.to_thread(proxy.restore)
    marks["restored"] = time.monotonic()


async def fresh_database(server: str) -> str:
    url = make_url(server)
    name = f"steward_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return url.set(database=name).render_as_string(hide_password=False)


async def drop_database(server: str, database_url: str) -> None:
    url = make_url(server)
    admin = await asyncpg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
    await admin.execute(f'DROP DATABASE IF EXISTS "{make_url(database_url).database}" WITH (FORCE)')
    await admin.close()


async def audited(url: str, ids: list[str]) -> tuple[int, bool]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            stored = set((await conn.execute(select(audit_records.c.request_id))).scalars())
        return len(set(ids) - stored), (await verify_chain(engine)).ok
    finally:
        await engine.dispose()


async def main(args: argparse.Namespace) -> dict[str, object]:
    database = await fresh_database(args.pg)
    try:
        engine = create_engine(database)
        await upgrade(engine)
        keys = [(await KeyStore(engine).create(f"bench{i}", ["staff"])).secret for i in range(args.callers)]
        await engine.dispose()
        target = make_url(database)
        with CuttableProxy(target.host or "127.0.0.1", target.port or 5432) as proxy, \
                tempfile.TemporaryDirectory() as tmp:
            via = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
            config = Path(tmp) / "policy.yaml"
            config.write_text(CONFIG, encoding="utf-8")
            gateway = start_gateway(config, Path(tmp) / "data", {"STEWARD_DATABASE_URL": via})
            try:
                results: list[tuple[float, int, str, str]] = []
                marks: dict[str, float] = {}
                limits = httpx.Limits(max_connections=args.callers * 2)
                async with httpx.AsyncClient(base_url=gateway.base, timeout=30, limits=limits) as client:
                    until = time.monotonic() + args.duration
                    await asyncio.gather(outage(proxy, args.outage_at, args.outage_s, marks),
                                         *(caller(client, k, until, results) for k in keys))
            finally:
                gateway.stop()  # flushes the audit writer
        answered = [rid for _, status, _, rid in results if status == 200]
        missing, chain_ok = await audited(database, answered)
    finally:
        await drop_database(args.pg, database)
    statuses = collections.Counter(status for _, status, _, _ in results)
    codes = collections.Counter(code for _, status, code, _ in results if status != 200)
    back = [t for t, status, _, _ in results if status == 200 and t > marks["restored"]]
    return {
        "callers": args.callers, "duration_s": args.duration, "outage_at_s": args.outage_at,
        "outage_s": args.outage_s, "answered": statuses.get(200, 0), "refused_503": statuses.get(503, 0),
        "other_statuses": {str(k): v for k, v in statuses.items() if k not in (200, 503)},
        "error_codes": dict(codes), "answered_without_audit_row": missing, "chain_verifies": chain_ok,
        "first_answer_after_db_back_s": round(min(back) - marks["restored"], 3) if back else None,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callers", type=int, default=8)
    parser.add_argument("--duration", type=float, default=40.0)
    parser.add_argument("--outage-at", type=float, default=12.0)
    parser.add_argument("--outage-s", type=float, default=5.0)
    parser.add_argument("--pg", default=os.environ.get("STEWARD_TEST_PG_URL",
                                                       "postgresql+asyncpg://postgres@127.0.0.1:5432/test"))
    report = asyncio.run(main(parser.parse_args()))
    print(json.dumps(report))
    sys.exit(0 if not report["other_statuses"] and not report["answered_without_audit_row"] else 1)
