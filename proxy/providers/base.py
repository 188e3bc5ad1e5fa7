"""Provider adapters: where a request goes, with which credentials, and in which wire format.

Policy sees the caller's own dialect; adapters know URLs, auth headers and, where the provider speaks
another format (Anthropic Messages sent to an OpenAI-compatible tool), the `Translation` at the edge.
Provider keys are read from the environment when the adapter is built and never leave the gateway.
"""

from __future__ import annotations

import os
from typing import Protocol, cast
from urllib.parse import quote

import httpx
import orjson

from config.models import ProviderType, Tool
from proxy.endpoints import Endpoint
from proxy.http.errors import BadRequest
from proxy.providers.anthropic_openai import TranslatedResponse, to_chat

ANTHROPIC_VERSION = "2023-06-01"
ANTHROPIC_ENDPOINTS = (Endpoint.MESSAGES, Endpoint.MESSAGES_COUNT)


class Translation(Protocol):
    """A request in the caller's format sent to a provider in another (and its answer read back)."""

    endpoint: Endpoint  # the provider's endpoint

    def request(self, content: bytes) -> bytes: ...

    def response(self, upstream: httpx.Response) -> httpx.Response: ...


class ProviderAdapter(Protocol):
    def url(self, endpoint: Endpoint, model: str) -> str: ...

    def headers(self) -> dict[str, str]: ...

    def translation(self, endpoint: Endpoint) -> Translation | None: ...


class MessagesViaChat:
    """Anthropic Messages sent to an OpenAI-compatible tool as chat completions."""

    endpoint = Endpoint.CHAT

    def request(self, content: bytes) -> bytes:
        return orjson.dumps(to_chat(orjson.loads(content)))

    def response(self, upstream: httpx.Response) -> httpx.Response:
        return cast(httpx.Response, TranslatedResponse(upstream))


class OpenAIAdapter:
    """OpenAI and any OpenAI-compatible server (vLLM, Ollama, llama.cpp, the demo model)."""

    def __init__(self, base_url: str, api_key: str | None, tool_id: str = "", counts_tokens: bool = False) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._tool_id = tool_id
        self._counts_tokens = counts_tokens  # answers /messages/count_tokens itself (the demo model)

    def translation(self, endpoint: Endpoint) -> Translation | None:
        if endpoint is Endpoint.MESSAGES:
            return MessagesViaChat()
        if endpoint is Endpoint.MESSAGES_COUNT and not self._counts_tokens:
            raise BadRequest(f"Tool '{self._tool_id}' is an OpenAI-compatible service, which cannot count "
                             "Anthropic tokens; use a tool whose provider is 'anthropic'.",
                             code="unsupported_endpoint")
        return None

    def url(self, endpoint: Endpoint, model: str) -> str:
        return self._base + endpoint.path

    def headers(self) -> dict[str, str]:
        return self._headers


class AzureOpenAIAdapter:
    """Azure OpenAI: per-model deployments, `api-key` header, `api-version` query parameter."""

    def __init__(self, tool: Tool, api_key: str | None) -> None:
        self._openai = OpenAIAdapter(tool.base_url, api_key, tool.id)
        self._base = tool.base_url.rstrip("/")
        self._deployments = tool.deployments
        self._version = quote(tool.api_version or "", safe="")
        self._headers = {"api-key": api_key} if api_key else {}

    def translation(self, endpoint: Endpoint) -> Translation | None:
        return self._openai.translation(endpoint)

    def url(self, endpoint: Endpoint, model: str) -> str:
        if endpoint is Endpoint.RESPONSES:
            return f"{self._base}/openai/responses?api-version={self._version}"
        deployment = quote(self._deployments.get(model, model), safe="")
        return f"{self._base}/openai/deployments/{deployment}{endpoint.path}?api-version={self._version}"

    def headers(self) -> dict[str, str]:
        return self._headers


class AnthropicAdapter:
    """Anthropic's Messages API: `x-api-key`, `anthropic-version` (the caller's, when it sends one)."""

    def __init__(self, tool: Tool, api_key: str | None) -> None:
        self._base = tool.base_url.rstrip("/")
        self._tool_id = tool.id
        self._headers = {"anthropic-version": ANTHROPIC_VERSION, **({"x-api-key": api_key} if api_key else {})}

    def url(self, endpoint: Endpoint, model: str) -> str:
        return self._base + endpoint.path

    def headers(self) -> dict[str, str]:
        return self._headers

    def translation(self, endpoint: Endpoint) -> Translation | None:
        if endpoint not in ANTHROPIC_ENDPOINTS:
            raise BadRequest(f"Tool '{self._tool_id}' serves the Anthropic Messages API only: send this request "
                             "to /v1/messages.", code="unsupported_endpoint")
        return None


DEMO_BASE_URL = "http://demo.steward.invalid/v1"


def build_adapter(tool: Tool) -> ProviderAdapter:
    api_key = os.environ.get(tool.api_key_env) if tool.api_key_env else None
    if tool.provider is ProviderType.AZURE_OPENAI:
        return AzureOpenAIAdapter(tool, api_key)
    if tool.provider is ProviderType.ANTHROPIC:
        return AnthropicAdapter(tool, api_key)
    if tool.provider is ProviderType.DEMO:
        return OpenAIAdapter(DEMO_BASE_URL, None, tool.id, counts_tokens=True)
    return OpenAIAdapter(tool.base_url, api_key, tool.id)
