"""OpenAI legacy Completions (`POST /v1/completions`): `prompt` (strings or token ids: opaque), `suffix`,
`stop`, `user`; the answer is `choices[*].text`, streamed in chunks restored like chat chunks."""

from __future__ import annotations

from typing import Any

from policies.operators import TextMapper
from proxy.dialects.base import Body, StreamField, StreamFilter
from proxy.dialects.fields import STRUCTURAL, Fields, Rules, TextField, items
from proxy.dialects.openai_chat import ChatStreamFilter, ChatStreamRestorer, restored, restored_list
from proxy.dialects.openai_common import OpenAIDialect
from proxy.dialects.tokens import prompt_fields

RULES = Rules(skip=STRUCTURAL, free=frozenset({"metadata"}))


def restore_completion(body: Body, p: TextMapper) -> Body:
    """Legacy completions: choices[*].text."""
    out = restored_list(body.get("choices"), lambda c, q: restored(c, "text", q), p)
    return {**body, "choices": out} if "choices" in body else body


def _texts(payload: Any) -> list[TextField]:
    return [TextField(("choices", i, "text"), c["text"])
            for i, c in items(payload.get("choices") if isinstance(payload, dict) else None)
            if isinstance(c.get("text"), str)]


class CompletionsDialect(OpenAIDialect):
    name = "openai.completions"

    def fields(self, body: Body) -> Fields:
        return prompt_fields(body, "prompt", RULES)

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]:
        return _texts(payload)

    def event_fields(self, event: Body, tool_args: bool = False) -> list[StreamField]:
        return [StreamField((f.path[1], "text"), f) for f in _texts(event)]

    def restore(self, payload: Body, p: TextMapper) -> Body:
        return restore_completion(payload, p)

    def stream_restorer(self, p: TextMapper) -> StreamFilter:
        return ChatStreamFilter(ChatStreamRestorer(p))


DIALECT = CompletionsDialect()
