"""OpenAI Chat Completions (`POST /v1/chat/completions`): request fields, answer text, chunks, restore points.

Request: every string is scanned except structure (model, role, ids, tool and function names, formats) and
media (image_url, input_audio); `messages[*].name` (a participant's name) is text; tool-call `arguments`
are JSON documents; `file.file_data` is decoded and scanned when it is text (binary files are opaque);
`metadata` is scanned whole. Answer: `choices[*].message` content (and tool-call arguments for the audit).
Stream: `chat.completion.chunk` deltas; held-back text is flushed into the chunk carrying `finish_reason`.
The legacy completions stream (`choices[*].text`) is restored by the same `ChatStreamRestorer`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policies.operators import FieldStream, TextMapper
from proxy.dialects.base import Body, StreamField, StreamFilter
from proxy.dialects.fields import MEDIA, STRUCTURAL, Fields, Kind, Path, Rules, TextField, items, walk
from proxy.dialects.openai_common import OpenAIDialect, string_at

_CHAT_JSON_FIELDS = frozenset({"function_call", "tool_call"})
# delta members that are never answer text; any other string member of a delta is streamed text
_CHAT_DELTA_STRUCTURAL = frozenset({"role", "type", "id", "name", "function_call", "tool_calls", "audio"})
_CONTENT_ONLY = frozenset({"role", "content"})
_CHAT_ENVELOPE = ("id", "object", "created", "model", "system_fingerprint", "service_tier")


def _classify(path: Path, holder: dict[str, Any]) -> Kind | None:
    """A message's `name` is a participant's name (text), unless it names the function that answered."""
    if len(path) == 3 and path[0] == "messages" and path[2] == "name":
        return Kind.SKIP if holder.get("role") in ("function", "tool") else Kind.TEXT
    return None


RULES = Rules(skip=STRUCTURAL, media=MEDIA, json=frozenset({"arguments"}), files=frozenset({"file_data"}),
              free=frozenset({"metadata"}), classify=_classify, special=frozenset({"name"}))


def restored(obj: Body, key: str, p: TextMapper, *, is_json: bool = False) -> Body:
    """A copy of `obj` with the string at `key` restored (or `obj` itself if there is none)."""
    value = obj.get(key)
    if not isinstance(value, str):
        return obj
    return {**obj, key: p.restore_json_string(value) if is_json else p.restore(value)}


def restored_list(value: object, restore_one: Callable[[Body, TextMapper], Body], p: TextMapper) -> object:
    if not isinstance(value, list):
        return value
    return [restore_one(v, p) if isinstance(v, dict) else v for v in value]


def _chat_tool_call(call: Body, p: TextMapper) -> Body:
    out = dict(call)
    if isinstance(call.get("function"), dict):
        out["function"] = restored(call["function"], "arguments", p, is_json=True)
    if isinstance(call.get("custom"), dict):
        out["custom"] = restored(call["custom"], "input", p)
    return out


def _chat_message(message: Body, p: TextMapper) -> Body:
    out = restored(restored(message, "content", p), "refusal", p)
    if "tool_calls" in message:
        out = {**out, "tool_calls": restored_list(message["tool_calls"], _chat_tool_call, p)}
    if isinstance(message.get("function_call"), dict):
        out = {**out, "function_call": restored(message["function_call"], "arguments", p, is_json=True)}
    if isinstance(message.get("audio"), dict):
        out = {**out, "audio": restored(message["audio"], "transcript", p)}
    return out


def _chat_choice(choice: Body, p: TextMapper) -> Body:
    if not isinstance(choice.get("message"), dict):
        return choice
    return {**choice, "message": _chat_message(choice["message"], p)}


def restore_chat_completion(body: Body, p: TextMapper) -> Body:
    """choices[*].message: content, refusal, tool_calls arguments / custom input, function_call, audio."""
    return {**body, "choices": restored_list(body.get("choices"), _chat_choice, p)} if "choices" in body else body


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) else default


def _append_arguments(calls: list[Any], number: int, tail: str) -> list[Any]:
    """`calls` with `tail` appended to the arguments of tool call `number` (added if absent)."""
    out, found = [], False
    for call in calls:
        if isinstance(call, dict) and call.get("index") == number and not found:
            found = True
            fn: Body = call["function"] if isinstance(call.get("function"), dict) else {}
            call = {**call, "function": {**fn, "arguments": (fn.get("arguments") or "") + tail}}
        out.append(call)
    if not found:
        out.append({"index": number, "function": {"arguments": tail}})
    return out


class ChatStreamRestorer:
    """Restores chat.completion.chunk deltas (and legacy completions `text` chunks); one
    StreamRestorer per (choice, field, tool call)."""

    def __init__(self, p: TextMapper) -> None:
        self._p = p
        self._open: dict[tuple[int, str, int], FieldStream] = {}
        self._last: Body = {}

    def feed(self, index: int, field: str, text: str) -> str:
        """Text streamed in `field` (e.g. "content") of choice `index`, mapped (for the one-field fast path)."""
        return self._feed((index, field, 0), text)

    def _feed(self, key: tuple[int, str, int], text: str) -> str:
        return self.stream(key).feed(text)

    def stream(self, key: tuple[int, str, int]) -> FieldStream:
        """The open stream of one field (opened on first use)."""
        restorer = self._open.get(key)
        if restorer is None:
            restorer = self._open[key] = self._p.stream_restorer(json_string=key[1] in _CHAT_JSON_FIELDS)
        return restorer

    def process(self, chunk: Body) -> Body:
        self._last = chunk
        if not isinstance(chunk.get("choices"), list):
            return chunk
        return {**chunk, "choices": [self._choice(c) if isinstance(c, dict) else c for c in chunk["choices"]]}

    def _choice(self, choice: Body) -> Body:
        index = _int(choice.get("index"), 0)
        out = dict(choice)
        if isinstance(choice.get("text"), str):  # legacy completions stream
            out["text"] = self._feed((index, "text", 0), choice["text"])
        if isinstance(choice.get("delta"), dict):
            out["delta"] = self._delta(index, choice["delta"])
        if choice.get("finish_reason") is not None:
            self._flush_into(index, out)
        return out

    def _delta(self, index: int, delta: Body) -> Body:
        delta = dict(delta)
        for key, value in delta.items():  # content, refusal, and any other text member
            if isinstance(value, str) and key not in _CHAT_DELTA_STRUCTURAL:
                delta[key] = self._feed((index, key, 0), value)
        if isinstance(delta.get("function_call"), dict):
            fn = delta["function_call"] = dict(delta["function_call"])
            if isinstance(fn.get("arguments"), str):
                fn["arguments"] = self._feed((index, "function_call", 0), fn["arguments"])
        if isinstance(delta.get("tool_calls"), list):
            calls = delta["tool_calls"]
            delta["tool_calls"] = [self._tool_call(index, pos, c) for pos, c in enumerate(calls)]
        return delta

    def _tool_call(self, index: int, pos: int, call: object) -> object:
        if not isinstance(call, dict) or not isinstance(call.get("function"), dict):
            return call
        fn = dict(call["function"])
        if isinstance(fn.get("arguments"), str):
            fn["arguments"] = self._feed((index, "tool_call", _int(call.get("index"), pos)), fn["arguments"])
        return {**call, "function": fn}

    def _flush_into(self, index: int, choice: Body) -> None:
        """Append the held-back text of every field of choice `index` to `choice` (a fresh copy)."""
        for key in sorted(k for k in self._open if k[0] == index):
            tail = self._open.pop(key).flush()
            _, field, number = key
            if not tail:
                continue
            if field == "text":
                choice["text"] = (choice.get("text") or "") + tail
                continue
            delta = choice["delta"] = dict(choice.get("delta") or {})
            if field == "function_call":
                fn = delta.get("function_call") or {}
                delta["function_call"] = {**fn, "arguments": (fn.get("arguments") or "") + tail}
            elif field == "tool_call":
                delta["tool_calls"] = _append_arguments(delta.get("tool_calls") or [], number, tail)
            else:
                delta[field] = (delta.get(field) or "") + tail

    def finish(self) -> list[Body]:
        """Chunks carrying text still held back when the upstream stream ended (usually none)."""
        choices = []
        for index in sorted({k[0] for k in self._open}):
            choice: Body = {"index": index}
            self._flush_into(index, choice)
            if len(choice) > 1:
                choices.append({**choice, "finish_reason": None})
        if not choices:
            return []
        envelope = {k: self._last[k] for k in _CHAT_ENVELOPE if k in self._last}
        return [{"object": "chat.completion.chunk", **envelope, "choices": choices}]




class ChatDialect(OpenAIDialect):
    name = "openai.chat"

    def fields(self, body: Body) -> Fields:
        return walk(body, RULES)

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]:
        out: list[TextField] = []
        for i, choice in items(payload.get("choices") if isinstance(payload, dict) else None):
            out += _message_fields(choice.get("message"), ("choices", i, "message"), tool_args)
        return out

    def event_fields(self, event: Body, tool_args: bool = False) -> list[StreamField]:
        out: list[StreamField] = []
        for i, choice in items(event.get("choices")):
            index = _int(choice.get("index"), i)
            for f in _message_fields(choice.get("delta"), ("choices", i, "delta"), tool_args):
                out.append(StreamField((index, *f.path[3:]), f))
            out += [StreamField((index, "text"), f) for f in string_at(choice, "text", ("choices", i))]
        return out

    def restore(self, payload: Body, p: TextMapper) -> Body:
        return restore_chat_completion(payload, p)

    def stream_restorer(self, p: TextMapper) -> StreamFilter:
        return ChatStreamFilter(ChatStreamRestorer(p))

    def with_notice(self, payload: Body, notice: str) -> Body:
        return {**payload, "choices": [_notice_choice(c, notice) for c in payload.get("choices") or []]}

    def notice_filter(self, notice: str) -> StreamFilter | None:
        return ChatNoticeFilter(notice)


def _message_fields(message: object, path: Path, tool_args: bool) -> list[TextField]:
    out = string_at(message, "content", path)
    if tool_args and isinstance(message, dict):
        for j, call in items(message.get("tool_calls")):
            out += string_at(call.get("function"), "arguments", (*path, "tool_calls", j, "function"), True)
    return out


def _content_only(delta: Body) -> bool:
    """Is `content` the delta's only member that carries anything besides `role`?"""
    return not any(v is not None and k not in _CONTENT_ONLY for k, v in delta.items())


