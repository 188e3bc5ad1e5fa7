"""The role matrix of the audit API, with the gateway's authorize faked (401 unknown key, 403 wrong role).

auditor: reads /audit/v1 (records, exports, subjects, reports, verify) but cannot use the review queue;
reviewer: the review endpoints only; caller and admin: neither; nobody can edit or delete a record.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.audit.api_support import add_review, bearer, client_fixture, seed  # noqa: F401

READS = [
    ("GET", "/audit/v1/records"),
    ("GET", "/audit/v1/records/req-00001"),
    ("GET", "/audit/v1/export.jsonl"),
    ("GET", "/audit/v1/export.csv"),
    ("GET", "/audit/v1/subjects/u-1/export"),
    ("GET", "/audit/v1/reports/transparency?from=2026-10-01&to=2026-11-01"),
    ("GET", "/audit/v1/reports/atrs/azure-openai-uk?from=2026-10-01&to=2026-11-01"),
    ("GET", "/audit/v1/verify"),
]
REVIEW = [("GET", "/audit/v1/review/queue"), ("POST", "/audit/v1/review/1/verdict")]
ERASE = [("POST", "/audit/v1/subjects/u-1/erasure")]
EXPECTED = {  # token -> (reads, review, erasure) status
    "auditor-token": (200, 403, 403),  # erasure: allowed role, but the policy flag is off
    "reviewer-token": (403, 200, 403),
    "caller-token": (403, 403, 403),
    "admin-token": (403, 403, 403),
    "both-token": (200, 200, 403),
    "unknown-token": (401, 401, 401),
}


async def _call(client: httpx.AsyncClient, method: str, url: str, token: str) -> int:
    body = {"verdict": "appropriate", "note": "ok"} if "verdict" in url else {"reason": "DSAR 1"}
    r = await client.request(method, url, headers=bearer(token), json=body if method == "POST" else None)
    return r.status_code


@pytest.mark.parametrize("token", sorted(EXPECTED))
async def test_role_matrix(engine: AsyncEngine, client: httpx.AsyncClient, token: str) -> None:
    await seed(engine, 3)
    await add_review(engine, "req-00001", "general-drafting")
    reads, review, erase = EXPECTED[token]
    got = {url: await _call(client, m, url, token) for m, url in READS}
    assert got == {url: reads for _, url in READS}
    got = {url: await _call(client, m, url, token) for m, url in REVIEW}
    # the verdict succeeds once; the "both" actor is not the subject of req-00001
    assert got == {url: review for _, url in REVIEW}
    assert await _call(client, *ERASE[0], token) == erase


async def test_nobody_can_edit_or_delete_records(engine: AsyncEngine, client: httpx.AsyncClient) -> None:
    await seed(engine, 1)
    urls = ("/audit/v1/records/req-00001", "/audit/v1/records", "/audit/v1/review/1/verdict",
            "/audit/v1/subjects/u-1/export", "/v1/feedback")
    for token in EXPECTED:
        for method in ("PUT", "PATCH", "DELETE"):
            for url in urls:
                r = await client.request(method, url, headers=bearer(token))
                assert r.status_code == 405, (token, method, url, r.status_code)
    r = await client.get("/audit/v1/records/req-00001", headers=bearer("auditor-token"))
    assert r.json()["record"]["decision"] == "allowed"  # unchanged
