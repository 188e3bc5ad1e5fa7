"""The auditor API mounted on the gateway with Steward keys: the role matrix end to end, caller
feedback on their own requests, and review sampling from the live request path."""

from __future__ import annotations

import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion

ROLES = CONFIG.replace("  nobody: {tools: []}", """  nobody: {tools: []}
  auditor: {tools: []}
  reviewer: {tools: []}
  admin: {tools: []}""") + """
default_use_case: sampled
use_cases:
  - id: sampled
    owner: IT
    purpose: everything is reviewed
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
    review_sampling_rate: 1.0
    audit: {level: redacted}
"""


@pytest.fixture
def config_text() -> str:
    return ROLES


async def _keys(harness: Harness) -> dict[str, str]:
    keys = {"staff": harness.key}
    for role in ("auditor", "reviewer", "admin"):
        keys[role] = (await harness.gateway.keys.create(f"{role}-user", [role])).secret
    return keys


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [("auditor", "/audit/v1/records", 200), ("staff", "/audit/v1/records", 403),
     ("admin", "/audit/v1/records", 403), ("reviewer", "/audit/v1/records", 403),
     ("reviewer", "/audit/v1/review/queue", 200), ("auditor", "/audit/v1/review/queue", 403),
     ("auditor", "/admin/v1/policy", 403), ("admin", "/admin/v1/policy", 200)],
)
async def test_role_matrix_through_the_gateway(harness: Harness, role: str, path: str, status: int) -> None:
    keys = await _keys(harness)
    resp = await harness.client.get(path, headers=harness.auth(keys[role]))
    assert resp.status_code == status, resp.text
    if status == 403:
        assert resp.json()["error"]["code"] == "role_required"


async def test_auditor_cannot_use_the_proxy_and_nobody_edits_records(harness: Harness) -> None:
    keys = await _keys(harness)
    resp = await harness.post("/v1/chat/completions", chat_body(), key=keys["auditor"])
    assert resp.json()["error"]["code"] == "tool_not_permitted_for_role"
    for method in ("PUT", "PATCH", "DELETE"):
        edit = await harness.client.request(method, "/audit/v1/records/req_x", headers=harness.auth(keys["admin"]))
        assert edit.status_code == 405


async def test_feedback_sampling_and_review_round_trip(harness: Harness) -> None:
    keys = await _keys(harness)
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", chat_body())
    request_id = resp.headers["x-request-id"]
    await harness.audit_row(request_id)
    feedback = await harness.post("/v1/feedback", {"request_id": request_id, "kind": "challenge",
                                                   "comment": "The summary missed the deadline."})
    assert feedback.status_code == 201, feedback.text
    other = await harness.post("/v1/feedback", {"request_id": request_id, "kind": "feedback", "rating": 2},
                               key=harness.nobody_key)
    assert other.status_code == 404  # only your own requests
    await harness.app_pipeline_review_drain()
    queue = await harness.client.get("/audit/v1/review/queue", headers=harness.auth(keys["reviewer"]))
    items = queue.json()["items"]
    assert [i["request_id"] for i in items] == [request_id]
    verdict = await harness.post(f"/audit/v1/review/{items[0]['id']}/verdict",
                                 {"verdict": "appropriate", "note": "fine"}, key=keys["reviewer"])
    assert verdict.status_code == 200, verdict.text
    records = await harness.client.get("/audit/v1/records?has_feedback=true", headers=harness.auth(keys["auditor"]))
    assert [r["request_id"] for r in records.json()["records"]] == [request_id]

