"""Caller-facing policy endpoints: what policy applies to me, acknowledge it (clause 17), and ask for a
tool to be approved (clause 7)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from policies.usecases import role_may_use
from proxy.api.api_call import api_call, parse_model, pipeline_of
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import BadRequest
from proxy.http.openapi_doc import body_doc, errors

router = APIRouter(prefix="/v1", tags=["policy"])


class Acknowledgement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str | None = Field(None, description="the version you read; must be the current one if given")


class ApprovalRequest(BaseModel):
    """Clause 7: what the GenAI governance authority needs to consider a tool."""

    model_config = ConfigDict(extra="forbid")
    tool: str = Field(min_length=2, max_length=500)
    purpose: str = Field(min_length=3, max_length=4000)
    data_classification: str = Field(min_length=3, max_length=500)
    expected_output: str = Field(min_length=3, max_length=4000)
    distribution: str = Field(min_length=3, max_length=4000)


@router.get("/policy", summary="The policy that applies to you, and whether you have acknowledged it")
async def my_policy(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw, principal = pipeline_of(request).gw, ex.principal
        assert principal is not None and ex.config is not None
        config = ex.config
        policy = config.policy
        acknowledged = await gw.governance.acknowledged(principal.user_id, policy.version)
        use_cases = [{"id": u.id, "name": u.name, "tools": u.tools, "risk_class": str(u.risk_class)}
                     for u in config.use_cases if role_may_use(config, principal.roles, u)]
        return {"title": policy.title, "version": policy.version, "acknowledged": acknowledged,
                "require_acknowledgement": policy.require_acknowledgement,
                "require_training": policy.require_training, "default_use_case": config.default_use_case,
                "use_cases": use_cases}

    return await api_call(pipeline_of(request), request, Endpoint.POLICY_INFO, handler)


@router.post("/policy/acknowledge", summary="Acknowledge the current policy version (clause 17)",
             openapi_extra=body_doc(Acknowledgement, {"version": "1.0"}), responses=errors(400, 401, 503))
async def acknowledge(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw, principal = pipeline_of(request).gw, ex.principal
        assert principal is not None and ex.config is not None
        body = await parse_model(ex, Acknowledgement, gw.config.gateway.max_body_bytes)
        version = ex.config.policy.version
        if body.version is not None and body.version != version:
            raise BadRequest(f"The current policy version is {version}; you acknowledged {body.version}.",
                             param="version", code="policy_version_mismatch")
        await gw.governance.acknowledge(principal.user_id, version)
        return {"acknowledged": version, "user": principal.user_id}

    return await api_call(pipeline_of(request), request, Endpoint.POLICY_ACK, handler)


@router.post("/approval-requests", status_code=201, summary="Ask for a GenAI tool to be approved (clause 7)",
             openapi_extra=body_doc(ApprovalRequest, {
                 "tool": "Transcription service X", "purpose": "Minute internal team meetings",
                 "data_classification": "OFFICIAL", "expected_output": "Draft minutes for review",
                 "distribution": "Team members only"}), responses=errors(400, 401, 503))
async def request_approval(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw, principal = pipeline_of(request).gw, ex.principal
        assert principal is not None
        body = await parse_model(ex, ApprovalRequest, gw.config.gateway.max_body_bytes)
        request_id = await gw.governance.create_request(body.model_dump(), principal.user_id, principal.department)
        return {"id": request_id, "status": "pending",
                "message": "Your request has been recorded for the GenAI governance authority (policy 7)."}

    return await api_call(pipeline_of(request), request, Endpoint.APPROVAL_REQUEST, handler, status=201)
