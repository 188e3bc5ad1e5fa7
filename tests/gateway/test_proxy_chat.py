"""Chat completions through the in-process gateway: what the provider receives, what the caller gets,
and the audit row every request leaves."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.gateway.conftest import PROVIDER_KEY, UPSTREAM, Harness, chat_body, completion


async def test_forwards_exact_body_with_provider_key_and_audits(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    body = chat_body(temperature=0.2, some_future_field={"nested": [1, 2]}, metadata={"eval_id": "x1"})
    resp = await harness.post("/v1/chat/completions", body, headers={
        "user-agent": "OpenAI/Python 3.51.0", "x-stainless-os": "Linux", "x-stainless-lang": "python"})

    assert resp.status_code == 200
    assert resp.json()["choices"][0]["message"]["content"] == "Bins are collected weekly."
    sent = route.calls.last.request
    assert json.loads(sent.content) == body  # unknown fields pass through untouched
    assert sent.headers["authorization"] == f"Bearer {PROVIDER_KEY}"
    assert harness.key not in sent.headers.get("authorization", "")

    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"], row["endpoint"], row["stream"]) == ("allowed", 200,
                                                                                     "chat.completions", False)
    assert (row["user_id"], row["department"], row["tool"]) == ("alice", "Housing", "mock")
    assert row["roles"] == ["staff"]
    assert (row["model_requested"], row["model_reported"]) == ("gpt-4o-mini", "gpt-4o-mini-2024-07-18")
    assert (row["prompt_tokens"], row["completion_tokens"], row["total_tokens"]) == (11, 7, 18)
    assert row["client_meta"] == {"os": "Linux", "lang": "python", "steward.socket_peer": "127.0.0.1"}
    assert row["user_agent"] == "OpenAI/Python 3.51.0"
    assert row["upstream_first_byte_at"] is not None and row["completed_at"] is not None
    assert row["latency_ms"] > 0 and row["policy_version"].startswith("sha256:")


async def test_tool_prefix_pins_tool_and_is_stripped_for_provider(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", chat_body(model="mock/gpt-4o-mini"))
    assert resp.status_code == 200
    assert json.loads(route.calls.last.request.content)["model"] == "gpt-4o-mini"


@pytest.mark.parametrize(
    ("key_attr", "model", "status", "code", "clause"),
    [
        ("nobody_key", "gpt-4o-mini", 403, "tool_not_permitted_for_role", "10.5"),
        ("key", "paused-model", 403, "tool_paused", "11.4"),
        ("key", "gpt-5-unlisted", 404, "model_not_found", "4"),
    ],
)
async def test_policy_refusals_carry_clause_and_never_reach_provider(
    harness: Harness, key_attr: str, model: str, status: int, code: str, clause: str
) -> None:
    route = harness.upstream.post(url__regex=r".*").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", chat_body(model=model), key=getattr(harness, key_attr))
    error = resp.json()["error"]
    assert resp.status_code == status
    assert (error["code"], error["policy_clause"]) == (code, clause)
    assert error["request_id"] == resp.headers["x-request-id"]
    assert resp.headers["content-type"] == "application/json"
    assert not route.called
    row = await harness.audit_row(error["request_id"])
    assert (row["decision"], row["http_status"], row["reason_code"], row["policy_clause"]) == (
        "refused", status, code, clause)


async def test_unconfigured_tool_says_so(harness: Harness) -> None:
    """A tool whose api_key_env is unset: 503 tool_not_configured, audited; callers are not told the variable."""
    resp = await harness.post("/v1/chat/completions", chat_body(model="dormant-model"))
    error = resp.json()["error"]
    assert (resp.status_code, error["code"]) == (503, "tool_not_configured")
    assert "dormant" in error["message"] and "STEWARD_TEST_UNSET_KEY" not in error["message"]
    assert resp.headers["x-steward-decision"] == "error"
    row = await harness.audit_row(error["request_id"])
    assert (row["http_status"], row["reason_code"]) == (503, "tool_not_configured")


async def test_paused_tool_message_gives_reason(harness: Harness) -> None:
    resp = await harness.post("/v1/chat/completions", chat_body(model="paused-model"))
    assert "under review after an incident" in resp.json()["error"]["message"]


async def test_unknown_tool_header_is_refused_with_approval_hint(harness: Harness) -> None:
    resp = await harness.post("/v1/chat/completions", chat_body(), headers={"x-steward-tool": "chatgpt-free"})
    error = resp.json()["error"]
    assert (resp.status_code, error["code"], error["policy_clause"]) == (403, "tool_not_approved", "4")
    assert "policy 7" in error["message"]


@pytest.mark.parametrize("status", [400, 429, 500, 503])
async def test_upstream_openai_errors_pass_through_with_status(harness: Harness, status: int) -> None:
    err = {"error": {"message": "provider says no", "type": "x", "param": None, "code": "y"}}
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(status, json=err, headers={"retry-after": "1"})
    resp = await harness.post("/v1/chat/completions", chat_body())
    assert resp.status_code == status
    assert resp.json() == {"error": {**err["error"], "request_id": resp.headers["x-request-id"]}}
    assert resp.headers["retry-after"] == "1"
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"]) == ("error", status)


@pytest.mark.parametrize(
    ("side_effect", "status", "code"),
    [
        (httpx.ConnectError("refused"), 502, "upstream_unavailable"),
        (httpx.ReadTimeout("slow"), 504, "upstream_timeout"),
        (httpx.ConnectTimeout("slow"), 504, "upstream_timeout"),
    ],
)
async def test_upstream_transport_failures(harness: Harness, side_effect: Exception, status: int, code: str) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").mock(side_effect=side_effect)
    resp = await harness.post("/v1/chat/completions", chat_body())
    assert resp.status_code == status
    assert resp.json()["error"]["code"] == code
    assert "upstream.test" not in resp.text  # never reveal provider URLs
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"], row["reason_code"]) == ("error", status, code)


async def test_upstream_non_json_error_becomes_502(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(500, text="<html>oops</html>")
    resp = await harness.post("/v1/chat/completions", chat_body())
    assert resp.status_code == 502
    assert resp.json()["error"]["type"] == "upstream_error"


async def test_audit_store_unhealthy_fails_closed(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    monkeypatch.setattr(type(harness.gateway.audit), "healthy", property(lambda self: False))
    resp = await harness.post("/v1/chat/completions", chat_body())
    assert resp.status_code == 503
    assert resp.json()["error"]["code"] == "audit_unavailable"
    assert not route.called
