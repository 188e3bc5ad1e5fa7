"""Admin API (`/admin/v1`, role `admin`): policy status and reload, pause/withdraw tools and use cases
(clause 11.4), approval requests (clause 7). Every change is recorded with who, what, before and after."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from proxy.api.api_call import api_call, parse_model, pipeline_of
from proxy.api.approval_listing import check_status
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import BadRequest, NotFound, StewardError
from proxy.http.openapi_doc import EmptyBody, body_doc, errors
from proxy.state.governance import AlreadyDecided

router = APIRouter(prefix="/admin/v1", tags=["admin"])
ADMIN = "admin"


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["approved", "paused", "withdrawn"]
    reason: str = Field(min_length=3, max_length=2000)


class RequestDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    approve: bool
    note: str = Field("", max_length=4000)


class Conflict(StewardError):
    status = 409
    type = "invalid_request_error"
    code = "conflict"


def _actor(ex: Exchange) -> str:
    assert ex.principal is not None
    return ex.principal.user_id


@router.get("/policy", summary="The policy in force: version, source, last reload, runtime overrides")
async def policy_status(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        return pipeline_of(request).gw.policy.status()

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role=ADMIN)


@router.post("/policy/reload", summary="Reload the policy file now (an invalid file is rejected, the old stays)",
             openapi_extra=body_doc(EmptyBody, {}, required=False), responses=errors(400, 401, 403, 503))
async def policy_reload(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw = pipeline_of(request).gw
        before = gw.loaded.digest
        outcome = gw.reload()
        after = {"ok": outcome.ok, "version": outcome.version, "problems": outcome.problems}
        await gw.governance.record_change(_actor(ex), "policy.reload", outcome.source, {"version": before}, after)
        if not outcome.ok:
            raise BadRequest("The policy file is invalid; the previous policy is still in force: "
                             + "; ".join(outcome.problems), code="invalid_policy")
        return {"policy_version": outcome.version, "reloaded_at": outcome.at.isoformat()}

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role=ADMIN)


async def _set_status(request: Request, kind: str, target: str) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw = pipeline_of(request).gw
        change = await parse_model(ex, StatusChange, gw.config.gateway.max_body_bytes)
        current = gw.config.tool(target) if kind == "tool" else gw.config.use_case(target)
        if current is None:
            raise NotFound(f"There is no {kind.replace('_', ' ')} '{target}'.", code=f"{kind}_not_found")
        before = {"status": str(current.status), "reason": current.status_reason}
        await gw.governance.set_status(kind, target, change.status, change.reason, _actor(ex), before)
        await gw.refresh_overrides()
        return {"kind": kind, "id": target, "status": change.status, "reason": change.reason, "before": before}

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role=ADMIN)


_STATUS = body_doc(StatusChange, {"status": "paused", "reason": "Paused while the supplier's DPIA is reviewed"})
_STATUS_ERRORS = errors(400, 401, 403, 404, 503)


@router.post("/tools/{tool_id}/status", summary="Approve, pause or withdraw a tool on every replica (11.4)",
             openapi_extra=_STATUS, responses=_STATUS_ERRORS)
async def tool_status(request: Request, tool_id: str) -> Response:
    return await _set_status(request, "tool", tool_id)


@router.post("/use-cases/{use_case_id}/status", summary="Approve, pause or withdraw a use case (11.4)",
             openapi_extra=_STATUS, responses=_STATUS_ERRORS)
async def use_case_status(request: Request, use_case_id: str) -> Response:
    return await _set_status(request, "use_case", use_case_id)


@router.get("/approval-requests", summary="Requests to approve new tools (clause 7)")
async def list_requests(request: Request, status: str | None = None) -> Response:
    async def handler(ex: Exchange) -> Any:
        check_status(status)
        rows = await pipeline_of(request).gw.governance.list_requests(status)
        return {"object": "list", "data": [_jsonable(r) for r in rows]}

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role=ADMIN)


@router.post("/approval-requests/{request_id}/decision", summary="Approve or reject a tool request",
             openapi_extra=body_doc(RequestDecision, {"approve": True, "note": "Approved for internal drafting"}),
             responses=errors(400, 401, 403, 404, 409, 503))
async def decide_request(request: Request, request_id: int) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw = pipeline_of(request).gw
        decision = await parse_model(ex, RequestDecision, gw.config.gateway.max_body_bytes)
        try:
            row = await gw.governance.decide_request(request_id, decision.approve, decision.note, _actor(ex))
        except AlreadyDecided as exc:
            raise Conflict(f"Approval request {request_id} was already {exc.status}; a decision is final. "
                           "To reconsider, the requester files a new request (policy 7).",
                           code="approval_request_decided") from None
        if row is None:
            raise NotFound(f"There is no approval request {request_id}.", code="approval_request_not_found")
        return _jsonable(row)

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role=ADMIN)


@router.get("/changes", summary="Log of admin changes: who, what, before and after")
async def changes(request: Request, limit: int = 100) -> Response:
    async def handler(ex: Exchange) -> Any:
        rows = await pipeline_of(request).gw.governance.changes(max(1, min(limit, 1000)))
        return {"object": "list", "data": [_jsonable(r) for r in rows]}

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role=ADMIN)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
