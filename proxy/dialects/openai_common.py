"""What the OpenAI dialects share: the error shape, `data: [DONE]`, usage on the final chunk or event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policies.operators import TextMapper
from proxy.dialects.base import Body, StreamField, StreamFilter
from proxy.dialects.fields import TextField
from proxy.http.errors import StewardError, sse_error_event

if TYPE_CHECKING:
    from proxy.exchange import Exchange


class Unchanged:
    """A stream filter that passes every event on as it is."""

    def process(self, payload: Body) -> list[Body]:
        return [payload]

    def finish(self) -> list[Body]:
        return []


class OpenAIDialect:
    """Defaults for an OpenAI endpoint: no answer text, nothing to restore, OpenAI-shaped errors."""

    name = "openai"
    named_events = False
    passthrough_headers: tuple[str, ...] = ()

    def answer_fields(self, payload: Any, tool_args: bool = False) -> list[TextField]:
        return []

    def event_fields(self, event: Body, tool_args: bool = False) -> list[StreamField]:
        return []

    def restore(self, payload: Body, p: TextMapper) -> Body:
        return payload

    def stream_restorer(self, p: TextMapper) -> StreamFilter:
        return Unchanged()

    def with_notice(self, payload: Body, notice: str) -> Body:
        return payload

    def notice_filter(self, notice: str) -> StreamFilter | None:
        return None

    def stream_usage(self, ex: Exchange, event: Body) -> None:
        ex.record_usage(event)

    def request_stream_usage(self, body: Body) -> bool:
        """Streams report usage only when asked: ask (in `body`); True when the caller had not."""
        options = body.get("stream_options") or {}
        if not isinstance(options, dict) or options.get("include_usage") is True:
            return False
        body["stream_options"] = {**options, "include_usage": True}
        return True

    def usage_only(self, event: Body) -> bool:
        """The usage chunk Steward asked for on the caller's behalf (hidden unless they asked)."""
        return event.get("choices") == [] and "usage" in event

    def error_body(self, exc: StewardError, request_id: str) -> Body:
        return exc.body(request_id)

    def stream_error(self, exc: StewardError, request_id: str) -> bytes:
        return sse_error_event(exc, request_id)


def string_at(obj: object, key: str, path: tuple[str | int, ...], is_json: bool = False) -> list[TextField]:
    """[the string at obj[key] as a field at path+key] or []."""
    if isinstance(obj, dict) and isinstance(obj.get(key), str):
        return [TextField((*path, key), obj[key], is_json)]
    return []
