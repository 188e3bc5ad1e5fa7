"""Anthropic Messages <-> OpenAI chat translation (both ways), and the Anthropic dialect's stream handling."""

from __future__ import annotations

import json
from typing import Any

from detectors.base import Finding
from policies.operators import Pseudonymiser
from proxy.dialects.anthropic_messages import DIALECT, MessagesStreamRestorer, NoticeFilter
from proxy.http.errors import PolicyRefusal
from proxy.providers.anthropic_openai import ChatToMessagesStream, error_from_openai, from_chat, to_chat

ANTHROPIC_REQUEST: dict[str, Any] = {
    "model": "claude-x", "max_tokens": 64, "stream": True, "temperature": 0.1, "top_k": 5,
    "system": [{"type": "text", "text": "Be brief."}, {"type": "text", "text": "Be kind."}],
    "metadata": {"user_id": "u-1"}, "stop_sequences": ["END"],
    "tools": [{"name": "lookup", "description": "Find a case", "input_schema": {"type": "object"}}],
    "tool_choice": {"type": "any", "disable_parallel_tool_use": True},
    "messages": [
        {"role": "user", "content": [
            {"type": "text", "text": "Look at this"},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}},
            {"type": "document", "title": "note.txt", "source": {"type": "text", "media_type": "text/plain",
                                                                   "data": "plain note"}}]},
        {"role": "assistant", "content": [
            {"type": "thinking", "thinking": "hmm", "signature": "sig"},
            {"type": "text", "text": "Calling."},
            {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"case": 7}}]},
        {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "found"}]},
            {"type": "text", "text": "Thanks"}]},
    ],
}


