"""Anthropic Messages (`POST /v1/messages`, `/v1/messages/count_tokens`): fields, answer, stream, errors.

Request: every string is scanned except structure (model, role, type, ids, tool names, signatures) and
media: `system` (string or blocks), text blocks, `tool_use.input` (the caller's data: every string below
it), `tool_result` content, tool descriptions and `input_schema`, document titles and context,
`metadata`, `stop_sequences`. Document `source.data` is scanned when it is text (a `text` source, or base64
that decodes to text); binary documents are opaque; images are media.
Answer: `content[*].text` (and `tool_use.input` for the audit). Stream: typed events; per content block one
restorer (`text_delta`, `thinking_delta`, and `input_json_delta` as a JSON string), its held-back text sent
as one more delta just before that block's `content_block_stop`. The disclosure notice is a last text block.
Errors: `{"type": "error", "error": {"type", "message", ...}}` with the same statuses; in-band as `event: error`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import orjson

from policies.operators import FieldStream, TextMapper
from proxy.dialects.base import Body, StreamField, StreamFilter
from proxy.dialects.fields import MEDIA, STRUCTURAL, Fields, Kind, Path, Rules, TextField, items, walk
from proxy.dialects.fields import TEXT_MIME as _TEXT_MEDIA
from proxy.http.errors import StewardError

if TYPE_CHECKING:
    from proxy.exchange import Exchange

ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
               403: "permission_error", 404: "not_found_error", 413: "request_too_large",
               429: "rate_limit_error", 504: "timeout_error", 529: "overloaded_error"}
_TOOL_CALLS = frozenset({"tool_use", "server_tool_use", "mcp_tool_use"})
# delta type -> key of its text, is it JSON text
_DELTAS = {"text_delta": ("text", False), "thinking_delta": ("thinking", False),
           "input_json_delta": ("partial_json", True)}


def _classify(path: Path, holder: dict[str, Any]) -> Kind | None:
    key = path[-1]
    if key == "input" and holder.get("type") in _TOOL_CALLS:
        return Kind.FREE  # the tool's arguments: the caller's data
    if key == "data":
        kind, media = holder.get("type"), str(holder.get("media_type") or "")
        if kind == "text":
            return Kind.TEXT  # a plain-text document source
        if kind == "base64":
            if media.startswith("image/"):
                return Kind.SKIP
            return Kind.FILE if _TEXT_MEDIA.match(media) else Kind.BINARY
        return Kind.SKIP  # redacted thinking: encrypted by the provider
    return None


RULES = Rules(skip=STRUCTURAL | {"stop_reason", "stop_sequence"}, media=MEDIA | {"authorization_token"},
              free=frozenset({"metadata"}), classify=_classify, special=frozenset({"input", "data"}))


def error_type(status: int) -> str:
    return ERROR_TYPES.get(status, "api_error")


def _restore_value(value: object, p: TextMapper) -> object:
    """Every string inside a tool's input object, restored."""
    if isinstance(value, str):
        return p.restore(value)
    if isinstance(value, dict):
        return {k: _restore_value(v, p) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore_value(v, p) for v in value]
    return value


def _restore_block(block: Body, p: TextMapper) -> Body:
    out = dict(block)
    for key in ("text", "thinking"):
        if isinstance(block.get(key), str):
            out[key] = p.restore(block[key])
    if block.get("type") in _TOOL_CALLS and "input" in block:
        out["input"] = _restore_value(block["input"], p)
    return out


def restore_message(message: Body, p: TextMapper) -> Body:
    content = message.get("content")
    if not isinstance(content, list):
        return message
    return {**message, "content": [_restore_block(b, p) if isinstance(b, dict) else b for b in content]}


class MessagesStreamRestorer:
    """One StreamRestorer per content block; its held-back text goes out just before the block stops."""

    def __init__(self, p: TextMapper) -> None:
        self._p = p
        self._open: dict[int, tuple[str, FieldStream]] = {}  # block index -> (delta type, restorer)

    def process(self, event: Body) -> list[Body]:
        kind = event.get("type")
        if kind == "content_block_delta":
            return [self._delta(event)]
        if kind == "content_block_start" and isinstance(event.get("content_block"), dict):
            return [{**event, "content_block": _restore_block(event["content_block"], self._p)}]
        if kind == "content_block_stop":
            return [*self._flush(_index(event)), event]
        if kind in ("message_delta", "message_stop", "error"):
            return [*self.finish(), event]
        return [event]

    def finish(self) -> list[Body]:
        return [e for index in sorted(self._open) for e in self._flush(index)]

    def _delta(self, event: Body) -> Body:
        delta = event.get("delta")
        if not isinstance(delta, dict) or delta.get("type") not in _DELTAS:
            return event
        kind = str(delta["type"])
        key, is_json = _DELTAS[kind]
        if not isinstance(delta.get(key), str):
            return event
        index = _index(event)
        if index not in self._open:
            self._open[index] = (kind, self._p.stream_restorer(json_string=is_json))
        return {**event, "delta": {**delta, key: self._open[index][1].feed(delta[key])}}

    def _flush(self, index: int) -> list[Body]:
        kind, restorer = self._open.pop(index, ("", None))
        tail = restorer.flush() if restorer is not None else ""
        if not tail:
            return []
        return [{"type": "content_block_delta", "index": index, "delta": {"type": kind, _DELTAS[kind][0]: tail}}]


