#!/usr/bin/env python3
"""A fast mock OpenAI upstream for benchmarking Steward (not a test fixture, not a product).

It must never be the bottleneck, so it is a bare asyncio `Protocol` with the httptools HTTP/1.1
parser on uvloop (no framework, no per-request task for plain responses). Routes:

  POST /v1/chat/completions   non-streaming JSON (with usage), or SSE when "stream": true
                              (`data: {chunk}\\n\\n` ... `data: [DONE]\\n\\n`, chunked transfer encoding;
                              honours `stream_options.include_usage` with a final usage chunk whose
                              `choices` is empty, as OpenAI does)
  POST /v1/embeddings         float lists, or base64 when `encoding_format: "base64"` (the openai SDK
                              asks for base64 by default)
  GET  /v1/models             the models given with --models
  GET  /__bench/stats         request counters and the last chat body received (to check that the
                              gateway forwarded what it should, e.g. a redacted prompt in --scan runs)

Usage:
  python bench/mock_upstream.py --port 9101 --chunks 16 --chunk-delay-ms 0
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import signal
import struct
import sys
import time
from collections import deque
from typing import Any

import httptools

try:
    import orjson

    def dumps(obj: Any) -> bytes:
        return orjson.dumps(obj)

    loads = orjson.loads
except ImportError:  # pragma: no cover - orjson is a project dependency
    import json

    def dumps(obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode()

    loads = json.loads


COMPLETION_TEXT = (
    "Thank you for your enquiry. The council will review the information you have provided and "
    "respond within ten working days. If your circumstances change in the meantime, please let us "
    "know by replying to this message or calling the customer contact centre."
)
STATUS_TEXT = {200: b"OK", 400: b"Bad Request", 404: b"Not Found", 405: b"Method Not Allowed"}
_ids = itertools.count(1)


class Settings:
    chunks: int = 16
    chunk_delay: float = 0.0
    first_chunk_delay: float = 0.0
    models: list[str] = []
    models_body: bytes = b""
    emb_floats: bytes = b""
    emb_b64: bytes = b""
    words: list[str] = []


S = Settings()
STATS: dict[str, Any] = {"chat": 0, "chat_stream": 0, "embeddings": 0, "models": 0, "other": 0}
LAST_CHAT_BODY: list[bytes] = [b""]


def configure(args: argparse.Namespace) -> None:
    S.chunks = max(1, args.chunks)
    S.chunk_delay = max(0.0, args.chunk_delay_ms / 1000.0)
    S.first_chunk_delay = max(0.0, args.first_chunk_delay_ms / 1000.0)
    S.models = args.models
    S.models_body = dumps(
        {
            "object": "list",
            "data": [{"id": m, "object": "model", "created": 1715367049, "owned_by": "system"} for m in S.models],
        }
    )
    # A deterministic, plausible-looking unit-ish vector.
    dims = args.embedding_dims
    vec = [((i * 2654435761) % 2000 - 1000) / 31622.0 for i in range(dims)]
    S.emb_floats = dumps(vec)
    S.emb_b64 = dumps(base64.b64encode(struct.pack(f"<{dims}f", *vec)).decode())
    # Split the answer into `chunks` roughly equal content deltas.
    words = (getattr(args, "answer", "") or COMPLETION_TEXT).split(" ")
    n = S.chunks
    per = max(1, -(-len(words) // n))
    parts = [" ".join(words[i : i + per]) for i in range(0, len(words), per)]
    parts = [(" " + p if i else p) for i, p in enumerate(parts)]
    while len(parts) < n:  # more chunks than words: pad with single-space-free tokens
        parts.append(".")
    S.words = parts[:n]


def _head(status: int, ctype: bytes, length: int | None, keep_alive: bool, extra: bytes = b"") -> bytes:
    lines = [b"HTTP/1.1 %d %s\r\ncontent-type: %s\r\n" % (status, STATUS_TEXT.get(status, b"OK"), ctype)]
    if length is None:
        lines.append(b"transfer-encoding: chunked\r\ncache-control: no-cache\r\n")
    else:
        lines.append(b"content-length: %d\r\n" % length)
    if not keep_alive:
        lines.append(b"connection: close\r\n")
    lines.append(extra)
    lines.append(b"\r\n")
    return b"".join(lines)


def _error_body(status: int, message: str) -> bytes:
    return dumps({"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}})


def _prompt_tokens(body: bytes) -> int:
    return max(1, len(body) // 4)


def chat_completion(req: dict[str, Any], body: bytes) -> bytes:
    model = req.get("model") or "gpt-4o-mini"
    prompt_tokens = _prompt_tokens(body)
    completion_tokens = len(COMPLETION_TEXT) // 4
    return dumps(
        {
            "id": f"chatcmpl-mock{next(_ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": "fp_mock",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": COMPLETION_TEXT, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
            },
        }
    )


def stream_events(req: dict[str, Any], body: bytes) -> list[bytes]:
    """All SSE events of one streamed completion, already framed as HTTP chunks."""
    model = req.get("model") or "gpt-4o-mini"
    opts = req.get("stream_options") or {}
    include_usage = bool(isinstance(opts, dict) and opts.get("include_usage"))
    base = {
        "id": f"chatcmpl-mock{next(_ids)}",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_mock",
    }
    extra = {"usage": None} if include_usage else {}

    def event(choices: list[dict[str, Any]], **more: Any) -> bytes:
        return b"data: " + dumps({**base, "choices": choices, **extra, **more}) + b"\n\n"

    events = [
        event(
            [
                {
                    "index": 0,
                    "delta": {"role": "assistant", "content": "", "refusal": None},
                    "logprobs": None,
                    "finish_reason": None,
                }
            ]
        )
    ]
    for part in S.words:
        events.append(event([{"index": 0, "delta": {"content": part}, "logprobs": None, "finish_reason": None}]))
    events.append(event([{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]))
    if include_usage:
        pt = _prompt_tokens(body)
        ct = len(COMPLETION_TEXT) // 4
        events.append(
            b"data: "
            + dumps(
                {
                    **base,
                    "choices": [],
                    "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct},
                }
            )
            + b"\n\n"
        )
    events.append(b"data: [DONE]\n\n")
    return [b"%x\r\n%s\r\n" % (len(e), e) for e in events] + [b"0\r\n\r\n"]


def embeddings(req: dict[str, Any]) -> bytes:
    inp = req.get("input")
    n = len(inp) if isinstance(inp, list) and inp and not isinstance(inp[0], int) else 1
    vec = S.emb_b64 if req.get("encoding_format") == "base64" else S.emb_floats
    data = b",".join(b'{"object":"embedding","index":%d,"embedding":%s}' % (i, vec) for i in range(n))
    tokens = 8 * n
    model = dumps(req.get("model") or "text-embedding-3-small")
    return (
        b'{"object":"list","data":['
        + data
        + b'],"model":'
        + model
        + b',"usage":{"prompt_tokens":%d,"total_tokens":%d}}' % (tokens, tokens)
    )


class Conn(asyncio.Protocol):
    __slots__ = ("t", "parser", "url", "body", "busy", "pending", "loop", "timer")

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.t: asyncio.Transport | None = None
        self.parser = httptools.HttpRequestParser(self)
        self.url = b""
        self.body: list[bytes] = []
        self.busy = False
        self.pending: deque[tuple[bytes, bytes, bytes, bool]] = deque()
        self.timer: asyncio.TimerHandle | None = None

    # --- asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.t = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.t = None

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            if self.t is not None:
                body = _error_body(400, "malformed HTTP request")
                self.t.write(_head(400, b"application/json", len(body), False) + body)
                self.t.close()

    # --- httptools callbacks
    def on_message_begin(self) -> None:
        self.url = b""
        self.body = []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        req = (self.parser.get_method(), self.url, b"".join(self.body), self.parser.should_keep_alive())
        if self.busy:
            self.pending.append(req)
        else:
            self.handle(*req)

    # --- routing
    def send(self, status: int, body: bytes, keep_alive: bool, ctype: bytes = b"application/json") -> None:
        t = self.t
        if t is None:
            return
        t.write(_head(status, ctype, len(body), keep_alive) + body)
        if not keep_alive:
            t.close()

    def handle(self, method: bytes, url: bytes, body: bytes, keep_alive: bool) -> None:
        path = url.split(b"?", 1)[0]
        if path.startswith(b"/v1/") is False and path.startswith(b"/__bench/") is False:
            STATS["other"] += 1
            self.send(404, _error_body(404, "not found"), keep_alive)
            return
        if path == b"/v1/chat/completions":
            if method != b"POST":
                self.send(405, _error_body(405, "use POST"), keep_alive)
                return
            try:
                req = loads(body)
                if not isinstance(req, dict):
                    raise ValueError
            except ValueError:
                self.send(400, _error_body(400, "body is not a JSON object"), keep_alive)
                return
            LAST_CHAT_BODY[0] = body
            if req.get("stream"):
                STATS["chat_stream"] += 1
                self.start_stream(stream_events(req, body), keep_alive)
            else:
                STATS["chat"] += 1
                self.send(200, chat_completion(req, body), keep_alive)
        elif path == b"/v1/embeddings" and method == b"POST":
            try:
                req = loads(body)
                if not isinstance(req, dict):
                    raise ValueError
            except ValueError:
                self.send(400, _error_body(400, "body is not a JSON object"), keep_alive)
                return
            STATS["embeddings"] += 1
            self.send(200, embeddings(req), keep_alive)
        elif path == b"/v1/models" and method == b"GET":
            STATS["models"] += 1
            self.send(200, S.models_body, keep_alive)
        elif path == b"/__bench/stats":
            self.send(
                200,
                dumps({**STATS, "last_chat_body": LAST_CHAT_BODY[0].decode("utf-8", "replace")}),
                keep_alive,
            )
        else:
            STATS["other"] += 1
            self.send(404, _error_body(404, f"no route {method.decode()} {path.decode()}"), keep_alive)

    # --- streaming: timers, no task per request
    def start_stream(self, events: list[bytes], keep_alive: bool) -> None:
        t = self.t
        if t is None:
            return
        head = _head(200, b"text/event-stream; charset=utf-8", None, keep_alive)
        if S.chunk_delay == 0 and S.first_chunk_delay == 0:
            t.write(head + b"".join(events))
            self.finish_stream(keep_alive)
            return
        self.busy = True
        # events[0] is the role chunk: send it with the headers (like OpenAI), then content at intervals.
        t.write(head + events[0])
        self.timer = self.loop.call_later(S.first_chunk_delay, self.stream_step, events, 1, keep_alive)

    def stream_step(self, events: list[bytes], i: int, keep_alive: bool) -> None:
        self.timer = None
        t = self.t
        if t is None or t.is_closing():
            return
        n_content = len(S.words)  # content events are events[1..n_content]
        t.write(events[i])
        if i < n_content:
            self.timer = self.loop.call_later(S.chunk_delay, self.stream_step, events, i + 1, keep_alive)
            return
        i += 1
        # finish, usage, [DONE] and the terminating chunk together
        t.write(b"".join(events[i:]))
        self.busy = False
        self.finish_stream(keep_alive)

    def finish_stream(self, keep_alive: bool) -> None:
        if not keep_alive:
            if self.t is not None:
                self.t.close()
            return
        while self.pending and not self.busy:
            self.handle(*self.pending.popleft())


async def serve(args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Conn, args.host, args.port, backlog=2048, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    sys.stderr.write(
        f"mock upstream on http://{args.host}:{args.port}/v1 (chunks={S.chunks}, "
        f"chunk_delay_ms={args.chunk_delay_ms}, loop={type(loop).__module__})\n"
    )
    sys.stderr.flush()
    await stop.wait()
    server.close()
    await server.wait_closed()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9101)
    p.add_argument("--chunks", type=int, default=16, help="content chunks per streamed completion")
    p.add_argument("--chunk-delay-ms", type=float, default=0.0, help="delay between content chunks")
    p.add_argument(
        "--first-chunk-delay-ms",
        type=float,
        default=0.0,
        help="delay before the first content chunk (simulated model time-to-first-token)",
    )
    p.add_argument("--models", nargs="+", default=["gpt-4o-mini", "text-embedding-3-small"])
    p.add_argument("--embedding-dims", type=int, default=1536)
    p.add_argument("--answer", default="", help="the streamed answer's text (default: a short council reply)")
    args = p.parse_args(argv)
    configure(args)
    try:
        import uvloop

        uvloop.run(serve(args))
    except ImportError:  # pragma: no cover
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
