"""Auditor API: record listing with every filter, keyset pagination under concurrent inserts, detail with
content, streaming exports, and the access log — on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.content import ContentKey, encrypt
from audit.records_schema import audit_access_log
from audit.schema import audit_records
from tests.audit.api_support import (
    T0,
    add_content,
    add_feedback,
    bearer,
    client_fixture,  # noqa: F401  (the `client` fixture)
    record_row,
    seed,
)

AUDITOR = bearer("auditor-token")
N = 60

Check = Callable[[dict[str, Any]], bool]
FILTERS: list[tuple[dict[str, str], Check]] = [
    ({"user": "u-1"}, lambda r: r["user_id"] == "u-1"),
    ({"role": "staff"}, lambda r: r["primary_role"] == "staff"),
    ({"department": "Housing"}, lambda r: r["department"] == "Housing"),
    ({"tool": "openai-public"}, lambda r: r["tool"] == "openai-public"),
    ({"model": "gpt-4o-mini"}, lambda r: r["model_requested"] == "gpt-4o-mini"),
    ({"use_case": "housing-letters"}, lambda r: r["use_case"] == "housing-letters"),
    ({"decision": "refused"}, lambda r: r["decision"] == "refused"),
    ({"outcome": "redacted"}, lambda r: r["outcome"] == "redacted"),
    ({"clause": "10.3"}, lambda r: r["policy_clause"] == "10.3"),
    ({"finding": "UK_NHS"}, lambda r: "UK_NHS" in r["findings"]),
    ({"finding": "PERSON", "tool": "minute-local"},
     lambda r: "PERSON" in r["findings"] and r["tool"] == "minute-local"),
    ({"has_feedback": "true"}, lambda r: r["request_id"] in {"req-00003", "req-00010"}),
    ({"has_feedback": "false"}, lambda r: r["request_id"] not in {"req-00003", "req-00010"}),
    ({"from": (T0.replace(hour=12)).isoformat(), "to": T0.replace(hour=15).isoformat()},
     lambda r: T0.replace(hour=12) <= r["received_at"] < T0.replace(hour=15)),
    ({"decision": "allowed", "department": "Adult Social Care", "use_case": "general-drafting"},
     lambda r: r["decision"] == "allowed" and r["department"] == "Adult Social Care"
     and r["use_case"] == "general-drafting"),
]


async def _all_pages(client: httpx.AsyncClient, params: dict[str, str], limit: int) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "limit": str(limit), **({"cursor": cursor} if cursor else {})}
        r = await client.get("/audit/v1/records", params=query, headers=AUDITOR)
        assert r.status_code == 200, r.text
        body = r.json()
        seen += body["records"]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen


@pytest.mark.parametrize(("params", "check"), FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
async def test_each_filter_returns_exactly_the_matching_records_newest_first(
    engine: AsyncEngine, client: httpx.AsyncClient, params: dict[str, str], check: Check
) -> None:
    rows = await seed(engine, N)
    await add_feedback(engine, "req-00003", "u-3")
    await add_feedback(engine, "req-00010", "u-2", kind="challenge")
    expected = [r["request_id"] for r in sorted(rows, key=lambda r: r["received_at"], reverse=True) if check(r)]
    assert expected, "the seed must exercise the filter"
    got = await _all_pages(client, params, limit=7)
    assert [r["request_id"] for r in got] == expected


async def test_pages_are_stable_under_concurrent_inserts(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    rows = await seed(engine, N)
    seen: list[str] = []
    cursor = None
    extra = 1000
    while True:
        r = await client.get("/audit/v1/records", params={"limit": "9", **({"cursor": cursor} if cursor else {})},
                             headers=AUDITOR)
        body = r.json()
        seen += [x["request_id"] for x in body["records"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
        # Newer records and records with the same timestamp as listed ones land between pages.
        async with engine.begin() as conn:
            await conn.execute(insert(audit_records), [record_row(extra), record_row(extra + 1, received_at=T0)])
        extra += 2
    originals = [r["request_id"] for r in sorted(rows, key=lambda r: r["received_at"], reverse=True)]
    assert [s for s in seen if s in set(originals)] == originals  # every original once, in order
    assert len(seen) == len(set(seen))  # no repeats


async def test_limit_and_cursor_are_validated(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    await seed(engine, 5)
    assert (await client.get("/audit/v1/records?limit=501", headers=AUDITOR)).status_code == 422
    assert (await client.get("/audit/v1/records?limit=0", headers=AUDITOR)).status_code == 422
    bad = await client.get("/audit/v1/records?cursor=not-a-cursor", headers=AUDITOR)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_cursor"
    first = (await client.get("/audit/v1/records?limit=2&tool=openai-public", headers=AUDITOR)).json()
    other = await client.get(f"/audit/v1/records?limit=2&cursor={first['next_cursor']}", headers=AUDITOR)
    assert other.status_code == 400  # a cursor belongs to its filters
    huge = base64.urlsafe_b64encode(json.dumps({"t": T0.isoformat(), "i": 2**70, "f": "x"}).encode()).decode()
    assert (await client.get(f"/audit/v1/records?cursor={huge}", headers=AUDITOR)).status_code == 400


async def test_detail_shows_redacted_content_and_full_content_only_on_request(
    engine: AsyncEngine, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(engine, 3)
    await add_content(engine, "req-00001", "redacted", "Summarise [PERSON_1]", "[PERSON_1] is ...")
    raw_key = os.urandom(32)
    key = ContentKey.from_base64(base64.b64encode(raw_key).decode())
    await add_content(engine, "req-00002", "full", encrypt(key, "req-00002", "prompt", "Jane Doe NHS 943 476 5919"),
                      encrypt(key, "req-00002", "output", "ok"), encrypted=True, key_id=key.key_id)
    await add_feedback(engine, "req-00001", "u-1", kind="challenge", rating=1)

    one = (await client.get("/audit/v1/records/req-00001", headers=AUDITOR)).json()
    assert one["content"] == {"level": "redacted", "available": True, "prompt": "Summarise [PERSON_1]",
                              "output": "[PERSON_1] is ..."}
    assert one["record"]["has_feedback"] is True and one["feedback"][0]["kind"] == "challenge"

    withheld = (await client.get("/audit/v1/records/req-00002", headers=AUDITOR)).json()
    assert withheld["content"] == {"level": "full", "available": False, "prompt": None, "output": None}
    monkeypatch.delenv("STEWARD_AUDIT_KEY", raising=False)
    no_key = await client.get("/audit/v1/records/req-00002?include_content=true", headers=AUDITOR)
    assert no_key.status_code == 503 and "Jane" not in no_key.text
    monkeypatch.setenv("STEWARD_AUDIT_KEY", base64.b64encode(raw_key).decode())
    shown = (await client.get("/audit/v1/records/req-00002?include_content=true", headers=AUDITOR)).json()
    assert shown["content"]["prompt"] == "Jane Doe NHS 943 476 5919"

    missing = await client.get("/audit/v1/records/nope", headers=AUDITOR)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "record_not_found"

    async with engine.connect() as conn:
        log = (await conn.execute(select(audit_access_log).order_by(audit_access_log.c.id))).mappings().all()
    assert [(e["actor"], e["role"]) for e in log] == [("a.auditor", "auditor")] * 5
    assert {e["endpoint"] for e in log} == {"GET /audit/v1/records/{request_id}"}
    assert [e["params"].get("include_content") for e in log] == [False, False, True, True, False]
    assert [e["result_count"] for e in log] == [1, 1, 0, 1, 0]  # the failed decryption returned nothing


async def test_exports_stream_every_matching_record(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    rows = await seed(engine, 2500 if engine.dialect.name == "postgresql" else 1200)
    await seed_hostile(engine)
    expected = {r["request_id"] for r in rows if r["tool"] == "minute-local"}
    async with client.stream("GET", "/audit/v1/export.jsonl?tool=minute-local", headers=AUDITOR) as r:
        assert r.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) async for line in r.aiter_lines() if line]
    assert {x["request_id"] for x in lines} == expected and len(lines) == len(expected)

    r = await client.get("/audit/v1/export.csv", headers=AUDITOR)
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert len(table) == len(rows) + 1
    hostile = next(t for t in table if t["request_id"] == "req-hostile")
    assert hostile["user_agent"] == "'=HYPERLINK(\"http://evil\")"  # neutralised for spreadsheets
    assert json.loads(hostile["findings"]) == {"UK_NHS": 1}
    async with engine.connect() as conn:
        formats = (await conn.execute(select(audit_access_log.c.params))).scalars().all()
    assert [p["format"] for p in formats] == ["jsonl", "csv"]


async def seed_hostile(engine: AsyncEngine) -> None:
    row = record_row(99999, request_id="req-hostile", user_agent='=HYPERLINK("http://evil")', findings={"UK_NHS": 1})
    async with engine.begin() as conn:
        await conn.execute(insert(audit_records), [row])


async def test_no_route_edits_or_deletes_a_record(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    await seed(engine, 1)
    for method in ("PUT", "PATCH", "DELETE"):
        r = await client.request(method, "/audit/v1/records/req-00001", headers=AUDITOR, json={"decision": "x"})
        assert r.status_code == 405
    assert (await client.post("/audit/v1/records", headers=AUDITOR, json={})).status_code == 405


async def test_unstorable_or_out_of_range_input_is_a_client_error(
    engine: AsyncEngine, client: httpx.AsyncClient
) -> None:
    """NUL and far-off times would make PostgreSQL (or datetime arithmetic) fail: 4xx, never 5xx."""
    await seed(engine, 2)
    for url in ("/audit/v1/records?user=a%00b", "/audit/v1/records?department=%00", "/audit/v1/records/req%00",
                "/audit/v1/subjects/u%00/export", "/audit/v1/reports/atrs/x%00",
                "/audit/v1/records?from=0001-01-01T00:00:00%2B01:00", "/audit/v1/records?to=9999-12-31T23:59:59-01:00",
                "/audit/v1/reports/transparency?to=0001-01-02T00:00:00Z"):
        r = await client.get(url, headers=AUDITOR)
        assert 400 <= r.status_code < 500, (url, r.status_code)
    r = await client.post("/v1/feedback", headers=bearer("caller-token"),
                          content=b'{"request_id": "req-00001", "kind": "feedback", "comment": "a\\u0000b"}',
                          )
    assert r.status_code == 422
    r = await client.post("/v1/feedback", headers=bearer("caller-token"),
                          content=b'{"request_id": "req-00001", "kind": "feedback", "comment": "\\ud800"}')
    assert 400 <= r.status_code < 500


async def test_finding_filter_accepts_the_category_spelling_of_the_header(
    engine: AsyncEngine, client: httpx.AsyncClient
) -> None:
    """`finding=special_category.health` (as X-Steward-Categories spells it) finds the records in that category."""
    await seed(engine, 10)
    health = ["special_category", "special_category.health"]
    async with engine.begin() as conn:
        await conn.execute(insert(audit_records), [
            record_row(500, categories=health, findings={"SPECIAL_CATEGORY.health": 1}),
            record_row(501, categories=["special_category", "special_category.religion"]),
        ])
    got = await _all_pages(client, {"finding": "special_category.health"}, limit=10)
    assert [r["request_id"] for r in got] == ["req-00500"]
    broader = await _all_pages(client, {"finding": "special_category"}, limit=10)
    assert {r["request_id"] for r in broader} == {"req-00500", "req-00501"}
