"""Human oversight as policy (8.3) and prompts in languages Steward cannot read, through the gateway."""

from __future__ import annotations

import json

import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, completion, sse

ROLES = CONFIG.replace("  nobody: {tools: []}", "  nobody: {tools: []}\n  reviewer: {tools: []}")
USE_CASES = """
default_use_case: drafting
use_cases:
  - id: drafting
    owner: IT
    purpose: drafting
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
    data_handling: {personal_data: allow}
    dpia: {reference: DPIA-0, approved_on: 2099-01-01}
  - id: hr-casework
    owner: HR
    purpose: decision support for disciplinary panels
    tools: [mock]
    allowed_roles: [staff]
    dpia: {reference: DPIA-7, approved_on: 2099-01-01}
    review_by: 2099-01-01
    data_handling: {personal_data: allow}
    human_review: {reviewer: HR business partner, process: HR-PROC-14, dpia_reference: DPIA-7, sampling_rate: 1.0}
    unsupported_language: block
"""

ASK = "Investigation notes for Kieran Doyle are below. Outcome? (dismiss / final warning)"
RELIED = ASK + " Nobody will review it, I'll send the letter straight away."
POLISH = "Proszę napisać krótki list do mieszkańca w sprawie odbioru śmieci w przyszłym tygodniu."
HR = {"x-steward-use-case": "hr-casework"}


@pytest.fixture
def config_text() -> str:
    return ROLES + USE_CASES


def _chat(text: str, **extra: object) -> dict[str, object]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}], **extra}


async def test_decision_request_refused_without_an_oversight_process(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", _chat(ASK))
    error = resp.json()["error"]
    assert (resp.status_code, error["code"], error["policy_clause"]) == (
        403, "prohibited_use.automated_decision_employment", "7.2")
    assert not route.called and "x-steward-human-review" not in resp.headers


async def test_documented_oversight_allows_decision_support_labelled_and_sampled(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", _chat(ASK), headers=HR)
    assert resp.status_code == 200 and route.called
    assert resp.headers["x-steward-human-review"] == "required"
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert "human_review_required" in [r["code"] for r in row["reasons"]]
    await harness.app_pipeline_review_drain()
    reviewer = (await harness.gateway.keys.create("rev", ["reviewer"])).secret
    queue = await harness.client.get("/audit/v1/review/queue", headers=harness.auth(reviewer))
    assert [i["request_id"] for i in queue.json()["items"]] == [resp.headers["x-request-id"]]


async def test_oversight_does_not_cover_a_request_that_says_no_one_will_review(harness: Harness) -> None:
    resp = await harness.post("/v1/chat/completions", _chat(RELIED), headers=HR)
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "prohibited_use.automated_decision_employment"


async def test_explain_names_the_span_and_the_rule(harness: Harness) -> None:
    resp = await harness.post("/v1/policy/explain", {"text": ASK, "model": "gpt-4o-mini"})
    body = resp.json()
    found = [f for f in body["findings"] if f["class"] == "prohibited_use"]
    assert found and found[0]["rule"] == "decision_frame.verdict"
    assert ASK[found[0]["start"] : found[0]["end"]].startswith("Outcome?")
    reason = body["decision"]["reasons"][0]
    assert reason["code"] == "prohibited_use.automated_decision_employment"
    assert "decision_frame.verdict" in reason["message"] and "Kieran" not in reason["message"]


async def test_unsupported_language_flagged_or_blocked_per_use_case(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    flagged = await harness.post("/v1/chat/completions", _chat(POLISH))
    assert flagged.status_code == 200 and flagged.headers["x-steward-language"] == "unsupported"
    row = await harness.audit_row(flagged.headers["x-request-id"])
    assert "language_unsupported" in [r["code"] for r in row["reasons"]]
    blocked = await harness.post("/v1/chat/completions", _chat(POLISH), headers=HR)
    assert (blocked.status_code, blocked.json()["error"]["code"]) == (403, "language_unsupported")
    row = await harness.audit_row(blocked.json()["error"]["request_id"])
    assert row["reason_code"] == "language_unsupported"


async def test_welsh_is_read_not_flagged(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    ok = await harness.post("/v1/chat/completions", _chat("Ysgrifennwch lythyr byr at y tenant am gasglu biniau."))
    assert ok.status_code == 200 and "x-steward-language" not in ok.headers
    refused = await harness.post("/v1/chat/completions", _chat(
        "Penderfynwch a ddylem ddiswyddo Owain Price ar ôl y gwrandawiad disgyblu. Atebwch ie neu na."))
    assert refused.json()["error"]["code"] == "prohibited_use.automated_decision_employment"


async def test_generalisation_in_a_stream_is_cut_in_band(harness: Harness) -> None:
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    text = "Thanks for asking. Romanians are dirty tenants, so do not let the flat to them. More text follows."
    chunks = [{**base, "choices": [{"index": 0, "delta": {"content": text[i : i + 4]}, "finish_reason": None}]}
              for i in range(0, len(text), 4)]
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse(*chunks), headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", _chat("Write a note about the flat.", stream=True))
    frames = [f for f in resp.content.split(b"\n\n") if f]
    assert frames[-1] == b"data: [DONE]"
    assert json.loads(frames[-2][6:])["error"]["code"] == "output_blocked"
    assert b"dirty" not in resp.content


async def test_explain_shows_the_table_frame_and_its_instruction(harness: Harness) -> None:
    text = ("Resident,Priority band\nT. Marsh,\nE. Cole,?\n"
            "Please complete the Priority band column for the lettings run.")
    resp = await harness.post("/v1/policy/explain", {"text": text, "model": "gpt-4o-mini"})
    found = [f for f in resp.json()["findings"] if f["class"] == "prohibited_use"]
    assert [f["rule"] for f in found] == ["decision_frame.table"]
    assert text[found[0]["start"] : found[0]["end"]].startswith("Please complete the Priority band column")
