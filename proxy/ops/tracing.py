"""OpenTelemetry traces, following the GenAI semantic conventions. Off unless configured.

Configured only by the standard variables: tracing is on when OTEL_TRACES_EXPORTER is `otlp` or `console`,
or an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and
OTEL_SDK_DISABLED is not `true`. The exporter (OTLP over HTTP) reads the rest (endpoint, headers,
timeout) itself and connects only when it exports; nothing touches the network at start-up.

One SERVER span per request (`{endpoint}`), continuing the caller's W3C `traceparent` when it sends one,
with children `authenticate`, `scan`, `decide`, the CLIENT span `{operation} {model}` to the provider
(whose context is sent upstream as `traceparent`), and `relay`. Spans carry ids, sizes, durations and
decisions — never prompt or output text, never user ids.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from proxy.exchange import Exchange
from proxy.ops import metrics

T = TypeVar("T")
_PROPAGATOR = TraceContextTextMapPropagator()
OPERATIONS = {"chat.completions": "chat", "responses": "chat", "completions": "text_completion",
              "embeddings": "embeddings"}


@dataclass
class RequestTrace:
    span: Span
    context: Context
    last_ns: int
    endpoint: str
    scan: tuple[int, int] | None = None
    upstream: Span | None = None
    stages: list[str] = field(default_factory=list)


_current: ContextVar[RequestTrace | None] = ContextVar("steward_trace", default=None)


class Tracing:
    """The process's tracer (None when tracing is off) and the traces of requests in flight."""

    def __init__(self) -> None:
        self.provider: TracerProvider | None = None
        self.tracer: trace.Tracer | None = None
        self.open: dict[str, RequestTrace] = {}

    def configure(self, environ: dict[str, str] | None = None, exporter: SpanExporter | None = None) -> None:
        env = dict(os.environ if environ is None else environ)
        if exporter is None and not tracing_enabled(env):
            return
        resource = Resource.create({"service.name": env.get("OTEL_SERVICE_NAME", "steward")})
        self.provider = TracerProvider(resource=resource)
        self.provider.add_span_processor(BatchSpanProcessor(exporter or _exporter(env)))
        self.tracer = self.provider.get_tracer("steward")

    def shutdown(self) -> None:
        if self.provider is not None:
            self.provider.shutdown()
        self.provider, self.tracer = None, None

    def begin(self, ex: Exchange) -> None:
        if self.tracer is None:
            return
        parent = _PROPAGATOR.extract(dict(ex.request.headers))
        span = self.tracer.start_span(str(ex.endpoint), context=parent, kind=SpanKind.SERVER,
                                      attributes={"http.request.method": ex.request.method,
                                                  "steward.request_id": ex.request_id})
        rt = RequestTrace(span, trace.set_span_in_context(span), time.time_ns(), str(ex.endpoint))
        self.open[ex.request_id] = rt
        _current.set(rt)
        ex.event.trace_id = format(span.get_span_context().trace_id, "032x")

    def stage(self, ex: Exchange, name: str) -> None:
        """Close the stage that ran since the previous mark (`authenticate`, then `scan` + `decide`)."""
        rt = self.open.get(ex.request_id)
        if rt is None or self.tracer is None:
            return
        now = time.time_ns()
        if name == "inspect" and rt.scan is not None:
            self._child(rt, "scan", rt.last_ns if rt.scan[0] < rt.last_ns else rt.scan[0], rt.scan[1])
            self._child(rt, "decide", rt.scan[1], now)
        else:
            self._child(rt, name if name != "inspect" else "decide", rt.last_ns, now)
        rt.last_ns = now

    def outgoing(self, headers: dict[str, str], tool: Any, model: str) -> dict[str, str]:
        """Start the provider (CLIENT) span and return `headers` with its `traceparent`."""
        rt = _current.get()
        if rt is None or self.tracer is None:
            return headers
        operation = OPERATIONS.get(rt.endpoint, "chat")
        rt.upstream = self.tracer.start_span(
            f"{operation} {model}", context=rt.context, kind=SpanKind.CLIENT,
            attributes={"gen_ai.operation.name": operation, "gen_ai.provider.name": str(tool.provider),
                        "gen_ai.request.model": model, "steward.tool": tool.id})
        carrier: dict[str, str] = {}
        _PROPAGATOR.inject(carrier, context=trace.set_span_in_context(rt.upstream))
        return {**headers, **carrier}

    def finish(self, ex: Exchange) -> None:
        rt = self.open.pop(ex.request_id, None)
        if rt is None:
            return
        ev, now = ex.event, time.time_ns()
        first_byte = int(ev.upstream_first_byte_at.timestamp() * 1e9) if ev.upstream_first_byte_at else None
        if rt.upstream is not None:
            _usage(rt.upstream, ex)
            rt.upstream.end(end_time=first_byte or now)
        if first_byte is not None:
            self._child(rt, "relay", first_byte, now)
        attrs: dict[str, str | int] = {
            "http.response.status_code": ev.http_status or 0, "steward.decision": ev.decision,
            "steward.outcome": ev.outcome or "", "steward.tool": ev.tool or "",
            "steward.use_case": ev.use_case or "", "steward.reason_code": ev.reason_code or ""}
        rt.span.set_attributes(attrs)
        if ev.model_requested and ev.tool:
            rt.span.set_attribute("gen_ai.request.model", ev.model_requested[:128])
        _usage(rt.span, ex)
        if (ev.http_status or 0) >= 500:
            rt.span.set_status(Status(StatusCode.ERROR))
        rt.span.end(end_time=now)

    def _child(self, rt: RequestTrace, name: str, start_ns: int, end_ns: int) -> None:
        assert self.tracer is not None
        self.tracer.start_span(name, context=rt.context, start_time=start_ns).end(end_time=max(start_ns, end_ns))


TRACING = Tracing()


def timed_scan(scan: Callable[[Sequence[str]], Awaitable[T]]) -> Callable[[Sequence[str]], Awaitable[T]]:
    """Wrap the scanner: record the scan's duration (metric) and its span bounds (trace)."""
    async def scan_and_time(texts: Sequence[str]) -> T:
        started = time.time_ns()
        try:
            return await scan(texts)
        finally:
            ended = time.time_ns()
            metrics.observe_scan((ended - started) / 1e9)
            rt = _current.get()
            if rt is not None:
                rt.scan = (started, ended)
    return scan_and_time


def tracing_enabled(env: dict[str, str]) -> bool:
    if env.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return False
    exporter = env.get("OTEL_TRACES_EXPORTER", "").lower()
    if exporter == "none":
        return False
    return exporter in ("otlp", "console") or bool(
        env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))


def _exporter(env: dict[str, str]) -> SpanExporter:
    if env.get("OTEL_TRACES_EXPORTER", "").lower() == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    return OTLPSpanExporter()


def _usage(span: Span, ex: Exchange) -> None:
    ev = ex.event
    if ev.model_reported:
        span.set_attribute("gen_ai.response.model", ev.model_reported[:128])
    if ev.prompt_tokens is not None:
        span.set_attribute("gen_ai.usage.input_tokens", ev.prompt_tokens)
    if ev.completion_tokens is not None:
        span.set_attribute("gen_ai.usage.output_tokens", ev.completion_tokens)
