"""Dry-run endpoints: findings and transformed text without forwarding; explanations with clauses."""

from __future__ import annotations

import json

from tests.gateway.conftest import UPSTREAM, Harness

TEXT = "Email from Sarah Jenkins, NHS 943 476 5919. Our key is AKIAIOSFODNN7EXAMPLE."


async def test_scan_returns_findings_and_transformed_text_forwarding_nothing(harness: Harness) -> None:
    route = harness.upstream.route(url__startswith=UPSTREAM).respond(200, json={})
    resp = await harness.post("/v1/policy/scan", {"text": TEXT})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    entities = {f["entity"] for f in body["findings"]}
    assert {"PERSON", "UK_NHS", "SECRET"} <= entities
    first = next(f for f in body["findings"] if f["entity"] == "UK_NHS")
    assert TEXT[first["start"]:first["end"]] == "943 476 5919"
    assert "value" not in first
    transformed = body["transformed"][0]["text"]
    assert "943 476 5919" not in transformed and "AKIAIOSFODNN7EXAMPLE" not in transformed
    assert not route.called
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["endpoint"], row["decision"]) == ("policy.scan", "allowed")
    assert "Sarah" not in json.dumps(row, default=str)


async def test_explain_gives_decision_reasons_and_obligations(harness: Harness) -> None:
    resp = await harness.post("/v1/policy/explain", {"text": TEXT, "model": "gpt-4o-mini"})
    decision = resp.json()["decision"]
    assert decision["action"] == "block"
    codes = {r["code"]: r["clause"] for r in decision["reasons"]}
    assert codes["secrets_blocked"] == "10.3" and codes["personal_data_redacted"] == "7.2"
    assert decision["obligations"]["use_case"] == "general-drafting"


async def test_explain_scans_a_full_request_body(harness: Harness) -> None:
    request = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Call 07700 900123 please"}]}
    resp = await harness.post("/v1/policy/explain", {"request": request, "model": "gpt-4o-mini"})
    body = resp.json()
    assert body["findings"][0]["field"] == ["messages", 0, "content"]
    assert body["decision"]["outcome"] == "redacted"


async def test_dry_run_rejects_bad_input_with_400(harness: Harness) -> None:
    for payload in ({}, {"text": 5}, {"text": "x", "surprise": 1}):
        resp = await harness.post("/v1/policy/scan", payload)
        assert resp.status_code == 400, payload
        assert resp.json()["error"]["type"] == "invalid_request_error"
    resp = await harness.post("/v1/policy/explain", {"text": "x"})
    assert resp.json()["error"]["param"] == "model"
