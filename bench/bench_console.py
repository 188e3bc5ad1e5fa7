"""Console audit-log page at scale (issue 13): 1,000,000 synthetic records in PostgreSQL, then the
server time of `GET /console/audit` (first page, 50 rows, rendered HTML) for the filter combinations of
bench_audit.py, each run with new filter values, through the whole gateway app in-process (session
cookie check, key re-check, access-log insert, audit row of the console request, Jinja2 rendering).

Floor: p95 <= 150 ms for every combination.

    .venv/bin/python bench/bench_console.py [--rows 1000000] [--runs 20] [--server postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import structlog

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audit.db import upgrade  # noqa: E402
from bench.bench_audit import bulk_load, combos  # noqa: E402
from config.loader import parse_config  # noqa: E402
from config.settings import Settings  # noqa: E402
from proxy.app import create_app  # noqa: E402
from proxy.identity.auth import digest_key  # noqa: E402

KEY = "stw_benchaud_" + "q" * 40
POLICY = """
version: 1
gateway:
  detection: {{enabled: false}}
  audit: {{url: "{url}", retention: {{enabled: false}}}}
tools:
  - {{id: demo, provider: demo, models: [steward-demo], category: internal}}
roles:
  auditor: {{tools: []}}
keys:
  - {{id: kb, digest: "{digest}", user: bench-auditor, roles: [auditor]}}
"""
FLOOR_MS = 150.0


async def sign_in(client: httpx.AsyncClient) -> None:
    form = await client.get("/console/login")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text)
    assert token is not None
    resp = await client.post("/console/login", data={"key": KEY, "login_token": token.group(1)})
    assert resp.status_code == 303, resp.text[:300]


async def measure(client: httpx.AsyncClient, runs: int) -> list[tuple[str, float, float, int]]:
    r = random.Random(13)
    results = []
    for name, params in combos(r):
        (await client.get("/console/audit", params=params())).raise_for_status()  # warm-up
        times, rows = [], []
        for _ in range(runs):
            started = time.perf_counter()
            resp = await client.get("/console/audit", params={**params(), "limit": "50"})
            times.append((time.perf_counter() - started) * 1000)
            assert resp.status_code == 200, (name, resp.status_code, resp.text[:300])
            rows.append(resp.text.count('<a href="/console/audit/req'))
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        results.append((name, statistics.median(times), p95, min(rows)))
    return results


async def run(args: argparse.Namespace, dsn: str) -> None:
    url = dsn.replace("postgresql://", "postgresql+asyncpg://", 1)
    await upgrade(url)
    print(f"loaded {args.rows:,} records in {await bulk_load(dsn, args.rows):.1f} s")
    folder = Path(tempfile.mkdtemp())
    config = parse_config(POLICY.format(url=url, digest=digest_key(KEY)), "bench.yaml")
    os.environ.setdefault("STEWARD_CONSOLE_SECRET", "22" * 32)
    app = create_app(Settings(data_dir=folder), config)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://bench") as client:
            await sign_in(client)
            results = await measure(client, args.runs)
    print(f"\nGET /console/audit (first page, 50 rows, HTML), {args.rows:,} records, {args.runs} runs each, "
          f"{datetime.now(UTC):%Y-%m-%d}")
    print(f"| {'filter combination':<30} | {'p50 ms':>7} | {'p95 ms':>7} | {'rows':>4} |")
    print(f"|{'-' * 32}|{'-' * 9}|{'-' * 9}|{'-' * 6}|")
    for name, p50, p95, rows in results:
        print(f"| {name:<30} | {p50:7.1f} | {p95:7.1f} | {rows:>4} |")
    worst = max(p95 for _, _, p95, _ in results)
    print(f"\nworst p95: {worst:.1f} ms ({'ok' if worst <= FLOOR_MS else 'OVER'} the {FLOOR_MS:.0f} ms floor)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    name = "steward_bench_console_" + datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    admin = await asyncpg.connect(args.server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await run(args, args.server.rsplit("/", 1)[0] + "/" + name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