class ChatStreamFilter:
    """A `StreamFilter` over `ChatStreamRestorer`. An unchanged chunk comes back as the same object, so the
    relay forwards the provider's bytes; the common chunk (one choice, a delta of only `content`) is mapped
    without copying anything unless its text changed."""

    def __init__(self, restorer: ChatStreamRestorer) -> None:
        self._r = restorer
        self._first: FieldStream | None = None  # choice 0's content stream, while it is open

    def process(self, payload: Body) -> list[Body]:
        # The common chunk, checked inline (this runs once per streamed token): one choice, not finishing,
        # a delta whose only non-null member besides `role` is a `content` string.
        choices = payload.get("choices")
        if type(choices) is list and len(choices) == 1:
            choice = choices[0]
            if type(choice) is dict and choice.get("finish_reason") is None and "text" not in choice:
                delta = choice.get("delta")
                if type(delta) is dict:
                    content = delta.get("content")
                    if type(content) is str and (len(delta) == 1 or _content_only(delta)):
                        index = choice.get("index", 0)
                        window = self._first if index == 0 else None
                        if window is None:
                            key = (index if type(index) is int else 0, "content", 0)
                            window = self._r.stream(key)
                            if key[0] == 0:
                                self._first = window
                        released = window.feed(content)
                        if released == content:
                            return [payload]
                        return [{**payload, "choices": [{**choice, "delta": {**delta, "content": released}}]}]
        self._first = None  # the general path may finish (and close) choice 0's streams
        out = self._r.process(payload)
        return [payload if out == payload else out]

    def finish(self) -> list[Body]:
        self._first = None
        return self._r.finish()


class ChatNoticeFilter:
    """Adds the disclosure to the delta of the chunk that finishes a choice, after any text it carries
    (including text a restorer flushed into it), so the notice is always last."""

    def __init__(self, notice: str) -> None:
        self._notice = "\n\n" + notice
        self._done: set[int] = set()

    def process(self, payload: Body) -> list[Body]:
        choices = payload.get("choices")
        if not isinstance(choices, list):
            return [payload]
        return [{**payload, "choices": [self._choice(c) for c in choices]}]

    def _choice(self, choice: Any) -> Any:
        if not isinstance(choice, dict) or choice.get("finish_reason") not in ("stop", "length"):
            return choice
        index = choice.get("index", 0)
        if index in self._done:
            return choice
        self._done.add(index)
        raw = choice.get("delta")
        delta: dict[str, Any] = raw if isinstance(raw, dict) else {}
        return {**choice, "delta": {**delta, "content": (delta.get("content") or "") + self._notice}}

    def finish(self) -> list[Body]:
        return []


def _notice_choice(choice: Any, notice: str) -> Any:
    message = choice.get("message") if isinstance(choice, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("content"), str):
        return choice
    return {**choice, "message": {**message, "content": message["content"] + "\n\n" + notice}}



DIALECT = ChatDialect()
