"""Translate Anthropic Messages to and from OpenAI Chat Completions, for tools that speak only OpenAI.

    request   to_chat(body)              system, messages (text, images, documents, tool_use, tool_result),
                                         tools, tool_choice, stop_sequences, metadata.user_id, stream
    answer    from_chat(completion)      content blocks (text, tool_use), stop_reason, usage
    stream    ChatToMessagesStream       chat.completion.chunk -> message_start, content_block_start/delta/stop
                                         (text_delta, input_json_delta), message_delta, message_stop; errors
    errors    error_from_openai          {"error": {...}} -> {"type": "error", "error": {"type", "message"}}

Policy never sees the translation: the pipeline scans, restores and screens the Anthropic-shaped request and
answer; this runs at the provider edge (`TranslatedResponse` wraps the provider's response).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson

from proxy.dialects.anthropic_messages import error_type
from proxy.http.sse import iter_events

Body = dict[str, Any]
STOP_REASONS = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use", "function_call": "tool_use",
                "content_filter": "refusal"}
_COPIED = ("model", "temperature", "top_p", "max_tokens", "stream")


def _obj(value: object) -> Body:
    return value if isinstance(value, dict) else {}


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(b["text"] for b in content if isinstance(b, dict) and isinstance(b.get("text"), str))
    return ""


def _part(block: Body) -> Body | None:
    kind, source = block.get("type"), block.get("source")
    if kind == "text":
        return {"type": "text", "text": block.get("text", "")}
    if not isinstance(source, dict):
        return None
    if source.get("type") == "text":
        return {"type": "text", "text": str(source.get("data", ""))}
    if source.get("type") == "url":
        return {"type": "image_url", "image_url": {"url": source.get("url")}} if kind == "image" else None
    if source.get("type") != "base64":
        return None
    url = f"data:{source.get('media_type')};base64,{source.get('data')}"
    if kind == "image":
        return {"type": "image_url", "image_url": {"url": url}}
    return {"type": "file", "file": {"file_data": url, "filename": str(block.get("title") or "document")}}


def _user(message: Body) -> list[Body]:
    content = message.get("content")
    if isinstance(content, str):
        return [{"role": "user", "content": content}]
    blocks = [b for b in content or [] if isinstance(b, dict)]
    out = [{"role": "tool", "tool_call_id": b.get("tool_use_id"), "content": _text(b.get("content"))}
           for b in blocks if b.get("type") == "tool_result"]
    parts = [p for b in blocks if b.get("type") != "tool_result" and (p := _part(b)) is not None]
    return out + ([{"role": "user", "content": parts}] if parts else [])


def _assistant(message: Body) -> Body:
    content = message.get("content")
    blocks = [b for b in content if isinstance(b, dict)] if isinstance(content, list) else []
    out: Body = {"role": "assistant", "content": _text(content) or None}
    calls = [{"id": b.get("id"), "type": "function",
              "function": {"name": b.get("name"), "arguments": json.dumps(b.get("input") or {})}}
             for b in blocks if b.get("type") == "tool_use"]
    return {**out, "tool_calls": calls} if calls else out


def _tool_choice(choice: object) -> object:
    if not isinstance(choice, dict):
        return None
    kind = choice.get("type")
    if kind == "tool":
        return {"type": "function", "function": {"name": choice.get("name")}}
    return {"any": "required", "none": "none"}.get(str(kind), "auto")


def to_chat(body: Body) -> Body:
    """An Anthropic Messages request as an OpenAI chat completions request."""
    out: Body = {k: body[k] for k in _COPIED if k in body}
    system = _text(body.get("system"))
    messages: list[Body] = [{"role": "system", "content": system}] if system else []
    for message in body.get("messages") or []:
        if isinstance(message, dict):
            messages += [_assistant(message)] if message.get("role") == "assistant" else _user(message)
    out["messages"] = messages
    tools = [{"type": "function", "function": {"name": t.get("name"), "description": t.get("description", ""),
                                               "parameters": t.get("input_schema") or {"type": "object"}}}
             for t in body.get("tools") or [] if isinstance(t, dict)]
    if tools:
        out["tools"] = tools
    choice = body.get("tool_choice")
    if _tool_choice(choice) is not None:
        out["tool_choice"] = _tool_choice(choice)
        if isinstance(choice, dict) and choice.get("disable_parallel_tool_use"):
            out["parallel_tool_calls"] = False
    if body.get("stop_sequences"):
        out["stop"] = body["stop_sequences"]
    user = (body.get("metadata") or {}).get("user_id") if isinstance(body.get("metadata"), dict) else None
    if isinstance(user, str):
        out["user"] = user
    if body.get("stream") is True:
        out["stream_options"] = {"include_usage": True}
    return out


def _arguments(text: object) -> object:
    try:
        return json.loads(text) if isinstance(text, str) and text else {}
    except ValueError:
        return {}


def _usage(usage: object) -> Body:
    usage = usage if isinstance(usage, dict) else {}
    return {"input_tokens": usage.get("prompt_tokens") or 0, "output_tokens": usage.get("completion_tokens") or 0}


def new_message_id() -> str:
    return "msg_" + uuid.uuid4().hex[:24]


def from_chat(completion: Body) -> Body:
    """An OpenAI chat completion as an Anthropic message."""
    choices = [c for c in completion.get("choices") or [] if isinstance(c, dict)]
    choice: Body = choices[0] if choices else {}
    message = _obj(choice.get("message"))
    content: list[Body] = []
    if isinstance(message.get("content"), str) and message["content"]:
        content.append({"type": "text", "text": message["content"]})
    for call in message.get("tool_calls") or []:
        fn = _obj(_obj(call).get("function"))
        content.append({"type": "tool_use", "id": _obj(call).get("id"), "name": fn.get("name"),
                        "input": _arguments(fn.get("arguments"))})
    return {"id": new_message_id(), "type": "message", "role": "assistant", "model": completion.get("model"),
            "content": content, "stop_reason": STOP_REASONS.get(str(choice.get("finish_reason")), "end_turn"),
            "stop_sequence": None, "usage": _usage(completion.get("usage"))}


def error_from_openai(status: int, payload: object) -> Body:
    error = payload.get("error") if isinstance(payload, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return {"type": "error", "error": {"type": error_type(status),
                                       "message": message or f"The provider returned HTTP {status}."}}


class ChatToMessagesStream:
    """Chat chunks in, Anthropic stream events out (stateful: the open content block)."""

    def __init__(self) -> None:
        self._started = False
        self._open: tuple[str, int] | None = None  # ("text" | tool call index as str, block index)
        self._blocks = 0
        self._stop = "end_turn"
        self._usage: Body = {"input_tokens": 0, "output_tokens": 0}
        self._model: object = None

    def feed(self, chunk: Body) -> list[Body]:
        if isinstance(chunk.get("error"), dict):
            return [{"type": "error", "error": {"type": "api_error", "message": str(chunk["error"].get("message"))}}]
        out = self._start(chunk)
        if isinstance(chunk.get("usage"), dict):
            self._usage = _usage(chunk["usage"])
        for choice in chunk.get("choices") or []:
            if isinstance(choice, dict):
                out += self._choice(choice)
        return out

    def finish(self) -> list[Body]:
        out = self._start({}) + self._close()
        out.append({"type": "message_delta", "delta": {"stop_reason": self._stop, "stop_sequence": None},
                    "usage": self._usage})
        return [*out, {"type": "message_stop"}]

    def _start(self, chunk: Body) -> list[Body]:
        if self._started:
            return []
        self._started = True
        message: Body = {"id": new_message_id(), "type": "message", "role": "assistant", "model": chunk.get("model"),
                   "content": [], "stop_reason": None, "stop_sequence": None,
                   "usage": {"input_tokens": 0, "output_tokens": 0}}
        return [{"type": "message_start", "message": message}]

    def _choice(self, choice: Body) -> list[Body]:
        out: list[Body] = []
        delta = _obj(choice.get("delta"))
        if isinstance(delta.get("content"), str) and delta["content"]:
            out += self._block("text", {"type": "text", "text": ""})
            out.append(self._delta({"type": "text_delta", "text": delta["content"]}))
        for call in delta.get("tool_calls") or []:
            if isinstance(call, dict):
                out += self._tool_call(call)
        if choice.get("finish_reason"):
            self._stop = STOP_REASONS.get(str(choice["finish_reason"]), "end_turn")
            out += self._close()
        return out

    def _tool_call(self, call: Body) -> list[Body]:
        fn = _obj(call.get("function"))
        key = f"tool{call.get('index', 0)}"
        out: list[Body] = []
        if self._open is None or self._open[0] != key:
            out += self._block(key, {"type": "tool_use", "id": call.get("id"), "name": fn.get("name"), "input": {}})
        if isinstance(fn.get("arguments"), str) and fn["arguments"]:
            out.append(self._delta({"type": "input_json_delta", "partial_json": fn["arguments"]}))
        return out

    def _block(self, key: str, block: Body) -> list[Body]:
        if self._open is not None and self._open[0] == key:
            return []
        out = self._close()
        self._open = (key, self._blocks)
        self._blocks += 1
        return [*out, {"type": "content_block_start", "index": self._open[1], "content_block": block}]

    def _delta(self, delta: Body) -> Body:
        assert self._open is not None
        return {"type": "content_block_delta", "index": self._open[1], "delta": delta}

    def _close(self) -> list[Body]:
        if self._open is None:
            return []
        index, self._open = self._open[1], None
        return [{"type": "content_block_stop", "index": index}]


def _event(payload: Body) -> bytes:
    return f"event: {payload['type']}\n".encode() + b"data: " + orjson.dumps(payload) + b"\n\n"


async def messages_frames(chat_stream: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """An OpenAI chat SSE byte stream as an Anthropic Messages SSE byte stream."""
    converter = ChatToMessagesStream()
    async for event in iter_events(chat_stream):
        if event.data is None:
            continue
        if event.data == "[DONE]":
            break
        try:
            chunk = orjson.loads(event.data)
        except orjson.JSONDecodeError:
            continue
        if isinstance(chunk, dict):
            for payload in converter.feed(chunk):
                yield _event(payload)
    for payload in converter.finish():
        yield _event(payload)


class TranslatedResponse:
    """The provider's OpenAI response, read as an Anthropic one (the interface the pipeline uses)."""

    def __init__(self, upstream: httpx.Response) -> None:
        self._upstream = upstream
        self.status_code = upstream.status_code
        self.headers = upstream.headers

    async def aread(self) -> bytes:
        data = await self._upstream.aread()
        try:
            payload = orjson.loads(data)
        except orjson.JSONDecodeError:
            return data
        if self.status_code >= 400:
            return orjson.dumps(error_from_openai(self.status_code, payload))
        return orjson.dumps(from_chat(payload)) if isinstance(payload, dict) else data

    def aiter_bytes(self) -> AsyncIterator[bytes]:
        return messages_frames(self._upstream.aiter_bytes())

    async def aclose(self) -> None:
        await self._upstream.aclose()
