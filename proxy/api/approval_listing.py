"""Listing approval requests (clause 7): a caller sees their own (`GET /v1/approval-requests`); admins see
all (`GET /admin/v1/approval-requests`). An unknown `status` filter is a 400 naming it, not an empty list."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from proxy.api.api_call import api_call, pipeline_of
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import BadRequest

STATUSES = ("pending", "approved", "rejected")
router = APIRouter(prefix="/v1", tags=["policy"])


def check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise BadRequest(f"Invalid value for `status`: use one of {', '.join(STATUSES)}.", param="status",
                         code="invalid_request")


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


@router.get("/approval-requests", summary="Your own requests to approve tools, and their decisions (clause 7)")
async def my_approval_requests(request: Request, status: str | None = None) -> Response:
    async def handler(ex: Exchange) -> Any:
        check_status(status)
        assert ex.principal is not None
        rows = await pipeline_of(request).gw.governance.list_requests(status)
        mine = [jsonable(r) for r in rows if r.get("requester") == ex.principal.user_id]
        return {"object": "list", "data": mine}

    return await api_call(pipeline_of(request), request, Endpoint.APPROVAL_REQUEST, handler)
