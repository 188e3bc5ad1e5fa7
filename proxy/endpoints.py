"""The OpenAI endpoints Steward proxies, with their upstream paths."""

from __future__ import annotations

from enum import StrEnum


class Endpoint(StrEnum):
    CHAT = "chat.completions"
    RESPONSES = "responses"
    EMBEDDINGS = "embeddings"
    COMPLETIONS = "completions"
    MODELS = "models"
    POLICY_SCAN = "policy.scan"
    POLICY_EXPLAIN = "policy.explain"

    @property
    def path(self) -> str:
        return _PATHS[self]


_PATHS = {
    Endpoint.CHAT: "/chat/completions",
    Endpoint.RESPONSES: "/responses",
    Endpoint.EMBEDDINGS: "/embeddings",
    Endpoint.COMPLETIONS: "/completions",
    Endpoint.MODELS: "/models",
    Endpoint.POLICY_SCAN: "/policy/scan",
    Endpoint.POLICY_EXPLAIN: "/policy/explain",
}