def _index(event: Body) -> int:
    index = event.get("index")
    return index if isinstance(index, int) else 0


class NoticeFilter:
    """Adds the disclosure notice as one more text block just before `message_delta` (clause 9.1)."""

    def __init__(self, notice: str) -> None:
        self._notice = notice
        self._next = 0
        self._done = False

    def process(self, event: Body) -> list[Body]:
        kind = event.get("type")
        if kind == "content_block_start":
            self._next = max(self._next, _index(event) + 1)
        if kind != "message_delta" or self._done:
            return [event]
        self._done = True
        index = self._next
        return [{"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}},
                {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": self._notice}},
                {"type": "content_block_stop", "index": index}, event]

    def finish(self) -> list[Body]:
        return []


class MessagesDialect:
    name = "anthropic.messages"
    named_events = True
    passthrough_headers: tuple[str, ...] = ("anthropic-version", "anthropic-beta")

    def fields(self, body: Body) -> Fields:
        return walk(body, RULES)

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]:
        out: list[TextField] = []
        for i, block in items(payload.get("content") if isinstance(payload, dict) else None):
            if block.get("type") == "text" and isinstance(block.get("text"), str):
                out.append(TextField(("content", i, "text"), block["text"]))
            elif tool_args and block.get("type") in _TOOL_CALLS:
                out.append(TextField(("content", i, "input"), json.dumps(block.get("input")), is_json=True))
        return out

    def event_fields(self, event: Body, tool_args: bool = False) -> list[StreamField]:
        delta = event.get("delta")
        if event.get("type") != "content_block_delta" or not isinstance(delta, dict):
            return []
        if delta.get("type") == "text_delta" and isinstance(delta.get("text"), str):
            return [StreamField((_index(event),), TextField(("delta", "text"), delta["text"]))]
        if tool_args and delta.get("type") == "input_json_delta" and isinstance(delta.get("partial_json"), str):
            field = TextField(("delta", "partial_json"), delta["partial_json"], is_json=True)
            return [StreamField((_index(event),), field)]
        return []

    def restore(self, payload: Body, p: TextMapper) -> Body:
        return restore_message(payload, p)

    def stream_restorer(self, p: TextMapper) -> StreamFilter:
        return MessagesStreamRestorer(p)

    def with_notice(self, payload: Body, notice: str) -> Body:
        content = payload.get("content")
        if not isinstance(content, list):
            return payload
        return {**payload, "content": [*content, {"type": "text", "text": notice}]}

    def notice_filter(self, notice: str) -> StreamFilter | None:
        return NoticeFilter(notice)

    def stream_usage(self, ex: Exchange, event: Body) -> None:
        if event.get("type") == "message_start":
            ex.record_usage(event.get("message"))
        usage = event.get("usage")
        if event.get("type") == "message_delta" and isinstance(usage, dict):
            for key, attr in (("output_tokens", "completion_tokens"), ("input_tokens", "prompt_tokens")):
                if isinstance(usage.get(key), int):
                    setattr(ex.event, attr, usage[key])

    def request_stream_usage(self, body: Body) -> bool:
        return False  # message_start and message_delta always carry usage

    def usage_only(self, event: Body) -> bool:
        return False

    def error_body(self, exc: StewardError, request_id: str) -> Body:
        error: Body = {"type": error_type(exc.status), "message": exc.message, "code": exc.code}
        if exc.param is not None:
            error["param"] = exc.param
        if exc.policy_clause is not None:
            error["policy_clause"] = exc.policy_clause
        return {"type": "error", "error": error, "request_id": request_id}

    def stream_error(self, exc: StewardError, request_id: str) -> bytes:
        return b"event: error\ndata: " + orjson.dumps(self.error_body(exc, request_id)) + b"\n\n"


class CountTokensDialect(MessagesDialect):
    """`/v1/messages/count_tokens`: the same request fields; the answer is a number."""

    name = "anthropic.count_tokens"

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]:
        return []


DIALECT = MessagesDialect()
COUNT_TOKENS = CountTokensDialect()
