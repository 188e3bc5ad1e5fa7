"""An httpx transport serving the demo model in-process (non-streaming and SSE), no network at all.

Because it is an httpx transport, the demo tool goes through exactly the same upstream code path
as a real provider: the adapters, the SSE relay, the audit.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson

from proxy.providers import demo_model as model

STREAM_DELAY_S = 0.005


class DemoTransport(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path.endswith("/models"):
            return _json(200, {"object": "list", "data": [{"id": "steward-demo", "object": "model",
                                                           "created": 0, "owned_by": "steward"}]})
        try:
            body = orjson.loads(await request.aread())
        except orjson.JSONDecodeError:
            return _json(400, {"error": {"message": "invalid JSON", "type": "invalid_request_error",
                                         "param": None, "code": None}})
        if path.endswith("/chat/completions"):
            return _chat(body)
        if path.endswith("/responses"):
            return _responses(body)
        if path.endswith("/messages/count_tokens"):
            return _json(200, {"input_tokens": model.count_tokens(body)})
        if path.endswith("/embeddings"):
            return _json(200, model.embeddings(body))
        return _json(404, {"error": {"message": f"demo model has no route {path}", "type": "invalid_request_error",
                                     "param": None, "code": "not_found"}})


def _json(status: int, payload: dict[str, Any]) -> httpx.Response:
    return httpx.Response(status, content=orjson.dumps(payload), headers={"content-type": "application/json"})


def _sse(frames: AsyncIterator[bytes]) -> httpx.Response:
    return httpx.Response(200, stream=_Stream(frames), headers={"content-type": "text/event-stream"})


class _Stream(httpx.AsyncByteStream):
    def __init__(self, frames: AsyncIterator[bytes]) -> None:
        self._frames = frames

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for frame in self._frames:
            yield frame

    async def aclose(self) -> None:
        await self._frames.aclose()  # type: ignore[attr-defined]


def _chat(body: dict[str, Any]) -> httpx.Response:
    completion = model.chat_completion(body)
    if not body.get("stream"):
        return _json(200, completion)
    return _sse(_chat_frames(body, completion))


def _words(text: str) -> list[str]:
    parts = text.split(" ")
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]


async def _chat_frames(body: dict[str, Any], completion: dict[str, Any]) -> AsyncIterator[bytes]:
    base = {k: completion[k] for k in ("id", "created", "model", "system_fingerprint")}
    base["object"] = "chat.completion.chunk"
    choice = completion["choices"][0]
    message = choice["message"]
    yield _data({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                      "logprobs": None, "finish_reason": None}]})
    for call in message.get("tool_calls") or []:
        yield _data({**base, "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, **call}]},
                                          "logprobs": None, "finish_reason": None}]})
    for word in _words(message.get("content") or ""):
        await asyncio.sleep(STREAM_DELAY_S)
        yield _data({**base, "choices": [{"index": 0, "delta": {"content": word}, "logprobs": None,
                                          "finish_reason": None}]})
    yield _data({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None,
                                      "finish_reason": choice["finish_reason"]}]})
    if (body.get("stream_options") or {}).get("include_usage"):
        yield _data({**base, "choices": [], "usage": completion["usage"]})
    yield b"data: [DONE]\n\n"


def _data(payload: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(payload) + b"\n\n"


def _responses(body: dict[str, Any]) -> httpx.Response:
    text = model.responses_text(body)
    if not body.get("stream"):
        return _json(200, model.response_object(body, text))
    return _sse(_responses_frames(body, text))


async def _responses_frames(body: dict[str, Any], text: str) -> AsyncIterator[bytes]:
    final = model.response_object(body, text)
    started = {**final, "status": "in_progress", "output": [], "usage": None}
    item = {**final["output"][0], "status": "in_progress", "content": []}
    part = {"type": "output_text", "text": "", "annotations": []}
    seq = iter(range(1_000_000))
    ids = {"item_id": item["id"], "output_index": 0}

    def event(kind: str, **fields: Any) -> bytes:
        payload = {"type": kind, "sequence_number": next(seq), **fields}
        return f"event: {kind}\n".encode() + _data(payload)

    yield event("response.created", response=started)
    yield event("response.in_progress", response=started)
    yield event("response.output_item.added", output_index=0, item=item)
    yield event("response.content_part.added", **ids, content_index=0, part=part)
    for word in _words(text):
        await asyncio.sleep(STREAM_DELAY_S)
        yield event("response.output_text.delta", **ids, content_index=0, delta=word, logprobs=[])
    yield event("response.output_text.done", **ids, content_index=0, text=text, logprobs=[])
    yield event("response.content_part.done", **ids, content_index=0, part={**part, "text": text})
    yield event("response.output_item.done", output_index=0, item=final["output"][0])
    yield event("response.completed", response={**final, "created_at": int(time.time())})
