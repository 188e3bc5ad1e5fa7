"""Relay an upstream SSE stream to the caller, event by event (never buffering the whole answer).

The response object owns the upstream response and the audit event: whatever happens — normal end,
upstream failure mid-stream, client disconnect — the upstream is closed promptly and the audit
event is submitted exactly once (`cancelled` when the client went away).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import httpx
import orjson
import structlog
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from policies.output_redact import OutputWithheld
from proxy.dialects import dialect_for
from proxy.dialects.base import StreamFilter
from proxy.exchange import Exchange
from proxy.http.errors import UpstreamError
from proxy.http.sse import DONE, SSEEvent, comment, frame, iter_events
from proxy.stages.answers import OutputBlocked, output_refusal

log = structlog.get_logger("steward.relay")

SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


class StreamRelay:
    """Turns upstream SSE events into frames for the caller; records usage; hides injected usage."""

    def __init__(self, ex: Exchange, upstream: httpx.Response, hide_usage_chunk: bool,
                 transform: StreamFilter | None = None) -> None:
        self.ex = ex
        self.upstream = upstream
        self.hide_usage_chunk = hide_usage_chunk
        self.transform = transform
        self.outcome = "cancelled"
        self.error_code: str | None = None
        self.clause = "7.2"  # of an answer withheld mid-stream
        self.dialect = dialect_for(ex.endpoint)

    async def frames(self) -> AsyncIterator[bytes]:
        try:
            async for event in iter_events(self.upstream.aiter_bytes()):
                if event.data == "[DONE]":
                    yield self._flush() + DONE
                    continue
                out = self._relay(event)
                if out:
                    yield out
            tail = self._flush()
            if tail:
                yield tail
            self.outcome = "allowed"
        except (OutputBlocked, OutputWithheld) as blocked:
            refusal = output_refusal(blocked)
            self.outcome, self.error_code, self.clause = "refused", refusal.code, blocked.clause
            log.warning("output.blocked", labels=blocked.labels)
            yield self.dialect.stream_error(refusal, self.ex.request_id)
        except httpx.HTTPError as exc:
            self.outcome, self.error_code = "error", "upstream_stream_failed"
            log.warning("upstream.stream_failed", error=type(exc).__name__)
            failure = UpstreamError("The provider's stream failed part-way; the answer is incomplete.",
                                    code="upstream_stream_failed")
            yield self.dialect.stream_error(failure, self.ex.request_id)

    def _relay(self, event: SSEEvent) -> bytes | None:
        if event.data is None:
            return comment(event.comment or "keep-alive")
        try:
            payload = orjson.loads(event.data)
        except orjson.JSONDecodeError:
            return frame(event.data, event.event)
        if not isinstance(payload, dict):
            return frame(event.data, event.event)
        self.dialect.stream_usage(self.ex, payload)
        if self.hide_usage_chunk and self.dialect.usage_only(payload):
            return None
        if self.transform is None:
            return frame(event.data, event.event)
        out = self.transform.process(payload)
        if len(out) == 1 and out[0] is payload:  # untouched: relay the provider's bytes as they were
            return frame(event.data, event.event)
        return self._frames(out, event.event)

    def _frames(self, payloads: list[dict[str, Any]], event: str | None) -> bytes:
        named = self.dialect.named_events
        return b"".join(frame(orjson.dumps(p), p.get("type") if named else event) for p in payloads)

    def _flush(self) -> bytes:
        """Anything a transformer still holds (e.g. a placeholder prefix) when the provider ends."""
        if self.transform is None:
            return b""
        return self._frames(self.transform.finish(), None)


class RelayResponse(StreamingResponse):
    """A streaming response that always closes the upstream and submits the audit event once."""

    def __init__(self, relay: StreamRelay, on_done: Callable[[Exchange], None], headers: dict[str, str]) -> None:
        super().__init__(relay.frames(), status_code=200, media_type="text/event-stream",
                         headers={**SSE_HEADERS, **headers})
        self._relay = relay
        self._on_done = on_done

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Watch for the client going away while waiting on the provider (whatever the ASGI spec
        # version), so the upstream stream is closed promptly instead of at the next chunk.
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(self._stream_then_stop, send, group.cancel_scope)
                await self.listen_for_disconnect(receive)
                group.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                await self._relay.upstream.aclose()
            relay = self._relay
            status = {"error": 502, "refused": 403}.get(relay.outcome, 200)
            if relay.outcome == "refused":
                relay.ex.event.policy_clause = relay.clause
            if relay.outcome != "allowed":
                relay.ex.event.outcome = {"refused": "blocked"}.get(relay.outcome, relay.outcome)
            relay.ex.finish(status, relay.outcome, relay.error_code or ("client_disconnected"
                                                                          if relay.outcome == "cancelled" else None))
            self._on_done(relay.ex)

    async def _stream_then_stop(self, send: Send, scope: anyio.CancelScope) -> None:
        try:
            await self.stream_response(send)
        except OSError:
            pass  # the client disconnected; recorded as cancelled
        scope.cancel()
