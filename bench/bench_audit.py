"""Audit store at scale (issue 5): 1,000,000 synthetic records in PostgreSQL, then

- p95 latency of the first page of `GET /audit/v1/records` for a set of filter combinations (each run with
  different filter values, through the real API handler in-process: query, access-log insert, JSON);
- transparency report generation for one month (`GET /audit/v1/reports/transparency`, JSON);
- audit writer throughput: rows/s through `AuditWriter` (hash chain, content rows) into the loaded table.

Floors: first page p95 <= 100 ms, month report <= 5 s, writing >= 2,000 rows/s.

    .venv/bin/python bench/bench_audit.py [--rows 1000000] [--runs 20] [--keep] [--server postgresql://postgres@127.0.0.1:5432/test]

A fresh database `steward_bench_<timestamp>` is created on the server, migrated with the real migrations, bulk
loaded with COPY (asyncpg `copy_records_to_table`, secondary indexes dropped during the load and rebuilt after,
then ANALYZE), and dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import structlog
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import audit.records_schema  # noqa: E402, F401
from audit.api import Actor, AuditDeps, build_audit_router  # noqa: E402
from audit.db import create_engine, upgrade  # noqa: E402
from audit.events import AuditContent, AuditEvent  # noqa: E402
from audit.schema import audit_records  # noqa: E402
from audit.writer import AuditWriter  # noqa: E402
from config.loader import load_config  # noqa: E402

COUNCIL_YAML = Path(__file__).resolve().parents[1] / "config" / "examples" / "council.yaml"
START = datetime(2025, 12, 1, tzinfo=UTC)
DAYS = 365
TOOLS = ("azure-openai-uk", "openai-public", "minute-local", "magic-notes")
MODELS = ("gpt-4o", "gpt-4o-mini", "llama-3.1-70b-instruct", "magic-notes-summary", "text-embedding-3-small")
USE_CASES = ("general-drafting", "housing-letters", "asc-case-summaries", "resident-webchat", "meeting-notes",
             "code-assist")
ROLES = ("staff", "housing-officer", "social-worker", "elected-member", "contractor", "developer")
DEPARTMENTS = tuple(f"Department {n:02d}" for n in range(24))
ENTITIES = ("PERSON", "EMAIL_ADDRESS", "UK_NHS", "UK_NINO", "PHONE_NUMBER", "UK_POSTCODE", "SECRET",
            "SPECIAL_CATEGORY.HEALTH", "IBAN_CODE", "CREDIT_CARD", "SECURITY_MARKING", "UK_PASSPORT")
ENTITY_WEIGHTS = (40, 15, 8, 6, 10, 10, 2, 4, 1, 1, 2, 1)
USERS = tuple(f"user-{n:04d}" for n in range(2000))
SKIP_COPY = {"id"}
GIN_INDEX = "ix_audit_records_findings_gin"


def _decision(r: random.Random) -> tuple[str, str, str | None, str | None]:
    x = r.random()
    if x < 0.90:
        return "allowed", ("redacted" if r.random() < 0.25 else "allowed"), None, "7.2"
    if x < 0.97:
        clause = r.choice(("7.2", "10.3", "10.5", "4"))
        return "refused", "blocked", "policy_" + clause.replace(".", "_"), clause
    if x < 0.99:
        return "error", "error", "upstream_error", None
    return "cancelled", "cancelled", None, None


def synthetic_rows(n: int, columns: list[str], seed: int = 5) -> Iterator[tuple[Any, ...]]:
    r = random.Random(seed)
    span = DAYS * 86400
    for i in range(n):
        received = START + timedelta(seconds=span * i / n + r.random())
        user = USERS[int(r.random() ** 2 * len(USERS))]  # a few heavy users, a long tail of light ones
        decision, outcome, reason, clause = _decision(r)
        findings: dict[str, int] = {}
        if r.random() < 0.3:
            for entity in r.choices(ENTITIES, ENTITY_WEIGHTS, k=r.randint(1, 3)):
                findings[entity] = findings.get(entity, 0) + r.randint(1, 3)
        prompt, completion = r.randint(20, 2000), r.randint(0, 800)
        role = r.choice(ROLES)
        row = {
            "request_id": f"req_{i:09d}", "received_at": received, "completed_at": received + timedelta(seconds=2),
            "user_id": user, "display_name": user.replace("-", " ").title(), "roles": json.dumps([role]),
            "department": DEPARTMENTS[int(user[-4:]) % len(DEPARTMENTS)], "key_id": "stw_" + user[-4:],
            "client_ip": "10.0.0.1", "user_agent": "OpenAI/Python 3.51.0", "client_meta": "{}",
            "tool": r.choice(TOOLS), "model_requested": r.choice(MODELS), "model_reported": None,
            "endpoint": "chat.completions", "stream": r.random() < 0.5, "decision": decision, "outcome": outcome,
            "reason_code": reason, "policy_clause": clause, "http_status": 200 if decision == "allowed" else 403,
            "prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
            "latency_ms": 800.0, "upstream_latency_ms": 700.0, "findings": json.dumps(findings),
            "findings_detail": json.dumps([{"entity": k, "label": k, "count": v, "detectors": ["d"],
                                            "max_score": 0.9} for k, v in findings.items()]),
            "categories": json.dumps(sorted({"personal_data" for k in findings if k not in ("SECRET",)})),
            "reasons": "[]", "use_case": r.choice(USE_CASES), "policy_version": "sha256:" + "0" * 64,
            "audit_level": "redacted", "disclosure_shown": False, "session_id": None,
            "retention_until": received + timedelta(days=365), "energy_wh": (prompt + completion) * 0.0003,
            "co2e_g": (prompt + completion) * 0.00006, "primary_role": role, "legal_hold": False,
        }
        yield tuple(row.get(c) for c in columns)


async def bulk_load(dsn: str, n: int) -> float:
    columns = [c.name for c in audit_records.columns if c.name not in SKIP_COPY]
    conn = await asyncpg.connect(dsn)
    started = time.perf_counter()
    try:
        indexes = await conn.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_records' "
                                   "AND indexname NOT IN ('pk_audit_records', 'uq_audit_records_request_id')")
        for ix in indexes:
            await conn.execute(f'DROP INDEX "{ix["indexname"]}"')
        rows = synthetic_rows(n, columns)
        chunk = 100_000
        while batch := [row for _, row in zip(range(chunk), rows, strict=False)]:
            await conn.copy_records_to_table("audit_records", records=batch, columns=columns)
        for ix in indexes:
            await conn.execute(ix["indexdef"])
        await _activity(conn, n)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def _activity(conn: asyncpg.Connection, n: int) -> None:
    """Feedback on 1% of records, and 2% of records in the review queue (half reviewed)."""
    await conn.execute(
        "INSERT INTO audit_feedback (request_id, user_id, kind, rating, comment, created_at) "
        "SELECT request_id, user_id, CASE WHEN id % 5 = 0 THEN 'challenge' ELSE 'feedback' END, 1 + id % 5, "
        "'synthetic', received_at + interval '1 hour' FROM audit_records WHERE id % 100 = 7")
    await conn.execute(
        "INSERT INTO review_queue (request_id, use_case, reason, sampled_at, status, reviewer, verdict, reviewed_at) "
        "SELECT request_id, coalesce(use_case, 'none'), 'sampled', received_at, "
        "CASE WHEN id % 2 = 0 THEN 'done' ELSE 'pending' END, CASE WHEN id % 2 = 0 THEN 'reviewer' END, "
        "CASE WHEN id % 2 = 0 THEN 'appropriate' END, CASE WHEN id % 2 = 0 THEN received_at + interval '1 day' END "
        "FROM audit_records WHERE id % 50 = 3")


def combos(r: random.Random) -> list[tuple[str, Any]]:
    """(name, run -> query params) for the first-page latency table; every run draws new values."""
    def week() -> dict[str, str]:
        start = START + timedelta(days=r.randint(0, DAYS - 8))
        return {"from": start.isoformat(), "to": (start + timedelta(days=7)).isoformat()}

    def day() -> dict[str, str]:
        start = START + timedelta(days=r.randint(0, DAYS - 2))
        return {"from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()}

    top_users = USERS[:200]  # the heavier users (see synthetic_rows)
    return [
        ("no filter", lambda: {}),
        ("user", lambda: {"user": r.choice(USERS)}),
        ("user (heavy) + week", lambda: {"user": r.choice(top_users), **week()}),
        ("department", lambda: {"department": r.choice(DEPARTMENTS)}),
        ("role + day", lambda: {"role": r.choice(ROLES), **day()}),
        ("tool + decision=refused", lambda: {"tool": r.choice(TOOLS), "decision": "refused"}),
        ("use case + week", lambda: {"use_case": r.choice(USE_CASES), **week()}),
        ("decision=refused + clause", lambda: {"decision": "refused", "clause": r.choice(("7.2", "10.3", "10.5"))}),
        ("model + outcome=redacted", lambda: {"model": r.choice(MODELS), "outcome": "redacted"}),
        ("finding (common)", lambda: {"finding": r.choice(ENTITIES[:3])}),
        ("finding (rare) + department",
         lambda: {"finding": r.choice(ENTITIES[7:]), "department": r.choice(DEPARTMENTS)}),
        ("has_feedback", lambda: {"has_feedback": "true"}),
        ("user + tool + decision",
         lambda: {"user": r.choice(top_users), "tool": r.choice(TOOLS), "decision": "allowed"}),
        ("outcome=error + use case", lambda: {"outcome": "error", "use_case": r.choice(USE_CASES)}),
        ("week only", lambda: week()),
    ]


async def measure_pages(client: httpx.AsyncClient, runs: int) -> list[tuple[str, float, float, int]]:
    r = random.Random(11)
    results = []
    for name, params in combos(r):
        (await client.get("/audit/v1/records", params={**params(), "limit": "50"})).raise_for_status()  # warm-up
        times, sizes = [], []
        for _ in range(runs):
            started = time.perf_counter()
            resp = await client.get("/audit/v1/records", params={**params(), "limit": "50"})
            times.append((time.perf_counter() - started) * 1000)
            resp.raise_for_status()
            sizes.append(len(resp.json()["records"]))
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        results.append((name, statistics.median(times), p95, min(sizes)))
    return results


async def measure_report(client: httpx.AsyncClient, rows: int, runs: int = 3) -> list[float]:
    times = []
    for month in range(runs):
        start = datetime(2026, 3 + month, 1, tzinfo=UTC)
        end = datetime(2026, 4 + month, 1, tzinfo=UTC)
        started = time.perf_counter()
        resp = await client.get("/audit/v1/reports/transparency",
                                params={"from": start.isoformat(), "to": end.isoformat()})
        resp.raise_for_status()
        times.append(time.perf_counter() - started)
        assert resp.json()["totals"]["requests"] > rows // 20  # a month holds about 1/12 of the records
    return times


async def measure_writer(url: str, n: int) -> float:
    engine = create_engine(url)
    writer = AuditWriter(engine)
    await writer.start()
    now = datetime.now(UTC)
    started = time.perf_counter()
    for i in range(n):
        event = AuditEvent(request_id=f"bench_{i:08d}", received_at=now, user_id=USERS[i % 2000],
                           roles=("staff",), department="Department 01", tool="azure-openai-uk",
                           model_requested="gpt-4o-mini", endpoint="chat.completions", decision="allowed",
                           outcome="redacted", findings={"PERSON": 1}, use_case="general-drafting",
                           audit_level="redacted", retention_days=365, prompt_tokens=100, completion_tokens=50,
                           total_tokens=150)
        event.content = AuditContent(prompt="Summarise the note about [PERSON_1] " * 8, output="Summary " * 40)
        writer.submit(event)
        if i % 2000 == 1999:
            await asyncio.sleep(0)  # let the writer drain, as request handlers would
    await writer.flush()
    elapsed = time.perf_counter() - started
    await writer.close()
    await engine.dispose()
    return n / elapsed


async def authorize(_request: Any, _roles: set[str]) -> Actor:
    return Actor("bench-auditor", ("auditor",), "Audit")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--writes", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--findings-gin", action="store_true", help="add a GIN index on findings before measuring")
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    name = "steward_bench_" + datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    admin = await asyncpg.connect(args.server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = args.server.rsplit("/", 1)[0] + "/" + name
    try:
        await run(args, dsn)
    finally:
        if not args.keep:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(args: argparse.Namespace, dsn: str) -> None:
    url = dsn.replace("postgresql://", "postgresql+asyncpg://", 1)
    await upgrade(url)
    load_s = await bulk_load(dsn, args.rows)
    print(f"loaded {args.rows:,} records in {load_s:.1f} s (COPY, indexes rebuilt, ANALYZE)")
    if args.findings_gin:
        conn = await asyncpg.connect(dsn)
        await conn.execute(f"CREATE INDEX {GIN_INDEX} ON audit_records USING gin (findings); ANALYZE audit_records")
        await conn.close()
        print(f"created {GIN_INDEX}")
    engine = create_engine(url)
    policy = load_config(COUNCIL_YAML).config
    app = FastAPI()
    app.include_router(build_audit_router(AuditDeps(lambda: engine, authorize, lambda: policy)))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        pages = await measure_pages(client, args.runs)
        reports = await measure_report(client, args.rows)
    await engine.dispose()
    report(args, pages, reports, await measure_writer(url, args.writes))


def report(args: argparse.Namespace, pages: list[tuple[str, float, float, int]], reports: list[float],
           rate: float) -> None:
    print(f"\nFirst page (limit 50) of GET /audit/v1/records, {args.rows:,} records, {args.runs} runs each "
          "(new filter values every run)")
    print(f"| {'filter combination':<30} | {'p50 ms':>7} | {'p95 ms':>7} | {'rows':>4} | floor 100 ms |")
    print(f"|{'-' * 32}|{'-' * 9}|{'-' * 9}|{'-' * 6}|{'-' * 14}|")
    for name, p50, p95, rows in pages:
        print(f"| {name:<30} | {p50:7.1f} | {p95:7.1f} | {rows:>4} | {'ok' if p95 <= 100 else 'OVER':<12} |")
    worst = max(p95 for _, _, p95, _ in pages)
    print(f"\nworst p95: {worst:.1f} ms ({'ok' if worst <= 100 else 'OVER'} the 100 ms floor)")
    print(f"transparency report, one month (~{args.rows // 12:,} records): "
          + ", ".join(f"{t:.2f} s" for t in reports) + f" (floor 5 s: {'ok' if max(reports) <= 5 else 'OVER'})")
    print(f"audit writer: {rate:,.0f} rows/s over {args.writes:,} events with redacted content, "
          f"hash chain, into the {args.rows:,}-row table (floor 2,000: {'ok' if rate >= 2000 else 'UNDER'})")


if __name__ == "__main__":
    asyncio.run(main())
