"""The official `anthropic` Python SDK against a real gateway socket, unmodified: `base_url` at Steward, a Steward
key in `x-api-key` (or `Authorization`).

Two providers: a mock Anthropic server (native: `provider: anthropic`, a real HTTP server on loopback that
splits every text and JSON delta into 3-character pieces, so placeholders arrive split across events) and
the built-in demo model (OpenAI-shaped, reached by translation). The use case pseudonymises personal data,
so every answer that quotes the prompt must come back with the caller's own values restored.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import anthropic
import pytest

from tests.e2e.conftest import RunningGateway, digest, start_gateway

KEY = "stw_anthropicsdk_" + "c" * 40
PROVIDER_KEY_ENV = "STEWARD_E2E_ANTHROPIC_KEY"
PROVIDER_KEY = "sk-ant-e2e-provider-0123456789"
NAME = "David Okafor"
NHS = "943 476 5919"
PIECE = 3


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class MockAnthropic:
    calls: list[Received] = field(default_factory=list)
    closed: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"


def _last_user_text(body: dict[str, Any]) -> tuple[str, bool]:
    """(text of the last user message, whether it was a tool result)."""
    content = body["messages"][-1]["content"]
    if isinstance(content, str):
        return content, False
    for block in content:
        if block["type"] == "tool_result":
            inner = block["content"]
            return (inner if isinstance(inner, str) else " ".join(b["text"] for b in inner)), True
    return " ".join(b.get("text", "") for b in content), False


def _answer(body: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    said, from_tool = _last_user_text(body)
    if body.get("tools") and not from_tool:
        tool = body["tools"][0]["name"]
        return [{"type": "tool_use", "id": "toolu_01", "name": tool, "input": {"who": said, "n": 2}}], "tool_use"
    return [{"type": "text", "text": ("Tool said: " if from_tool else "You said: ") + said}], "end_turn"


def _pieces(text: str) -> list[str]:
    return [text[i:i + PIECE] for i in range(0, len(text), PIECE)]


def _events(body: dict[str, Any], slow: bool) -> Iterator[dict[str, Any]]:
    blocks, stop = _answer(body)
    usage = {"input_tokens": 11, "output_tokens": 1}
    yield {"type": "message_start", "message": {"id": "msg_mock", "type": "message", "role": "assistant",
                                                "model": body["model"], "content": [], "stop_reason": None,
                                                "stop_sequence": None, "usage": usage}}
    yield {"type": "ping"}
    for i, block in enumerate(blocks if not slow else [{"type": "text", "text": "x" * 400}]):
        if block["type"] == "text":
            yield {"type": "content_block_start", "index": i, "content_block": {"type": "text", "text": ""}}
            for piece in _pieces(block["text"]):
                yield {"type": "content_block_delta", "index": i, "delta": {"type": "text_delta", "text": piece}}
        else:
            yield {"type": "content_block_start", "index": i,
                   "content_block": {**block, "input": {}}}
            for piece in _pieces(json.dumps(block["input"])):
                yield {"type": "content_block_delta", "index": i,
                       "delta": {"type": "input_json_delta", "partial_json": piece}}
        yield {"type": "content_block_stop", "index": i}
    yield {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
           "usage": {"output_tokens": 7}}
    yield {"type": "message_stop"}


def _handler(mock: MockAnthropic) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            mock.calls.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            if self.path.endswith("/count_tokens"):
                return self._json(200, {"input_tokens": 42})
            if body["model"] == "claude-refuses":
                return self._json(429, {"type": "error", "error": {"type": "rate_limit_error",
                                                                   "message": "slow down (mock)"}})
            if not body.get("stream"):
                blocks, stop = _answer(body)
                return self._json(200, {"id": "msg_mock", "type": "message", "role": "assistant",
                                        "model": body["model"], "content": blocks, "stop_reason": stop,
                                        "stop_sequence": None, "usage": {"input_tokens": 11, "output_tokens": 7}})
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("transfer-encoding", "chunked")
            self.end_headers()
            slow = body["model"] == "claude-slow"
            try:
                for event in _events(body, slow):
                    data = f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode()
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    self.wfile.flush()
                    if slow:
                        time.sleep(0.05)
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                mock.closed.set()

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _yaml(upstream_url: str) -> str:
    return f"""\
version: 1
gateway:
  key_cache_ttl_s: 0
