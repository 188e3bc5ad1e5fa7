"""The registry of API dialects: one module per wire format (see `proxy/dialects/base.py`)."""

from __future__ import annotations

from proxy.dialects import (
    anthropic_messages,
    openai_chat,
    openai_completions,
    openai_embeddings,
    openai_responses,
)
from proxy.dialects.base import Dialect
from proxy.endpoints import Endpoint

DIALECTS: dict[Endpoint, Dialect] = {
    Endpoint.CHAT: openai_chat.DIALECT,
    Endpoint.RESPONSES: openai_responses.DIALECT,
    Endpoint.EMBEDDINGS: openai_embeddings.DIALECT,
    Endpoint.COMPLETIONS: openai_completions.DIALECT,
    Endpoint.MESSAGES: anthropic_messages.DIALECT,
    Endpoint.MESSAGES_COUNT: anthropic_messages.COUNT_TOKENS,
}


def dialect_for(endpoint: Endpoint) -> Dialect:
    """The dialect of a proxied endpoint; Steward's own APIs answer in the OpenAI (chat) shape."""
    return DIALECTS.get(endpoint, openai_chat.DIALECT)
