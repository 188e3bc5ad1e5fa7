"""The endpoints Steward proxies (OpenAI and Anthropic), with their upstream paths."""

from __future__ import annotations

from enum import StrEnum


class Endpoint(StrEnum):
    CHAT = "chat.completions"
    RESPONSES = "responses"
    EMBEDDINGS = "embeddings"
    COMPLETIONS = "completions"
    MESSAGES = "anthropic.messages"
    MESSAGES_COUNT = "anthropic.count_tokens"
    MODELS = "models"
    POLICY_SCAN = "policy.scan"
    POLICY_EXPLAIN = "policy.explain"
    POLICY_INFO = "policy.info"
    POLICY_ACK = "policy.acknowledge"
    APPROVAL_REQUEST = "approval_requests"
    ADMIN = "admin"
    USAGE = "usage"
    METRICS = "metrics"
    CONSOLE = "console"

    @property
    def path(self) -> str:
        return _PATHS[self]


_PATHS = {
    Endpoint.CHAT: "/chat/completions",
    Endpoint.RESPONSES: "/responses",
    Endpoint.EMBEDDINGS: "/embeddings",
    Endpoint.COMPLETIONS: "/completions",
    Endpoint.MESSAGES: "/messages",
    Endpoint.MESSAGES_COUNT: "/messages/count_tokens",
    Endpoint.MODELS: "/models",
    Endpoint.POLICY_SCAN: "/policy/scan",
    Endpoint.POLICY_EXPLAIN: "/policy/explain",
    Endpoint.POLICY_INFO: "/policy",
    Endpoint.POLICY_ACK: "/policy/acknowledge",
    Endpoint.APPROVAL_REQUEST: "/approval-requests",
    Endpoint.ADMIN: "/admin/v1",
    Endpoint.USAGE: "/usage",
    Endpoint.METRICS: "/metrics",
    Endpoint.CONSOLE: "/console",
}
