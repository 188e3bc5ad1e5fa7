"""Put pseudonymised values back into provider responses, whole or streamed.

Whole bodies: `restore_chat_completion`, `restore_completion`, `restore_responses` return new dicts
(the input is never mutated). Text fields are restored with `Pseudonymiser.restore`; tool-call and
function-call arguments with `restore_json_string`, so restored values are JSON-escaped.

Streams: `ChatStreamRestorer` (chat.completion.chunk) and `ResponsesStreamRestorer` (Responses
events) keep one `StreamRestorer` per streamed field. Held-back text is flushed *before* the client
sees the end of that field: for chat it is merged into the delta of the chunk carrying the choice's
`finish_reason`; for Responses an extra delta event is inserted before the `.done` event (and before
a terminal event), and `sequence_number`s are renumbered to stay consecutive. `finish()` returns
whatever is still held when the upstream stream ends without those markers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

Body = dict[str, Any]


class FieldStream(Protocol):
    def feed(self, delta: str) -> str: ...

    def flush(self) -> str: ...


class TextMapper(Protocol):
    """What the restorers map text with: `policies.operators.Pseudonymiser` (pseudonyms back), or
    `policies.output_redact.OutputRedactor` (personal data the caller did not send, out)."""

    def restore(self, text: str) -> str: ...

    def restore_json_string(self, args: str) -> str: ...

    def stream_restorer(self, *, json_string: bool = False) -> FieldStream: ...


_CHAT_JSON_FIELDS = frozenset({"function_call", "tool_call"})
# delta members that are never answer text; any other string member of a delta is streamed text
_CHAT_DELTA_STRUCTURAL = frozenset({"role", "type", "id", "name", "function_call", "tool_calls", "audio"})
_CHAT_ENVELOPE = ("id", "object", "created", "model", "system_fingerprint", "service_tier")
# Responses delta event -> (done event, field of the done event holding the full value, is JSON)
_RESPONSES_STREAMED = {
    "response.output_text.delta": ("response.output_text.done", "text", False),
    "response.refusal.delta": ("response.refusal.done", "refusal", False),
    "response.function_call_arguments.delta": ("response.function_call_arguments.done", "arguments", True),
    "response.custom_tool_call_input.delta": ("response.custom_tool_call_input.done", "input", False),
    "response.reasoning_summary_text.delta": ("response.reasoning_summary_text.done", "text", False),
    "response.reasoning_text.delta": ("response.reasoning_text.done", "text", False),
}
_RESPONSES_DONE = {done: (delta, key, is_json) for delta, (done, key, is_json) in _RESPONSES_STREAMED.items()}
_RESPONSES_LOCATORS = ("item_id", "output_index", "content_index", "summary_index")
_RESPONSES_TERMINAL = frozenset({"response.completed", "response.incomplete", "response.failed", "error"})
_PART_TEXT = {
    "output_text": "text", "input_text": "text", "refusal": "refusal", "summary_text": "text", "reasoning_text": "text"
}  # fmt: skip


def _restored(obj: Body, key: str, p: TextMapper, *, is_json: bool = False) -> Body:
    """A copy of `obj` with the string at `key` restored (or `obj` itself if there is none)."""
    value = obj.get(key)
    if not isinstance(value, str):
        return obj
    return {**obj, key: p.restore_json_string(value) if is_json else p.restore(value)}


def _restored_list(value: object, restore_one: Callable[[Body, TextMapper], Body], p: TextMapper) -> object:
    if not isinstance(value, list):
        return value
    return [restore_one(v, p) if isinstance(v, dict) else v for v in value]


def _chat_tool_call(call: Body, p: TextMapper) -> Body:
    out = dict(call)
    if isinstance(call.get("function"), dict):
        out["function"] = _restored(call["function"], "arguments", p, is_json=True)
    if isinstance(call.get("custom"), dict):
        out["custom"] = _restored(call["custom"], "input", p)
    return out


def _chat_message(message: Body, p: TextMapper) -> Body:
    out = _restored(_restored(message, "content", p), "refusal", p)
    if "tool_calls" in message:
        out = {**out, "tool_calls": _restored_list(message["tool_calls"], _chat_tool_call, p)}
    if isinstance(message.get("function_call"), dict):
        out = {**out, "function_call": _restored(message["function_call"], "arguments", p, is_json=True)}
    if isinstance(message.get("audio"), dict):
        out = {**out, "audio": _restored(message["audio"], "transcript", p)}
    return out


def _chat_choice(choice: Body, p: TextMapper) -> Body:
    if not isinstance(choice.get("message"), dict):
        return choice
    return {**choice, "message": _chat_message(choice["message"], p)}


def restore_chat_completion(body: Body, p: TextMapper) -> Body:
    """choices[*].message: content, refusal, tool_calls arguments / custom input, function_call, audio."""
    return {**body, "choices": _restored_list(body.get("choices"), _chat_choice, p)} if "choices" in body else body


def restore_completion(body: Body, p: TextMapper) -> Body:
    """Legacy completions: choices[*].text."""
    restored = _restored_list(body.get("choices"), lambda c, q: _restored(c, "text", q), p)
    return {**body, "choices": restored} if "choices" in body else body


def _content_part(part: Body, p: TextMapper) -> Body:
    key = _PART_TEXT.get(part.get("type", ""))
    return _restored(part, key, p) if key else part


def restore_output_item(item: Body, p: TextMapper) -> Body:
    """One Responses output item: message parts, function_call arguments, custom input, reasoning."""
    kind = item.get("type")
    if kind == "function_call":
        return _restored(item, "arguments", p, is_json=True)
    if kind == "custom_tool_call":
        return _restored(item, "input", p)
    out = _restored(item, "content", p)  # a string in echoed input messages (instructions)
    for key in ("content", "summary"):
        if isinstance(item.get(key), list):
            out = {**out, key: _restored_list(item[key], _content_part, p)}
    return out


def restore_responses(body: Body, p: TextMapper) -> Body:
    """output[*] items, the `output_text` convenience field and the echoed `instructions`."""
    out = _restored(_restored(body, "output_text", p), "instructions", p)
    for key in ("output", "instructions"):
        if isinstance(body.get(key), list):
            out = {**out, key: _restored_list(body[key], restore_output_item, p)}
    return out


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
        """Text streamed in `field` (e.g. "content") of choice `index`, mapped; for callers that read the
        common one-field delta themselves (the output screen's fast path)."""
        return self._feed((index, field, 0), text)

    def _feed(self, key: tuple[int, str, int], text: str) -> str:
        restorer = self._open.get(key)
        if restorer is None:
            restorer = self._open[key] = self._p.stream_restorer(json_string=key[1] in _CHAT_JSON_FIELDS)
        return restorer.feed(text)

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


class ResponsesStreamRestorer:
    """Restores Responses stream events; one StreamRestorer per streamed field (item, part)."""

    def __init__(self, p: TextMapper) -> None:
        self._p = p
        self._open: dict[tuple[Any, ...], FieldStream] = {}
        self._shift = 0
        self._last_sequence = -1

    def process(self, event: Body) -> list[Body]:
        """The events to send for one upstream event: itself, restored, maybe after a flush delta."""
        kind = event.get("type", "")
        if kind in _RESPONSES_STREAMED:
            events = [self._delta(kind, event)]
        elif kind in _RESPONSES_DONE:
            delta_kind, key, is_json = _RESPONSES_DONE[kind]
            held = self._flush(_locator(delta_kind, event))
            events = [*held, _restored(event, key, self._p, is_json=is_json)]
        elif kind in _RESPONSES_TERMINAL:
            events = [*self._flush_all(), self._restore_payload(event)]
        else:
            events = [self._restore_payload(event)]
        return self._renumber(events, event.get("sequence_number"))

    def finish(self) -> list[Body]:
        """Delta events carrying text still held back when the upstream stream ended (usually none)."""
        events = self._flush_all()
        return self._renumber(events, self._last_sequence + 1) if events else []

    def _delta(self, kind: str, event: Body) -> Body:
        if not isinstance(event.get("delta"), str):
            return event
        locator = _locator(kind, event)
        restorer = self._open.get(locator)
        if restorer is None:
            restorer = self._open[locator] = self._p.stream_restorer(json_string=_RESPONSES_STREAMED[kind][2])
        return {**event, "delta": restorer.feed(event["delta"])}

    def _flush(self, locator: tuple[Any, ...]) -> list[Body]:
        restorer = self._open.pop(locator, None)
        tail = restorer.flush() if restorer else ""
        if not tail:
            return []
        event: Body = {"type": locator[0], **dict(zip(_RESPONSES_LOCATORS, locator[1:], strict=True))}
        event = {k: v for k, v in event.items() if v is not None}
        if locator[0] == "response.output_text.delta":
            event["logprobs"] = []
        return [{**event, "delta": tail}]

    def _flush_all(self) -> list[Body]:
        return [e for locator in list(self._open) for e in self._flush(locator)]

    def _restore_payload(self, event: Body) -> Body:
        restorers = {"response": restore_responses, "item": restore_output_item, "part": _content_part}
        found = {k: f(event[k], self._p) for k, f in restorers.items() if isinstance(event.get(k), dict)}
        return {**event, **found} if found else event

    def _renumber(self, events: list[Body], sequence: object) -> list[Body]:
        """Keep sequence numbers consecutive when flush events were inserted."""
        if not isinstance(sequence, int):
            return events
        out = [{**e, "sequence_number": sequence + self._shift + i} for i, e in enumerate(events)]
        self._shift += len(events) - 1
        self._last_sequence = max(self._last_sequence, sequence)
        return out


def _locator(delta_kind: str, event: Body) -> tuple[Any, ...]:
    return (delta_kind, *(event.get(k) for k in _RESPONSES_LOCATORS))
