"""OpenAI Embeddings (`POST /v1/embeddings`): `input` (a string, strings, or token ids: opaque) and `user`.

The answer is vectors: there is no text to screen or restore.
"""

from __future__ import annotations

from proxy.dialects.base import Body
from proxy.dialects.fields import STRUCTURAL, Fields, Rules
from proxy.dialects.openai_common import OpenAIDialect
from proxy.dialects.tokens import prompt_fields

RULES = Rules(skip=STRUCTURAL, free=frozenset({"metadata"}))


class EmbeddingsDialect(OpenAIDialect):
    name = "openai.embeddings"

    def fields(self, body: Body) -> Fields:
        return prompt_fields(body, "input", RULES)

    def request_stream_usage(self, body: Body) -> bool:
        return False  # embeddings do not stream


DIALECT = EmbeddingsDialect()
