"""The answer's personal data, secrets and special-category data, per use case (`data_handling.output`).

`output_filter` returns the stream transformer the relay runs (before pseudonyms are restored, so
restored values -- the caller's own -- are never screened); `redact_body` does the same for a whole
answer. Both go through the dialect's restore points (`proxy/dialects/`) with an `OutputRedactor` as the
text mapper, so every field that carries answer text in every wire format is covered. A blocked class
ends the answer with a refusal naming the use case's clause (10.3 by default): `OutputWithheld`, which
the relay and the pipeline render like the 7.2 output screen's `OutputBlocked`.
"""

from __future__ import annotations

from typing import Any

import orjson

from policies.output_redact import OutputRedactor
from proxy.dialects import dialect_for
from proxy.dialects.base import StreamFilter
from proxy.exchange import Exchange


def output_redactor(ex: Exchange) -> OutputRedactor | None:
    """This request's output policy, or None when nothing in the answer is to be acted on."""
    config = ex.config
    if config is None or not config.gateway.detection.enabled or ex.event.use_case is None:
        return None
    use_case = config.use_case(ex.event.use_case)
    if use_case is None:
        return None
    handling = use_case.data_handling
    redactor = OutputRedactor(handling.output, use_case.resident_facing, ex.request_texts,
                              handling.identifiers.disabled_entities(), config.public_figures)
    return redactor if redactor.active else None


def output_filter(ex: Exchange) -> StreamFilter | None:
    """Screens streamed events with one bounded window per field (the dialect's stream restore points)."""
    redactor = output_redactor(ex)
    return dialect_for(ex.endpoint).stream_restorer(redactor) if redactor is not None else None


def redact_body(ex: Exchange, payload: Any, data: bytes) -> tuple[Any, bytes]:
    """A whole answer screened (payload and its bytes); raises `OutputWithheld` if a class is blocked."""
    redactor = output_redactor(ex) if isinstance(payload, dict) else None
    if redactor is None:
        return payload, data
    screened = dialect_for(ex.endpoint).restore(payload, redactor)
    return (screened, orjson.dumps(screened)) if screened != payload else (payload, data)
