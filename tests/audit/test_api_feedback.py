"""`POST /v1/feedback` (clause 8.3.2): callers give feedback on or challenge their own requests only."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.records_schema import audit_feedback
from tests.audit.api_support import bearer, client_fixture, seed  # noqa: F401


async def test_caller_feedback_and_challenge_on_own_request(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    await seed(engine, 8)  # req-00001 and req-00005 belong to u-1
    r = await client.post("/v1/feedback", headers=bearer("caller-token"),
                          json={"request_id": "req-00001", "kind": "challenge", "rating": 1,
                                "comment": "This summary is wrong; I want a person to review it."})
    assert r.status_code == 201, r.text
    assert r.json()["kind"] == "challenge" and r.json()["request_id"] == "req-00001"
    r = await client.post("/v1/feedback", headers=bearer("caller-token"),
                          json={"request_id": "req-00005", "kind": "feedback"})
    assert r.status_code == 201

    async with engine.connect() as conn:
        rows = (await conn.execute(select(audit_feedback).order_by(audit_feedback.c.id))).mappings().all()
    assert [(f["request_id"], f["user_id"], f["kind"], f["rating"]) for f in rows] == [
        ("req-00001", "u-1", "challenge", 1), ("req-00005", "u-1", "feedback", None)]

    detail = (await client.get("/audit/v1/records/req-00001", headers=bearer("auditor-token"))).json()
    assert detail["feedback"][0]["comment"].startswith("This summary is wrong")


async def test_someone_elses_or_unknown_request_is_not_found(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    await seed(engine, 4)
    other = await client.post("/v1/feedback", headers=bearer("caller2-token"),
                              json={"request_id": "req-00001", "kind": "feedback"})
    unknown = await client.post("/v1/feedback", headers=bearer("caller2-token"),
                                json={"request_id": "req-nope", "kind": "feedback"})
    assert other.status_code == unknown.status_code == 404
    assert other.json()["error"]["code"] == unknown.json()["error"]["code"] == "request_not_found"
    assert (await client.post("/v1/feedback", json={"request_id": "req-00001", "kind": "feedback"})).status_code == 401
    for body in ({"request_id": "req-00002", "kind": "praise"}, {"request_id": "req-00002", "kind": "feedback",
                                                                  "rating": 6},
                 {"request_id": "req-00002", "kind": "feedback", "user_id": "u-2"}):
        r = await client.post("/v1/feedback", headers=bearer("caller2-token"), json=body)
        assert r.status_code == 422, body
