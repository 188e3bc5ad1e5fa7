"""What the audit row keeps of a request's content, at the level its use case requires (clause 9.2).

    metadata   nothing
    redacted   the prompt as forwarded (after redaction/pseudonymisation) and the output as the provider
               wrote it (placeholders not restored) — never the caller's originals
    full       the caller's original prompt and the output as the caller saw it (encrypted at rest)

Text is held in memory for this request only, bounded by `gateway.audit.max_content_chars`; it is never
logged. Also: estimated energy and CO2e once token usage is known (clause 8.5).
"""

from __future__ import annotations

from typing import Any

import orjson

from audit.energy import estimate
from audit.events import AuditContent
from proxy.dialects.base import Dialect, event_texts
from proxy.dialects.fields import TextField
from proxy.exchange import Exchange

Body = dict[str, Any]
REDACTED, FULL = "redacted", "full"


def keeps_content(ex: Exchange) -> bool:
    return ex.event.audit_level in (REDACTED, FULL)


def capture_prompt(ex: Exchange, dialect: Dialect, original: list[TextField], forwarded: dict[str, Any]) -> None:
    if not keeps_content(ex):
        return
    fields = original if ex.event.audit_level == FULL else dialect.fields(forwarded).texts
    limit = _limit(ex)
    ex.audit_prompt = orjson.dumps([{"field": list(f.path), "text": f.text} for f in fields]).decode()[:limit]


def capture_output_texts(ex: Exchange, texts: list[str]) -> None:
    if keeps_content(ex) and texts:
        joined = (ex.audit_output or "") + "".join(texts)
        ex.audit_output = joined[:_limit(ex)]


class ContentCollector:
    """A stream filter that copies the answer's text into the audit content, bounded; passes chunks on."""

    def __init__(self, ex: Exchange, dialect: Dialect) -> None:
        self._ex = ex
        self._dialect = dialect

    def process(self, payload: Body) -> list[Body]:
        capture_output_texts(self._ex, event_texts(self._dialect, payload, tool_args=True))
        return [payload]

    def finish(self) -> list[Body]:
        return []


def finalise(ex: Exchange) -> None:
    """Attach content and the energy estimate to the event just before it is submitted."""
    ev = ex.event
    if keeps_content(ex) and (ex.audit_prompt is not None or ex.audit_output is not None):
        ev.content = AuditContent(prompt=ex.audit_prompt, output=ex.audit_output)
    if ev.prompt_tokens is not None or ev.completion_tokens is not None:
        config = ex.config
        factors = config.gateway.audit.energy if config is not None else None
        region = ex.tool.region if ex.tool is not None else None
        ev.energy_wh, ev.co2e_g = estimate(ev.prompt_tokens, ev.completion_tokens,
                                           ev.model_reported or ev.model_requested, region, factors)


def _limit(ex: Exchange) -> int:
    return ex.config.gateway.audit.max_content_chars if ex.config is not None else 200_000
