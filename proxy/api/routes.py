"""HTTP routes: thin handlers that hand the request to the pipeline.

The proxy endpoints are the hot path. They are `DirectRoute`s registered on the application's own
router (`add_proxy_routes(app.router)`): ordinary FastAPI routes as far as the OpenAPI schema goes (same
path, method, tags, summary, operation id), but served without FastAPI's per-request machinery (route
context of included routers, dependency solving, exit stacks), which cost ~50 µs of CPU per request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.routing import APIRoute
from starlette.responses import JSONResponse, Response
from starlette.routing import request_response

from proxy.api.api_call import pipeline_of
from proxy.api.models_route import list_models, retrieve_model
from proxy.api.policy_api import DryRun, dry_run
from proxy.endpoints import Endpoint
from proxy.http.openapi_doc import body_doc, errors
from proxy.http.request_schemas import EXAMPLES, MODELS
from proxy.stages.limits import readiness_detail

router = APIRouter()


class DirectRoute(APIRoute):
    """An APIRoute whose endpoint takes the `Request` alone and is called directly (Starlette's request/response
    wrapper, including its exception handling). Add it to the app's router itself: `include_router` would serve
    it through the included-router route context instead."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        self.app = request_response(endpoint)


async def chat_completions(request: Request) -> Response:
    return await pipeline_of(request).handle(request, Endpoint.CHAT)


async def responses(request: Request) -> Response:
    return await pipeline_of(request).handle(request, Endpoint.RESPONSES)


async def embeddings(request: Request) -> Response:
    return await pipeline_of(request).handle(request, Endpoint.EMBEDDINGS)


async def completions(request: Request) -> Response:
    return await pipeline_of(request).handle(request, Endpoint.COMPLETIONS)


async def messages(request: Request) -> Response:
    return await pipeline_of(request).handle(request, Endpoint.MESSAGES)


async def count_tokens(request: Request) -> Response:
    return await pipeline_of(request).handle(request, Endpoint.MESSAGES_COUNT)


PROXY_ROUTES: tuple[tuple[str, Callable[[Request], Awaitable[Response]], str, Endpoint], ...] = (
    ("/v1/chat/completions", chat_completions, "Chat completions (OpenAI-compatible)", Endpoint.CHAT),
    ("/v1/responses", responses, "Responses API (OpenAI-compatible)", Endpoint.RESPONSES),
    ("/v1/embeddings", embeddings, "Embeddings (OpenAI-compatible)", Endpoint.EMBEDDINGS),
    ("/v1/completions", completions, "Legacy completions (OpenAI-compatible)", Endpoint.COMPLETIONS),
    ("/v1/messages", messages, "Messages (Anthropic-compatible)", Endpoint.MESSAGES),
    ("/v1/messages/count_tokens", count_tokens, "Count tokens (Anthropic-compatible)", Endpoint.MESSAGES_COUNT),
)
PROXY_ERRORS = errors(400, 401, 403, 404, 413, 502, 503)
_ANSWER = {"description": "The provider's answer (JSON, or `text/event-stream` when `stream` is true), screened "
                          "and with pseudonyms restored",
           "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}},
                       "text/event-stream": {"schema": {"type": "string"}}}}


def add_proxy_routes(app_router: APIRouter) -> None:
    """Register the proxy endpoints on the application's router (see the module docstring)."""
    for path, endpoint, summary, kind in PROXY_ROUTES:
        app_router.add_api_route(path, endpoint, methods=["POST"], tags=["proxy"], summary=summary,
                                 route_class_override=DirectRoute, responses={200: _ANSWER, **PROXY_ERRORS},
                                 openapi_extra=body_doc(MODELS[kind], EXAMPLES[kind]))


@router.get("/v1/models", tags=["proxy"], summary="Models this caller may use")
async def models(request: Request) -> Response:
    return await list_models(pipeline_of(request), request)


@router.get("/v1/models/{model:path}", tags=["proxy"], summary="One model, if this caller may use it")
async def model(request: Request, model: str) -> Response:
    return await retrieve_model(pipeline_of(request), request, model)


_DRY_RUN = body_doc(DryRun, {"texts": ["Please call Jane Smith on 07700 900123 about her council tax."]})


@router.post("/v1/policy/scan", tags=["policy"], summary="Dry run: findings and transformed text, nothing forwarded",
             openapi_extra=_DRY_RUN, responses=errors(400, 401, 403, 404, 413, 503))
async def policy_scan(request: Request) -> Response:
    return await dry_run(pipeline_of(request), request, explain=False)


@router.post("/v1/policy/explain", tags=["policy"], summary="Dry run: the full decision with reasons and clauses",
             openapi_extra=_DRY_RUN, responses=errors(400, 401, 403, 404, 413, 503))
async def policy_explain(request: Request) -> Response:
    return await dry_run(pipeline_of(request), request, explain=True)


@router.get("/healthz", tags=["operations"], summary="Liveness")
async def healthz() -> Response:
    return JSONResponse({"status": "ok"})


@router.get("/readyz", tags=["operations"], summary="Readiness: the audit store accepts writes")
async def readyz(request: Request) -> Response:
    gw = pipeline_of(request).gw
    store = {"store": "up" if gw.store.up else "down", "spooling": gw.audit.spooling}
    detail = readiness_detail(gw.limits, gw.sso)
    if gw.audit_ready:  # with a spooling journal the gateway keeps serving while the store is down
        return JSONResponse({"status": "ready", **store, **detail})
    status = "store_unavailable" if not gw.store.up else "audit_unavailable"
    return JSONResponse({"status": status, **store, **detail}, status_code=503)
