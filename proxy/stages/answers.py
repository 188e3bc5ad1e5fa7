"""The answer side of stage 5: screen the output, restore pseudonyms, add the disclosure notice (clause 9.1).

Format-neutral: what an answer looks like is the dialect's business (proxy/dialects/). Non-streaming bodies
are transformed whole; streams event by event through a chain of `StreamFilter`s, with a bounded hold-back
for placeholders split across events (never the whole answer).
"""

from __future__ import annotations

from typing import Any

import orjson

from detectors.base import Finding
from detectors.output_screen import OutputScreen
from policies.output_redact import OutputWithheld
from proxy.dialects import dialect_for
from proxy.dialects.base import Dialect, StreamFilter, answer_texts, event_texts
from proxy.exchange import Exchange
from proxy.http.errors import PolicyRefusal
from proxy.stages.audit_capture import ContentCollector
from proxy.stages.output_data import output_filter

Body = dict[str, Any]
DISCLOSURE_HEADER = "x-steward-disclosure"


def disclosure_text(ex: Exchange) -> str | None:
    ob = ex.decision.obligations if ex.decision else None
    return ob.disclosure if ob is not None and ob.append_disclosure else None


def mark_disclosure(ex: Exchange) -> None:
    ob = ex.decision.obligations if ex.decision else None
    if ob is not None and ob.disclosure:
        ex.response_headers[DISCLOSURE_HEADER] = "generative-ai"
        ex.disclosed = ex.event.disclosure_shown = True


def finish_body(ex: Exchange, payload: Any, data: bytes) -> bytes:
    notice = disclosure_text(ex)
    p = ex.pseudonymiser
    if not isinstance(payload, dict) or (p is None and notice is None):
        return data
    dialect = dialect_for(ex.endpoint)
    if p is not None:
        payload = dialect.restore(payload, p)
    if notice is not None:
        payload = dialect.with_notice(payload, notice)
    return orjson.dumps(payload)


class OutputBlocked(Exception):
    """The provider's answer contained discriminatory or offensive content (clause 7.2). (Data a use case
    blocks in answers raises `policies.output_redact.OutputWithheld`, rendered by `output_refusal` too.)"""

    clause = "7.2"

    def __init__(self, labels: list[str]) -> None:
        super().__init__(", ".join(labels))
        self.labels = labels


def output_refusal(exc: OutputBlocked | OutputWithheld) -> PolicyRefusal:
    if exc.clause != "7.2":
        return PolicyRefusal(f"The answer was withheld because it contained data this use case does not allow in "
                             f"answers (policy {exc.clause}). The request has been recorded.",
                             code="output_data_blocked", policy_clause=exc.clause)
    kinds = " and ".join(sorted({label.replace("_", " ") for label in exc.labels}))
    return PolicyRefusal(f"The answer was withheld because it contained {kinds} (policy 7.2). The request has "
                         "been recorded; you may rephrase it or report the problem.", code="output_blocked",
                         policy_clause="7.2")


class OutputGuard:
    """Screens the answer's text as it streams, with the screen's bounded look-back window.

    While the unfinished sentence names a protected group (or holds a slur) its events are held back, so a
    discriminatory sentence is withheld before any of it from the group word on is sent; they go out once
    the sentence ends clean, or once `HOLD_LIMIT` characters are held (the bound: never the whole answer).
    Ordinary sentences are not held, so the time to the first chunk is unchanged for them.
    """

    HOLD_LIMIT = 400  # characters of answer text held back at most

    def __init__(self, dialect: Dialect) -> None:
        self._screen = OutputScreen()
        self._dialect = dialect
        self._held: list[Body] = []
        self._held_chars = 0

    def process(self, payload: Body) -> list[Body]:
        for text in event_texts(self._dialect, payload):
            self._check(self._screen.feed(text))
            self._held_chars += len(text)
        self._held.append(payload)
        if self._screen.holding and self._held_chars < self.HOLD_LIMIT:
            return []
        return self._release()

    def finish(self) -> list[Body]:
        self._check(self._screen.finish())
        return self._release()

    def _release(self) -> list[Body]:
        out, self._held, self._held_chars = self._held, [], 0
        return out

    def _check(self, findings: list[Finding]) -> None:
        if findings:
            self._held, self._held_chars = [], 0
            raise OutputBlocked([f.label for f in findings])


def screen_body(dialect: Dialect, payload: Any) -> None:
    """Non-streaming: screen every answer text at once (same rules as the stream)."""
    screen = OutputScreen()
    texts = answer_texts(dialect, payload)
    found = [f for text in texts for f in [*screen.feed(text + "\n"), *screen.finish()]]
    if found:
        raise OutputBlocked([f.label for f in found])


class Chain:
    def __init__(self, *filters: StreamFilter) -> None:
        self._filters = filters

    def process(self, payload: Body) -> list[Body]:
        items = [payload]
        for f in self._filters:  # one event in, one out is the common case (each filter returns a new list)
            items = f.process(items[0]) if len(items) == 1 else [out for item in items for out in f.process(item)]
        return items

    def finish(self) -> list[Body]:
        items: list[Body] = []
        for f in self._filters:
            items = [out for item in items for out in f.process(item)] + f.finish()
        return items


def stream_filter(ex: Exchange, screen_output: bool) -> StreamFilter | None:
    dialect = dialect_for(ex.endpoint)
    filters: list[StreamFilter] = [OutputGuard(dialect)] if screen_output else []
    filters += [f for f in [output_filter(ex)] if f is not None]  # personal data the caller did not send
    if ex.event.audit_level == "redacted":  # the provider's text, placeholders not restored
        filters.append(ContentCollector(ex, dialect))
    if ex.pseudonymiser is not None:
        filters.append(dialect.stream_restorer(ex.pseudonymiser))
    notice = disclosure_text(ex)
    notice_filter = dialect.notice_filter(notice) if notice is not None else None
    if notice_filter is not None:
        filters.append(notice_filter)
    if ex.event.audit_level == "full":  # what the caller saw
        filters.append(ContentCollector(ex, dialect))
    return Chain(*filters) if filters else None
