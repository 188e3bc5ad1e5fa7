"""ASGI application factory: `create_app(settings)` builds the app; components open in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from config.loader import LoadedConfig, load_config
from config.settings import Settings
from proxy.admin_api import router as admin_router
from proxy.audit_api import mount_audit_api
from proxy.background import background_tasks
from proxy.caller_api import router as caller_router
from proxy.console import mount_console
from proxy.errors import BadRequest, NotFound, StewardError, error_response
from proxy.gateway import Inspector, close_gateway, open_gateway
from proxy.middleware import RequestContextMiddleware
from proxy.pipeline import Pipeline
from proxy.routes import add_proxy_routes, router
from proxy.scanner import Scanner

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
        try:
            async with background_tasks(gateway):
                yield
        finally:
            await app.state.pipeline.review.drain()
            await close_gateway(gateway)

    app = FastAPI(title="Steward", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    add_proxy_routes(app.router)  # the hot path: served directly, documented like the others
    app.include_router(router)
    app.include_router(caller_router)
    app.include_router(admin_router)
    mount_audit_api(app)
    if loaded.config.gateway.console.enabled:
        mount_console(app)
    app.add_middleware(RequestContextMiddleware)
    app.add_exception_handler(HTTPException, _http_exception)
    app.add_exception_handler(StewardError, _steward_error)
    app.add_exception_handler(RequestValidationError, _validation_exception)
    return app


def _request_id(request: Request) -> str:
    state: dict[str, Any] = request.scope.get("state", {})
    return str(state.get("request_id", ""))


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
    return error_response(error, _request_id(request))


async def _steward_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StewardError)
    return error_response(exc, _request_id(request))


async def _validation_exception(request: Request, exc: Exception) -> Response:
    return error_response(BadRequest("Invalid request parameters.", code="invalid_request"), _request_id(request))
