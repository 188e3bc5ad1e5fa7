"""The dialect interface as screens use it: every answer text and stream delta found, and rewritable by path."""

from __future__ import annotations

from typing import Any

import pytest

from proxy.dialects import DIALECTS
from proxy.dialects.fields import replace
from proxy.endpoints import Endpoint

EVENTS: list[tuple[Endpoint, dict[str, Any]]] = [
    (Endpoint.CHAT, {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "Hi"}}]}),
    (Endpoint.COMPLETIONS, {"choices": [{"index": 0, "text": "Hi"}]}),
    (Endpoint.RESPONSES, {"type": "response.output_text.delta", "item_id": "m", "output_index": 0,
                          "content_index": 0, "delta": "Hi"}),
    (Endpoint.MESSAGES, {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hi"}}),
]
ANSWERS: list[tuple[Endpoint, dict[str, Any]]] = [
    (Endpoint.CHAT, {"choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}}]}),
    (Endpoint.COMPLETIONS, {"choices": [{"index": 0, "text": "Hi"}]}),
    (Endpoint.RESPONSES, {"output": [{"type": "message", "content": [{"type": "output_text", "text": "Hi"}]}]}),
    (Endpoint.MESSAGES, {"type": "message", "content": [{"type": "text", "text": "Hi"}]}),
]


@pytest.mark.parametrize(("endpoint", "event"), EVENTS, ids=[str(e) for e, _ in EVENTS])
def test_stream_deltas_found_and_rewritable(endpoint: Endpoint, event: dict[str, Any]) -> None:
    dialect = DIALECTS[endpoint]
    (found,) = dialect.event_fields(event)
    assert found.field.text == "Hi"
    rewritten = replace(event, {found.field.path: "Bye"})
    assert [f.field.text for f in dialect.event_fields(rewritten)] == ["Bye"]
    assert dialect.event_fields(rewritten)[0].key == found.key


@pytest.mark.parametrize(("endpoint", "answer"), ANSWERS, ids=[str(e) for e, _ in ANSWERS])
def test_answer_texts_found_and_rewritable(endpoint: Endpoint, answer: dict[str, Any]) -> None:
    dialect = DIALECTS[endpoint]
    (found,) = dialect.answer_fields(answer)
    rewritten = replace(answer, {found.path: "Bye"})
    assert [f.text for f in dialect.answer_fields(rewritten)] == ["Bye"]


def test_embeddings_have_no_answer_text() -> None:
    assert DIALECTS[Endpoint.EMBEDDINGS].answer_fields({"data": [{"embedding": [0.1]}]}) == []
