"""Content scanning wired into the gateway: what the provider receives, what the caller sees,
what the audit row says — per use case."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pytest

from detectors.base import DetectorError, Finding
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
  - id: letters
    owner: Housing
    purpose: letters to tenants
    tools: [mock]
    allowed_roles: [staff]
    dpia: {reference: DPIA-1, approved_on: 2099-01-01}
    review_by: 2099-01-01
    data_handling: {personal_data: pseudonymise}
    disclosure: {required: true, append_to_output: true, text: "Drafted with AI; checked by an officer."}
"""

PROMPT = "Please draft a reply to Mrs Sarah Jenkins (NHS number 943 476 5919) about her council tax."


@pytest.fixture
def config_text() -> str:
    return CONFIG + USE_CASES


def _received(route: object) -> dict[str, object]:
    return json.loads(route.calls.last.request.content)  # type: ignore[attr-defined]


async def test_personal_data_redacted_in_every_field(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    body = {"model": "gpt-4o-mini", "messages": [
        {"role": "system", "content": "You help officers. The officer is Sarah Jenkins."},
        {"role": "user", "content": [{"type": "text", "text": PROMPT}]},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {
            "name": "lookup", "arguments": json.dumps({"nhs": "943 476 5919", "name": "Sarah Jenkins"})}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "Record: Sarah Jenkins, 943 476 5919, overdue"},
    ]}
    resp = await harness.post("/v1/chat/completions", body)
    assert resp.status_code == 200
    sent = json.dumps(_received(route))
    assert "943 476 5919" not in sent and "Sarah Jenkins" not in sent
    assert "<UK_NHS>" in sent and "<PERSON>" in sent
    args = _received(route)["messages"][2]["tool_calls"][0]["function"]["arguments"]  # type: ignore[index]
    assert json.loads(args)["nhs"] == "<UK_NHS>"  # still valid JSON
    assert resp.headers["x-steward-decision"] == "redacted"
    assert "personal_data" in resp.headers["x-steward-categories"].split(",")
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert row["findings"]["UK_NHS"] >= 3 and row["use_case"] == "drafting"
    assert (row["reason_code"], row["policy_clause"]) == ("personal_data_redacted", "7.2")
    stored = json.dumps(row, default=str)  # values never reach the audit row (hashes may hold any digits)
    assert not re.search(r"943\D?476\D?5919|Jenkins", stored)


async def test_secret_blocks_with_clause_and_counts_not_values(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    key = "AKIAIOSFODNN7EXAMPLE"
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": f"Why does this fail? aws_access_key_id = {key}"}]})
    error = resp.json()["error"]
    assert resp.status_code == 403 and not route.called
    assert (error["code"], error["policy_clause"]) == ("secrets_blocked", "10.3")
    assert "SECRET" in error["message"] and key not in resp.text
    assert resp.headers["x-steward-decision"] == "blocked"
    row = await harness.audit_row(error["request_id"])
    assert (row["decision"], row["reason_code"]) == ("refused", "secrets_blocked")


async def test_pseudonymised_and_restored_for_the_caller(harness: Harness) -> None:
    def answer(request: object) -> object:
        sent = json.loads(request.content)  # type: ignore[attr-defined]
        text = sent["messages"][0]["content"]
        assert "Sarah Jenkins" not in text and "<PERSON_1>" in text
        import httpx
        return httpx.Response(200, json=completion("Dear <PERSON_1>, about <UK_NHS_1>."))

    harness.upstream.post(f"{UPSTREAM}/chat/completions").mock(side_effect=answer)
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": PROMPT}]}, headers={"x-steward-use-case": "letters"})
    assert resp.status_code == 200, resp.text
    content = resp.json()["choices"][0]["message"]["content"]
    assert content.startswith("Dear Sarah Jenkins, about 943 476 5919.")
    assert content.endswith("Drafted with AI; checked by an officer.")  # disclosure appended (clause 9.1)
    assert resp.headers["x-steward-decision"] == "pseudonymised"
    assert resp.headers["x-steward-disclosure"] == "generative-ai"


async def test_stream_restores_placeholders_split_across_chunks(harness: Harness) -> None:
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    pieces = ["Dear <PER", "SON", "_1>, your NHS number <UK_", "NHS_1", "> is noted."]
    chunks = [{**base, "choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]} for p in pieces]
    chunks.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse(*chunks), headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "stream": True, "messages": [
        {"role": "user", "content": PROMPT}]}, headers={"x-steward-use-case": "letters"})
    frames = [json.loads(f[6:]) for f in resp.content.split(b"\n\n") if f.startswith(b"data: {")]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in frames if c["choices"])
    assert text == ("Dear Sarah Jenkins, your NHS number 943 476 5919 is noted.\n\n"
                    "Drafted with AI; checked by an officer.")
    assert resp.content.endswith(b"data: [DONE]\n\n")


async def test_unknown_use_case_is_refused(harness: Harness) -> None:
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "hello"}]}, headers={"x-steward-use-case": "made-up"})
    assert (resp.status_code, resp.json()["error"]["code"]) == (403, "use_case_unknown")


