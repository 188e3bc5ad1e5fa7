"""`POST /v1/feedback`: a caller's feedback on, or challenge to, one of their own requests (clause 8.3.2).

Any authenticated caller may use it, only for a request they made: anyone else's request id (or one that
does not exist) is answered 404 alike, so request ids cannot be probed.
"""

# No `from __future__ import annotations`: FastAPI resolves the route-local Annotated aliases at runtime.

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import insert, select

from audit.api.deps import Access, AuditDeps, AuditRoute, access_guard, not_found
from audit.api.models import ERRORS, FeedbackIn, FeedbackOut
from audit.records_schema import audit_feedback
from audit.schema import audit_records


def build_feedback_router(deps: AuditDeps) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["feedback"], route_class=AuditRoute, responses=ERRORS)
    Caller = Annotated[Access, Depends(access_guard(deps, frozenset(), ""))]

    @router.post("/feedback", status_code=201, response_model=FeedbackOut,
                 summary="Give feedback on, or challenge, the outcome of one of your requests (clause 8.3.2)")
    async def give_feedback(access: Caller, body: FeedbackIn) -> dict[str, Any]:
        return await _store(access, body)

    return router


async def _store(access: Access, body: FeedbackIn) -> dict[str, Any]:
    owner = audit_records.c.user_id == access.actor.user_id
    row = {"request_id": body.request_id, "user_id": access.actor.user_id, "kind": body.kind,
           "rating": body.rating, "comment": body.comment or None, "created_at": datetime.now(UTC)}
    async with access.engine.begin() as conn:
        mine = await conn.scalar(
            select(audit_records.c.id).where(audit_records.c.request_id == body.request_id, owner))
        if mine is None:
            raise not_found(f"request '{body.request_id}' of yours in the audit trail", "request_not_found")
        new_id = await conn.scalar(insert(audit_feedback).values(row).returning(audit_feedback.c.id))
    return {"id": new_id, "request_id": body.request_id, "kind": body.kind, "created_at": row["created_at"]}
