"""Mount the auditor API (`/audit/v1`) and `POST /v1/feedback` on the gateway, authenticated with
Steward keys; and queue sampled requests for human review (clauses 8.3.3–8.3.4)."""

from __future__ import annotations

import asyncio

import structlog
from fastapi import FastAPI
from starlette.requests import Request

from audit.api import AuditDeps, build_audit_router, build_feedback_router
from audit.api.deps import Actor
from audit.review import enqueue, sample_reason
from config.models import PolicyConfig
from proxy.exchange import Exchange
from proxy.gateway import Gateway
from proxy.http.errors import PolicyRefusal

log = structlog.get_logger("steward.audit_api")


def mount_audit_api(app: FastAPI) -> None:
    def gateway() -> Gateway:
        gw: Gateway = app.state.gateway
        return gw

    async def authorize(request: Request, roles: set[str]) -> Actor:
        principal = await gateway().authenticator.authenticate(request.headers.get("authorization"))
        if roles and not roles & set(principal.roles):
            needed = " or ".join(sorted(roles))
            raise PolicyRefusal(f"This endpoint needs the {needed} role (policy 10.5: access by role and least "
                                "privilege).", code="role_required", policy_clause="10.5")
        return Actor(user_id=principal.user_id, roles=principal.roles, department=principal.department or None)

    def policy() -> PolicyConfig:
        return gateway().config

    deps = AuditDeps(engine_provider=lambda: gateway().engine, authorize=authorize, policy_snapshot=policy,
                     erasure_allowed=lambda: gateway().config.gateway.audit.erasure_allowed)
    app.include_router(build_audit_router(deps))
    app.include_router(build_feedback_router(deps))


class ReviewSampler:
    """Puts a request in the review queue at its use case's sampling rate (and every refusal of a
    restricted use case). Sampling is a deterministic function of the request id, so replicas agree."""

    def __init__(self, gateway: Gateway) -> None:
        self._gw = gateway
        self._tasks: set[asyncio.Task[None]] = set()

    def consider(self, ex: Exchange) -> None:
        ev, decision = ex.event, ex.decision
        if decision is None or decision.obligations is None or ev.use_case is None:
            return
        ob = decision.obligations
        reason = sample_reason(ev.request_id, ob.review_sampling_rate, ob.risk_class, ev.decision == "refused")
        if reason is None:
            return
        task = asyncio.get_running_loop().create_task(self._enqueue(ev.request_id, ev.use_case, reason))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _enqueue(self, request_id: str, use_case: str, reason: str) -> None:
        try:
            await enqueue(self._gw.engine, request_id, use_case=use_case, reason=reason)  # type: ignore[arg-type]
        except Exception as exc:  # the record itself is safe in the audit trail; log the miss
            log.warning("review.enqueue_failed", error=type(exc).__name__, request_id=request_id)

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