async def test_embeddings_input_is_scanned(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/embeddings").respond(200, json={"object": "list", "data": []})
    await harness.post("/v1/embeddings", {"model": "text-embedding-3-small", "input": [PROMPT, "bins"]})
    sent = _received(route)["input"]
    assert isinstance(sent, list) and "943 476 5919" not in sent[0] and sent[1] == "bins"


async def test_detector_failure_fails_closed(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(texts: Sequence[str]) -> list[list[Finding]]:
        raise DetectorError("detector 'pii' failed")

    monkeypatch.setattr(harness.gateway.inspector, "_scan", broken)
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "hello"}]})
    assert (resp.status_code, resp.json()["error"]["code"]) == (503, "scanner_unavailable")
    assert not route.called
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"]) == ("error", 503)


BAD_ANSWER = "Honestly, all Travellers are criminals and should be kept out of the borough."


async def test_discriminatory_answer_is_withheld(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion(BAD_ANSWER))
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "Write a note about site allocations."}]})
    error = resp.json()["error"]
    assert (resp.status_code, error["code"], error["policy_clause"]) == (403, "output_blocked", "7.2")
    assert "Travellers" not in resp.text
    row = await harness.audit_row(error["request_id"])
    assert (row["decision"], row["reason_code"]) == ("refused", "output_blocked")


async def test_discriminatory_stream_is_cut_off_in_band(harness: Harness) -> None:
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    words = (BAD_ANSWER + " More text follows here to let the screen settle on it.").split(" ")
    chunks = [{**base, "choices": [{"index": 0, "delta": {"content": w + " "}, "finish_reason": None}]}
              for w in words]
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse(*chunks), headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "stream": True, "messages": [
        {"role": "user", "content": "Write a note about site allocations."}]})
    frames = [f for f in resp.content.split(b"\n\n") if f]
    assert frames[-1] == b"data: [DONE]"
    assert json.loads(frames[-2][6:])["error"]["code"] == "output_blocked"
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["reason_code"], row["http_status"]) == ("refused", "output_blocked", 403)


async def test_one_person_one_pseudonym_across_fields_and_restored(harness: Harness) -> None:
    seen: dict[str, object] = {}

    def answer(request: object) -> object:
        import httpx
        seen.update(json.loads(request.content))  # type: ignore[attr-defined]
        return httpx.Response(200, json=completion("I will write to <PERSON_1> (Ms <PERSON_1_SURNAME>) today."))

    harness.upstream.post(f"{UPSTREAM}/chat/completions").mock(side_effect=answer)
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "system", "content": "Case owner notes for Marisol Quenby."},
        {"role": "user", "content": "marisol rang again. Can you draft a reply to Ms Quenby?"}]},
        headers={"x-steward-use-case": "letters"})
    assert resp.status_code == 200, resp.text
    sent = [m["content"] for m in seen["messages"]]  # type: ignore[index]
    assert sent[0] == "Case owner notes for <PERSON_1>."
    assert sent[1] == "<PERSON_1_GIVEN> rang again. Can you draft a reply to Ms <PERSON_1_SURNAME>?"
    answer_text = resp.json()["choices"][0]["message"]["content"]
    assert answer_text.startswith("I will write to Marisol Quenby (Ms Quenby) today.")


async def test_streamed_discriminatory_sentence_is_withheld_before_it_is_sent(harness: Harness) -> None:
    # token-sized chunks: the first, ordinary sentence reaches the caller; of the second, which names a
    # group and generalises about it, nothing from the group word on is sent before the cut
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    answer = "The rota is published on Fridays. Bulgarian cleaners are always lazy, so give the shifts to others."
    chunks = [{**base, "choices": [{"index": 0, "delta": {"content": w + " "}, "finish_reason": None}]}
              for w in answer.split(" ")]
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse(*chunks), headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "stream": True, "messages": [
        {"role": "user", "content": "How should I plan the cleaning rota?"}]})
    frames = [f for f in resp.content.split(b"\n\n") if f]
    sent = "".join(json.loads(f[6:])["choices"][0]["delta"].get("content", "")
                   for f in frames[:-2] if b'"choices"' in f)
    assert sent.startswith("The rota is published on Fridays.")
    assert "Bulgarian" not in sent and "lazy" not in sent
    assert json.loads(frames[-2][6:])["error"]["code"] == "output_blocked"


async def test_streamed_answer_about_a_group_is_delivered_whole(harness: Harness) -> None:
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    answer = "Bulgarian residents can ask for a translated form. Older staff are entitled to flexible working."
    chunks = [{**base, "choices": [{"index": 0, "delta": {"content": w + " "}, "finish_reason": None}]}
              for w in answer.split(" ")]
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse(*chunks), headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "stream": True, "messages": [
        {"role": "user", "content": "What support can residents and staff get?"}]})
    frames = [f for f in resp.content.split(b"\n\n") if f]
    sent = "".join(json.loads(f[6:])["choices"][0]["delta"].get("content", "")
                   for f in frames if f.startswith(b"data: {"))
    assert sent.strip() == answer and frames[-1] == b"data: [DONE]"
