"""`GET /v1/models`: only the models this caller may use right now (approved, active, granted)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from policies.resolve import visible_models
from proxy.api.api_call import api_call
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import NotFound
from proxy.pipeline import Pipeline


def _entries(pipeline: Pipeline, roles: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for tool, name in visible_models(pipeline.gw.config, roles):
        entries.setdefault(name, {"id": name, "object": "model", "created": 0, "owned_by": tool.id})
    return entries


async def list_models(pipeline: Pipeline, request: Request) -> Response:
    return await _serve(pipeline, request, None)


async def retrieve_model(pipeline: Pipeline, request: Request, model: str) -> Response:
    return await _serve(pipeline, request, model)


async def _serve(pipeline: Pipeline, request: Request, model: str | None) -> Response:
    async def handler(ex: Exchange) -> Any:
        ex.event.model_requested = model
        assert ex.principal is not None
        entries = _entries(pipeline, ex.principal.roles)
        if model is None:
            return {"object": "list", "data": list(entries.values())}
        if model not in entries:
            raise NotFound(f"The model '{model}' is not available to you.", code="model_not_found", param="model")
        return entries[model]

    return await api_call(pipeline, request, Endpoint.MODELS, handler)
