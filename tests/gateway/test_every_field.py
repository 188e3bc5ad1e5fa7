"""Every field a model reads is scanned, on every endpoint; what cannot be scanned is refused (400, 10.3) and
audited unless the use case allows it; dry runs take the simulated endpoint's own body; Anthropic requests
reach an OpenAI-compatible tool by translation with the same pipeline."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, completion, sse

USE_CASES = """
default_use_case: drafting
use_cases:
  - id: drafting
    owner: IT
    purpose: drafting
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
  - id: search-index
    owner: IT
    purpose: embeddings of pre-tokenised public documents
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
    unscanned_input: {token_arrays: true}
"""
# A resident's details in places a chat body's walker used to skip (new text, not from any corpus).
RESIDENT = "Mr Tobias Wainwright"
PHONE = "07700 900461"


@pytest.fixture
def config_text() -> str:
    return CONFIG + USE_CASES


async def test_tool_schemas_metadata_stop_and_unknown_fields_are_redacted(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "File the note."}],
            "tools": [{"type": "function", "function": {
                "name": "file_note", "description": f"Notes about {RESIDENT}, who rings from {PHONE}",
                "parameters": {"type": "object", "properties": {
                    "caller": {"type": "string", "enum": [f"{RESIDENT} on {PHONE}"]}}}}}],
            "stop": [f"call {PHONE}"], "metadata": {"case": f"ring {PHONE}"},
            "next_years_field": {"notes": [f"ring {PHONE} after 5pm"]}}
    resp = await harness.post("/v1/chat/completions", body)
    assert resp.status_code == 200, resp.text
    sent = json.loads(route.calls.last.request.content)
    assert PHONE not in json.dumps(sent)
    assert sent["tools"][0]["function"]["name"] == "file_note"  # structure untouched
    assert sent["tools"][0]["function"]["parameters"]["properties"]["caller"]["type"] == "string"


@pytest.mark.parametrize(("path", "key"), [("/v1/embeddings", "input"), ("/v1/completions", "prompt")])
async def test_token_arrays_are_refused_and_audited(harness: Harness, path: str, key: str) -> None:
    route = harness.upstream.post(url__startswith=UPSTREAM).respond(200, json={})
    # (a list mixing strings and token arrays is not a valid body at all: 400 invalid_type, see request_schemas)
    resp = await harness.post(path, {"model": "text-embedding-3-small", key: [[1059, 2], [54183, 71401, 1059]]})
    assert resp.status_code == 400
    error = resp.json()["error"]
    assert (error["code"], error["param"], error["policy_clause"]) == ("unscannable_input", f"{key}[0]", "10.3")
    assert not route.called
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["reason_code"], row["policy_clause"]) == ("refused", "unscannable_input", "10.3")


async def test_a_use_case_may_allow_token_arrays(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/embeddings").respond(
        200, json={"object": "list", "data": [], "model": "m", "usage": {"prompt_tokens": 1, "total_tokens": 1}})
    resp = await harness.post("/v1/embeddings", {"model": "text-embedding-3-small", "input": [[1, 2, 3]]},
                              headers={"x-steward-use-case": "search-index"})
    assert resp.status_code == 200, resp.text
    assert json.loads(route.calls.last.request.content)["input"] == [[1, 2, 3]]


async def test_text_files_are_scanned_binary_files_refused(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/responses").respond(200, json={"output": []})
    note = f"caller,phone\n{RESIDENT},{PHONE}\n"
    text_file = "data:text/csv;base64," + base64.b64encode(note.encode()).decode()
    item = {"type": "input_file", "filename": "calls.csv", "file_data": text_file}
    resp = await harness.post("/v1/responses", {"model": "gpt-4o-mini", "input": [
        {"role": "user", "content": [item, {"type": "input_text", "text": "Summarise"}]}]})
    assert resp.status_code == 200, resp.text
    sent = json.loads(route.calls.last.request.content)["input"][0]["content"][0]["file_data"]
    assert sent.startswith("data:text/csv;base64,")
    assert PHONE not in base64.b64decode(sent.split(",", 1)[1]).decode()
    pdf = "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.7\x00\x01\x02").decode()
    resp = await harness.post("/v1/responses", {"model": "gpt-4o-mini", "input": [
        {"role": "user", "content": [{"type": "input_file", "filename": "a.pdf", "file_data": pdf}]}]})
    assert resp.status_code == 400
    assert resp.json()["error"]["param"] == "input[0].content[0].file_data"


@pytest.mark.parametrize("body", [
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"ring {PHONE}"}]},
    {"model": "gpt-4o-mini", "input": [{"role": "user", "content": f"ring {PHONE}"}]},
    {"model": "gpt-4o-mini", "max_tokens": 10, "system": "be brief",
     "messages": [{"role": "user", "content": [{"type": "text", "text": f"ring {PHONE}"}]}]},
])
async def test_dry_runs_take_the_simulated_endpoints_own_body(harness: Harness, body: dict[str, object]) -> None:
    resp = await harness.post("/v1/policy/explain", body)
    assert resp.status_code == 200, resp.text
    result = resp.json()
    assert result["findings"] and all(f["field"][-1] in ("content", "text") for f in result["findings"])
    assert PHONE not in json.dumps(result["transformed"])
    assert result["decision"]["obligations"]["use_case"] == "drafting"
    tokens = {"model": "text-embedding-3-small", "input": [[1, 2]]}
    scan = await harness.post("/v1/policy/scan?endpoint=embeddings", tokens)
    assert scan.json()["unscannable"] == [{"field": "input[0]", "kind": "token_array"}]


async def test_anthropic_request_to_an_openai_compatible_tool(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion("Done."))
    body = {"model": "gpt-4o-mini", "max_tokens": 20, "system": f"The caller is {RESIDENT}.",
            "messages": [{"role": "user", "content": f"Ring {PHONE}."}]}
    resp = await harness.client.post("/v1/messages", json=body, headers={"x-api-key": harness.key,
                                                                         "anthropic-version": "2023-06-01"})
    assert resp.status_code == 200, resp.text
    message = resp.json()
    assert message["type"] == "message" and message["content"] == [{"type": "text", "text": "Done."}]
    assert message["usage"] == {"input_tokens": 11, "output_tokens": 7}
    sent = json.loads(route.calls.last.request.content)
    assert sent["messages"][0]["role"] == "system" and PHONE not in json.dumps(sent)
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["endpoint"], row["decision"], row["prompt_tokens"]) == ("anthropic.messages", "allowed", 11)


async def test_anthropic_stream_from_an_openai_compatible_tool(harness: Harness) -> None:
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini"}
    stream = sse({**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "He"}}]},
                 {**chunk, "choices": [{"index": 0, "delta": {"content": "llo"}, "finish_reason": "stop"}]},
                 {**chunk, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 2}})
    harness.upstream.post(f"{UPSTREAM}/chat/completions").mock(return_value=httpx.Response(
        200, content=stream, headers={"content-type": "text/event-stream"}))
    resp = await harness.client.post("/v1/messages", headers={"x-api-key": harness.key}, json={
        "model": "gpt-4o-mini", "max_tokens": 20, "stream": True, "messages": [{"role": "user", "content": "hi"}]})
    events = [json.loads(line[6:]) for line in resp.text.splitlines() if line.startswith("data: ")]
    assert [e["type"] for e in events] == ["message_start", "content_block_start", "content_block_delta",
                                           "content_block_delta", "content_block_stop", "message_delta",
                                           "message_stop"]
    assert "".join(e["delta"]["text"] for e in events if e["type"] == "content_block_delta") == "Hello"
    assert events[-2]["usage"] == {"input_tokens": 5, "output_tokens": 2}
    assert "event: message_start\n" in resp.text


async def test_anthropic_errors_have_the_anthropic_shape(harness: Harness) -> None:
    resp = await harness.client.post("/v1/messages", headers={"x-api-key": harness.key}, json={
        "model": "gpt-4o-mini", "max_tokens": 5,
        "messages": [{"role": "user", "content": "AKIAIOSFODNN7EXAMPLE is our key"}]})
    assert resp.status_code == 403
    body = resp.json()
    assert body["type"] == "error" and body["error"]["type"] == "permission_error"
    assert body["error"]["policy_clause"] == "10.3" and body["request_id"] == resp.headers["x-request-id"]
    count = await harness.client.post("/v1/messages/count_tokens", headers={"x-api-key": harness.key}, json={
        "model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]})
    assert count.status_code == 400 and count.json()["error"]["type"] == "invalid_request_error"
    missing = await harness.client.post("/v1/messages", json={"model": "gpt-4o-mini", "messages": []})
    assert missing.status_code == 401 and missing.json()["error"]["type"] == "authentication_error"
