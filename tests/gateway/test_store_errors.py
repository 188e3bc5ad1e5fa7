"""Every database failure on the request path is a 503 with a clear code, audited — never a 500 (issue 14).
The failures are the real driver exceptions, injected where each path reads the store."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import exc as sa_exc

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion

GOVERNANCE = """
policy: {version: "3.0", require_acknowledgement: true}
"""
FAILURES = [ConnectionRefusedError(111, "Connection refused"),
            sa_exc.DBAPIError("SELECT", {}, ConnectionResetError(104, "reset")),
            sa_exc.TimeoutError("QueuePool limit of size 5 overflow 10 reached")]


@pytest.fixture
def config_text() -> str:
    return CONFIG + GOVERNANCE


def failing(exc: BaseException) -> Any:
    async def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc
    return fail


async def assert_store_503(harness: Harness, resp: Any) -> None:
    error = resp.json()["error"]
    assert (resp.status_code, error["code"]) == (503, "store_unavailable"), resp.text
    assert resp.headers["retry-after"] == "1" and error["request_id"] == resp.headers["x-request-id"]
    row = await harness.audit_row(error["request_id"])
    assert (row["http_status"], row["reason_code"], row["decision"]) == (503, "store_unavailable", "error")


@pytest.mark.parametrize("failure", FAILURES, ids=lambda e: type(e).__name__)
async def test_acknowledgement_lookup_failure_is_503(harness: Harness, failure: BaseException,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    monkeypatch.setattr(harness.gateway.governance, "acknowledged", failing(failure))
    await assert_store_503(harness, await harness.post("/v1/chat/completions", chat_body()))


async def test_caller_and_admin_api_store_failures_are_503(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = (await harness.gateway.keys.create("ada", ["admin"], department="IT")).secret
    failure = ConnectionRefusedError(111, "Connection refused")
    for name in ("list_requests", "set_status", "acknowledge", "create_request"):
        monkeypatch.setattr(harness.gateway.governance, name, failing(failure))
    await assert_store_503(harness, await harness.client.get("/v1/approval-requests", headers=harness.auth()))
    await assert_store_503(harness, await harness.post("/v1/policy/acknowledge", {"version": "3.0"}))
    await assert_store_503(harness, await harness.post(
        "/admin/v1/tools/mock/status", {"status": "paused", "reason": "incident"}, key=admin))


async def test_auditor_api_store_failure_is_503(harness: Harness) -> None:
    auditor = (await harness.gateway.keys.create("aud", ["auditor"])).secret
    await harness.client.get("/healthz")
    await harness.gateway.audit.flush()

    class DeadEngine:
        dialect = harness.gateway.engine.dialect

        def connect(self) -> Any:
            raise ConnectionRefusedError(111, "Connection refused")

        begin = connect

    engine, harness.gateway.engine = harness.gateway.engine, DeadEngine()  # type: ignore[assignment]
    try:
        resp = await harness.client.get("/audit/v1/records", headers=harness.auth(auditor))
    finally:
        harness.gateway.engine = engine
    assert (resp.status_code, resp.json()["error"]["code"]) == (503, "store_unavailable"), resp.text
