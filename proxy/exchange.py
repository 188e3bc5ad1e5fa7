"""Per-request state: the request, who is calling, the chosen tool, and the audit event being filled."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from audit.events import AuditEvent, utc_now
from config.models import GatewaySettings, PolicyConfig, Tool
from detectors.scheduling import scan_caller
from policies.decision import Decision
from policies.operators import Pseudonymiser
from proxy.endpoints import Endpoint
from proxy.http.client_address import client_address
from proxy.http.free_text import bounded_text
from proxy.identity.auth import Principal

STAINLESS_PREFIX = "x-stainless-"
PEER_KEY = "steward.socket_peer"  # client_meta key of the socket peer (a proxy's address, behind one)


def new_request_id() -> str:
    """`req_` + 128 random bits as 32 hex digits (os.urandom: a third of the cost of uuid4().hex)."""
    return "req_" + os.urandom(16).hex()


@dataclass(slots=True)
class Exchange:
    request: Request
    endpoint: Endpoint
    request_id: str
    event: AuditEvent
    started: float = field(default_factory=time.perf_counter)
    principal: Principal | None = None
    tool: Tool | None = None
    upstream_started: float | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    config: PolicyConfig | None = None  # the policy snapshot this request runs under (hot reload safe)
    decision: Decision | None = None
    pseudonymiser: Pseudonymiser | None = None  # in memory, this request only; never logged or stored
    disclosed: bool = False
    audit_prompt: str | None = None  # content kept for the audit row (see proxy/stages/audit_capture.py)
    audit_output: str | None = None
    request_texts: tuple[str, ...] = ()  # what the caller sent (output screening keeps these values)

    @classmethod
    def begin(cls, request: Request, endpoint: Endpoint, gateway: GatewaySettings) -> Exchange:
        request_id = request.scope.get("state", {}).get("request_id") or new_request_id()
        headers = request.headers
        address = client_address(request, gateway.trusted_proxies, gateway.trust_forwarded_for)
        meta = {k[len(STAINLESS_PREFIX):][:64]: bounded_text(v, 128) or "" for k, v in headers.items()
                if k.startswith(STAINLESS_PREFIX)}
        meta.pop(PEER_KEY, None)  # a header cannot supply it
        if address.peer is not None:
            meta[PEER_KEY] = address.peer
        event = AuditEvent(
            request_id=request_id,
            received_at=utc_now(),
            endpoint=str(endpoint),
            client_ip=address.client,
            user_agent=bounded_text(headers.get("user-agent")),
            client_meta=meta,
        )
        return cls(request=request, endpoint=endpoint, request_id=request_id, event=event)

    def set_principal(self, principal: Principal) -> None:
        self.principal = principal
        ev = self.event
        ev.user_id, ev.display_name, ev.roles = principal.user_id, principal.display_name, principal.roles
        ev.department, ev.key_id = principal.department or None, principal.key_id
        scan_caller.set(principal.user_id)  # the scanner's fair queueing is per user (detectors/scheduling.py)

    def set_tool(self, tool: Tool) -> None:
        self.tool = tool
        self.event.tool = tool.id

    def upstream_sending(self) -> None:
        self.upstream_started = time.perf_counter()

    def upstream_responded(self) -> None:
        self.event.upstream_first_byte_at = utc_now()

    def record_usage(self, payload: Any) -> None:
        """Pick token usage and the provider-reported model out of a response body or chunk."""
        if not isinstance(payload, dict):
            return
        model = payload.get("model")
        if isinstance(model, str):
            self.event.model_reported = model
        usage = payload.get("usage")
        if not isinstance(usage, dict):
            return
        ev = self.event
        ev.prompt_tokens = _int(usage.get("prompt_tokens", usage.get("input_tokens")))
        ev.completion_tokens = _int(usage.get("completion_tokens", usage.get("output_tokens")))
        ev.total_tokens = _int(usage.get("total_tokens"))

    def finish(self, status: int, decision: str, reason_code: str | None = None, clause: str | None = None) -> None:
        ev = self.event
        ev.http_status, ev.decision = status, decision
        ev.reason_code = reason_code if reason_code is not None else ev.reason_code
        ev.policy_clause = clause if clause is not None else ev.policy_clause
        ev.completed_at = utc_now()
        now = time.perf_counter()
        ev.latency_ms = round((now - self.started) * 1000, 3)
        if self.upstream_started is not None and ev.upstream_latency_ms is None:
            ev.upstream_latency_ms = round((now - self.upstream_started) * 1000, 3)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
