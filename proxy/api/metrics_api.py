"""`GET /metrics`: Prometheus exposition for callers holding the `metrics` or `admin` role (a scrape sends
a Steward key or an SSO token as its bearer credential). Refusals are audited like any other; successful
scrapes are not (they are operations traffic, like /healthz)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from proxy.api.api_call import pipeline_of
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import PolicyRefusal
from proxy.ops import metrics

router = APIRouter(tags=["operations"])


@router.get("/metrics", summary="Prometheus metrics (role metrics or admin)")
async def metrics_endpoint(request: Request) -> Response:
    pipeline = pipeline_of(request)
    gw = pipeline.gw
    ex = Exchange.begin(request, Endpoint.METRICS, gw.config.gateway)
    ex.config, ex.event.policy_version = gw.config, gw.loaded.digest
    try:
        principal = await gw.authenticator.authenticate(request.headers.get("authorization"))
        ex.set_principal(principal)
        if not metrics.METRICS_ROLES & set(principal.roles):
            raise PolicyRefusal("Metrics need the 'metrics' or 'admin' role (policy 10.5: access by role and least "
                                "privilege).", code="role_required", policy_clause="10.5")
    except Exception as exc:
        return await pipeline.render_failure(ex, exc)
    journal = getattr(getattr(gw.audit, "_settings", None), "journal_path", None)
    metrics.set_audit_gauges(gw.audit.pending, metrics.journal_size(journal))
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)
