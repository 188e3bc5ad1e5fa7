"""THE one place that knows the stage order of a proxied request.

    1 authenticate   proxy/identity/auth.py        Bearer key -> Principal                        (401)
    2 audit gate     audit writer         store unhealthy -> refuse (fail closed)       (503)
    3 parse          proxy/http/body.py        bounded read, JSON object, field types         (400)
    4 resolve        policies/resolve.py  model -> approved tool the caller's role may use (404/403)
    5 inspect        proxy/stages/inspect.py     scan every text field, decide, transform       (403/503)
    6 forward        proxy/stages/upstream.py    pooled client per tool                         (502/504)
    7 relay          proxy/stages/relay.py       JSON body, or SSE event by event
    8 audit          every outcome submits exactly one AuditEvent (streams: when they end)
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import structlog
from starlette.requests import Request
from starlette.responses import Response

from audit.outage import error_kind, is_store_error
from policies.output_redact import OutputWithheld
from policies.refusal import Refusal
from policies.resolve import Route, ToolNotConfigured, resolve_tool
from proxy.api.audit_api import ReviewSampler
from proxy.dialects import dialect_for
from proxy.dialects.base import answer_texts, credentials, render_error
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.gateway import Gateway
from proxy.http.body import parse_json, read_body, validate
from proxy.http.disconnect import ClientDisconnected, DisconnectWatch
from proxy.http.errors import (
    NotFound,
    PolicyRefusal,
    ServiceUnavailable,
    StewardError,
    StoreUnavailable,
    UpstreamError,
    tool_not_configured,
)
from proxy.http.free_text import caller_identifier, model_names
from proxy.identity.oidc import require_sso_role, require_sso_use_case
from proxy.ops import metrics
from proxy.ops.tracing import TRACING
from proxy.stages.answers import (
    OutputBlocked,
    finish_body,
    mark_disclosure,
    output_refusal,
    screen_body,
    stream_filter,
)
from proxy.stages.audit_capture import capture_output_texts, finalise
from proxy.stages.audit_redaction import OutputRedaction, needs_output_redaction
from proxy.stages.limits import begin_admission
from proxy.stages.output_data import redact_body
from proxy.stages.relay import RelayResponse, StreamRelay
from proxy.stages.upstream import forwarded_headers

log = structlog.get_logger("steward.pipeline")


def refusal_error(refusal: Refusal, roles: tuple[str, ...] = ()) -> StewardError:
    if isinstance(refusal, ToolNotConfigured):
        return tool_not_configured(refusal, "admin" in roles)
    kind = NotFound if refusal.not_found else PolicyRefusal
    return kind(refusal.message, code=refusal.code, policy_clause=refusal.clause)


class Pipeline:
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway
        self.review = ReviewSampler(gateway)
        self.output_redaction = OutputRedaction(gateway.scanner)

    async def handle(self, request: Request, endpoint: Endpoint) -> Response:
        ex = Exchange.begin(request, endpoint, self.gw.config.gateway)
        ex.config, ex.event.policy_version = self.gw.config, self.gw.loaded.digest
        ex.event.retention_days = ex.config.gateway.audit.default_retention_days
        TRACING.begin(ex)
        try:
            return await self._run(ex)
        except Exception as exc:
            return await self.render_failure(ex, exc)

    async def render_failure(self, ex: Exchange, exc: Exception) -> Response:
        """Every failure becomes an audited OpenAI-shaped error; a bug never shows a stack trace."""
        if isinstance(exc, ClientDisconnected):
            ex.finish(499, "cancelled", "client_disconnected")
            ex.event.outcome = "cancelled"
            self.submit(ex)
            return Response(status_code=499)  # nobody is listening; uvicorn drops it
        if isinstance(exc, StewardError):
            return self.refuse(ex, exc)
        if isinstance(exc, Refusal):
            return self.refuse(ex, refusal_error(exc, ex.principal.roles if ex.principal else ()))
        if is_store_error(exc):  # a database outage is not a bug: 503 (fail closed), never 500
            log.warning("request.store_unavailable", error=error_kind(exc))
            return self.refuse(ex, StoreUnavailable())
        log.error("request.failed", error=type(exc).__name__)
        return self.refuse(ex, StewardError("The gateway failed to process this request.", code="internal_error"))

    async def authenticate(self, ex: Exchange) -> None:
        principal = await self.gw.authenticator.authenticate(credentials(ex.request.headers))
        ex.set_principal(principal)
        require_sso_role(self.gw.config, principal)
        TRACING.stage(ex, "authenticate")
        if not self.gw.audit_ready:
            raise ServiceUnavailable(
                "The audit store is unavailable, so requests are refused until it recovers (fail closed).",
                code="audit_unavailable",
            )

    async def _run(self, ex: Exchange) -> Response:
        await self.authenticate(ex)
        body = parse_json(await read_body(ex.request, self.gw.config.gateway.max_body_bytes))
        model = validate(ex.endpoint, body)
        named = caller_identifier(model, model_names(self.gw.config))  # caller free text: see proxy/http/free_text.py
        ex.event.model_requested, ex.event.stream = named, body.get("stream") is True
        ex.event.session_id = caller_identifier(session_id(ex.request.headers, body))
        assert ex.principal is not None and named is not None
        route = resolve_tool(self.gw.config, ex.principal.roles, named,
                             caller_identifier(ex.request.headers.get("x-steward-tool")))
        ex.set_tool(route.tool)
        require_sso_use_case(self.gw.config, ex.principal, ex.request.headers.get("x-steward-use-case"))
        admission = begin_admission(self.gw.limits, ex, body, route.model)  # its round trip overlaps the scan
        try:
            body = await self.gw.inspector.inspect(ex, body)
        except BaseException:
            if admission is not None:
                admission.abandon()
            raise
        TRACING.stage(ex, "inspect")
        body["model"] = route.model
        if admission is not None:
            await admission.finish(ex)
        hide_usage = self._request_stream_usage(ex, body)
        watch = DisconnectWatch(ex.request)
        try:
            return await self._forward(ex, route, body, hide_usage, watch)
        finally:
            await watch.close()  # before a stream starts listening for the disconnect itself

    async def _forward(self, ex: Exchange, route: Route, body: dict[str, Any], hide_usage: bool,
                       watch: DisconnectWatch) -> Response:
        ex.upstream_sending()
        passed = {h: v for h in dialect_for(ex.endpoint).passthrough_headers if (v := ex.request.headers.get(h))}
        send = self.gw.upstreams.send(route.tool, ex.endpoint, route.model, orjson.dumps(body), passed)
        upstream = await watch.run(send)
        ex.upstream_responded()
        if ex.event.stream and upstream.status_code == 200 and _is_sse(upstream):
            mark_disclosure(ex)
            relay = StreamRelay(ex, upstream, hide_usage,
                                stream_filter(ex, screen_output=self.gw.config.gateway.detection.enabled))
            headers = {"x-request-id": ex.request_id, **ex.response_headers}
            return RelayResponse(relay, self.submit, headers)
        return await self._complete(ex, upstream, watch)

    def _request_stream_usage(self, ex: Exchange, body: dict[str, Any]) -> bool:
        """Ask for usage on streams where the caller must opt in (for the audit row); hide it unless they asked."""
        if not ex.event.stream or ex.tool is None or not ex.tool.stream_usage:
            return False
        return dialect_for(ex.endpoint).request_stream_usage(body)

    async def _complete(self, ex: Exchange, upstream: httpx.Response, watch: DisconnectWatch) -> Response:
        try:
            data = await watch.run(upstream.aread())
        except httpx.TimeoutException as exc:
            raise UpstreamError("The provider stopped responding mid-answer.", code="upstream_timeout") from exc
        except httpx.HTTPError as exc:
            raise UpstreamError("The provider's response was cut off.", code="upstream_read_failed") from exc
        finally:
            await upstream.aclose()
        payload = _json_or_none(data, upstream)
        if upstream.status_code >= 400:
            headers = {"x-request-id": ex.request_id, **forwarded_headers(upstream), **ex.response_headers}
            return self._upstream_error(ex, upstream.status_code, payload, data, headers)
        ex.record_usage(payload)
        dialect = dialect_for(ex.endpoint)
        if self.gw.config.gateway.detection.enabled:
            try:
                screen_body(dialect, payload)
            except OutputBlocked as exc:
                raise output_refusal(exc) from exc
            try:
                payload, data = redact_body(ex, payload, data)
            except OutputWithheld as exc:
                raise output_refusal(exc) from exc
        mark_disclosure(ex)
        if ex.event.audit_level == "redacted":
            capture_output_texts(ex, answer_texts(dialect, payload, tool_args=True))
        data = finish_body(ex, payload, data)
        if ex.event.audit_level == "full" and payload is not None:
            capture_output_texts(ex, answer_texts(dialect, orjson.loads(data), tool_args=True))
        headers = {"x-request-id": ex.request_id, **forwarded_headers(upstream), **ex.response_headers}
        ex.finish(upstream.status_code, "allowed")
        self.submit(ex)
        media_type = upstream.headers.get("content-type", "application/json")
        return Response(data, status_code=upstream.status_code, media_type=media_type, headers=headers)

    def _upstream_error(self, ex: Exchange, status: int, payload: Any, data: bytes,
                        headers: dict[str, str]) -> Response:
        if not (isinstance(payload, dict) and isinstance(payload.get("error"), dict)):
            raise UpstreamError(f"The provider returned HTTP {status} without an OpenAI-shaped error.")
        payload["error"]["request_id"] = ex.request_id  # every error carries Steward's request id
        data = orjson.dumps(payload)
        ex.finish(status, "error", f"upstream_http_{status}")
        ex.event.outcome = headers["x-steward-decision"] = "error"
        self.submit(ex)
        return Response(data, status_code=status, media_type="application/json", headers=headers)

    def refuse(self, ex: Exchange, exc: StewardError) -> Response:
        decision = "refused" if exc.status < 500 else "error"
        ex.finish(exc.status, decision, exc.code, exc.policy_clause)
        ev = ex.event
        ev.outcome = "blocked" if decision == "refused" else "error"
        ex.response_headers["x-steward-decision"] = ev.outcome  # every response says what happened
        ex.response_headers.setdefault("x-steward-categories", "")
        ev.reasons = not_sent(ev.reasons)  # a refused request was not redacted and sent: say so
        if exc.policy_clause is not None and not any(r.get("code") == exc.code for r in ev.reasons):
            ev.reasons = [*ev.reasons, {"code": exc.code, "clause": exc.policy_clause, "message": exc.message}]
        self.submit(ex)
        return render_error(dialect_for(ex.endpoint), exc, ex.request_id, ex.response_headers)

    def submit(self, ex: Exchange) -> None:
        if needs_output_redaction(ex):
            self.output_redaction.then(ex, self._submit_now)
        else:
            self._submit_now(ex)

    def _submit_now(self, ex: Exchange) -> None:
        finalise(ex)
        if self.gw.limits is not None:
            self.gw.limits.settle(ex)
        metrics.observe(ex)
        TRACING.finish(ex)
        self.gw.audit.submit(ex.event)
        self.review.consider(ex)
        ev = ex.event
        log.info("request.completed", endpoint=ev.endpoint, status=ev.http_status, decision=ev.decision,
                 reason=ev.reason_code, tool=ev.tool, gen_ai_request_model=ev.model_requested,
                 latency_ms=ev.latency_ms, stream=ev.stream)


def not_sent(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reasons of a refused request: transformations it would have had were never applied."""
    return [{**r, "message": "Not applied: the request was refused, so nothing was redacted or sent."}
            if str(r.get("code", "")).endswith(("_redacted", "_pseudonymised")) else r for r in reasons]


def session_id(headers: Any, body: dict[str, Any]) -> str | None:
    """The caller's conversation/session id: `X-Steward-Session-Id`, else metadata.session_id."""
    value = headers.get("x-steward-session-id")
    metadata = body.get("metadata")
    if value is None and isinstance(metadata, dict):
        value = metadata.get("session_id") or metadata.get("conversation_id")
    return value if isinstance(value, str) and value else None


def _is_sse(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith("text/event-stream")


def _json_or_none(data: bytes, response: httpx.Response) -> Any:
    if "json" not in response.headers.get("content-type", ""):
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
