"""Provider adapters: where a normalised OpenAI-shaped request goes, and with which credentials.

Policy always sees one OpenAI-shaped request; adapters only know URLs and auth headers. Provider
keys are read from the environment when the adapter is built and never leave the gateway.
"""

from __future__ import annotations

import os
from typing import Protocol
from urllib.parse import quote

from config.models import ProviderType, Tool
from proxy.endpoints import Endpoint


class ProviderAdapter(Protocol):
    def url(self, endpoint: Endpoint, model: str) -> str: ...

    def headers(self) -> dict[str, str]: ...


class OpenAIAdapter:
    """OpenAI and any OpenAI-compatible server (vLLM, Ollama, llama.cpp, the demo model)."""

    def __init__(self, base_url: str, api_key: str | None) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"authorization": f"Bearer {api_key}"} if api_key else {}

    def url(self, endpoint: Endpoint, model: str) -> str:
        return self._base + endpoint.path

    def headers(self) -> dict[str, str]:
        return self._headers


class AzureOpenAIAdapter:
    """Azure OpenAI: per-model deployments, `api-key` header, `api-version` query parameter."""

    def __init__(self, tool: Tool, api_key: str | None) -> None:
        self._base = tool.base_url.rstrip("/")
        self._deployments = tool.deployments
        self._version = quote(tool.api_version or "", safe="")
        self._headers = {"api-key": api_key} if api_key else {}

    def url(self, endpoint: Endpoint, model: str) -> str:
        if endpoint is Endpoint.RESPONSES:
            return f"{self._base}/openai/responses?api-version={self._version}"
        deployment = quote(self._deployments.get(model, model), safe="")
        return f"{self._base}/openai/deployments/{deployment}{endpoint.path}?api-version={self._version}"

    def headers(self) -> dict[str, str]:
        return self._headers


DEMO_BASE_URL = "http://demo.steward.invalid/v1"


def build_adapter(tool: Tool) -> ProviderAdapter:
    api_key = os.environ.get(tool.api_key_env) if tool.api_key_env else None
    if tool.provider is ProviderType.AZURE_OPENAI:
        return AzureOpenAIAdapter(tool, api_key)
    if tool.provider is ProviderType.DEMO:
        return OpenAIAdapter(DEMO_BASE_URL, None)
    return OpenAIAdapter(tool.base_url, api_key)
