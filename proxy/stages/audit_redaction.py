"""`audit.level: redacted` keeps the provider's output redacted by the same detectors as the prompt.

The output is only complete when the answer (or stream) ends, so the scan runs after the response, in a
tracked task, and the audit event is submitted when it finishes (`OutputRedaction.settle()` waits for
them: shutdown, tests). If the output cannot be scanned, it is not kept (fail closed): the row says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import structlog

from detectors.base import DetectorError
from policies.operators import redact
from proxy.exchange import Exchange
from proxy.stages.audit_capture import REDACTED
from proxy.stages.scanner import Scanner

log = structlog.get_logger("steward.audit_redaction")
NOT_SCANNED = "[output not kept: it could not be scanned for redaction]"


def needs_output_redaction(ex: Exchange) -> bool:
    return ex.event.audit_level == REDACTED and bool(ex.audit_output)


async def redact_output(scanner: Scanner, ex: Exchange) -> None:
    text = ex.audit_output or ""
    try:
        (found,) = await scanner.scan([text])
    except DetectorError:
        log.warning("audit.output_not_scanned", request_id=ex.request_id)
        ex.audit_output = NOT_SCANNED
        return
    spans = [f for f in found if f.is_span]
    if spans:
        ex.audit_output = redact(text, spans)


class OutputRedaction:
    def __init__(self, scanner: Scanner) -> None:
        self._scanner = scanner
        self._pending: set[asyncio.Task[None]] = set()

    def then(self, ex: Exchange, submit: Callable[[Exchange], None]) -> None:
        """Redact `ex`'s output, then call `submit(ex)` (also when redaction fails)."""
        task = asyncio.ensure_future(self._run(ex, submit))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _run(self, ex: Exchange, submit: Callable[[Exchange], None]) -> None:
        try:
            await redact_output(self._scanner, ex)
        except Exception:  # noqa: BLE001 - never lose the audit row: keep no output instead
            ex.audit_output = NOT_SCANNED
        submit(ex)

    async def settle(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)
