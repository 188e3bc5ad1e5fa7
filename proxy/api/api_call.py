"""Shared plumbing for Steward's own JSON APIs (admin, policy, approvals): authenticate, check the role,
parse a typed body, run the handler, audit the call, render any failure OpenAI-shaped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.body import parse_json, read_body
from proxy.http.errors import BadRequest, PolicyRefusal
from proxy.pipeline import Pipeline

M = TypeVar("M", bound=BaseModel)
Handler = Callable[[Exchange], Awaitable[Any]]


def pipeline_of(request: Request) -> Pipeline:
    """The running gateway's pipeline (set in the app lifespan)."""
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


async def api_call(pipeline: Pipeline, request: Request, endpoint: Endpoint, handler: Handler,
                   role: str | None = None, status: int = 200) -> Response:
    ex = Exchange.begin(request, endpoint, pipeline.gw.config.gateway)
    ex.config, ex.event.policy_version = pipeline.gw.config, pipeline.gw.loaded.digest
    try:
        await pipeline.authenticate(ex)
        if role is not None:
            require_role(ex, role)
        payload = await handler(ex)
    except Exception as exc:
        return await pipeline.render_failure(ex, exc)
    ex.finish(status, "allowed")
    pipeline.submit(ex)
    return JSONResponse(payload, status_code=status, headers={"x-request-id": ex.request_id, **ex.response_headers})


def require_role(ex: Exchange, role: str) -> None:
    assert ex.principal is not None
    if role not in ex.principal.roles:
        raise PolicyRefusal(f"This endpoint needs the '{role}' role (policy 10.5: access by role and least "
                            "privilege).", code="role_required", policy_clause="10.5")


async def parse_model(ex: Exchange, model: type[M], limit: int) -> M:
    return validated(model, parse_json(await read_body(ex.request, limit)))


def validated(model: type[M], raw: object) -> M:
    """`raw` as a `model`, or a 400 naming the first offending field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        raise BadRequest(f"{field}: {first['msg']}" if field else str(first["msg"]), param=field,
                         code="invalid_request") from exc