tools:
  - id: demo
    provider: demo
    models: [steward-demo]
    category: internal
  - id: claude
    name: Mock Anthropic
    provider: anthropic
    base_url: {upstream_url}
    api_key_env: {PROVIDER_KEY_ENV}
    models: [claude-mock, claude-slow, claude-refuses]
    category: enterprise
roles:
  staff:
    tools: [demo, claude]
keys:
  - id: sdk
    digest: "{digest(KEY)}"
    user: carol
    roles: [staff]
default_use_case: letters
use_cases:
  - id: letters
    owner: Head of Digital
    purpose: Letters with residents' details pseudonymised.
    tools: [demo, claude]
    allowed_roles: [staff]
    dpia: {{reference: DPIA-9, approved_on: 2026-01-01}}
    review_by: 2099-01-01
    data_handling: {{personal_data: pseudonymise}}
    audit: {{level: redacted}}
"""


@pytest.fixture(scope="module")
def mock() -> Iterator[MockAnthropic]:
    mock = MockAnthropic()
    mock.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(mock))
    mock.server.daemon_threads = True
    thread = threading.Thread(target=mock.server.serve_forever, daemon=True)
    thread.start()
    yield mock
    mock.server.shutdown()
    mock.server.server_close()


@pytest.fixture(scope="module")
def gateway(mock: MockAnthropic, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGateway]:
    import os

    os.environ[PROVIDER_KEY_ENV] = PROVIDER_KEY
    try:
        with start_gateway(_yaml(mock.base_url), Path(tmp_path_factory.mktemp("anthropic"))) as running:
            yield running
    finally:
        os.environ.pop(PROVIDER_KEY_ENV, None)


@pytest.fixture
def client(gateway: RunningGateway) -> Iterator[anthropic.Anthropic]:
    with anthropic.Anthropic(base_url=gateway.url, api_key=KEY, max_retries=0, timeout=20) as c:
        yield c


PROMPT = f"Please write to Mr {NAME} about NHS number {NHS}."
TOOLS = [{"name": "file_note", "description": "File a note on a resident's case",
          "input_schema": {"type": "object", "properties": {"who": {"type": "string"}}, "required": ["who"]}}]


def _sent_text(mock: MockAnthropic) -> str:
    return json.dumps(mock.calls[-1].body)


def test_create_native_pseudonymised_then_restored(client: anthropic.Anthropic, mock: MockAnthropic,
                                                   gateway: RunningGateway) -> None:
    raw = client.messages.with_raw_response.create(
        model="claude-mock", max_tokens=100,
        system=[{"type": "text", "text": f"You help the caseworker of Mr {NAME}."}],
        messages=[{"role": "user", "content": PROMPT}], extra_headers={"anthropic-beta": "test-beta-1"})
    message = raw.parse()
    assert message.content[0].type == "text"
    assert message.content[0].text == f"You said: {PROMPT}"
    sent = mock.calls[-1]
    assert NAME not in _sent_text(mock) and "5919" not in _sent_text(mock)
    assert "<PERSON_1>" in sent.body["system"][0]["text"]
    assert sent.headers["x-api-key"] == PROVIDER_KEY  # the provider's key, never the caller's
    assert sent.headers["anthropic-version"] and sent.headers["anthropic-beta"] == "test-beta-1"
    row = gateway.record(raw.headers["x-request-id"])
    assert (row["endpoint"], row["decision"], row["tool"]) == ("anthropic.messages", "allowed", "claude")
    assert (row["prompt_tokens"], row["completion_tokens"]) == (11, 7)
    assert NAME not in json.dumps(row, default=str)


def test_stream_helpers_restore_placeholders_split_across_events(client: anthropic.Anthropic,
                                                                 gateway: RunningGateway) -> None:
    with client.messages.stream(model="claude-mock", max_tokens=100,
                                messages=[{"role": "user", "content": PROMPT}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == f"You said: {PROMPT}"
    assert final.content[0].text == text and final.stop_reason == "end_turn"
    assert final.usage.output_tokens == 7


@pytest.mark.parametrize("streamed", [False, True])
def test_tool_use_round_trip(client: anthropic.Anthropic, mock: MockAnthropic, streamed: bool) -> None:
    messages: list[Any] = [{"role": "user", "content": PROMPT}]
    if streamed:
        with client.messages.stream(model="claude-mock", max_tokens=100, tools=TOOLS, messages=messages) as s:
            first = s.get_final_message()
    else:
        first = client.messages.create(model="claude-mock", max_tokens=100, tools=TOOLS, messages=messages)
    call = first.content[0]
    assert call.type == "tool_use" and first.stop_reason == "tool_use"
    assert call.input == {"who": PROMPT, "n": 2}  # restored inside the streamed JSON too
    messages += [{"role": "assistant", "content": [c.model_dump() for c in first.content]},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id,
                                               "content": f"Noted for Mr {NAME}."}]}]
    second = client.messages.create(model="claude-mock", max_tokens=100, tools=TOOLS, messages=messages)
    assert second.content[0].text == f"Tool said: Noted for Mr {NAME}."
    assert NAME not in _sent_text(mock)  # the tool's input and result were pseudonymised again


def test_errors_map_to_the_sdk_exception_classes(gateway: RunningGateway, client: anthropic.Anthropic) -> None:
    with anthropic.Anthropic(base_url=gateway.url, api_key="stw_wrong_" + "x" * 40, max_retries=0) as bad:
        with pytest.raises(anthropic.AuthenticationError):
            bad.messages.create(model="claude-mock", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(anthropic.PermissionDeniedError) as refused:
        client.messages.create(model="claude-mock", max_tokens=10,
                               messages=[{"role": "user", "content": "key AKIAIOSFODNN7EXAMPLE"}])
    error = refused.value.body["error"]  # type: ignore[index]
    assert error["type"] == "permission_error" and error["policy_clause"] == "10.3"
    with pytest.raises(anthropic.NotFoundError):
        client.messages.create(model="claude-unknown", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(anthropic.BadRequestError) as bad_request:
        client.messages.create(model="claude-mock", max_tokens=10, messages=[])
    assert bad_request.value.body["type"] == "error"  # type: ignore[index]
    with pytest.raises(anthropic.RateLimitError):  # the provider's own error, passed through
        client.messages.create(model="claude-refuses", max_tokens=10, messages=[{"role": "user", "content": "hi"}])


def test_authorization_header_works_too(gateway: RunningGateway) -> None:
    with anthropic.Anthropic(base_url=gateway.url, auth_token=KEY, max_retries=0) as c:
        message = c.messages.create(model="claude-mock", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert message.content[0].text == "You said: hi"


def test_cancelled_stream_closes_the_provider_and_is_audited(gateway: RunningGateway, mock: MockAnthropic) -> None:
    mock.closed.clear()
    with anthropic.Anthropic(base_url=gateway.url, api_key=KEY, max_retries=0) as c:
        raw = c.messages.with_raw_response.create(model="claude-slow", max_tokens=10, stream=True,
                                                  messages=[{"role": "user", "content": "go"}])
        stream = raw.parse()
        for n, _ in enumerate(stream):
            if n == 4:
                break
        stream.close()
    assert mock.closed.wait(10)  # the gateway hung up on the provider
    row = gateway.record(raw.headers["x-request-id"], until=lambda r: r["decision"] is not None)
    assert row["decision"] == "cancelled"


def test_demo_model_answers_through_translation(client: anthropic.Anthropic, gateway: RunningGateway) -> None:
    message = client.messages.create(model="steward-demo", max_tokens=50,
                                     messages=[{"role": "user", "content": PROMPT}])
    assert message.type == "message" and message.role == "assistant"
    assert PROMPT in message.content[0].text and message.stop_reason == "end_turn"
    with client.messages.stream(model="steward-demo", max_tokens=50,
                                messages=[{"role": "user", "content": PROMPT}]) as stream:
        text = "".join(stream.text_stream)
    assert PROMPT in text
    tool = client.messages.create(model="steward-demo", max_tokens=50, tools=TOOLS,
                                  messages=[{"role": "user", "content": PROMPT}])
    assert tool.content[0].type == "tool_use" and tool.content[0].input == {"who": PROMPT}


def test_count_tokens_native_and_demo(client: anthropic.Anthropic, mock: MockAnthropic) -> None:
    native = client.messages.count_tokens(model="claude-mock", messages=[{"role": "user", "content": PROMPT}])
    assert native.input_tokens == 42
    assert mock.calls[-1].path.endswith("/v1/messages/count_tokens") and NAME not in _sent_text(mock)
    demo = client.messages.count_tokens(model="steward-demo", messages=[{"role": "user", "content": "one two"}])
    assert demo.input_tokens == 2
