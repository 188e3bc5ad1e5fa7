"""OpenAI Responses (`POST /v1/responses`): request fields, answer text, stream events, restore points.

Request: every string is scanned except structure and media, so `instructions`, every `input` item (messages,
function and MCP call arguments and outputs, `computer_call_output` safety checks, reasoning summaries),
`text.format` schemas, `tools` descriptions, `prompt.variables` and `metadata` are read; `input_file.file_data`
is decoded and scanned when it is text (binary files are opaque), `filename` is text. MCP `headers` (the
provider's credentials for the MCP server) and encrypted reasoning are not text the model reads.
Stream: typed events; held-back text is flushed as an extra delta event before the `.done` event (and
before a terminal event), and `sequence_number`s are renumbered to stay consecutive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policies.operators import FieldStream, TextMapper
from proxy.dialects.base import Body, StreamField, StreamFilter
from proxy.dialects.fields import MEDIA, STRUCTURAL, Fields, Kind, Path, Rules, TextField, items, walk
from proxy.dialects.openai_chat import restored, restored_list
from proxy.dialects.openai_common import OpenAIDialect

if TYPE_CHECKING:
    from proxy.exchange import Exchange

def _classify(path: Path, holder: dict[str, Any]) -> Kind | None:
    """Prompt variables are named by the caller: a variable called `name` or `id` is still text."""
    return Kind.TEXT if len(path) == 3 and path[:2] == ("prompt", "variables") else None


RULES = Rules(skip=STRUCTURAL | {"server_url", "connector_id"}, media=MEDIA | {"headers", "authorization"},
              json=frozenset({"arguments"}), files=frozenset({"file_data"}),
              free=frozenset({"metadata"}), classify=_classify,
              special=STRUCTURAL | MEDIA)
_STREAM_TEXT = ("response.output_text.delta", "response.refusal.delta")
_STREAM_ARGS = ("response.function_call_arguments.delta",)
_PART_TEXT = {
    "output_text": "text", "input_text": "text", "refusal": "refusal", "summary_text": "text", "reasoning_text": "text"
}  # fmt: skip
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


def _content_part(part: Body, p: TextMapper) -> Body:
    key = _PART_TEXT.get(part.get("type", ""))
    return restored(part, key, p) if key else part


def restore_output_item(item: Body, p: TextMapper) -> Body:
    """One Responses output item: message parts, function_call arguments, custom input, reasoning."""
    kind = item.get("type")
    if kind == "function_call":
        return restored(item, "arguments", p, is_json=True)
    if kind == "custom_tool_call":
        return restored(item, "input", p)
    out = restored(item, "content", p)  # a string in echoed input messages (instructions)
    for key in ("content", "summary"):
        if isinstance(item.get(key), list):
            out = {**out, key: restored_list(item[key], _content_part, p)}
    return out



def restore_responses(body: Body, p: TextMapper) -> Body:
    """output[*] items, the `output_text` convenience field and the echoed `instructions`."""
    out = restored(restored(body, "output_text", p), "instructions", p)
    for key in ("output", "instructions"):
        if isinstance(body.get(key), list):
            out = {**out, key: restored_list(body[key], restore_output_item, p)}
    return out



class ResponsesDialect(OpenAIDialect):
    name = "openai.responses"
    named_events = True

    def fields(self, body: Body) -> Fields:
        return walk(body, RULES)

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]:
        out: list[TextField] = []
        for i, item in items(payload.get("output") if isinstance(payload, dict) else None):
            for j, part in items(item.get("content")):
                if isinstance(part.get("text"), str):
                    out.append(TextField(("output", i, "content", j, "text"), part["text"]))
            if tool_args and item.get("type") == "function_call" and isinstance(item.get("arguments"), str):
                out.append(TextField(("output", i, "arguments"), item["arguments"], is_json=True))
        return out

    def event_fields(self, event: Body, tool_args: bool = False) -> list[StreamField]:
        kinds = _STREAM_TEXT + _STREAM_ARGS if tool_args else _STREAM_TEXT
        kind = event.get("type")
        if kind not in kinds or not isinstance(event.get("delta"), str):
            return []
        field = TextField(("delta",), event["delta"], is_json=kind in _STREAM_ARGS)
        return [StreamField(_locator(str(kind), event), field)]

    def restore(self, payload: Body, p: TextMapper) -> Body:
        return restore_responses(payload, p)

    def stream_restorer(self, p: TextMapper) -> StreamFilter:
        return ResponsesStreamRestorer(p)

    def with_notice(self, payload: Body, notice: str) -> Body:
        return {**payload, "output": _notice_output(payload.get("output") or [], notice)}

    def stream_usage(self, ex: Exchange, event: Body) -> None:
        if event.get("type") in ("response.completed", "response.incomplete"):
            ex.record_usage(event.get("response"))

    def request_stream_usage(self, body: Body) -> bool:
        return False  # the final response.completed event always carries usage

    def usage_only(self, event: Body) -> bool:
        return False


def _notice_output(output: list[Any], notice: str) -> list[Any]:
    for i in range(len(output) - 1, -1, -1):
        item = output[i]
        parts = item.get("content") if isinstance(item, dict) and item.get("type") == "message" else None
        if isinstance(parts, list) and parts and isinstance(parts[-1], dict) and parts[-1].get("type") == "output_text":
            last = {**parts[-1], "text": str(parts[-1].get("text", "")) + "\n\n" + notice}
            return [*output[:i], {**item, "content": [*parts[:-1], last]}, *output[i + 1:]]
    return output


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
            events = [*held, restored(event, key, self._p, is_json=is_json)]
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


DIALECT = ResponsesDialect()
