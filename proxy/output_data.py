"""The answer's personal data, secrets and special-category data, per use case (`data_handling.output`).

`output_filter` returns the stream transformer the relay runs (before pseudonyms are restored, so
restored values -- the caller's own -- are never screened); `redact_body` does the same for a whole
answer. Both reuse the restore plumbing (`policies/restore.py`), so every field that carries answer
text in chat, completions and Responses bodies and streams is covered. A blocked class ends the answer
with a refusal naming the use case's clause (10.3 by default): `OutputWithheld`, which the relay and
the pipeline render like the 7.2 output screen's `OutputBlocked`.
"""

from __future__ import annotations

from typing import Any

import orjson

from policies.output_redact import OutputRedactor
from policies.restore import (
    ChatStreamRestorer,
    ResponsesStreamRestorer,
    TextMapper,
    restore_chat_completion,
    restore_completion,
    restore_responses,
)
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange

Body = dict[str, Any]
_CONTENT_ONLY = frozenset({"role", "content"})


def output_redactor(ex: Exchange) -> OutputRedactor | None:
    """This request's output policy, or None when nothing in the answer is to be acted on."""
    config = ex.config
    if config is None or not config.gateway.detection.enabled or ex.event.use_case is None:
        return None
    use_case = config.use_case(ex.event.use_case)
    if use_case is None:
        return None
    handling = use_case.data_handling
    redactor = OutputRedactor(handling.output, use_case.resident_facing, ex.request_texts,
                              handling.identifiers.disabled_entities())
    return redactor if redactor.active else None


class OutputDataFilter:
    """A `StreamFilter`: screens streamed chunks/events with one bounded window per field."""

    def __init__(self, endpoint: Endpoint, redactor: OutputRedactor) -> None:
        self._responses = ResponsesStreamRestorer(redactor) if endpoint is Endpoint.RESPONSES else None
        self._chat = ChatStreamRestorer(redactor)

    def process(self, payload: Body) -> list[Body]:
        if self._responses is not None:
            return self._responses.process(payload)
        fast = self._content_only(payload)
        if fast is not None:
            return [fast]
        out = self._chat.process(payload)
        return [payload if out == payload else out]  # unchanged: the relay forwards the provider's bytes

    def _content_only(self, payload: Body) -> Body | None:
        """The common chunk -- one choice whose delta carries only `content` (and role) -- without copying
        the chunk unless its text changed; None for any other shape."""
        choices = payload.get("choices")
        if type(choices) is not list or len(choices) != 1 or type(choices[0]) is not dict:
            return None
        choice = choices[0]
        delta = choice.get("delta")
        if choice.get("finish_reason") is not None or "text" in choice or type(delta) is not dict:
            return None
        content = delta.get("content")
        if type(content) is not str or (len(delta) > 1 and any(
                v is not None and k not in _CONTENT_ONLY for k, v in delta.items())):
            return None
        index = choice.get("index", 0)
        released = self._chat.feed(index if type(index) is int else 0, "content", content)
        if released == content:
            return payload
        return {**payload, "choices": [{**choice, "delta": {**delta, "content": released}}]}

    def finish(self) -> list[Body]:
        return self._responses.finish() if self._responses else self._chat.finish()


def output_filter(ex: Exchange) -> OutputDataFilter | None:
    redactor = output_redactor(ex)
    return OutputDataFilter(ex.endpoint, redactor) if redactor is not None else None


def _screen(endpoint: Endpoint, payload: Body, mapper: TextMapper) -> Body:
    if endpoint is Endpoint.CHAT:
        return restore_chat_completion(payload, mapper)
    if endpoint is Endpoint.RESPONSES:
        return restore_responses(payload, mapper)
    if endpoint is Endpoint.COMPLETIONS:
        return restore_completion(payload, mapper)
    return payload


def redact_body(ex: Exchange, payload: Any, data: bytes) -> tuple[Any, bytes]:
    """A whole answer screened (payload and its bytes); raises `OutputWithheld` if a class is blocked."""
    redactor = output_redactor(ex) if isinstance(payload, dict) else None
    if redactor is None:
        return payload, data
    screened = _screen(ex.endpoint, payload, redactor)
    return (screened, orjson.dumps(screened)) if screened != payload else (payload, data)
