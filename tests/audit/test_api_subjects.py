"""Subject access (DSAR) export and erasure: one streamed JSON document; erasure only where the policy
allows, refused under legal hold, leaving an erasure receipt with which the hash chain still verifies."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.events import AuditContent, AuditEvent
from audit.records_schema import purge_receipts
from audit.retention import place_hold, release_hold
from audit.schema import audit_records
from audit.verify import verify_chain
from audit.writer import AuditWriter
from tests.audit.api_support import (  # noqa: F401
    T0,
    Switches,
    add_content,
    add_feedback,
    add_review,
    bearer,
    client_fixture,
    make_app,
    seed,
)
from tests.audit.support import FAST_RETRY, flushed

AUDITOR = bearer("auditor-token")


async def test_subject_export_is_one_document_with_records_content_feedback_and_verdicts(
    engine: AsyncEngine, client: httpx.AsyncClient
) -> None:
    rows = await seed(engine, 1100)  # u-1 has 275 records: more than one export batch
    await add_content(engine, "req-00001", "redacted", "Letter to [PERSON_1]", "Dear [PERSON_1]")
    await add_feedback(engine, "req-00001", "u-1", kind="challenge", rating=2)
    await add_feedback(engine, "req-00002", "u-2")
    await add_review(engine, "req-00005", "housing-letters", status="done", verdict="appropriate", note="fine",
                     reviewer="r.reviewer")
    r = await client.get("/audit/v1/subjects/u-1/export", headers=AUDITOR)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    doc = json.loads(r.content)
    assert doc["subject"] == "u-1"
    assert sorted(x["request_id"] for x in doc["records"]) == sorted(x["request_id"] for x in rows
                                                                      if x["user_id"] == "u-1")
    first = next(x for x in doc["records"] if x["request_id"] == "req-00001")
    assert first["content"]["prompt"] == "Letter to [PERSON_1]"
    assert [(f["request_id"], f["kind"]) for f in doc["feedback"]] == [("req-00001", "challenge")]
    assert [(v["request_id"], v["verdict"]) for v in doc["review_verdicts"]] == [("req-00005", "appropriate")]

    nobody = json.loads((await client.get("/audit/v1/subjects/nobody/export", headers=AUDITOR)).content)
    assert nobody["records"] == [] and nobody["feedback"] == [] and nobody["review_verdicts"] == []


async def _chained(engine: AsyncEngine, n: int) -> None:
    writer = AuditWriter(engine, FAST_RETRY)
    await writer.start()
    for i in range(n):
        event = AuditEvent(request_id=f"req-{i:03d}", received_at=T0 + timedelta(minutes=i), user_id=f"u-{i % 3}",
                           display_name=f"User {i % 3}", endpoint="chat.completions", decision="allowed",
                           outcome="allowed", tool="azure-openai-uk", use_case="general-drafting",
                           audit_level="redacted", retention_days=365)
        event.content = AuditContent(prompt=f"prompt {i}", output=f"output {i}")
        writer.submit(event)
    await flushed(writer)
    await writer.close()


async def test_erasure_where_allowed_leaves_a_receipt_and_a_verifiable_chain(engine: AsyncEngine) -> None:
    await _chained(engine, 30)
    await add_feedback(engine, "req-001", "u-1")
    assert (await verify_chain(engine)).ok
    switches = Switches(erasure_allowed=False)
    transport = httpx.ASGITransport(app=make_app(engine, switches))
    async with httpx.AsyncClient(transport=transport, base_url="http://steward.test") as client:
        url = "/audit/v1/subjects/u-1/erasure"
        body = {"reason": "DSAR 2026/041 erasure upheld"}
        refused = await client.post(url, headers=AUDITOR, json=body)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "erasure_not_allowed"

        switches.erasure_allowed = True
        hold = await place_hold(engine, "subject", "u-1", "Tribunal claim 17", actor="ig")
        held = await client.post(url, headers=AUDITOR, json=body)
        assert held.status_code == 409 and held.json()["error"]["code"] == "legal_hold"
        await release_hold(engine, hold, actor="ig")

        done = await client.post(url, headers=AUDITOR, json=body)
        assert done.status_code == 200, done.text
        assert done.json()["records_erased"] == 10 and done.json()["receipt_ids"]

        export = json.loads((await client.get("/audit/v1/subjects/u-1/export", headers=AUDITOR)).content)
        assert export["records"] == [] and export["feedback"] == []
        verified = (await client.get("/audit/v1/verify", headers=AUDITOR)).json()
        assert verified["ok"] is True and verified["purged_gaps"] >= 1 and verified["checked"] == 20
    async with engine.connect() as conn:
        receipt = (await conn.execute(select(purge_receipts))).mappings().one()
        left = (await conn.execute(select(audit_records.c.user_id))).scalars().all()
    assert receipt["kind"] == "erasure" and receipt["count"] == 10 and receipt["actor"] == "a.auditor"
    assert "u-1" not in json.dumps(receipt["criteria"])  # the receipt does not name the subject
    assert "u-1" not in left and len(left) == 20
    result = await verify_chain(engine)
    assert result.ok, result
    # ... and tampering is still caught after the erasure.
    async with engine.begin() as conn:
        await conn.execute(update(audit_records).where(audit_records.c.request_id == "req-002")
                           .values(decision="refused"))
    assert not (await verify_chain(engine)).ok
