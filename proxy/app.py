"""ASGI application factory: `create_app(settings)` builds the app; components open in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import structlog
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from audit.outage import STORE_ERROR_TYPES, error_kind
from config.loader import LoadedConfig, load_config
from config.settings import Settings
from proxy import __version__
from proxy.api.admin_api import router as admin_router
from proxy.api.admin_keys import router as admin_keys_router
from proxy.api.approval_listing import router as approval_listing_router
from proxy.api.audit_api import mount_audit_api
from proxy.api.caller_api import router as caller_router
from proxy.api.metrics_api import router as metrics_router
from proxy.api.routes import add_proxy_routes, router
from proxy.api.usage_api import router as usage_router
from proxy.console import mount_console
from proxy.gateway import Inspector, close_gateway, open_gateway
from proxy.http.errors import BadRequest, NotFound, StewardError, StoreUnavailable, error_response
from proxy.http.middleware import RequestContextMiddleware
from proxy.http.openapi_doc import install_openapi
from proxy.ops.background import background_tasks
from proxy.ops.memory import release_freed_memory
from proxy.pipeline import Pipeline
from proxy.stages.scanner import Scanner

log = structlog.get_logger("steward.app")

DESCRIPTION = (
    "Steward enforces an organisation's GenAI usage policy on the wire. Point an OpenAI SDK's "
    "`base_url` at `/v1` and use your Steward key."
)


def create_app(
    settings: Settings | None = None,
    loaded: LoadedConfig | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    inspector: Inspector | None = None,
    scanner: Scanner | None = None,
) -> FastAPI:
    settings = settings or Settings.from_env()
    loaded = loaded or load_config(settings.config_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gateway = await open_gateway(settings, loaded, transport=transport, inspector=inspector,
                                     scanner=scanner)
        app.state.gateway = gateway
        app.state.pipeline = Pipeline(gateway)
        release_freed_memory()  # the models' and word lists' load-time garbage, back to the OS
        try:
            async with background_tasks(gateway):
                yield
        finally:
            await app.state.pipeline.output_redaction.settle()
            await app.state.pipeline.review.drain()
            await close_gateway(gateway)

    # /docs and /redoc load their JavaScript and CSS from the installed package (works offline, no CDN).
    app = FastAPIOffline(title="Steward", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    add_proxy_routes(app.router)  # the hot path: served directly, documented like the others
    app.include_router(router)
    app.include_router(caller_router)
    app.include_router(admin_router)
    app.include_router(admin_keys_router)
    app.include_router(approval_listing_router)
    app.include_router(usage_router)
    app.include_router(metrics_router)
    mount_audit_api(app)
    install_openapi(app)
    if loaded.config.gateway.console.enabled:
        mount_console(app)
    app.add_middleware(RequestContextMiddleware)
    app.add_exception_handler(HTTPException, _http_exception)
    app.add_exception_handler(StewardError, _steward_error)
    app.add_exception_handler(RequestValidationError, _validation_exception)
    for kind in STORE_ERROR_TYPES:  # a database outage outside the pipeline (auditor API…): 503, never 500
        app.add_exception_handler(kind, _store_error)
    return app


def _request_id(request: Request) -> str:
    state: dict[str, Any] = request.scope.get("state", {})
    return str(state.get("request_id", ""))


def _render(error: StewardError, request: Request) -> Response:
    """An error outside the pipeline, with the same headers as one inside it."""
    outcome = "blocked" if error.status < 500 else "error"
    return error_response(error, _request_id(request), {"x-steward-decision": outcome, "x-steward-categories": ""})


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    error: StewardError
    if exc.status_code == 404:
        error = NotFound(f"No route {request.method} {request.url.path}.", code="unknown_url")
    elif exc.status_code == 405:
        error = BadRequest(f"Method {request.method} is not allowed on {request.url.path}.",
                           code="method_not_allowed")
        error.status = 405
    else:
        error = BadRequest(str(exc.detail), code="http_error")
        error.status = exc.status_code
    return _render(error, request)


async def _steward_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StewardError)
    return _render(exc, request)


async def _store_error(request: Request, exc: Exception) -> Response:
    log.warning("request.store_unavailable", path=request.url.path, error=error_kind(exc))
    return _render(StoreUnavailable(), request)


async def _validation_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body", "header")]
    param = ".".join(loc) or None
    detail = str(first.get("msg", "invalid value"))
    message = f"Invalid value for `{param}`: {detail}." if param else f"Invalid request parameters: {detail}."
    return _render(BadRequest(message, code="invalid_request", param=param), request)
