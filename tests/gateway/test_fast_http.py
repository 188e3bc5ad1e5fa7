"""The aiohttp upstream client (proxy/http/fast_http.py) against a tiny real HTTP server on 127.0.0.1:0.

The server is a bare asyncio stream server so each test can script exactly what the "provider" does:
answer, stream chunk by chunk on cue, stall, drop the connection, or watch for the client hanging up.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
import httpx
import pytest

from config.models import Tool
from proxy.endpoints import Endpoint
from proxy.http.errors import UpstreamError, UpstreamTimeout
from proxy.http.fast_http import FastClient, FastResponse, translate
from proxy.stages.upstream import Upstreams

Handler = Callable[["Conn"], Awaitable[None]]


@dataclass
class Conn:
    """One accepted connection; `request()` reads the next request (None once the client closed)."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    async def request(self) -> tuple[str, dict[str, str], bytes] | None:
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        line, *lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in lines if ":" in h)}
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return line, headers, body

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def respond(self, status: int, body: bytes, content_type: str = "application/json",
                      extra: str = "") -> None:
        await self.send(f"HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {len(body)}\r\n"
                        f"{extra}\r\n".encode() + body)

    async def start_chunked(self) -> None:
        await self.send(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")

    async def chunk(self, data: bytes) -> None:
        await self.send(b"%x\r\n%s\r\n" % (len(data), data))

    async def client_closed(self, within: float) -> bool:
        """True if the client hangs up within `within` seconds."""
        try:
            return await asyncio.wait_for(self.reader.read(1), within) == b""
        except (TimeoutError, ConnectionError):
            return False


@dataclass
class Server:
    handler: Handler
    port: int = 0
    connections: int = 0
    requests: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        try:
            await self.handler(Conn(reader, writer))
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            self.tasks.discard(task)


@contextlib.asynccontextmanager
async def serve(handler: Handler) -> AsyncIterator[Server]:
    server = Server(handler)
    listener = await asyncio.start_server(server._accept, "127.0.0.1", 0)
    server.port = listener.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        for task in list(server.tasks):
            task.cancel()
        listener.close()
        await listener.wait_closed()


def tool(base_url: str, **kw: float) -> Tool:
    return Tool.model_validate({"id": "fast", "provider": "openai_compatible", "base_url": base_url, "models": ["m"],
                                "category": "internal", **kw})


@contextlib.asynccontextmanager
async def client(server: Server, **kw: float) -> AsyncIterator[FastClient]:
    fast = FastClient(tool(server.base_url, **kw))
    try:
        yield fast
    finally:
        await fast.aclose()


def json_server(server_requests: list[tuple[str, dict[str, str], bytes]] | None = None,
                **respond: str) -> Handler:
    async def handle(conn: Conn) -> None:
        while (req := await conn.request()) is not None:
            if server_requests is not None:
                server_requests.append(req)
            await conn.respond(200, b'{"ok": true}', extra=respond.get("extra", ""))
    return handle


async def post(fast: FastClient, server: Server, body: bytes = b'{"model": "m"}') -> FastResponse:
    return await fast.post(server.base_url + "/chat/completions", body,
                           {"content-type": "application/json", "authorization": "Bearer k"})


# -- the response wrapper ---------------------------------------------------------------------------------


async def test_json_response_and_keep_alive() -> None:
    seen: list[tuple[str, dict[str, str], bytes]] = []
    async with serve(json_server(seen, extra="OpenAI-Processing-Ms: 7\r\nset-cookie: s=1\r\n")) as server, \
            client(server) as fast:
        for _ in range(3):
            resp = await post(fast, server)
            assert resp.status_code == 200
            assert resp.headers["openai-processing-ms"] == "7"  # case-insensitive
            assert "OPENAI-PROCESSING-MS" in resp.headers and resp.headers.get("x-missing") is None
            assert resp.headers.get("Content-Type") == "application/json"
            assert await resp.aread() == b'{"ok": true}'
            await resp.aclose()
            await resp.aclose()  # idempotent
        assert server.connections == 1  # read fully + closed: the connection went back to the pool
    line, headers, body = seen[-1]
    assert line == "POST /v1/chat/completions HTTP/1.1" and body == b'{"model": "m"}'
    assert headers["authorization"] == "Bearer k" and headers["content-type"] == "application/json"
    assert "cookie" not in headers  # no cookie jar


async def test_compressed_body_is_decoded() -> None:
    raw = json.dumps({"choices": [], "text": "x" * 2000}).encode()

    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.respond(200, gzip.compress(raw), extra="content-encoding: gzip\r\n")

    async with serve(handle) as server, client(server) as fast:
        resp = await post(fast, server)
        assert await resp.aread() == raw
        await resp.aclose()


async def test_streams_chunks_as_they_arrive() -> None:
    go = asyncio.Event()

    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.start_chunked()
        await conn.chunk(b"data: one\n\n")
        await go.wait()  # the second chunk only after the client has seen the first
        await conn.chunk(b"data: two\n\n")
        await conn.send(b"0\r\n\r\n")
        await conn.request()

    async with serve(handle) as server, client(server) as fast:
        resp = await post(fast, server)
        assert resp.status_code == 200 and resp.headers["content-type"] == "text/event-stream"
        received = []
        async for chunk in resp.aiter_bytes():
            received.append(chunk)
            go.set()
        assert b"".join(received) == b"data: one\n\ndata: two\n\n" and received[0] == b"data: one\n\n"
        await resp.aclose()


async def test_closing_mid_stream_closes_the_connection_at_once() -> None:
    hung_up = asyncio.get_running_loop().create_future()

    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.start_chunked()
        await conn.chunk(b"data: one\n\n")
        hung_up.set_result(await conn.client_closed(within=5))

    async with serve(handle) as server, client(server) as fast:
        resp = await post(fast, server)
        async for _ in resp.aiter_bytes():
            break
        await resp.aclose()
        assert await asyncio.wait_for(hung_up, 2) is True
        resp2 = None
        with contextlib.suppress(httpx.HTTPError):  # the next request needs a new connection
            resp2 = await asyncio.wait_for(post(fast, server), 2)
        assert server.connections == 2
        if resp2 is not None:
            await resp2.aclose()


# -- errors become the httpx exceptions the pipeline and relay catch ----------------------------------------


async def test_connection_refused_is_connect_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fast = FastClient(tool(f"http://127.0.0.1:{port}/v1"))
    try:
        with pytest.raises(httpx.ConnectError) as info:
            await fast.post(f"http://127.0.0.1:{port}/v1/chat/completions", b"{}", {})
        assert isinstance(info.value.__cause__, aiohttp.ClientConnectorError)
    finally:
        await fast.aclose()


async def test_no_answer_within_timeout_is_read_timeout() -> None:
    async def handle(conn: Conn) -> None:
        await conn.request()
        await asyncio.sleep(30)

    async with serve(handle) as server, client(server, timeout_s=0.2) as fast:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(httpx.ReadTimeout) as info:
            await post(fast, server)
        assert loop.time() - started < 2
        assert isinstance(info.value.__cause__, aiohttp.ServerTimeoutError)


async def test_stream_stalling_mid_way_is_read_timeout() -> None:
    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.start_chunked()
        await conn.chunk(b"data: one\n\n")
        await asyncio.sleep(30)

    async with serve(handle) as server, client(server, timeout_s=0.2) as fast:
        resp = await post(fast, server)
        with pytest.raises(httpx.ReadTimeout):
            async for _ in resp.aiter_bytes():
                pass
        await resp.aclose()


async def test_connection_dropped_mid_stream_is_remote_protocol_error() -> None:
    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.start_chunked()
        await conn.chunk(b"data: one\n\n")
        conn.writer.transport.abort()

    async with serve(handle) as server, client(server) as fast:
        resp = await post(fast, server)
        chunks = []
        with pytest.raises(httpx.RemoteProtocolError) as info:
            async for chunk in resp.aiter_bytes():
                chunks.append(chunk)
        assert chunks == [b"data: one\n\n"]
        assert isinstance(info.value.__cause__, aiohttp.ClientPayloadError)
        await resp.aclose()


async def test_body_cut_short_is_an_http_error_on_aread() -> None:
    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.send(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"a\"")
        conn.writer.transport.abort()

    async with serve(handle) as server, client(server) as fast:
        resp = await post(fast, server)
        with pytest.raises(httpx.RemoteProtocolError):
            await resp.aread()
        await resp.aclose()


async def test_disconnect_before_answer_is_remote_protocol_error() -> None:
    async def handle(conn: Conn) -> None:
        await conn.request()

    async with serve(handle) as server, client(server) as fast:
        with pytest.raises(httpx.RemoteProtocolError) as info:
            await post(fast, server)
        assert isinstance(info.value.__cause__, aiohttp.ServerDisconnectedError)


async def test_garbage_answer_is_remote_protocol_error() -> None:
    async def handle(conn: Conn) -> None:
        await conn.request()
        await conn.send(b"NOT HTTP AT ALL\r\n\r\n")

    async with serve(handle) as server, client(server) as fast:
        with pytest.raises(httpx.RemoteProtocolError):
            await post(fast, server)


def test_translate_table() -> None:
    cases: list[tuple[BaseException, type[httpx.HTTPError]]] = [
        (aiohttp.ConnectionTimeoutError(), httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError(), httpx.ReadTimeout),
        (TimeoutError(), httpx.ReadTimeout),
        (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError("cut"), httpx.RemoteProtocolError),
        (aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
        (aiohttp.InvalidURL("x"), httpx.UnsupportedProtocol),
        (aiohttp.ClientError("other"), httpx.TransportError),
    ]
    for exc, expected in cases:
        assert type(translate(exc)) is expected, exc
    assert issubclass(httpx.ConnectTimeout, httpx.TimeoutException) and issubclass(httpx.ReadTimeout,
                                                                                  httpx.TimeoutException)


# -- Upstreams: which client, error mapping to 502/504, closing --------------------------------------------


def _upstreams(base_url: str, **kw: float) -> Upstreams:
    demo = Tool.model_validate({"id": "demo", "provider": "demo", "models": ["steward-demo"], "category": "internal"})
    return Upstreams([tool(base_url, **kw), demo])


async def test_upstreams_use_the_fast_client_for_real_providers_only() -> None:
    async with serve(json_server()) as server:
        upstreams = _upstreams(server.base_url)
        fast_tool, demo = upstreams._tools["fast"], upstreams._tools["demo"]
        try:
            resp = await upstreams.send(fast_tool, Endpoint.CHAT, "m", b'{"model": "m"}')
            assert isinstance(resp, FastResponse) and json.loads(await resp.aread()) == {"ok": True}
            await resp.aclose()
            demo_resp = await upstreams.send(demo, Endpoint.CHAT, "steward-demo",
                                             b'{"model": "steward-demo", "messages": []}')
            assert isinstance(demo_resp, httpx.Response)  # in-process demo transport: httpx
            await demo_resp.aclose()
            first = upstreams._clients["fast"]
            assert isinstance(first, FastClient)
            upstreams.reconfigure([tool(server.base_url, timeout_s=30), demo])  # changed tool: new pool
            resp = await upstreams.send(upstreams._tools["fast"], Endpoint.CHAT, "m", b"{}")
            await resp.aclose()
            assert upstreams._clients["fast"] is not first and not first.closed  # retired, open until shutdown
        finally:
            await upstreams.aclose()
        assert first.closed
        with pytest.raises(UpstreamError):
            await upstreams.send(fast_tool, Endpoint.CHAT, "m", b"{}")


async def test_injected_transport_keeps_httpx() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"via": "transport"})

    upstreams = Upstreams([tool("http://upstream.test/v1")], httpx.MockTransport(answer))
    try:
        resp = await upstreams.send(upstreams._tools["fast"], Endpoint.CHAT, "m", b"{}")
        assert isinstance(resp, httpx.Response) and json.loads(await resp.aread()) == {"via": "transport"}
        await resp.aclose()
    finally:
        await upstreams.aclose()


async def test_upstreams_map_failures_to_502_and_504() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    upstreams = _upstreams(f"http://127.0.0.1:{port}/v1")
    try:
        with pytest.raises(UpstreamError) as info:
            await upstreams.send(upstreams._tools["fast"], Endpoint.CHAT, "m", b"{}")
        assert not isinstance(info.value, UpstreamTimeout) and "127.0.0.1" not in info.value.message
    finally:
        await upstreams.aclose()

    async def stall(conn: Conn) -> None:
        await conn.request()
        await asyncio.sleep(30)

    async with serve(stall) as server:
        upstreams = _upstreams(server.base_url, timeout_s=0.2)
        try:
            with pytest.raises(UpstreamTimeout):
                await upstreams.send(upstreams._tools["fast"], Endpoint.CHAT, "m", b"{}")
        finally:
            await upstreams.aclose()
