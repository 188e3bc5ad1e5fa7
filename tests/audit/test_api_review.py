"""Review sampling (pure, deterministic) and the review queue: listing, one verdict per item, no self-review."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.records_schema import audit_access_log, review_queue
from audit.review import ReviewSample, enqueue, enqueue_many, sample_fraction, sample_reason, should_sample
from audit.schema import audit_records
from tests.audit.api_support import TOKENS, add_content, bearer, client_fixture, record_row, seed  # noqa: F401

REVIEWER = bearer("reviewer-token")


def test_sampling_is_deterministic_and_close_to_the_rate() -> None:
    ids = [f"req-{i}" for i in range(20_000)]
    picked = [should_sample(i, 0.05, "standard", refused=False) for i in ids]
    assert picked == [should_sample(i, 0.05, "standard", refused=False) for i in ids]  # replicas agree
    assert 0.045 < sum(picked) / len(ids) < 0.055
    assert all(0 <= sample_fraction(i) < 1 for i in ids[:100])
    assert not any(should_sample(i, 0.0, "sensitive", refused=False) for i in ids[:1000])
    assert all(should_sample(i, 1.0, "standard", refused=False) for i in ids[:1000])


@pytest.mark.parametrize(("rate", "risk", "refused", "expected"), [
    (0.0, "restricted", True, "restricted_refusal"),  # every restricted refusal, whatever the rate
    (0.0, "restricted", False, None),
    (0.0, "sensitive", True, None),
    (1.0, "standard", False, "sampled"),
    (1.0, "restricted", True, "restricted_refusal"),
])
def test_sample_reason_truth_table(rate: float, risk: str, refused: bool, expected: str | None) -> None:
    assert sample_reason("req-x", rate, risk, refused) == expected
    assert should_sample("req-x", rate, risk, refused) is (expected is not None)


async def test_enqueue_is_idempotent(engine: AsyncEngine) -> None:
    await enqueue(engine, "req-1", use_case="housing-letters", reason="sampled")
    await enqueue(engine, "req-1", use_case="housing-letters", reason="restricted_refusal")
    async with engine.begin() as conn:
        await enqueue_many(conn, [ReviewSample("req-2", "asc-case-summaries", "restricted_refusal"),
                                  ReviewSample("req-1", "x", "sampled")])
    async with engine.connect() as conn:
        rows = (await conn.execute(select(review_queue).order_by(review_queue.c.id))).mappings().all()
    assert [(r["request_id"], r["reason"], r["status"]) for r in rows] == [
        ("req-1", "sampled", "pending"), ("req-2", "restricted_refusal", "pending")]


async def test_queue_lists_pending_items_with_redacted_content_only(
    engine: AsyncEngine, client: httpx.AsyncClient
) -> None:
    await seed(engine, 4)
    await add_content(engine, "req-00001", "redacted", "Draft a letter to [PERSON_1]", "Dear [PERSON_1]")
    await add_content(engine, "req-00002", "full", "c2VjcmV0", "c2VjcmV0", encrypted=True, key_id="k")
    for rid, uc in (("req-00001", "housing-letters"), ("req-00002", "asc-case-summaries"),
                    ("req-00003", "housing-letters")):
        await enqueue(engine, rid, use_case=uc, reason="sampled")

    body = (await client.get("/audit/v1/review/queue", headers=REVIEWER)).json()
    items = {i["request_id"]: i for i in body["items"]}
    assert list(items) == ["req-00001", "req-00002", "req-00003"]
    assert items["req-00001"]["prompt"] == "Draft a letter to [PERSON_1]"
    assert items["req-00002"]["prompt"] is None  # full (encrypted) content is never shown to reviewers
    assert "user_id" not in items["req-00001"]
    only = (await client.get("/audit/v1/review/queue?use_case=housing-letters&limit=1", headers=REVIEWER)).json()
    assert [i["request_id"] for i in only["items"]] == ["req-00001"]


async def test_a_verdict_is_recorded_once_and_never_by_the_subject(
    engine: AsyncEngine, client: httpx.AsyncClient
) -> None:
    reviewer = TOKENS["reviewer-token"].user_id
    await seed(engine, 2)
    async with engine.begin() as conn:
        await conn.execute(insert(audit_records), [record_row(50, request_id="req-own", user_id=reviewer)])
    await enqueue(engine, "req-00001", use_case="housing-letters", reason="sampled")
    await enqueue(engine, "req-own", use_case="housing-letters", reason="sampled")
    ids = {i["request_id"]: i["id"] for i in
           (await client.get("/audit/v1/review/queue", headers=REVIEWER)).json()["items"]}

    ok = await client.post(f"/audit/v1/review/{ids['req-00001']}/verdict", headers=REVIEWER,
                           json={"verdict": "needs_follow_up", "note": "States entitlement as fact"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "done" and ok.json()["reviewer"] == reviewer
    again = await client.post(f"/audit/v1/review/{ids['req-00001']}/verdict", headers=REVIEWER,
                              json={"verdict": "appropriate", "note": "changed my mind"})
    assert again.status_code == 409
    own = await client.post(f"/audit/v1/review/{ids['req-own']}/verdict", headers=REVIEWER,
                            json={"verdict": "appropriate"})
    assert own.status_code == 409 and own.json()["error"]["code"] == "review_conflict"
    missing = await client.post("/audit/v1/review/999999/verdict", headers=REVIEWER, json={"verdict": "appropriate"})
    assert missing.status_code == 404
    bad = await client.post(f"/audit/v1/review/{ids['req-own']}/verdict", headers=REVIEWER,
                            json={"verdict": "fine", "status": "pending"})
    assert bad.status_code == 422

    detail = (await client.get("/audit/v1/records/req-00001", headers=bearer("auditor-token"))).json()
    assert detail["review"]["verdict"] == "needs_follow_up"
    pending = (await client.get("/audit/v1/review/queue", headers=REVIEWER)).json()["items"]
    assert [i["request_id"] for i in pending] == ["req-own"]
    async with engine.connect() as conn:
        roles = (await conn.execute(select(audit_access_log.c.role, func.count()).group_by(audit_access_log.c.role)
                                    )).all()
    assert dict(roles)["reviewer"] >= 5
