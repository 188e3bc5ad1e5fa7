"""Streaming chat and Responses through the in-process gateway: frames, usage, in-band errors."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx

from tests.gateway.conftest import UPSTREAM, Harness, chat_body, sse

CHUNK = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini-x",
         "choices": [{"index": 0, "delta": {"content": "Hello"}, "finish_reason": None}]}
FINISH = {**CHUNK, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
USAGE = {**CHUNK, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}}


def frames(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"data: [DONE]\n\n")
    return [f for f in raw.split(b"\n\n") if f]


def _stream_route(harness: Harness, body: bytes) -> object:
    return harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=body, headers={"content-type": "text/event-stream"})


async def test_stream_hides_injected_usage_chunk_but_audits_tokens(harness: Harness) -> None:
    route = _stream_route(harness, sse(CHUNK, FINISH, USAGE))
    resp = await harness.post("/v1/chat/completions", chat_body(stream=True))
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
    out = frames(resp.content)
    assert all(f.startswith(b"data: ") for f in out)
    payloads = [json.loads(f[6:]) for f in out[:-1]]
    assert [p["choices"] for p in payloads] == [CHUNK["choices"], FINISH["choices"]]  # no empty-choices chunk
    sent = json.loads(route.calls.last.request.content)  # type: ignore[attr-defined]
    assert sent["stream_options"] == {"include_usage": True}
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["stream"], row["total_tokens"], row["model_reported"]) == (
        "allowed", True, 7, "gpt-4o-mini-x")


async def test_stream_keeps_usage_chunk_when_caller_asked(harness: Harness) -> None:
    _stream_route(harness, sse(CHUNK, FINISH, USAGE))
    body = chat_body(stream=True, stream_options={"include_usage": True})
    resp = await harness.post("/v1/chat/completions", body)
    payloads = [json.loads(f[6:]) for f in frames(resp.content)[:-1]]
    assert payloads[-1]["choices"] == [] and payloads[-1]["usage"]["total_tokens"] == 7


async def test_stream_comments_pass_as_comment_lines(harness: Harness) -> None:
    _stream_route(harness, b": keep-alive\n\n" + sse(CHUNK, FINISH))
    resp = await harness.post("/v1/chat/completions", chat_body(stream=True))
    assert frames(resp.content)[0] == b": keep-alive"


async def test_upstream_failure_mid_stream_ends_with_error_then_done(harness: Harness) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield sse(CHUNK, done=False)
        raise httpx.ReadError("connection reset")

    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, stream=_AsyncStream(broken()),
        headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/chat/completions", chat_body(stream=True))
    out = frames(resp.content)
    assert json.loads(out[0][6:])["choices"][0]["delta"]["content"] == "Hello"
    error = json.loads(out[-2][6:])["error"]
    assert error["code"] == "upstream_stream_failed"
    assert out[-1] == b"data: [DONE]"
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["reason_code"]) == ("error", "upstream_stream_failed")


async def test_refused_stream_gets_http_error_before_any_sse(harness: Harness) -> None:
    resp = await harness.post("/v1/chat/completions", chat_body(stream=True, model="nope"))
    assert resp.status_code == 404
    assert resp.headers["content-type"] == "application/json"
    assert not resp.content.startswith(b"data:")


async def test_upstream_error_on_stream_request_passes_through_as_json(harness: Harness) -> None:
    err = {"error": {"message": "rate limited", "type": "requests", "param": None, "code": "rate_limit"}}
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(429, json=err)
    resp = await harness.post("/v1/chat/completions", chat_body(stream=True))
    expected = {"error": {**err["error"], "request_id": resp.headers["x-request-id"]}}
    assert (resp.status_code, resp.json()) == (429, expected)


async def test_responses_stream_keeps_event_names_and_audits_usage(harness: Harness) -> None:
    done = {"type": "response.completed", "response": {"id": "r1", "model": "gpt-4o-mini-x",
                                                       "usage": {"input_tokens": 3, "output_tokens": 4,
                                                                 "total_tokens": 7}}}
    body = (b"event: response.output_text.delta\ndata: " + json.dumps({"type": "response.output_text.delta",
                                                                        "delta": "Hi"}).encode() + b"\n\n"
            + b"event: response.completed\ndata: " + json.dumps(done).encode() + b"\n\n")
    harness.upstream.post(f"{UPSTREAM}/responses").respond(200, content=body,
                                                          headers={"content-type": "text/event-stream"})
    resp = await harness.post("/v1/responses", {"model": "gpt-4o-mini", "input": "Hi", "stream": True})
    assert resp.content == body
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["endpoint"], row["total_tokens"], row["prompt_tokens"]) == ("responses", 7, 3)


class _AsyncStream(httpx.AsyncByteStream):
    def __init__(self, it: AsyncIterator[bytes]) -> None:
        self._it = it

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._it:
            yield chunk
