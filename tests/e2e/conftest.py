"""Real-socket fixtures: the gateway under uvicorn in a thread, and a mock OpenAI upstream in another.

    gateway            session-wide gateway (demo tool + `mock` tools pointing at the mock upstream)
    upstream           the mock upstream: records what the provider received, misbehaves on request
    start_gateway(...) context manager for an extra gateway with its own YAML / data folder

The mock upstream picks its behaviour from the model name it receives, so each failure mode is one
model of an `openai_compatible` tool:

    mock-chat   a well-behaved provider (JSON and SSE with a `: keep-alive` comment; embeddings; responses)
    mock-error  HTTP 500 with an OpenAI-shaped error body
    mock-html-error  HTTP 503 with an HTML body (not OpenAI-shaped)
    mock-split  an SSE stream with CRLF line endings written in 5-byte pieces (UTF-8 split mid-character)
    mock-drop   starts an SSE stream, sends two chunks, then drops the TCP connection
    mock-reset  the same, but the connection is reset (TCP RST)
    mock-slow   an SSE stream that trickles a chunk every 50 ms for up to 20 s (client-disconnect tests)
    mock-stall  accepts the request and never answers (served by a tool with `timeout_s: 1`)
    mock-stall-long  the same behind a tool with `timeout_s: 15` (client gives up before the first byte)

plus `unreachable-model`, whose tool points at a port nobody listens on.

Callers are YAML-declared keys (by digest): ALICE may use every tool (one of them paused), BOB's role has
no tools. Audit rows are read on the server's own event loop (`gateway.record(request_id)`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import pytest
import uvicorn

from audit.reader import get_record, list_records
from config.loader import parse_config
from config.settings import Settings
from proxy.app import create_app

T = TypeVar("T")

ALICE_KEY = "stw_e2ealice_" + "a" * 40
BOB_KEY = "stw_e2ebob_" + "b" * 40
PROVIDER_KEY_ENV = "STEWARD_E2E_PROVIDER_KEY"
PROVIDER_KEY = "sk-e2e-provider-secret-0123456789"
UPSTREAM_ERROR_MESSAGE = "The mock upstream exploded (e2e)."
PAUSE_REASON = "under DPIA review"
SPLIT_TEXT = "café – naïve 😀 “quoted” 日本語"
SLOW_CHUNKS = 400
SLOW_INTERVAL_S = 0.05


def digest(key: str) -> str:
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


# --------------------------------------------------------------------------------------------------
# Mock upstream
# --------------------------------------------------------------------------------------------------


@dataclass
class UpstreamCall:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    chunks_sent: int = 0
    completed: bool = False  # the whole answer was written
    closed_by_peer: threading.Event = field(default_factory=threading.Event)
    closed_at: float | None = None

    @property
    def model(self) -> str | None:
        return self.body.get("model")


class MockUpstream:
    def __init__(self) -> None:
        self.calls: list[UpstreamCall] = []
        self.lock = threading.Lock()
        self.release = threading.Event()  # frees stalled handlers at teardown
        upstream = self

        class Handler(_Handler):
            mock = upstream

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="mock-upstream", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def record(self, call: UpstreamCall) -> None:
        with self.lock:
            self.calls.append(call)

    def find(self, marker: str) -> list[UpstreamCall]:
        """Calls whose JSON body contains `marker` anywhere (tests put a unique nonce in the prompt)."""
        with self.lock:
            return [c for c in self.calls if marker in json.dumps(c.body)]

    def wait_for(self, marker: str, timeout: float = 5.0) -> UpstreamCall:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.find(marker)
            if found:
                return found[-1]
            time.sleep(0.01)
        raise AssertionError(f"the mock upstream never received a request containing {marker!r}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mock: MockUpstream

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {"_unparsable": raw.decode("utf-8", "replace")}
        call = UpstreamCall(path=self.path, headers={k.lower(): v for k, v in self.headers.items()}, body=body)
        self.mock.record(call)
        model = str(body.get("model", ""))
        stream = body.get("stream") is True
        try:
            if model == "mock-html-error":
                self._raw(503, b"<html><body>Service Unavailable</body></html>", "text/html")
            elif model == "mock-error":
                self._json(500, {"error": {"message": UPSTREAM_ERROR_MESSAGE, "type": "server_error",
                                           "param": None, "code": "mock_boom"}})
            elif model.startswith("mock-stall"):
                if self._stall(call):
                    self._json(200, _chat(body, "too late"))
            elif self.path.endswith("/embeddings"):
                self._json(200, _embeddings(body))
            elif self.path.endswith("/responses"):
                self._json(200, _response(body))
            elif model == "mock-drop" and stream:
                self._drop(call, body)
            elif model == "mock-reset" and stream:
                self._drop(call, body, reset=True)
            elif model == "mock-split" and stream:
                self._split(call, body)
            elif model == "mock-slow" and stream:
                self._slow(call, body)
            elif stream:
                self._stream(call, body)
            else:
                self._json(200, _chat(body, _echo(body)))
            call.completed = not call.closed_by_peer.is_set()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self._peer_closed(call)

    # -- responses -------------------------------------------------------------------------------

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("openai-processing-ms", "7")
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _start_sse(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("cache-control", "no-cache")
        self.end_headers()
        self.wfile.flush()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _end_chunks(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _stream(self, call: UpstreamCall, body: dict[str, Any]) -> None:
        self._start_sse()
        for frame in _chat_frames(body, _echo(body), comment=True):
            self._chunk(frame)
            call.chunks_sent += 1
        self._end_chunks()

    def _split(self, call: UpstreamCall, body: dict[str, Any]) -> None:
        """CRLF line endings, and every frame written in 5-byte pieces (splitting UTF-8 characters)."""
        self._start_sse()
        data = b"".join(_chat_frames(body, SPLIT_TEXT, comment=True)).replace(b"\n", b"\r\n")
        for i in range(0, len(data), 5):
            self._chunk(data[i:i + 5])
            call.chunks_sent += 1
            if i % 50 == 0:
                time.sleep(0.001)
        self._end_chunks()

    def _drop(self, call: UpstreamCall, body: dict[str, Any], reset: bool = False) -> None:
        self._start_sse()
        for frame in _chat_frames(body, "this answer will be cut off mid-way")[:2]:
            self._chunk(frame)
            call.chunks_sent += 1
        time.sleep(0.05)
        self.close_connection = True
        if reset:  # SO_LINGER 0: close sends a TCP RST instead of a FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        self.connection.close()

    def _slow(self, call: UpstreamCall, body: dict[str, Any]) -> None:
        self._start_sse()
        base = _chunk_base(body)
        self._chunk(_sse({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                               "finish_reason": None}]}))
        for i in range(SLOW_CHUNKS):
            if self._peer_gone():
                self._peer_closed(call)
                return
            self._chunk(_sse({**base, "choices": [{"index": 0, "delta": {"content": f"w{i} "},
                                                   "finish_reason": None}]}))
            call.chunks_sent += 1
            time.sleep(SLOW_INTERVAL_S)
        self._chunk(b"data: [DONE]\n\n")
        self._end_chunks()

    def _stall(self, call: UpstreamCall) -> bool:
        """Answer nothing until released (teardown); notice the gateway hanging up. False: it did."""
        deadline = time.monotonic() + 30
        while not self.mock.release.wait(0.02) and time.monotonic() < deadline:
            if self._peer_gone():
                self._peer_closed(call)
                return False
        return True

    def _peer_gone(self) -> bool:
        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _peer_closed(self, call: UpstreamCall) -> None:
        self.close_connection = True
        if call.closed_at is None:
            call.closed_at = time.monotonic()
        call.closed_by_peer.set()


def _text_of(content: Any) -> str:
    if isinstance(content, list):
        return " ".join(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return content if isinstance(content, str) else ""


def _echo(body: dict[str, Any]) -> str:
    messages = body.get("messages") or [{}]
    last = messages[-1] if isinstance(messages[-1], dict) else {}
    return "mock says: " + _text_of(last.get("content"))


def _usage(text: str) -> dict[str, int]:
    return {"prompt_tokens": 11, "completion_tokens": len(text.split()), "total_tokens": 11 + len(text.split())}


def _chat(body: dict[str, Any], text: str) -> dict[str, Any]:
    return {"id": "chatcmpl-mock", "object": "chat.completion", "created": 1700000000,
            "model": str(body.get("model")) + "-2026-01-01",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text, "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": _usage(text)}


def _chunk_base(body: dict[str, Any]) -> dict[str, Any]:
    return {"id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 1700000000,
            "model": str(body.get("model")) + "-2026-01-01"}


def _sse(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _chat_frames(body: dict[str, Any], text: str, comment: bool = False) -> list[bytes]:
    base = _chunk_base(body)
    frames = [_sse({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                         "logprobs": None, "finish_reason": None}]})]
    if comment:
        frames.append(b": keep-alive\n\n")
    for word in text.split(" "):
        frames.append(_sse({**base, "choices": [{"index": 0, "delta": {"content": word + " "},
                                                 "logprobs": None, "finish_reason": None}]}))
    frames.append(_sse({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]}))
    if (body.get("stream_options") or {}).get("include_usage"):
        frames.append(_sse({**base, "choices": [], "usage": _usage(text)}))
    frames.append(b"data: [DONE]\n\n")
    return frames


def _embeddings(body: dict[str, Any]) -> dict[str, Any]:
    import base64
    import struct

    vec = [0.25, -0.5, 0.75, 1.0]
    value: Any = vec
    if body.get("encoding_format") == "base64":
        value = base64.b64encode(struct.pack("<4f", *vec)).decode()
    return {"object": "list", "model": body.get("model"), "usage": {"prompt_tokens": 3, "total_tokens": 3},
            "data": [{"object": "embedding", "index": 0, "embedding": value}]}


def _response(body: dict[str, Any]) -> dict[str, Any]:
    text = "mock response: " + str(body.get("input"))
    return {"id": "resp_mock", "object": "response", "created_at": 1700000000, "status": "completed",
            "model": body.get("model"), "output": [
                {"type": "message", "id": "msg_mock", "status": "completed", "role": "assistant",
                 "content": [{"type": "output_text", "text": text, "annotations": []}]}],
            "parallel_tool_calls": True, "tool_choice": "auto", "tools": [], "error": None,
            "incomplete_details": None, "metadata": {},
            "usage": {"input_tokens": 5, "output_tokens": 4, "total_tokens": 9}}


# --------------------------------------------------------------------------------------------------
# Gateway under uvicorn in a thread
# --------------------------------------------------------------------------------------------------


def closed_port() -> int:
    """A local port with nothing listening on it (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gateway_yaml(upstream_url: str, extra_gateway: str = "") -> str:
    dead_port = closed_port()
    return f"""\
version: 1
gateway:
  key_cache_ttl_s: 0
{extra_gateway}
tools:
  - id: demo
    name: Steward demo model
    provider: demo
    models: [steward-demo]
    category: internal
  - id: mock
    name: Mock OpenAI-compatible upstream
    provider: openai_compatible
    base_url: {upstream_url}
    api_key_env: {PROVIDER_KEY_ENV}
    models: [mock-chat, mock-error, mock-html-error, mock-drop, mock-reset, mock-slow, mock-split, mock-embed]
    category: open-source-internal
    timeout_s: 10
  - id: mock-stall
    name: Mock upstream that never answers
    provider: openai_compatible
    base_url: {upstream_url}
    api_key_env: {PROVIDER_KEY_ENV}
    models: [mock-stall]
    category: open-source-internal
    timeout_s: 1
  - id: mock-stall-long
    name: Mock upstream that thinks for a long time before its first byte
    provider: openai_compatible
    base_url: {upstream_url}
    api_key_env: {PROVIDER_KEY_ENV}
    models: [mock-stall-long]
    category: open-source-internal
    timeout_s: 15
  - id: unreachable
    name: A provider nobody listens for
    provider: openai_compatible
    base_url: http://127.0.0.1:{dead_port}/v1
    api_key_env: {PROVIDER_KEY_ENV}
    models: [unreachable-model]
    category: open-source-internal
    connect_timeout_s: 2
  - id: paused
    name: A paused tool
    provider: openai_compatible
    base_url: {upstream_url}
    api_key_env: {PROVIDER_KEY_ENV}
    models: [paused-model]
    category: public
    status: paused
    status_reason: {PAUSE_REASON}
roles:
  e2e-all:
    tools: [demo, mock, mock-stall, mock-stall-long, unreachable, paused]
  e2e-none:
    tools: []
keys:
  - id: e2e-alice
    digest: "{digest(ALICE_KEY)}"
    user: alice
    name: Alice Example
    roles: [e2e-all]
    department: Digital
  - id: e2e-bob
    digest: "{digest(BOB_KEY)}"
    user: bob
    roles: [e2e-none]
    department: Finance
"""


class RunningGateway:
    def __init__(self, server: uvicorn.Server, thread: threading.Thread, loop: asyncio.AbstractEventLoop) -> None:
        self.server = server
        self.thread = thread
        self.loop = loop
        host, port = server.servers[0].sockets[0].getsockname()[:2]
        self.port = port
        self.url = f"http://{host}:{port}"
        self.base_url = f"{self.url}/v1"
        self.app = server.config.app

    @property
    def gw(self) -> Any:
        return self.app.state.gateway

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        """Run a coroutine on the server's event loop (the engine and writer live there)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def flush(self) -> None:
        async def _flush() -> None:
            async with asyncio.timeout(5):
                await self.app.state.pipeline.output_redaction.settle()
                await self.gw.audit.flush()

        self.run(_flush())

    def record(self, request_id: str | None, until: Callable[[dict[str, Any]], bool] | None = None,
               timeout: float = 5.0) -> dict[str, Any]:
        """The audit row of `request_id`, polling (flush + read) until it exists and `until` holds."""
        assert request_id, "the response carried no x-request-id"
        deadline = time.monotonic() + timeout
        row: dict[str, Any] | None = None
        while True:
            self.flush()
            row = self.run(get_record(self.gw.engine, request_id))
            if row is not None and (until is None or until(row)):
                return row
            if time.monotonic() > deadline:
                raise AssertionError(f"no audit row for {request_id} satisfying the condition; last: {row}")
            time.sleep(0.02)

    def records(self, limit: int = 1000) -> list[dict[str, Any]]:
        self.flush()
        return self.run(list_records(self.gw.engine, limit))


@contextlib.contextmanager
def serve_app(app: Any, startup_timeout: float = 20.0) -> Iterator[RunningGateway]:
    """Run an ASGI app under uvicorn on 127.0.0.1:<free port> in a background thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="on",
                            loop="asyncio", http="httptools", timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    loops: list[asyncio.AbstractEventLoop] = []

    def run() -> None:
        loop = asyncio.new_event_loop()
        loops.append(loop)
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(server.serve())
        except SystemExit:
            pass  # lifespan start-up failed; reported below
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=run, name="steward-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the gateway failed to start (see the captured log)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the gateway did not start in time")
        time.sleep(0.01)
    running = RunningGateway(server, thread, loops[0])
    try:
        yield running
    finally:
        server.should_exit = True
        thread.join(15)


