"""`/audit/v1/review/…`: the human-review queue (clauses 8.3.3–8.3.4), role reviewer.

A reviewer lists pending items and records one verdict and note per item; nothing else can be changed.
"""

# No `from __future__ import annotations`: FastAPI resolves the route-local Annotated aliases at runtime.

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from audit import review
from audit.api.deps import Access, ApiError, AuditDeps, AuditRoute, Storable, access_guard, not_found
from audit.api.models import ERRORS, ReviewQueue, VerdictIn, VerdictOut

QUEUE_LIMIT = 200


def review_router(deps: AuditDeps) -> APIRouter:
    router = APIRouter(prefix="/review", tags=["review"], route_class=AuditRoute, responses=ERRORS)
    Reviewer = Annotated[Access, Depends(access_guard(deps, deps.reviewer_roles, "/audit/v1"))]

    @router.get("/queue", response_model=ReviewQueue, summary="Pending review items, oldest first")
    async def queue(
        access: Reviewer,
        use_case: Annotated[str | None, Query(max_length=512), Storable] = None,
        limit: Annotated[int, Query(ge=1, le=QUEUE_LIMIT)] = 50,
    ) -> dict[str, Any]:
        items = await review.pending_items(access.engine, use_case, limit)
        await access.log({"use_case": use_case, "limit": limit}, len(items))
        return {"items": items}

    @router.post("/{item_id}/verdict", response_model=VerdictOut,
                 responses={409: {"description": "Already reviewed, or your own request"}},
                 summary="Record the verdict and note for one item (once; it cannot be changed afterwards)")
    async def verdict(
        access: Reviewer, item_id: Annotated[int, Path(ge=1, le=2**63 - 1)], body: VerdictIn
    ) -> dict[str, Any]:
        try:
            done = await review.record_verdict(access.engine, item_id, reviewer=access.actor.user_id,
                                               verdict=body.verdict, note=body.note)
        except review.ReviewConflict as exc:
            await access.log({"item_id": item_id, "verdict": body.verdict}, 0)
            raise ApiError(409, "review_conflict", str(exc)) from exc
        await access.log({"item_id": item_id, "verdict": body.verdict}, 0 if done is None else 1)
        if done is None:
            raise not_found(f"review item {item_id}", "review_item_not_found")
        return done

    return router
