"""Admin key revocation (`POST /admin/v1/keys/{key_id}/revoke`, role `admin`).

The replica that revokes refuses the key at once; every other replica within `gateway.policy_poll_s`
(its governance poll reads recent revocations). `steward keys revoke` does the same from the command line
(no replica revokes then: every replica picks it up from the poll).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from proxy.api.api_call import api_call, pipeline_of
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.errors import NotFound

router = APIRouter(prefix="/admin/v1", tags=["admin"])


@router.post("/keys/{key_id}/revoke", summary="Revoke a caller key on every replica (this one at once)")
async def revoke_key(request: Request, key_id: str) -> Response:
    async def handler(ex: Exchange) -> Any:
        gw = pipeline_of(request).gw
        if not await gw.revoke_key(key_id):
            raise NotFound(f"There is no active key '{key_id[:64]}'.", code="key_not_found")
        assert ex.principal is not None
        await gw.governance.record_change(ex.principal.user_id, "key.revoke", f"key:{key_id}", {"revoked": False},
                                          {"revoked": True})
        return {"id": key_id, "revoked": True, "other_replicas_within_s": gw.config.gateway.policy_poll_s}

    return await api_call(pipeline_of(request), request, Endpoint.ADMIN, handler, role="admin")
