"""The upstream client for real providers: aiohttp behind the small slice of httpx's interface we use.

httpx/httpcore cost ~1 ms of CPU per proxied request, about a third of the gateway's budget; aiohttp
does the same job for a fraction of that. The rest of the gateway (pipeline, relay) is written
against `httpx.Response` and httpx's exception classes, so this module keeps both:

    client = FastClient(tool)                   # one keep-alive pool per tool; open it inside the event loop
    response = await client.post(url, content, headers)
    response.status_code, response.headers      # headers: case-insensitive, `.get`, `in`, `[...]`
    async for chunk in response.aiter_bytes():  # or: await response.aread()
        ...
    await response.aclose()                     # fully read: back to the pool; otherwise the connection is closed
    await client.aclose()

Every aiohttp/asyncio failure is re-raised as the httpx exception httpx would have raised for it
(`raise ... from` the original), e.g. connection refused -> `httpx.ConnectError`, no answer within
`timeout_s` -> `httpx.ReadTimeout`, connection dropped mid-body -> `httpx.RemoteProtocolError`.

Parity with the httpx client it replaces: the same timeouts (`connect_timeout_s` to open a connection,
`timeout_s` between reads and to wait for a pooled connection), the same pool size, no redirects,
no environment proxies (`trust_env=False`), no cookies, certifi's CA bundle for TLS, and compressed
bodies decoded (the pipeline parses the body and does not forward `content-encoding`).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Mapping
from functools import cache

import aiohttp
import certifi
import httpx
from multidict import CIMultiDictProxy
from yarl import URL

from config.models import Tool

MAX_CONNECTIONS = 256
KEEPALIVE_S = 30.0
MAX_HEADER_BYTES = 16 * 1024  # like h11: provider header lines/fields up to 16 KiB
_URL_CACHE_MAX = 512


@cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every pool (loading the CA bundle costs tens of ms); certifi's roots, like httpx."""
    return ssl.create_default_context(cafile=certifi.where())


def translate(exc: BaseException) -> httpx.HTTPError:
    """The httpx exception httpx would have raised for this aiohttp/asyncio failure."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
        return httpx.ReadTimeout(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError)):
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(message)
    if isinstance(exc, (aiohttp.ClientConnectionError, OSError)):
        return httpx.ReadError(message)
    return httpx.TransportError(message)


# What `translate` maps. CancelledError is a BaseException and is never caught.
_FAILURES = (aiohttp.ClientError, asyncio.TimeoutError, OSError)


class FastResponse:
    """An open aiohttp response presented as the part of `httpx.Response` the gateway uses."""

    __slots__ = ("_response", "status_code", "headers")

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response
        self.status_code: int = response.status
        self.headers: CIMultiDictProxy[str] = response.headers

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        """The body (decoded) in the pieces it arrives in."""
        content = self._response.content
        try:
            while True:
                chunk = await content.readany()
                if not chunk:
                    return
                yield chunk
        except _FAILURES as exc:
            raise translate(exc) from exc

    async def aread(self) -> bytes:
        """The whole body (decoded)."""
        try:
            return await self._response.read()
        except _FAILURES as exc:
            raise translate(exc) from exc

    async def aclose(self) -> None:
        """Idempotent. A fully read response returns its connection to the pool; a response closed part-way
        (client went away, stream abandoned) closes the connection, so the provider sees it at once."""
        response = self._response
        if response.closed:
            return
        if response.content.is_eof():
            response.release()
        else:
            response.close()


class FastClient:
    """One aiohttp session and keep-alive pool for one tool. Create it inside the running event loop."""

    def __init__(self, tool: Tool) -> None:
        connector = aiohttp.TCPConnector(limit=MAX_CONNECTIONS, limit_per_host=0, keepalive_timeout=KEEPALIVE_S,
                                         ssl=_ssl_context(), ttl_dns_cache=10)
        timeout = aiohttp.ClientTimeout(total=None, connect=max(tool.timeout_s, tool.connect_timeout_s),
                                        sock_connect=tool.connect_timeout_s, sock_read=tool.timeout_s)
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False,
            raise_for_status=False, auto_decompress=True, max_line_size=MAX_HEADER_BYTES,
            max_field_size=MAX_HEADER_BYTES,
        )
        self._urls: dict[str, URL] = {}

    @property
    def closed(self) -> bool:
        return self._session.closed

    def _url(self, url: str) -> URL:
        parsed = self._urls.get(url)
        if parsed is None:
            if len(self._urls) >= _URL_CACHE_MAX:
                self._urls.clear()
            parsed = self._urls[url] = URL(url)
        return parsed

    async def post(self, url: str, content: bytes, headers: Mapping[str, str]) -> FastResponse:
        """POST and return once the status line and headers are in; the body is read from the response."""
        try:
            response = await self._session.post(self._url(url), data=content, headers=headers,
                                                allow_redirects=False)
        except _FAILURES as exc:
            raise translate(exc) from exc
        return FastResponse(response)

    async def aclose(self) -> None:
        await self._session.close()
