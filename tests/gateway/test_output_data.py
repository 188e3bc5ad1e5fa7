"""Personal data in answers through the in-process gateway (data_handling.output, clause 10.3):
streamed (values split across events) and whole, chat and Responses, redacted or refused."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion, sse

USE_CASES = """
default_use_case: resident-letters
use_cases:
  - id: resident-letters
    owner: Housing
    purpose: Letters to residents
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    resident_facing: true
    dpia: {reference: DPIA-1, approved_on: 2026-01-01}
    data_handling: {personal_data: pseudonymise}
  - id: strict
    owner: Housing
    purpose: Case summaries that must never show other people's details
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    dpia: {reference: DPIA-2, approved_on: 2026-01-01}
    data_handling: {personal_data: pseudonymise, output: {personal_data: block}}
  - id: us-desk
    owner: Housing
    purpose: Correspondence with US pension providers (SSNs are expected and handled)
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    dpia: {reference: DPIA-3, approved_on: 2026-01-01}
    data_handling: {personal_data: redact, identifiers: {us_ssn: false}}
"""
OTHER = "a.lindqvist@example.org"  # not in any request
CALLER = "m.okafor@example.net"


@pytest.fixture
def config_text() -> str:
    return CONFIG + USE_CASES


def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def events(raw: bytes) -> list[dict[str, Any]]:
    lines = [line for frame in raw.split(b"\n\n") for line in frame.split(b"\n")]
    return [json.loads(line[6:]) for line in lines if line.startswith(b"data: {")]


def body_asking_about_caller(**extra: Any) -> dict[str, Any]:
    return chat_body(messages=[{"role": "user", "content": f"Draft a reply to {CALLER} about the repair."}], **extra)


def echo_caller_then_other(request: httpx.Request) -> httpx.Response:
    """The provider echoes the placeholder it was given for the caller's email and adds another person's
    details, one character per SSE event."""
    sent = json.loads(request.content)["messages"][0]["content"]
    placeholder = sent.split("reply to ")[1].split(" about")[0]
    text = f"Dear {placeholder}, copy to {OTHER} and 536-22-1234."
    body = sse(chunk({"role": "assistant", "content": ""}), *[chunk({"content": ch}) for ch in text], chunk({}, "stop"))
    return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})


async def test_stream_one_character_events_redacts_new_value_restores_callers(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").mock(side_effect=echo_caller_then_other)
    resp = await harness.post("/v1/chat/completions", body_asking_about_caller(stream=True))
    assert resp.status_code == 200
    assert CALLER not in route.calls.last.request.content.decode()  # pseudonymised on the way out
    text = "".join(e["choices"][0]["delta"].get("content") or "" for e in events(resp.content))
    assert text in (f"Dear {CALLER}, copy to <EMAIL_ADDRESS> and <US_SSN>.",
                    f"Dear {CALLER}, copy to a<EMAIL_ADDRESS> and <US_SSN>.")  # a letter before the "." may go
    assert OTHER.encode() not in resp.content and b"536-22" not in resp.content


async def test_whole_answer_redacted(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, json=completion(f"Contact {OTHER} or (312) 555-0147."))
    resp = await harness.post("/v1/chat/completions", chat_body())
    assert resp.status_code == 200
    assert resp.json()["choices"][0]["message"]["content"] == "Contact <EMAIL_ADDRESS> or <PHONE_NUMBER>."


async def test_strict_use_case_refuses_answer_with_clause_10_3(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse(chunk({"content": "Her email is "}), chunk({"content": OTHER[:6]}),
                         chunk({"content": OTHER[6:] + " ok"}), chunk({}, "stop")),
        headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", chat_body(stream=True),
                              headers={"x-steward-use-case": "strict"})
    assert OTHER[:6].encode() not in resp.content
    error = [e for e in events(resp.content) if "error" in e][0]["error"]
    assert "10.3" in error["message"]
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["policy_clause"], row["reason_code"]) == ("refused", "10.3", "output_data_blocked")


async def test_responses_stream_redacted(harness: Harness) -> None:
    base = {"item_id": "m1", "output_index": 0, "content_index": 0}
    parts = ["Phone ", "(312) 5", "55-01", "47."]
    stream = [{"type": "response.output_text.delta", **base, "delta": p, "sequence_number": i}
              for i, p in enumerate(parts)]
    stream.append({"type": "response.output_text.done", **base, "text": "".join(parts), "sequence_number": 4})
    harness.upstream.post(f"{UPSTREAM}/responses").respond(
        200, content=sse(*stream, done=False), headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/responses", {"model": "gpt-4o-mini", "input": "Who do I call?", "stream": True})
    assert resp.status_code == 200
    out = events(resp.content)
    assert "".join(e.get("delta", "") for e in out if e["type"].endswith(".delta")) == "Phone <PHONE_NUMBER>."
    assert out[-1]["text"] == "Phone <PHONE_NUMBER>."
    assert b"555-01" not in resp.content


@pytest.mark.parametrize(("use_case", "masked"), [("resident-letters", True), ("us-desk", False)])
async def test_request_path_masks_ssn_unless_the_use_case_switches_it_off(
        harness: Harness, use_case: str, masked: bool) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion("Noted."))
    body = chat_body(messages=[{"role": "user", "content": "Pension query, member SSN 536-22-1234."}])
    resp = await harness.post("/v1/chat/completions", body, headers={"x-steward-use-case": use_case})
    assert resp.status_code == 200
    assert ("536-22-1234" not in route.calls.last.request.content.decode()) is masked