@contextlib.contextmanager
def start_gateway(yaml_text: str, data_dir: Path) -> Iterator[RunningGateway]:
    app = create_app(Settings(data_dir=data_dir), parse_config(yaml_text, "test.yaml"))
    with serve_app(app) as running:
        yield running


@pytest.fixture(scope="session")
def provider_key_env() -> Iterator[str]:
    """The provider key lives in the environment (the tool names it by `api_key_env`)."""
    previous = os.environ.get(PROVIDER_KEY_ENV)
    os.environ[PROVIDER_KEY_ENV] = PROVIDER_KEY
    yield PROVIDER_KEY
    if previous is None:
        os.environ.pop(PROVIDER_KEY_ENV, None)
    else:
        os.environ[PROVIDER_KEY_ENV] = previous


@pytest.fixture(scope="session")
def upstream() -> Iterator[MockUpstream]:
    mock = MockUpstream()
    mock.start()
    yield mock
    mock.stop()


@pytest.fixture(scope="session")
def gateway(upstream: MockUpstream, provider_key_env: str,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGateway]:
    data_dir = tmp_path_factory.mktemp("gateway-data")
    with start_gateway(gateway_yaml(upstream.base_url), data_dir) as running:
        yield running


@pytest.fixture
def nonce() -> str:
    """A unique marker to put in a prompt, so a test can find its own request at the mock upstream."""
    return "nonce-" + os.urandom(6).hex()
