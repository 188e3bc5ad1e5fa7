"""The per-request scan budget: refused up front with a final 413 naming the limit and clause 10.3, audited,
nothing scanned or forwarded; a use case can set its own budget."""

from __future__ import annotations

import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, completion

BUDGET = """
  detection:
    budget: {max_chars: 2000, max_texts: 4}
"""
USE_CASES = """
default_use_case: drafting
use_cases:
  - id: drafting
    owner: IT
    purpose: drafting
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
  - id: casework
    owner: Social care
    purpose: summarising long case files
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
    scan_budget: {max_chars: 20000, max_texts: 4}
"""


@pytest.fixture
def config_text() -> str:
    return CONFIG.replace("  max_body_bytes: 4096\n", "  max_body_bytes: 200000\n" + BUDGET) + USE_CASES


def _chat(*contents: str) -> dict[str, object]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": c} for c in contents]}


class NotCalled:
    async def scan(self, texts: object) -> list[list[object]]:
        raise AssertionError("an over-budget request must not be scanned")


async def test_too_many_characters_is_a_final_413_naming_the_limit(harness: Harness,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    monkeypatch.setattr(harness.gateway.inspector, "_scan", NotCalled().scan)
    response = await harness.post("/v1/chat/completions", _chat("word " * 500))
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "scan_budget_exceeded" and error["policy_clause"] == "10.3"
    assert "2500 characters" in error["message"] and "at most 2000" in error["message"]
    assert "drafting" in error["message"]
    assert not route.called
    row = await harness.audit_row(response.headers["x-request-id"])
    assert row["http_status"] == 413 and row["reason_code"] == "scan_budget_exceeded"
    assert row["policy_clause"] == "10.3"


async def test_too_many_texts_is_refused(harness: Harness) -> None:
    response = await harness.post("/v1/chat/completions", _chat(*["hello"] * 5))
    assert response.status_code == 413
    assert "5 separate texts" in response.json()["error"]["message"]


async def test_a_use_case_may_allow_more(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    body = _chat("the road repairs budget was agreed. " * 100)
    refused = await harness.post("/v1/chat/completions", body)
    allowed = await harness.post("/v1/chat/completions", body, headers={"x-steward-use-case": "casework"})
    assert refused.status_code == 413 and allowed.status_code == 200
    assert route.call_count == 1


async def test_dry_run_scan_keeps_the_same_budget(harness: Harness) -> None:
    response = await harness.post("/v1/policy/scan", {"text": "x " * 1500})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "scan_budget_exceeded"
