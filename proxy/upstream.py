"""One pooled httpx.AsyncClient per tool; send a request and map transport failures to 502/504.

Error messages name the tool, never the provider URL or key.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpx

from config.models import ProviderType, Tool
from proxy.endpoints import Endpoint
from proxy.errors import UpstreamError, UpstreamTimeout
from proxy.providers.base import ProviderAdapter, build_adapter
from proxy.providers.demo import DemoTransport

FORWARD_RESPONSE_HEADERS = ("openai-processing-ms", "openai-version", "retry-after", "x-ratelimit-limit-requests",
                            "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
                            "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests",
                            "x-ratelimit-reset-tokens")


class Upstreams:
    """Clients and adapters for every tool; `transport` replaces the network in tests."""

    def __init__(self, tools: Iterable[Tool], transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._transport = transport
        self._tools: dict[str, Tool] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._adapters: dict[str, ProviderAdapter] = {}
        self._retired: list[httpx.AsyncClient] = []
        self.reconfigure(tools)

    def reconfigure(self, tools: Iterable[Tool]) -> None:
        """After a policy reload: keep clients of unchanged tools, build new ones for changed tools.
        Replaced clients are closed at shutdown, so streams already running on them finish."""
        fresh = {t.id: t for t in tools}
        for tool_id, tool in fresh.items():
            if self._tools.get(tool_id) == tool:
                continue
            if tool_id in self._clients:
                self._retired.append(self._clients[tool_id])
            self._adapters[tool_id] = build_adapter(tool)
            self._clients[tool_id] = _client(tool, self._transport)
        for tool_id in set(self._tools) - set(fresh):
            self._retired.append(self._clients.pop(tool_id))
            self._adapters.pop(tool_id)
        self._tools = fresh

    async def send(self, tool: Tool, endpoint: Endpoint, model: str, content: bytes) -> httpx.Response:
        """POST `content`; the returned response is open (streamed) and must be closed by the caller."""
        adapter = self._adapters[tool.id]
        client = self._clients[tool.id]
        headers = {"content-type": "application/json", "accept": "application/json, text/event-stream",
                   **adapter.headers()}
        request = client.build_request("POST", adapter.url(endpoint, model), content=content, headers=headers)
        try:
            return await client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise UpstreamTimeout(f"The provider for tool '{tool.id}' did not respond in time.") from exc
        except httpx.HTTPError as exc:
            raise UpstreamError(f"The provider for tool '{tool.id}' could not be reached.") from exc

    async def aclose(self) -> None:
        for client in [*self._clients.values(), *self._retired]:
            await client.aclose()


def _client(tool: Tool, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    if tool.provider is ProviderType.DEMO:
        transport = DemoTransport()
    timeout = httpx.Timeout(tool.timeout_s, connect=tool.connect_timeout_s)
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=64, keepalive_expiry=30)
    return httpx.AsyncClient(transport=transport, timeout=timeout, limits=limits, follow_redirects=False,
                             trust_env=False)


def forwarded_headers(response: httpx.Response) -> dict[str, str]:
    return {name: response.headers[name] for name in FORWARD_RESPONSE_HEADERS if name in response.headers}