def test_anthropic_request_to_chat() -> None:
    chat = to_chat(ANTHROPIC_REQUEST)
    assert chat["messages"] == [
        {"role": "system", "content": "Be brief.\nBe kind."},
        {"role": "user", "content": [{"type": "text", "text": "Look at this"},
                                     {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                                     {"type": "text", "text": "plain note"}]},
        {"role": "assistant", "content": "Calling.", "tool_calls": [
            {"id": "toolu_1", "type": "function", "function": {"name": "lookup", "arguments": '{"case": 7}'}}]},
        {"role": "tool", "tool_call_id": "toolu_1", "content": "found"},
        {"role": "user", "content": [{"type": "text", "text": "Thanks"}]},
    ]
    assert chat["tools"] == [{"type": "function", "function": {"name": "lookup", "description": "Find a case",
                                                               "parameters": {"type": "object"}}}]
    assert (chat["tool_choice"], chat["parallel_tool_calls"]) == ("required", False)
    assert (chat["stop"], chat["user"], chat["max_tokens"], chat["temperature"]) == (["END"], "u-1", 64, 0.1)
    assert chat["stream_options"] == {"include_usage": True} and "top_k" not in chat


def test_chat_completion_to_anthropic_message() -> None:
    completion = {"model": "gpt-x", "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
        "role": "assistant", "content": "Let me look.", "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": '{"case": 7}'}}]}}],
        "usage": {"prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13}}
    message = from_chat(completion)
    assert message["content"] == [{"type": "text", "text": "Let me look."},
                                  {"type": "tool_use", "id": "call_1", "name": "lookup", "input": {"case": 7}}]
    assert (message["stop_reason"], message["usage"]) == ("tool_use", {"input_tokens": 9, "output_tokens": 4})
    assert message["type"] == "message" and message["id"].startswith("msg_")


def test_chat_stream_to_anthropic_events() -> None:
    converter = ChatToMessagesStream()
    chunks = [{"model": "gpt-x", "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hi"}}]},
              {"choices": [{"index": 0, "delta": {"tool_calls": [
                  {"index": 0, "id": "call_1", "function": {"name": "lookup", "arguments": '{"ca'}}]}}]},
              {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": 'se": 7}'}}]},
                            "finish_reason": "tool_calls"}]},
              {"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2}}]
    events = [e for c in chunks for e in converter.feed(c)] + converter.finish()
    assert [e["type"] for e in events] == [
        "message_start", "content_block_start", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop"]
    assert events[4]["content_block"] == {"type": "tool_use", "id": "call_1", "name": "lookup", "input": {}}
    assert "".join(e["delta"].get("partial_json", "") for e in events[5:7]) == '{"case": 7}'
    assert events[-2]["delta"]["stop_reason"] == "tool_use"
    assert events[-2]["usage"] == {"input_tokens": 3, "output_tokens": 2}


def test_openai_error_to_anthropic_error() -> None:
    assert error_from_openai(429, {"error": {"message": "slow"}}) == {
        "type": "error", "error": {"type": "rate_limit_error", "message": "slow"}}
    assert error_from_openai(500, "<html>")["error"]["type"] == "api_error"


def _pseudonymiser() -> tuple[Pseudonymiser, str]:
    p = Pseudonymiser()
    text = "Ring Ada Quill now"
    start = text.index("Ada Quill")
    out = p.pseudonymise(text, [Finding("PERSON", start, start + 9, 0.9, "t")])
    return p, out[5:out.index(" now")]


def test_stream_restorer_flushes_each_block_before_it_stops() -> None:
    p, placeholder = _pseudonymiser()
    restorer = MessagesStreamRestorer(p)
    args = json.dumps({"who": placeholder})
    events = [{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Dear "}},
              {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": placeholder[:4]}},
              {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": placeholder[4:]}},
              {"type": "content_block_stop", "index": 0},
              {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta",
                                                                    "partial_json": args[:12]}},
              {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta",
                                                                    "partial_json": args[12:]}},
              {"type": "content_block_stop", "index": 1}]
    out = [e for event in events for e in restorer.process(event)] + restorer.finish()
    text = "".join(e["delta"].get("text", "") for e in out if e["type"] == "content_block_delta" and e["index"] == 0)
    assert text == "Dear Ada Quill"
    stops = [i for i, e in enumerate(out) if e["type"] == "content_block_stop"]
    assert all(e["index"] == 0 for e in out[:stops[0]])
    partial = "".join(e["delta"].get("partial_json", "") for e in out if e.get("index") == 1 and "delta" in e)
    assert partial == json.dumps({"who": "Ada Quill"})


def test_restore_whole_message_and_notice_block() -> None:
    p, placeholder = _pseudonymiser()
    message = {"content": [{"type": "text", "text": f"Dear {placeholder}"},
                           {"type": "tool_use", "id": "t", "name": "n", "input": {"who": [placeholder]}}]}
    restored = DIALECT.restore(message, p)
    assert restored["content"][0]["text"] == "Dear Ada Quill"
    assert restored["content"][1]["input"] == {"who": ["Ada Quill"]}
    assert DIALECT.with_notice(restored, "AI")["content"][-1] == {"type": "text", "text": "AI"}
    notice = NoticeFilter("AI")
    out = notice.process({"type": "content_block_start", "index": 0, "content_block": {"type": "text"}})
    out += notice.process({"type": "message_delta", "delta": {"stop_reason": "end_turn"}})
    assert [e["type"] for e in out] == ["content_block_start", "content_block_start", "content_block_delta",
                                        "content_block_stop", "message_delta"]
    assert out[1]["index"] == 1 and out[2]["delta"]["text"] == "AI"


def test_error_shapes() -> None:
    exc = PolicyRefusal("No.", code="secrets_blocked", policy_clause="10.3")
    assert DIALECT.error_body(exc, "req_1") == {"type": "error", "request_id": "req_1", "error": {
        "type": "permission_error", "message": "No.", "code": "secrets_blocked", "policy_clause": "10.3"}}
    frame = DIALECT.stream_error(exc, "req_1")
    assert frame.startswith(b"event: error\ndata: {") and frame.endswith(b"\n\n")


def test_anthropic_request_fields() -> None:
    body = {"model": "claude-x", "max_tokens": 5, "system": "sys", "metadata": {"user_id": "u-7"},
            "stop_sequences": ["Yours"], "tools": [{"name": "lookup", "description": "Find a case",
                                                     "input_schema": {"type": "object", "properties": {
                                                         "id": {"type": "string", "description": "case id"}}}}],
            "messages": [
                {"role": "user", "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}},
                    {"type": "document", "title": "t", "source": {"type": "text", "media_type": "text/plain",
                                                                   "data": "doc text"}},
                    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf",
                                                    "data": "JVBERi0xLjc="}}]},
                {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "reason", "signature": "c2ln"},
                    {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"type": "x", "id": "A1"}}]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "res"}]}]}
    fields = DIALECT.fields(body)
    texts = {f.path: f.text for f in fields.texts}
    assert texts == {
        ("system",): "sys", ("metadata", "user_id"): "u-7", ("stop_sequences", 0): "Yours",
        ("tools", 0, "description"): "Find a case",
        ("tools", 0, "input_schema", "properties", "id", "description"): "case id",
        ("messages", 0, "content", 1, "title"): "t", ("messages", 0, "content", 1, "source", "data"): "doc text",
        ("messages", 1, "content", 0, "thinking"): "reason",
        ("messages", 1, "content", 1, "input", "type"): "x", ("messages", 1, "content", 1, "input", "id"): "A1",
        ("messages", 2, "content", 0, "content"): "res",
    }
    assert [(o.path, o.kind) for o in fields.opaque] == [(("messages", 0, "content", 2, "source", "data"),
                                                          "binary_file")]
