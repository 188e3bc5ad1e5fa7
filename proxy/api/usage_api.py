"""`GET /v1/usage` (the caller: my usage and what is left of my limits) and `GET /audit/v1/usage` (auditors:
usage by user, department, tool or use case over a period)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from redis.exceptions import RedisError
from starlette.responses import Response

from proxy.api.api_call import api_call, pipeline_of
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import BadRequest, ServiceUnavailable
from proxy.stages.inspect import USE_CASE_HEADER
from proxy.state.usage import GROUPS, my_limits, usage_by

router = APIRouter(tags=["usage"])


@router.get("/v1/usage", summary="Your usage today and this month, and what is left of each limit that applies")
async def my_usage(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw, principal = pipeline_of(request).gw, ex.principal
        assert principal is not None
        use_case = request.query_params.get("use_case") or request.headers.get(USE_CASE_HEADER) or principal.use_case
        now = datetime.now(UTC)
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        month = day.replace(day=1)
        settings = gw.config.limits
        result: dict[str, Any] = {"object": "usage", "user": principal.user_id, "use_case": use_case,
                                  "currency": settings.currency if settings else None, "limits": []}
        for label, since in (("today", day), ("this_month", month)):
            rows = await usage_by(gw.engine, "user", since, now + timedelta(seconds=1), settings, principal.user_id)
            result[label] = {k: v for k, v in (rows[0] if rows else _empty()).items() if k != "user"}
        if gw.limits is not None:
            try:
                result["limits"] = await my_limits(gw.limits, principal, use_case)
            except (RedisError, OSError) as exc:
                raise ServiceUnavailable("The store that counts limits is unavailable.",
                                         code="limits_unavailable") from exc
        return result

    return await api_call(pipeline_of(request), request, Endpoint.USAGE, handler)


@router.get("/audit/v1/usage", tags=["audit reports"],
            summary="Usage (requests, tokens, estimated cost) by user, department, tool or use case")
async def usage_report(request: Request) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw = pipeline_of(request).gw
        params = request.query_params
        group = params.get("group_by", "user")
        if group not in GROUPS:
            raise BadRequest(f"group_by must be one of {sorted(GROUPS)}", param="group_by")
        until = _instant(params.get("until"), "until") or datetime.now(UTC)
        since = _instant(params.get("since"), "since") or until - timedelta(days=30)
        rows = await usage_by(gw.engine, group, since, until, gw.config.limits)
        return {"object": "usage_report", "group_by": group, "since": since.isoformat(), "until": until.isoformat(),
                "currency": gw.config.limits.currency if gw.config.limits else None, "data": rows}

    return await api_call(pipeline_of(request), request, Endpoint.USAGE, handler, role="auditor")


def _instant(value: str | None, param: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise BadRequest(f"{param}: not an ISO 8601 date or time", param=param) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _empty() -> dict[str, Any]:
    return {"requests": 0, "input_tokens": 0, "output_tokens": 0, "estimated_cost": 0.0}
