"""The one interface the pipeline calls for a wire format (OpenAI chat, Responses, Anthropic Messages, ...).

A dialect alone knows what its bodies look like, both ways:

    request    fields(body)                every string the model reads (with paths to write it back) and the
                                           parts no detector can read
    answer     answer_fields(payload)      the text the model wrote, in a whole answer
               event_fields(event)         the text one stream event adds (keyed per streamed field)
               restore / stream_restorer   put pseudonymised values back (whole, or event by event)
               with_notice / notice_filter the disclosure notice (clause 9.1)
               stream_usage(ex, event)     token usage and reported model from a stream event
               request_stream_usage(body)  ask for usage on a stream; usage_only(event): the chunk to hide
    stream     named_events                SSE events carry `event: <type>` lines
               passthrough_headers         caller headers the provider must see (anthropic-version)
    errors     error_body / stream_error   the dialect's own error shape, whole and in-band

Screens that read or rewrite the answer (the output screen, output redaction) use `answer_fields` and
`event_fields`, so they need no per-format code of their own: each field's `path` is relative to the
payload or event it came from, so `fields.replace(event, {field.path: new_text})` rewrites it (except
JSON views of objects, e.g. an Anthropic `tool_use.input`, which are read-only), and a `StreamField.key`
names the streamed field a delta continues (for look-back state across events). Adding a dialect is one module that
implements this and one line in `proxy/dialects/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import orjson
from starlette.responses import Response

from policies.operators import TextMapper
from proxy.dialects.fields import Fields, TextField
from proxy.http.errors import StewardError

if TYPE_CHECKING:
    from proxy.exchange import Exchange

Body = dict[str, Any]


class StreamFilter(Protocol):
    """Turns one (parsed) stream event into the events to send; `finish` returns what is still held."""

    def process(self, payload: Body) -> list[Body]: ...

    def finish(self) -> list[Body]: ...


@dataclass(frozen=True, slots=True)
class StreamField:
    """Text one stream event carries, and which streamed field it continues (for per-field state)."""

    key: tuple[Any, ...]
    field: TextField


class Dialect(Protocol):
    name: str  # "openai.chat", "openai.responses", "anthropic.messages", ...
    named_events: bool  # stream events carry `event: <type>` lines
    passthrough_headers: tuple[str, ...]  # caller headers the provider must see (e.g. anthropic-version)

    def fields(self, body: Body) -> Fields: ...

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]: ...

    def event_fields(self, event: Body, tool_args: bool = False) -> list[StreamField]: ...

    def restore(self, payload: Body, p: TextMapper) -> Body: ...

    def stream_restorer(self, p: TextMapper) -> StreamFilter: ...

    def with_notice(self, payload: Body, notice: str) -> Body: ...

    def notice_filter(self, notice: str) -> StreamFilter | None: ...

    def stream_usage(self, ex: Exchange, event: Body) -> None: ...

    def request_stream_usage(self, body: Body) -> bool: ...

    def usage_only(self, event: Body) -> bool: ...

    def error_body(self, exc: StewardError, request_id: str) -> Body: ...

    def stream_error(self, exc: StewardError, request_id: str) -> bytes: ...


def answer_texts(dialect: Dialect, payload: Any, tool_args: bool = False) -> list[str]:
    return [f.text for f in dialect.answer_fields(payload, tool_args)]


def event_texts(dialect: Dialect, event: Body, tool_args: bool = False) -> list[str]:
    return [f.field.text for f in dialect.event_fields(event, tool_args)]


def credentials(headers: Mapping[str, str]) -> str | None:
    """The caller's key as an Authorization value: `Authorization`, else Anthropic's `x-api-key`."""
    value = headers.get("authorization")
    if value:
        return value
    key = headers.get("x-api-key")
    return f"Bearer {key}" if key else None


def render_error(dialect: Dialect, exc: StewardError, request_id: str,
                 extra_headers: dict[str, str] | None = None) -> Response:
    """An error response in the dialect's own shape (same status and headers in every dialect)."""
    headers = {"x-request-id": request_id, **exc.headers, **(extra_headers or {})}
    return Response(orjson.dumps(dialect.error_body(exc, request_id)), status_code=exc.status,
                    media_type="application/json", headers=headers)
