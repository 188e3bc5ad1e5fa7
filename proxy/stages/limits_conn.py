"""The connection the limiter's per-request scripts travel on (proxy/stages/limits_redis.py).

Redis answers the commands of one connection in the order they were sent, so one connection can carry
every request's script at once: `call` writes a packed command to the socket at once (no task, no
pool, no lock) and returns a future for its reply; replies are parsed with hiredis as they arrive and
handed to the futures in order. Several commands written together go out in one system call (a queued
settlement rides with the next admission).

Opened lazily from the same URL as the ordinary client (redis://, rediss://, unix://; AUTH and SELECT
as the URL says, then the `hello` commands, e.g. loading the scripts) and reopened after a failure. A
reply that does not arrive within the timeout aborts the connection (later replies could no longer be
matched), failing every command in flight on it; the limiter then applies its fail mode.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque
from typing import Any

import hiredis
from redis.asyncio.connection import parse_url
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

Waiter = tuple[asyncio.Future[Any], float]  # the reply's future, and when its command was written


def command(*parts: bytes) -> bytes:
    """A command in RESP's wire form."""
    return b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)


class _Protocol(asyncio.Protocol):
    """Matches replies to the futures of the commands written, in order."""

    def __init__(self) -> None:
        self.transport: Any = None  # asyncio's or uvloop's transport
        self.waiting: deque[Waiter] = deque()
        self.reader = hiredis.Reader()
        self.lost = False
        self.watchdog: asyncio.TimerHandle | None = None  # one per connection, armed while replies are due

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        reader = self.reader
        reader.feed(data)
        try:
            reply = reader.gets()
            while reply is not False:
                if not self.waiting:  # a reply nobody asked for: the stream cannot be trusted
                    self.abort(RedisConnectionError("unexpected reply from Redis"))
                    return
                future, _ = self.waiting.popleft()
                if not future.done():
                    if isinstance(reply, hiredis.ReplyError):
                        text = str(reply)
                        future.set_exception(NoScriptError(text) if text.startswith("NOSCRIPT") else
                                             ResponseError(text))
                    else:
                        future.set_result(reply)
                reply = reader.gets()
        except hiredis.ProtocolError as exc:
            self.abort(RedisConnectionError(f"Redis protocol error: {exc}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        self._fail(RedisConnectionError("Redis closed the connection"))

    def abort(self, exc: Exception) -> None:
        self.lost = True
        self._fail(exc)
        if self.transport is not None:
            self.transport.abort()

    def _fail(self, exc: Exception) -> None:
        if self.watchdog is not None:
            self.watchdog.cancel()
            self.watchdog = None
        while self.waiting:
            future, _ = self.waiting.popleft()
            if not future.done():
                future.set_exception(exc)


class ScriptPipe:
    """One pipelined connection for the per-request scripts (see the module docstring)."""

    def __init__(self, url: str, timeout_s: float, hello: list[bytes] | None = None) -> None:
        self._options: dict[str, Any] = dict(parse_url(url))
        self._hello = list(hello or [])  # commands sent first on every new connection (e.g. SCRIPT LOAD)
        self._timeout = timeout_s
        self._conn: _Protocol | None = None
        self._opening: asyncio.Task[None] | None = None
        self._queued: list[tuple[bytes, asyncio.Future[Any]]] = []  # written once the connection is open
        self._closed = False

    def call(self, packed: bytes, replies: int = 1) -> list[asyncio.Future[Any]]:
        """Write `packed` (holding `replies` commands) and return a future per reply, in order."""
        loop = asyncio.get_running_loop()
        futures = [loop.create_future() for _ in range(replies)]
        if self._closed:
            for future in futures:
                future.set_exception(RedisConnectionError("the limiter's connection is closed"))
            return futures
        conn = self._conn
        if conn is not None and not conn.lost:
            self._write(conn, packed, futures)
        else:
            self._queued.extend((b"", f) for f in futures[:-1])
            self._queued.append((packed, futures[-1]))
            if self._opening is None:
                self._opening = loop.create_task(self._open())
        return futures

    def _write(self, conn: _Protocol, packed: bytes, futures: list[asyncio.Future[Any]]) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        conn.waiting.extend((future, now) for future in futures)
        if conn.watchdog is None:  # one timer per connection, not one per command
            conn.watchdog = loop.call_later(self._timeout, self._watch, conn)
        conn.transport.write(packed)

    def _watch(self, conn: _Protocol) -> None:
        """Abort the connection if its oldest unanswered command has waited `timeout`; else look again when
        the oldest one's time is up (or stop while nothing is due)."""
        conn.watchdog = None
        if not conn.waiting or conn.lost:
            return
        loop = asyncio.get_running_loop()
        late = conn.waiting[0][1] + self._timeout - loop.time()
        if late <= 0:
            conn.abort(RedisTimeoutError("Redis did not answer in time"))
        else:
            conn.watchdog = loop.call_later(late, self._watch, conn)

    async def _open(self) -> None:
        queued: list[tuple[bytes, asyncio.Future[Any]]] = []
        try:
            conn = await asyncio.wait_for(self._connect(), self._timeout)
            if self._closed:
                conn.abort(RedisConnectionError("the limiter's connection is closed"))
                raise RedisConnectionError("the limiter's connection is closed")
            queued, self._queued = self._queued, []
            self._conn = conn
            for packed, future in queued:
                self._write(conn, packed, [future])
        except Exception as exc:  # every waiting command must hear of it, whatever went wrong
            error = exc if isinstance(exc, RedisConnectionError) else RedisConnectionError(type(exc).__name__)
            queued, self._queued = [*queued, *self._queued], []
            for _, future in queued:
                if not future.done():
                    future.set_exception(error)
        finally:
            self._opening = None

    async def _connect(self) -> _Protocol:
        loop = asyncio.get_running_loop()
        opts = self._options
        if "path" in opts:
            _, conn = await loop.create_unix_connection(_Protocol, opts["path"])
        else:
            _, conn = await loop.create_connection(_Protocol, opts.get("host", "localhost"), opts.get("port", 6379),
                                                   ssl=_tls(opts))
        try:
            hello: list[bytes] = []
            if opts.get("password") is not None:
                user = opts.get("username")
                auth = (b"AUTH", user.encode(), opts["password"].encode()) if user else (b"AUTH",
                                                                                       opts["password"].encode())
                hello.append(command(*auth))
            if opts.get("db"):
                hello.append(command(b"SELECT", str(opts["db"]).encode()))
            hello.extend(self._hello)
            if hello:
                self._write(conn, b"".join(hello), [loop.create_future() for _ in hello])
                for future, _ in list(conn.waiting):
                    await future
        except BaseException:
            conn.abort(RedisConnectionError("Redis refused the connection set-up"))
            raise
        return conn

    async def aclose(self) -> None:
        self._closed = True
        if self._opening is not None:
            await asyncio.gather(self._opening, return_exceptions=True)
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn._fail(RedisConnectionError("the limiter's connection is closed"))
            if conn.transport is not None:
                conn.transport.close()


def _tls(opts: dict[str, Any]) -> ssl.SSLContext | None:
    """TLS for rediss:// URLs: verified against the system's (or the URL's `ssl_ca_certs`) authorities
    unless the URL says `ssl_cert_reqs=none`."""
    if opts.get("connection_class") is None or "SSL" not in opts["connection_class"].__name__:
        return None
    context = ssl.create_default_context(cafile=opts.get("ssl_ca_certs"))
    if str(opts.get("ssl_cert_reqs", "required")).lower() in ("none", "cert_none"):
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
