"""Restoring pseudonyms in provider responses: whole bodies and streams (chat chunks, Responses events)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from detectors.base import Finding
from policies.operators import Pseudonymiser
from proxy.dialects.openai_chat import ChatStreamRestorer, restore_chat_completion
from proxy.dialects.openai_completions import restore_completion
from proxy.dialects.openai_responses import ResponsesStreamRestorer, restore_responses

NAME = 'Siobhán "Shiv" O\\Neill'
NHS = "485 777 3456"


def pseudonymiser() -> Pseudonymiser:
    p = Pseudonymiser()
    text = f"{NAME} / {NHS} / Douglas"
    n, h, d = text.index(NAME), text.index(NHS), text.index("Douglas")
    findings = [
        Finding("PERSON", n, n + len(NAME), 0.9, "t"),
        Finding("UK_NHS", h, h + len(NHS), 0.9, "t"),
        Finding("PERSON", d, d + 7, 0.9, "t"),
    ]
    assert p.pseudonymise(text, findings) == "<PERSON_1> / <UK_NHS_1> / <PERSON_2>"
    return p


MODEL_TEXT = "Dear <PERSON_1>, NHS <UK_NHS_1>. <PERSON_2><PERSON_1> <PERSON_7> <PER done"
RESTORED = f"Dear {NAME}, NHS {NHS}. Douglas{NAME} <PERSON_7> <PER done"
MODEL_ARGS = '{"to": "<PERSON_1>", "nhs": "<UK_NHS_1>", "cc": ["<PERSON_2>"]}'
ARGS_VALUE = {"to": NAME, "nhs": NHS, "cc": ["Douglas"]}


def test_restore_chat_completion() -> None:
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "usage": {"total_tokens": 3},
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": MODEL_TEXT,
                    "refusal": "I won't email <PERSON_2>",
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "send", "arguments": MODEL_ARGS},
                        },
                        {"id": "c2", "type": "custom", "custom": {"name": "grep", "input": "<PERSON_2>"}},
                    ],
                    "function_call": {"name": "legacy", "arguments": MODEL_ARGS},
                    "annotations": [],
                },
            },
            {"index": 1, "message": {"role": "assistant", "content": None}},
        ],
    }
    before = copy.deepcopy(body)
    out = restore_chat_completion(body, pseudonymiser())
    assert body == before
    message = out["choices"][0]["message"]
    assert message["content"] == RESTORED
    assert message["refusal"] == "I won't email Douglas"
    assert json.loads(message["tool_calls"][0]["function"]["arguments"]) == ARGS_VALUE
    assert message["tool_calls"][1]["custom"]["input"] == "Douglas"
    assert json.loads(message["function_call"]["arguments"]) == ARGS_VALUE
    assert out["choices"][1] == body["choices"][1]
    assert out["usage"] is body["usage"] and out["id"] == "chatcmpl-1"


def test_restore_completion_legacy() -> None:
    body = {"choices": [{"index": 0, "text": MODEL_TEXT}], "object": "text_completion"}
    assert restore_completion(body, pseudonymiser())["choices"][0]["text"] == RESTORED


def test_restore_responses() -> None:
    body: dict[str, Any] = {
        "object": "response",
        "instructions": "Help <PERSON_2>",
        "output_text": MODEL_TEXT,
        "output": [
            {"type": "reasoning", "summary": [{"type": "summary_text", "text": "About <PERSON_2>"}]},
            {
                "type": "message",
                "role": "assistant",
                "content": [
                    {"type": "output_text", "text": MODEL_TEXT, "annotations": []},
                    {"type": "refusal", "refusal": "Not <PERSON_2>"},
                ],
            },
            {"type": "function_call", "call_id": "c1", "name": "send", "arguments": MODEL_ARGS},
            {"type": "web_search_call", "id": "ws", "status": "completed"},
        ],
        "tools": [{"type": "function", "name": "send", "description": "Send to <PERSON_2>"}],
    }
    before = copy.deepcopy(body)
    out = restore_responses(body, pseudonymiser())
    assert body == before
    assert out["instructions"] == "Help Douglas"
    assert out["output_text"] == RESTORED
    assert out["output"][0]["summary"][0]["text"] == "About Douglas"
    assert out["output"][1]["content"][0]["text"] == RESTORED
    assert out["output"][1]["content"][1]["refusal"] == "Not Douglas"
    assert json.loads(out["output"][2]["arguments"]) == ARGS_VALUE
    assert out["output"][3] == body["output"][3]
    assert out["tools"] is body["tools"]


def test_restore_responses_echoed_instruction_items() -> None:
    body: dict[str, Any] = {"instructions": [{"type": "message", "role": "developer", "content": "Help <PERSON_2>"}]}
    out = restore_responses(body, pseudonymiser())
    assert out["instructions"][0]["content"] == "Help Douglas"
    part = {"type": "input_text", "text": "<PERSON_2>"}
    body = {"instructions": [{"role": "developer", "content": [part]}]}
    assert restore_responses(body, pseudonymiser())["instructions"][0]["content"][0]["text"] == "Douglas"


# --- chat streaming --------------------------------------------------------------------------------

ENVELOPE = {"id": "chatcmpl-9", "object": "chat.completion.chunk", "created": 1764166000, "model": "gpt-4o"}


def chunk(choices: list[dict[str, Any]]) -> dict[str, Any]:
    return {**ENVELOPE, "choices": choices}


def content_chunks(parts: list[str], finish: bool = True) -> list[dict[str, Any]]:
    chunks = [chunk([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])]
    chunks += [chunk([{"index": 0, "delta": {"content": part}, "finish_reason": None}]) for part in parts]
    if finish:
        chunks.append(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
    return chunks


def run_chat(chunks: list[dict[str, Any]], p: Pseudonymiser) -> list[dict[str, Any]]:
    restorer = ChatStreamRestorer(p)
    return [restorer.process(c) for c in chunks] + restorer.finish()


def chat_text(out: list[dict[str, Any]], index: int = 0) -> str:
    return "".join(
        c["delta"].get("content") or "" for o in out for c in o["choices"] if c["index"] == index and "delta" in c
    )


def splits(text: str) -> list[list[str]]:
    """The text cut at every single point and at every pair of points."""
    n = len(text)
    return [[text[:i], text[i:j], text[j:]] for i in range(n + 1) for j in range(i, n + 1)]


def test_chat_stream_every_split_point_restores_before_finish() -> None:
    p = pseudonymiser()
    for parts in splits(MODEL_TEXT):
        chunks = content_chunks(parts)
        before = copy.deepcopy(chunks)
        out = run_chat(chunks, p)
        assert chunks == before
        assert len(out) == len(chunks)  # held text merged into the finish chunk, nothing after it
        assert chat_text(out) == RESTORED
        assert out[-1]["choices"][0]["finish_reason"] == "stop"


def test_chat_stream_finish_flushes_when_upstream_ends_early() -> None:
    p = pseudonymiser()
    out = run_chat(content_chunks(["Hi <PER", "SON_2"], finish=False), p)
    assert chat_text(out) == "Hi <PERSON_2"
    tail = out[-1]
    assert {k: tail[k] for k in ENVELOPE} == ENVELOPE
    assert tail["choices"] == [{"index": 0, "delta": {"content": "<PERSON_2"}, "finish_reason": None}]


def test_chat_stream_usage_chunk_and_unknown_fields_pass_through() -> None:
    p = pseudonymiser()
    usage = {**ENVELOPE, "choices": [], "usage": {"total_tokens": 9}}
    restorer = ChatStreamRestorer(p)
    assert restorer.process(usage) == usage
    assert restorer.finish() == []


def tool_chunks(parts: list[str], call_index: int = 0) -> list[dict[str, Any]]:
    head = {
        "index": call_index,
        "id": "call_1",
        "type": "function",
        "function": {"name": "send", "arguments": ""},
    }
    chunks = [chunk([{"index": 0, "delta": {"role": "assistant", "tool_calls": [head]}, "finish_reason": None}])]
    for part in parts:
        call = {"index": call_index, "function": {"arguments": part}}
        chunks.append(chunk([{"index": 0, "delta": {"tool_calls": [call]}, "finish_reason": None}]))
    chunks.append(chunk([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]))
    return chunks


def tool_args(out: list[dict[str, Any]], call_index: int = 0) -> str:
    return "".join(
        call["function"].get("arguments", "")
        for o in out
        for c in o["choices"]
        for call in c["delta"].get("tool_calls", [])
        if call["index"] == call_index and "function" in call
    )


def test_chat_stream_tool_call_arguments_every_split_point() -> None:
    p = pseudonymiser()
    for parts in splits(MODEL_ARGS):
        out = run_chat(tool_chunks(parts, call_index=1), p)
        assert json.loads(tool_args(out, 1)) == ARGS_VALUE
        assert out[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_chat_stream_tool_call_tail_flushed_into_finish_chunk() -> None:
    p = pseudonymiser()
    out = run_chat(tool_chunks(['{"a": "<PERSON_1> <PERSON_'], call_index=2), p)
    assert len(out) == 3
    finish = out[-1]["choices"][0]
    assert finish["finish_reason"] == "tool_calls"
    assert finish["delta"] == {"tool_calls": [{"index": 2, "function": {"arguments": "<PERSON_"}}]}
    assert tool_args(out, 2) == '{"a": "' + json.dumps(NAME, ensure_ascii=False)[1:-1] + " <PERSON_"


def test_completions_stream_text_restored_and_flushed() -> None:
    p = pseudonymiser()
    base = {"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m"}
    chunks = [
        {**base, "choices": [{"index": 0, "text": "Hi <PERSON", "finish_reason": None}]},
        {**base, "choices": [{"index": 0, "text": "_2> and <UK_NHS_", "finish_reason": None}]},
    ]
    restorer = ChatStreamRestorer(p)
    out = [restorer.process(c) for c in chunks]
    assert [o["choices"][0]["text"] for o in out] == ["Hi ", "Douglas and "]
    assert restorer.finish() == [{**base, "choices": [{"index": 0, "text": "<UK_NHS_", "finish_reason": None}]}]
    final = {**base, "choices": [{"index": 0, "text": "", "finish_reason": "length"}]}
    restorer = ChatStreamRestorer(p)
    out = [restorer.process(c) for c in [*chunks, final]]
    assert out[-1]["choices"][0] == {"index": 0, "text": "<UK_NHS_", "finish_reason": "length"}
    assert restorer.finish() == []


def test_chat_stream_interleaved_choices_and_legacy_function_call() -> None:
    p = pseudonymiser()
    chunks = [
        chunk([{"index": 0, "delta": {"content": "A <PERS"}}, {"index": 1, "delta": {"content": "B <UK_"}}]),
        chunk([{"index": 1, "delta": {"content": "NHS_1> end"}}, {"index": 0, "delta": {"content": "ON_2"}}]),
        chunk([{"index": 0, "delta": {"function_call": {"arguments": '{"a": "<PERSON_1'}}}]),
        chunk([{"index": 0, "delta": {"content": ">"}, "finish_reason": None}]),
        chunk([{"index": 1, "delta": {}, "finish_reason": "stop"}]),
        chunk([{"index": 0, "delta": {}, "finish_reason": "function_call"}]),
    ]
    out = run_chat(chunks, p)
    assert chat_text(out, 0) == "A Douglas"
    assert chat_text(out, 1) == f"B {NHS} end"
    fn = "".join(c["delta"].get("function_call", {}).get("arguments", "") for o in out for c in o["choices"])
    assert fn == '{"a": "<PERSON_1'  # never completed: flushed verbatim at the choice's finish
    assert len(out) == len(chunks)


# --- Responses streaming ---------------------------------------------------------------------------


def responses_events(parts: list[str], args_parts: list[str]) -> list[dict[str, Any]]:
    msg = {"item_id": "msg_1", "output_index": 0, "content_index": 0}
    fc = {"item_id": "fc_1", "output_index": 1}
    events: list[dict[str, Any]] = [
        {
            "type": "response.created",
            "response": {"object": "response", "output": [], "instructions": "<PERSON_2>"},
        },
        {"type": "response.output_item.added", "output_index": 0, "item": {"type": "message", "content": []}},
        *({"type": "response.output_text.delta", **msg, "delta": d, "logprobs": []} for d in parts),
        {"type": "response.output_text.done", **msg, "text": MODEL_TEXT, "logprobs": []},
        {"type": "response.content_part.done", **msg, "part": {"type": "output_text", "text": MODEL_TEXT}},
        *({"type": "response.function_call_arguments.delta", **fc, "delta": d} for d in args_parts),
        {"type": "response.function_call_arguments.done", **fc, "arguments": MODEL_ARGS},
        {
            "type": "response.completed",
            "response": {
                "output_text": MODEL_TEXT,
                "output": [{"type": "function_call", "arguments": MODEL_ARGS}],
            },
        },
    ]
    return [{**e, "sequence_number": n} for n, e in enumerate(events)]


def run_responses(events: list[dict[str, Any]], p: Pseudonymiser) -> list[dict[str, Any]]:
    restorer = ResponsesStreamRestorer(p)
    return [e for event in events for e in restorer.process(event)] + restorer.finish()


def joined(out: list[dict[str, Any]], kind: str) -> str:
    return "".join(e["delta"] for e in out if e["type"] == kind)


@pytest.mark.parametrize("field", ["text", "args"])
def test_responses_stream_every_split_point(field: str) -> None:
    p = pseudonymiser()
    source = MODEL_TEXT if field == "text" else MODEL_ARGS
    for parts in splits(source):
        events = responses_events(parts, [MODEL_ARGS]) if field == "text" else responses_events([MODEL_TEXT], parts)
        before = copy.deepcopy(events)
        out = run_responses(events, p)
        assert events == before
        assert [e["sequence_number"] for e in out] == list(range(len(out)))
        assert joined(out, "response.output_text.delta") == RESTORED
        assert json.loads(joined(out, "response.function_call_arguments.delta")) == ARGS_VALUE
        kinds = [e["type"] for e in out]
        last_text_delta = max(i for i, k in enumerate(kinds) if k == "response.output_text.delta")
        assert last_text_delta < kinds.index("response.output_text.done")
        by_kind = {e["type"]: e for e in out}
        assert by_kind["response.output_text.done"]["text"] == RESTORED
        assert by_kind["response.content_part.done"]["part"]["text"] == RESTORED
        assert json.loads(by_kind["response.function_call_arguments.done"]["arguments"]) == ARGS_VALUE
        assert by_kind["response.completed"]["response"]["output_text"] == RESTORED
        assert by_kind["response.created"]["response"]["instructions"] == "Douglas"


def test_responses_flush_inserts_delta_with_locators_before_done() -> None:
    p = pseudonymiser()
    out = run_responses(responses_events(["Hi <PERSON_", "1"], [MODEL_ARGS]), p)
    assert [e.get("delta") for e in out[2:4]] == ["Hi ", ""]  # events kept (numbering), text held
    inserted = out[4]
    assert inserted == {
        "type": "response.output_text.delta",
        "item_id": "msg_1",
        "output_index": 0,
        "content_index": 0,
        "logprobs": [],
        "delta": "<PERSON_1",
        "sequence_number": 4,
    }
    assert out[5]["type"] == "response.output_text.done" and out[5]["sequence_number"] == 5


def test_responses_finish_and_terminal_events_flush() -> None:
    p = pseudonymiser()
    delta = {"type": "response.output_text.delta", "item_id": "m", "output_index": 0, "content_index": 0}
    events = [{**delta, "delta": "Hi <PERSON", "sequence_number": 5}]
    out = run_responses(events, p)
    assert [e["delta"] for e in out] == ["Hi ", "<PERSON"]
    assert [e["sequence_number"] for e in out] == [5, 6]
    failed = {"type": "response.failed", "sequence_number": 6, "response": {"output": []}}
    out = run_responses([*events, failed], p)
    assert [e["type"] for e in out][-2:] == ["response.output_text.delta", "response.failed"]
    assert [e["sequence_number"] for e in out] == [5, 6, 7]
