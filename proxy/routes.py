"""HTTP routes: thin handlers that hand the request to the pipeline."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from proxy.endpoints import Endpoint
from proxy.models_route import list_models, retrieve_model
from proxy.pipeline import Pipeline
from proxy.policy_api import dry_run

router = APIRouter()


def _pipeline(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


@router.post("/v1/chat/completions", tags=["proxy"], summary="Chat completions (OpenAI-compatible)")
async def chat_completions(request: Request) -> Response:
    return await _pipeline(request).handle(request, Endpoint.CHAT)


@router.post("/v1/responses", tags=["proxy"], summary="Responses API (OpenAI-compatible)")
async def responses(request: Request) -> Response:
    return await _pipeline(request).handle(request, Endpoint.RESPONSES)


@router.post("/v1/embeddings", tags=["proxy"], summary="Embeddings (OpenAI-compatible)")
async def embeddings(request: Request) -> Response:
    return await _pipeline(request).handle(request, Endpoint.EMBEDDINGS)


@router.post("/v1/completions", tags=["proxy"], summary="Legacy completions (OpenAI-compatible)")
async def completions(request: Request) -> Response:
    return await _pipeline(request).handle(request, Endpoint.COMPLETIONS)


@router.get("/v1/models", tags=["proxy"], summary="Models this caller may use")
async def models(request: Request) -> Response:
    return await list_models(_pipeline(request), request)


@router.get("/v1/models/{model:path}", tags=["proxy"], summary="One model, if this caller may use it")
async def model(request: Request, model: str) -> Response:
    return await retrieve_model(_pipeline(request), request, model)


@router.post("/v1/policy/scan", tags=["policy"], summary="Dry run: findings and transformed text, nothing forwarded")
async def policy_scan(request: Request) -> Response:
    return await dry_run(_pipeline(request), request, explain=False)


@router.post("/v1/policy/explain", tags=["policy"], summary="Dry run: the full decision with reasons and clauses")
async def policy_explain(request: Request) -> Response:
    return await dry_run(_pipeline(request), request, explain=True)


@router.get("/healthz", tags=["operations"], summary="Liveness")
async def healthz() -> Response:
    return JSONResponse({"status": "ok"})


@router.get("/readyz", tags=["operations"], summary="Readiness: the audit store accepts writes")
async def readyz(request: Request) -> Response:
    healthy = _pipeline(request).gw.audit.healthy
    return JSONResponse({"status": "ready" if healthy else "audit_unavailable"}, status_code=200 if healthy else 503)
