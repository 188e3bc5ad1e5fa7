"""Issue 12 §3 on the HTTP side: errors name the parameter, callers see their own approval requests, the
transparency report counts usage only, a refused request's audit row claims nothing was sent."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import structlog

from config.loader import parse_config
from config.settings import Settings
from proxy.app import create_app
from tests.gateway.conftest import UPSTREAM, Harness, chat_body, completion

APPROVAL = {"tool": "Gemini", "purpose": "translate leaflets", "data_classification": "OFFICIAL, no personal data",
            "expected_output": "draft translations", "distribution": "published after review"}


@pytest.fixture
async def admin_key(harness: Harness) -> str:
    return (await harness.gateway.keys.create("ada", ["admin"], department="IT")).secret


@pytest.fixture
async def auditor_key(harness: Harness) -> str:
    return (await harness.gateway.keys.create("aud", ["auditor"], department="Audit")).secret


async def test_callers_list_their_own_approval_requests(harness: Harness, admin_key: str) -> None:
    mine = (await harness.post("/v1/approval-requests", APPROVAL)).json()["id"]
    theirs = (await harness.post("/v1/approval-requests", APPROVAL, key=harness.nobody_key)).json()["id"]
    listed = await harness.client.get("/v1/approval-requests", headers=harness.auth())
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["data"]] == [mine]
    everyone = await harness.client.get("/admin/v1/approval-requests", headers=harness.auth(admin_key))
    assert {r["id"] for r in everyone.json()["data"]} == {mine, theirs}


@pytest.mark.parametrize("path", ["/v1/approval-requests", "/admin/v1/approval-requests"])
async def test_approval_listing_rejects_an_unknown_status(harness: Harness, admin_key: str, path: str) -> None:
    resp = await harness.client.get(f"{path}?status=aproved", headers=harness.auth(admin_key))
    error = resp.json()["error"]
    assert (resp.status_code, error["param"]) == (400, "status")
    assert "pending" in error["message"] and error["request_id"]


async def test_audit_filter_errors_name_the_parameter(harness: Harness, auditor_key: str) -> None:
    resp = await harness.client.get("/audit/v1/records?decision=maybe", headers=harness.auth(auditor_key))
    error = resp.json()["error"]
    assert (resp.status_code, error["param"]) == (400, "decision")
    assert "`decision`" in error["message"]


async def test_transparency_report_does_not_count_bad_or_unauthenticated_requests(
    harness: Harness, auditor_key: str
) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200
    assert (await harness.post("/v1/chat/completions", chat_body(), key="stw_nobody_wrong")).status_code == 401
    bad = await harness.client.post("/v1/chat/completions", content=b"{not json", headers=harness.auth())
    assert bad.status_code == 400
    await harness.gateway.audit.flush()
    start = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    report = await harness.client.get("/audit/v1/reports/transparency", params={"from": start},
                                      headers=harness.auth(auditor_key))
    assert report.status_code == 200, report.text
    assert report.json()["totals"]["requests"] == 1


async def test_a_refused_request_is_not_recorded_as_redacted_and_sent(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    text = ("Ring Margaret Oyelaran on 07700 900461 about her tenancy. The deploy password is "
            "password=Tr0ub4dor&3xK9pLm")
    resp = await harness.post("/v1/chat/completions", chat_body(messages=[{"role": "user", "content": text}]))
    assert resp.status_code == 403, resp.text
    assert not route.called
    row = await harness.audit_row(resp.headers["x-request-id"])
    messages = " ".join(str(r.get("message", "")) for r in row["reasons"])
    assert "before it was sent" not in messages
    assert any(str(r.get("code", "")).endswith("_blocked") for r in row["reasons"]), row["reasons"]


async def test_a_provider_error_carries_the_request_id_and_says_error(harness: Harness) -> None:
    error = {"error": {"message": "bad temperature", "type": "invalid_request_error", "param": "temperature",
                       "code": None}}
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(400, json=error)
    resp = await harness.post("/v1/chat/completions", chat_body())
    assert resp.status_code == 400
    assert resp.json()["error"]["request_id"] == resp.headers["x-request-id"]
    assert resp.json()["error"]["message"] == "bad temperature"
    assert resp.headers["x-steward-decision"] == "error"


async def test_upstream_connect_failure_is_logged_with_its_cause(tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    config = parse_config(f"""
version: 1
gateway: {{detection: {{enabled: false}}}}
tools:
  - {{id: far, provider: openai_compatible, base_url: "http://127.0.0.1:{port}/v1", models: [far-model],
     category: internal}}
roles:
  staff: {{tools: [far]}}
""", "t.yaml")
    app = create_app(Settings(data_dir=tmp_path), config)
    async with app.router.lifespan_context(app):
        key = (await app.state.gateway.keys.create("a", ["staff"])).secret
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://steward.test") as client:
            with structlog.testing.capture_logs() as logs:
                resp = await client.post("/v1/chat/completions", json={"model": "far-model", "messages": [
                    {"role": "user", "content": "hello"}]}, headers={"authorization": f"Bearer {key}"})
    assert resp.status_code == 502
    failed = [e for e in logs if e["event"] == "upstream.failed"]
    assert failed and failed[0]["tool"] == "far"
    assert "ConnectionRefusedError(111)" in failed[0]["error"] or "(111)" in failed[0]["error"], failed[0]
