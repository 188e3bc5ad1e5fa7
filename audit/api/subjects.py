"""Subject access (DSAR): everything held about one user id as one JSON document, streamed; and erasure
where the policy allows it (see `audit.api.erasure`)."""

# No `from __future__ import annotations`: FastAPI resolves the route-local Annotated aliases at runtime.

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import StreamingResponse

from audit.api.content import shown_content
from audit.api.deps import Access, ApiError, AuditDeps, AuditRoute, Storable, access_guard
from audit.api.erasure import erase_subject
from audit.api.models import ERRORS, ErasureIn, ErasureOut
from audit.api.query import RecordFilters
from audit.api.rows import batches, jsonable
from audit.records_schema import audit_content, audit_feedback, review_queue
from audit.schema import audit_records

UserId = Annotated[str, Path(min_length=1, max_length=512), Storable]


def subjects_router(deps: AuditDeps) -> APIRouter:
    router = APIRouter(prefix="/subjects", tags=["subject access"], route_class=AuditRoute, responses=ERRORS)
    Auditor = Annotated[Access, Depends(access_guard(deps, deps.auditor_roles, "/audit/v1"))]

    @router.get("/{user_id}/export", summary="Everything about one user id (DSAR): records, content, feedback, "
                "reviewer verdicts — one JSON document, streamed", response_class=StreamingResponse,
                responses={200: {"content": {"application/json": {"example": {
                    "subject": "u-123", "generated_at": "2026-11-27T10:00:00+00:00",
                    "records": [{"request_id": "req_1", "content": None}], "feedback": [], "review_verdicts": []}}}}})
    async def export(access: Auditor, user_id: UserId,
                     include_content: Annotated[bool, Query(description="decrypt full-level content")] = False,
                     ) -> StreamingResponse:
        await access.log({"user_id": user_id, "include_content": include_content}, None)
        filename = "subject-access-export.json"
        return StreamingResponse(subject_document(access.engine, user_id, include_content),
                                 media_type="application/json",
                                 headers={"content-disposition": f'attachment; filename="{filename}"',
                                          "cache-control": "no-store"})

    @router.post("/{user_id}/erasure", response_model=ErasureOut, status_code=200,
                 responses={403: {"description": "Erasure is not allowed by the policy"},
                            409: {"description": "A legal hold applies to the subject or a record"}},
                 summary="Erase a subject where the policy allows: records, content, feedback and reviews "
                         "deleted under an erasure receipt that keeps the hash chain verifiable")
    async def erasure(access: Auditor, user_id: UserId, body: ErasureIn) -> dict[str, Any]:
        try:
            result = await erase_subject(access, deps, user_id, body.reason)
        except ApiError:
            await access.log({"user_id": user_id}, 0)
            raise
        await access.log({"user_id": user_id}, result["records_erased"])
        return result

    return router


async def subject_document(engine: AsyncEngine, user_id: str, include_content: bool) -> AsyncIterator[bytes]:
    head = {"subject": user_id, "generated_at": datetime.now(UTC).isoformat()}
    yield _dumps(head)[:-1] + b',"records":['
    first = True
    async for rows in batches(engine, RecordFilters(user=user_id), size=500):
        stored = await _content(engine, [r["request_id"] for r in rows])
        for row in rows:
            item = jsonable(row)
            content = stored.get(row["request_id"])
            item["content"] = None if content is None else _shown(content, include_content)
            yield (b"" if first else b",") + _dumps(item)
            first = False
    feedback, verdicts = await _activity(engine, user_id)
    yield b'],"feedback":' + _dumps(feedback) + b',"review_verdicts":' + _dumps(verdicts) + b"}"


def _shown(content: dict[str, Any], include_content: bool) -> dict[str, Any]:
    try:
        return shown_content(content, include_content)
    except ApiError as exc:  # the document is already streaming: say so in place, never abort it
        return {"level": content["level"], "available": False, "error": exc.code}


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


async def _content(engine: AsyncEngine, request_ids: list[str]) -> dict[str, dict[str, Any]]:
    query = select(audit_content).where(audit_content.c.request_id.in_(request_ids))
    async with engine.connect() as conn:
        return {r["request_id"]: dict(r) for r in (await conn.execute(query)).mappings()}


async def _activity(engine: AsyncEngine, user_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    q = review_queue.c
    feedback = select(audit_feedback).where(audit_feedback.c.user_id == user_id).order_by(audit_feedback.c.id)
    verdicts = (select(q.request_id, q.use_case, q.reason, q.sampled_at, q.status, q.verdict, q.note, q.reviewed_at)
                .join(audit_records, audit_records.c.request_id == q.request_id)
                .where(audit_records.c.user_id == user_id).order_by(q.id))
    async with engine.connect() as conn:
        fb = [dict(r) for r in (await conn.execute(feedback)).mappings()]
        vd = [dict(r) for r in (await conn.execute(verdicts)).mappings()]
    return fb, vd
