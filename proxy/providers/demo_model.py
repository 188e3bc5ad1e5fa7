"""The built-in demo model: a local echo, clearly labelled, so Steward works with no provider key.

It answers from what it received (after Steward's redaction), which makes redaction visible:
ask it about "Jane Smith, NHS 943 476 5919" and its answer quotes `<PERSON>` and `<UK_NHS>`.
Pure functions from request JSON to response JSON; the transport in `demo.py` does the HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import struct
import time
import uuid
from typing import Any

import orjson

LABEL = "[Steward demo model - a local echo, not a real LLM]"
EMBEDDING_DIM = 64


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def _quote(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reply_text(messages: list[Any]) -> str:
    last = next((m for m in reversed(messages) if isinstance(m, dict)), {})
    said = _text_of(last.get("content"))
    if last.get("role") == "tool":
        return f"{LABEL} The tool returned: \u201c{_quote(said)}\u201d"
    return f"{LABEL} I received {len(messages)} message(s). The last one reads: \u201c{_quote(said)}\u201d"


def tokens(text: str) -> int:
    return max(1, len(text.split()))


def tool_call(tools: list[Any], messages: list[Any]) -> dict[str, Any] | None:
    """Call the first function tool, filling its required string arguments with the last user text."""
    if not tools or (messages and isinstance(messages[-1], dict) and messages[-1].get("role") == "tool"):
        return None
    fn = next((t.get("function") for t in tools if isinstance(t, dict) and t.get("type") == "function"), None)
    if not isinstance(fn, dict):
        return None
    user = next((_text_of(m.get("content")) for m in reversed(messages)
                 if isinstance(m, dict) and m.get("role") == "user"), "")
    params = fn.get("parameters") or {}
    props = params.get("properties") or {}
    args = {name: user for name in params.get("required", []) if (props.get(name) or {}).get("type") == "string"}
    return {"id": "call_" + uuid.uuid4().hex[:24], "type": "function",
            "function": {"name": fn.get("name", "tool"), "arguments": orjson.dumps(args).decode()}}


def chat_message(body: dict[str, Any]) -> dict[str, Any]:
    messages = body.get("messages") or []
    call = tool_call(body.get("tools") or [], messages)
    if call is not None:
        return {"role": "assistant", "content": None, "tool_calls": [call], "refusal": None}
    text = reply_text(messages)
    fmt = (body.get("response_format") or {}).get("type")
    if fmt in ("json_object", "json_schema"):
        text = orjson.dumps({"demo": True, "echo": text}).decode()
    return {"role": "assistant", "content": text, "refusal": None}


def chat_completion(body: dict[str, Any]) -> dict[str, Any]:
    message = chat_message(body)
    prompt = tokens(" ".join(_text_of(m.get("content")) for m in body.get("messages") or [] if isinstance(m, dict)))
    completion = tokens(message.get("content") or "x")
    return {
        "id": "chatcmpl-demo" + uuid.uuid4().hex[:20], "object": "chat.completion", "created": int(time.time()),
        "model": body.get("model", "steward-demo"), "system_fingerprint": "steward-demo",
        "choices": [{"index": 0, "message": message, "logprobs": None,
                     "finish_reason": "tool_calls" if message.get("tool_calls") else "stop"}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }


def count_tokens(body: dict[str, Any]) -> int:
    """The demo's own token count (words) for an Anthropic count_tokens request."""
    texts = [_text_of(body.get("system"))]
    texts += [_text_of(m.get("content")) for m in body.get("messages") or [] if isinstance(m, dict)]
    return tokens(" ".join(texts))


def embedding_vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode("utf-8")).digest() * (EMBEDDING_DIM // 32 + 1)
    return [(b - 127.5) / 127.5 for b in digest[:EMBEDDING_DIM]]


def embeddings(body: dict[str, Any]) -> dict[str, Any]:
    raw = body.get("input")
    items = raw if isinstance(raw, list) else [raw]
    data = []
    for i, item in enumerate(items):
        vec = embedding_vector(item if isinstance(item, str) else orjson.dumps(item).decode())
        value: Any = vec
        if body.get("encoding_format") == "base64":
            value = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
        data.append({"object": "embedding", "index": i, "embedding": value})
    used = sum(tokens(x) if isinstance(x, str) else 1 for x in items)
    return {"object": "list", "data": data, "model": body.get("model", "steward-demo"),
            "usage": {"prompt_tokens": used, "total_tokens": used}}


def responses_text(body: dict[str, Any]) -> str:
    raw = body.get("input")
    if isinstance(raw, str):
        return reply_text([{"role": "user", "content": raw}])
    items = [i for i in raw or [] if isinstance(i, dict)]
    messages = [{"role": i.get("role", "user"), "content": _responses_content(i.get("content"))} for i in items]
    return reply_text(messages)


def _responses_content(content: Any) -> str:
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


def response_object(body: dict[str, Any], text: str, status: str = "completed") -> dict[str, Any]:
    in_tokens = tokens(orjson.dumps(body.get("input", "")).decode())
    out_tokens = tokens(text)
    return {
        "id": "resp_demo" + uuid.uuid4().hex[:20], "object": "response", "created_at": int(time.time()),
        "status": status, "model": body.get("model", "steward-demo"), "instructions": body.get("instructions"),
        "output": [{"type": "message", "id": "msg_demo", "status": "completed", "role": "assistant",
                    "content": [{"type": "output_text", "text": text, "annotations": []}]}],
        "parallel_tool_calls": True, "tool_choice": "auto", "tools": [], "error": None,
        "incomplete_details": None, "metadata": body.get("metadata") or {},
        "usage": {"input_tokens": in_tokens, "output_tokens": out_tokens, "total_tokens": in_tokens + out_tokens,
                  "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}},
    }
