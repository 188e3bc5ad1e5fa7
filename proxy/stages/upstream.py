"""One pooled client per tool; send a request and map transport failures to 502/504.

Real providers go through `proxy.http.fast_http` (aiohttp, one keep-alive pool per tool, opened on first use
inside the event loop). The in-process `demo` provider, and every tool when a test injects an httpx
`transport` (ASGI/mock transports) or mocks httpx itself (respx, pytest-httpx: detected when the pool is
first opened), go through httpx. Both return a response with the same
interface (`status_code`, `headers`, `aiter_bytes`, `aread`, `aclose`) and raise httpx exceptions.

Error messages name the tool, never the provider URL or key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import httpcore
import httpx
import structlog

from audit.outage import cause_chain
from config.models import ProviderType, Tool
from proxy.endpoints import Endpoint
from proxy.http.errors import UpstreamError, UpstreamTimeout
from proxy.http.fast_http import FastClient
from proxy.ops.tracing import TRACING
from proxy.providers.base import ProviderAdapter, build_adapter
from proxy.providers.demo import DemoTransport

log = structlog.get_logger("steward.upstream")

FORWARD_RESPONSE_HEADERS = ("openai-processing-ms", "openai-version", "retry-after", "x-ratelimit-limit-requests",
                            "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
                            "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests",
                            "x-ratelimit-reset-tokens")
BASE_HEADERS = {"content-type": "application/json", "accept": "application/json, text/event-stream"}

Client = httpx.AsyncClient | FastClient

# What respx (httpcore or httpx mocker) and pytest-httpx patch while they mock httpx; see `httpx_mocked`.
_HTTPX_HOOKS = ((httpcore.AsyncConnectionPool, "handle_async_request"), (httpx.AsyncClient, "_transport_for_url"),
                (httpx.AsyncHTTPTransport, "handle_async_request"))
_HTTPX_ORIGINALS = tuple(getattr(owner, name) for owner, name in _HTTPX_HOOKS)


def httpx_mocked() -> bool:
    """True while a test library intercepts httpx: the provider is then faked through httpx, so use it."""
    return any(getattr(owner, name) is not original
               for (owner, name), original in zip(_HTTPX_HOOKS, _HTTPX_ORIGINALS, strict=True))


class Upstreams:
    """Clients and adapters for every tool; `transport` replaces the network in tests."""

    def __init__(self, tools: Iterable[Tool], transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._transport = transport
        self._tools: dict[str, Tool] = {}
        self._clients: dict[str, Client] = {}  # fast clients appear on first use (they need the event loop)
        self._adapters: dict[str, ProviderAdapter] = {}
        self._headers: dict[str, dict[str, str]] = {}
        self._retired: list[Client] = []
        self._closed = False
        self.reconfigure(tools)

    def uses_fast_client(self, tool: Tool) -> bool:
        return self._transport is None and tool.provider is not ProviderType.DEMO

    def reconfigure(self, tools: Iterable[Tool]) -> None:
        """After a policy reload: keep clients of unchanged tools, build new ones for changed tools.
        Replaced clients are closed at shutdown, so streams already running on them finish."""
        fresh = {t.id: t for t in tools}
        for tool_id, tool in fresh.items():
            if self._tools.get(tool_id) == tool:
                continue
            self._retire(tool_id)
            adapter = self._adapters[tool_id] = build_adapter(tool)
            self._headers[tool_id] = {**BASE_HEADERS, **adapter.headers()}
            if not self.uses_fast_client(tool):
                self._clients[tool_id] = _httpx_client(tool, self._transport)
        for tool_id in set(self._tools) - set(fresh):
            self._retire(tool_id)
            self._adapters.pop(tool_id)
            self._headers.pop(tool_id)
        self._tools = fresh

    def _retire(self, tool_id: str) -> None:
        client = self._clients.pop(tool_id, None)
        if client is not None:
            self._retired.append(client)

    def _client(self, tool: Tool) -> Client:
        client = self._clients.get(tool.id)
        if client is None:
            if self._closed:
                raise UpstreamError(f"The provider for tool '{tool.id}' is unavailable: the gateway is stopping.")
            tool = self._tools.get(tool.id, tool)
            client = self._clients[tool.id] = _httpx_client(tool, None) if httpx_mocked() else FastClient(tool)
        return client

    async def send(self, tool: Tool, endpoint: Endpoint, model: str, content: bytes,
                   extra_headers: dict[str, str] | None = None) -> httpx.Response:
        """POST `content`; the returned response is open (streamed) and must be closed by the caller.

        For real providers it is a `proxy.http.fast_http.FastResponse`, which offers the part of
        `httpx.Response` the gateway uses (hence the cast). Where the tool speaks another wire format
        than the caller, the adapter's translation converts the request and reads the answer back."""
        adapter = self._adapters[tool.id]
        translation = adapter.translation(endpoint)
        if translation is not None:
            endpoint, content = translation.endpoint, translation.request(content)
        url = adapter.url(endpoint, model)
        base = {**self._headers[tool.id], **extra_headers} if extra_headers else self._headers[tool.id]
        headers = TRACING.outgoing(base, tool, model)  # W3C traceparent when tracing
        client = self._client(tool)
        try:
            if isinstance(client, FastClient):
                response = cast(httpx.Response, await client.post(url, content, headers))
            else:
                request = client.build_request("POST", url, content=content, headers=headers)
                response = await client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            log.warning("upstream.failed", tool=tool.id, error=cause_chain(exc))  # class + errno, never payload
            raise UpstreamTimeout(f"The provider for tool '{tool.id}' did not respond in time.") from exc
        except httpx.HTTPError as exc:
            log.warning("upstream.failed", tool=tool.id, error=cause_chain(exc))
            raise UpstreamError(f"The provider for tool '{tool.id}' could not be reached.") from exc
        return translation.response(response) if translation is not None else response

    async def aclose(self) -> None:
        self._closed = True
        clients, self._retired = [*self._clients.values(), *self._retired], []
        self._clients.clear()
        for client in clients:
            await client.aclose()


def _httpx_client(tool: Tool, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    if tool.provider is ProviderType.DEMO:
        transport = DemoTransport()
    timeout = httpx.Timeout(tool.timeout_s, connect=tool.connect_timeout_s)
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=64, keepalive_expiry=30)
    return httpx.AsyncClient(transport=transport, timeout=timeout, limits=limits, follow_redirects=False,
                             trust_env=False)


def forwarded_headers(response: httpx.Response) -> dict[str, str]:
    return {name: response.headers[name] for name in FORWARD_RESPONSE_HEADERS if name in response.headers}
