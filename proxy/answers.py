"""The answer side of stage 5: restore pseudonyms and add the disclosure notice (clause 9.1).

Non-streaming bodies are transformed whole; streams chunk by chunk through a `StreamFilter`, with a
bounded hold-back for placeholders split across chunks (never the whole answer).
"""

from __future__ import annotations

from typing import Any, Protocol

import orjson

from detectors.base import Finding
from detectors.output_screen import OutputScreen
from policies.operators import Pseudonymiser
from policies.output_redact import OutputWithheld
from policies.restore import (
    ChatStreamRestorer,
    ResponsesStreamRestorer,
    restore_chat_completion,
    restore_completion,
    restore_responses,
)
from proxy.answer_text import answer_texts, delta_texts
from proxy.audit_capture import ContentCollector
from proxy.endpoints import Endpoint
from proxy.errors import PolicyRefusal
from proxy.exchange import Exchange
from proxy.output_data import output_filter

Body = dict[str, Any]
DISCLOSURE_HEADER = "x-steward-disclosure"


class StreamFilter(Protocol):
    def process(self, payload: Body) -> list[Body]: ...

    def finish(self) -> list[Body]: ...


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
    if p is not None:
        payload = _restore(ex.endpoint, payload, p)
    if notice is not None:
        payload = _append_notice(ex.endpoint, payload, notice)
    return orjson.dumps(payload)


def _restore(endpoint: Endpoint, payload: Body, p: Pseudonymiser) -> Body:
    if endpoint is Endpoint.CHAT:
        return restore_chat_completion(payload, p)
    if endpoint is Endpoint.RESPONSES:
        return restore_responses(payload, p)
    if endpoint is Endpoint.COMPLETIONS:
        return restore_completion(payload, p)
    return payload


def _append_notice(endpoint: Endpoint, payload: Body, notice: str) -> Body:
    if endpoint is Endpoint.CHAT:
        choices = [_notice_choice(c, notice) for c in payload.get("choices") or []]
        return {**payload, "choices": choices}
    if endpoint is Endpoint.RESPONSES:
        return {**payload, "output": _notice_output(payload.get("output") or [], notice)}
    return payload


def _notice_choice(choice: Any, notice: str) -> Any:
    message = choice.get("message") if isinstance(choice, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("content"), str):
        return choice
    return {**choice, "message": {**message, "content": message["content"] + "\n\n" + notice}}


def _notice_output(output: list[Any], notice: str) -> list[Any]:
    for i in range(len(output) - 1, -1, -1):
        item = output[i]
        parts = item.get("content") if isinstance(item, dict) and item.get("type") == "message" else None
        if isinstance(parts, list) and parts and isinstance(parts[-1], dict) and parts[-1].get("type") == "output_text":
            last = {**parts[-1], "text": str(parts[-1].get("text", "")) + "\n\n" + notice}
            return [*output[:i], {**item, "content": [*parts[:-1], last]}, *output[i + 1:]]
    return output


class ChatNoticeFilter:
    """Adds the disclosure to the delta of the chunk that finishes a choice, after any text it carries
    (including text a restorer flushed into it), so the notice is always last."""

    def __init__(self, notice: str) -> None:
        self._notice = "\n\n" + notice
        self._done: set[int] = set()

    def process(self, payload: Body) -> list[Body]:
        choices = payload.get("choices")
        if not isinstance(choices, list):
            return [payload]
        return [{**payload, "choices": [self._choice(c) for c in choices]}]

    def _choice(self, choice: Any) -> Any:
        if not isinstance(choice, dict) or choice.get("finish_reason") not in ("stop", "length"):
            return choice
        index = choice.get("index", 0)
        if index in self._done:
            return choice
        self._done.add(index)
        raw = choice.get("delta")
        delta: dict[str, Any] = raw if isinstance(raw, dict) else {}
        return {**choice, "delta": {**delta, "content": (delta.get("content") or "") + self._notice}}

    def finish(self) -> list[Body]:
        return []


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
    """Screens the answer's text as it streams, with the screen's bounded look-back window."""

    def __init__(self) -> None:
        self._screen = OutputScreen()

    def process(self, payload: Body) -> list[Body]:
        for text in delta_texts(payload):
            self._check(self._screen.feed(text))
        return [payload]

    def finish(self) -> list[Body]:
        self._check(self._screen.finish())
        return []

    @staticmethod
    def _check(findings: list[Finding]) -> None:
        if findings:
            raise OutputBlocked([f.label for f in findings])


def screen_body(endpoint: Endpoint, payload: Any) -> None:
    """Non-streaming: screen every answer text at once (same rules as the stream)."""
    screen = OutputScreen()
    texts = answer_texts(endpoint, payload)
    found = [f for text in texts for f in [*screen.feed(text + "\n"), *screen.finish()]]
    if found:
        raise OutputBlocked([f.label for f in found])


class Chain:
    def __init__(self, *filters: StreamFilter) -> None:
        self._filters = filters

    def process(self, payload: Body) -> list[Body]:
        items = [payload]
        for f in self._filters:
            items = [out for item in items for out in f.process(item)]
        return items

    def finish(self) -> list[Body]:
        items: list[Body] = []
        for f in self._filters:
            items = [out for item in items for out in f.process(item)] + f.finish()
        return items


def stream_filter(ex: Exchange, screen_output: bool) -> StreamFilter | None:
    filters: list[StreamFilter] = [OutputGuard()] if screen_output else []
    filters += [f for f in [output_filter(ex)] if f is not None]  # personal data the caller did not send
    if ex.event.audit_level == "redacted":  # the provider's text, placeholders not restored
        filters.append(ContentCollector(ex))
    if ex.pseudonymiser is not None:
        if ex.endpoint is Endpoint.RESPONSES:
            filters.append(_ResponsesRestore(ResponsesStreamRestorer(ex.pseudonymiser)))
        else:
            filters.append(_ChatRestore(ChatStreamRestorer(ex.pseudonymiser)))
    notice = disclosure_text(ex)
    if notice is not None and ex.endpoint is Endpoint.CHAT:
        filters.append(ChatNoticeFilter(notice))
    if ex.event.audit_level == "full":  # what the caller saw
        filters.append(ContentCollector(ex))
    return Chain(*filters) if filters else None


class _ChatRestore:
    def __init__(self, restorer: ChatStreamRestorer) -> None:
        self._r = restorer

    def process(self, payload: Body) -> list[Body]:
        return [self._r.process(payload)]

    def finish(self) -> list[Body]:
        return self._r.finish()


class _ResponsesRestore:
    def __init__(self, restorer: ResponsesStreamRestorer) -> None:
        self._r = restorer

    def process(self, payload: Body) -> list[Body]:
        return self._r.process(payload)

    def finish(self) -> list[Body]:
        return self._r.finish()
