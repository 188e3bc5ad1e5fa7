"""`/audit/v1/records`, `/audit/v1/export.{jsonl,csv}`: read-only access to the audit trail (role auditor).

There is deliberately no route that edits or deletes a record: the trail is append-only (clause 10.2).
"""

# No `from __future__ import annotations`: FastAPI resolves the route-local Annotated aliases at runtime.

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from starlette.responses import StreamingResponse

from audit.api import content
from audit.api.deps import Access, ApiError, AuditDeps, AuditRoute, Storable, access_guard, not_found
from audit.api.models import ERRORS, RecordDetail, RecordPage
from audit.api.query import DEFAULT_LIMIT, MAX_LIMIT, RecordFilters, decode_cursor, encode_cursor, record_filters
from audit.api.rows import COLUMNS, batches, csv_lines, json_line, page

Filters = Annotated[RecordFilters, Depends(record_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Cursor = Annotated[str | None, Query(max_length=512, description="`next_cursor` of the previous page"), Storable]


def records_router(deps: AuditDeps) -> APIRouter:
    router = APIRouter(route_class=AuditRoute, responses=ERRORS)
    Auditor = Annotated[Access, Depends(access_guard(deps, deps.auditor_roles, "/audit/v1"))]

    @router.get("/records", response_model=RecordPage, summary="Audit records, newest first, filtered")
    async def list_records(access: Auditor, filters: Filters, limit: Limit = DEFAULT_LIMIT,
                           cursor: Cursor = None) -> dict[str, Any]:
        rows, last = await page(access.engine, filters, decode_cursor(cursor, filters), limit)
        await access.log({**filters.params(), "limit": limit, "cursor": cursor}, len(rows))
        return {"records": rows, "next_cursor": encode_cursor(last, filters) if last else None}

    @router.get("/records/{request_id}", response_model=RecordDetail,
                summary="One record with its content (full content decrypted only on request), feedback, review")
    async def get_record(
        access: Auditor,
        request_id: Annotated[str, Path(max_length=128), Storable],
        include_content: Annotated[bool, Query(description="decrypt `full`-level content (logged)")] = False,
    ) -> dict[str, Any]:
        params = {"request_id": request_id, "include_content": include_content}
        try:
            detail = await content.record_detail(access.engine, request_id, include_content)
        except ApiError:  # e.g. content that cannot be decrypted: the attempt is still an access
            await access.log(params, 0)
            raise
        await access.log(params, 0 if detail is None else 1)
        if detail is None:
            raise not_found(f"audit record '{request_id}'", "record_not_found")
        return detail

    @router.get("/export.jsonl", summary="Every matching record as JSON Lines (streamed)",
                response_class=StreamingResponse,
                responses={200: {"content": {"application/x-ndjson": {"example": '{"id":1,"request_id":"req_1"}\n'}}}})
    async def export_jsonl(access: Auditor, filters: Filters) -> StreamingResponse:
        await access.log({**filters.params(), "format": "jsonl"}, None)
        return _stream(_jsonl(access, filters), "application/x-ndjson", "audit-records.jsonl")

    @router.get("/export.csv", summary="Every matching record as CSV (streamed; JSON columns as JSON text)",
                response_class=StreamingResponse,
                responses={200: {"content": {"text/csv": {"example": "id,request_id,received_at\r\n1,req_1,…\r\n"}}}})
    async def export_csv(access: Auditor, filters: Filters) -> StreamingResponse:
        await access.log({**filters.params(), "format": "csv"}, None)
        return _stream(_csv(access, filters), "text/csv; charset=utf-8", "audit-records.csv")

    return router


def _stream(body: AsyncIterator[bytes], media_type: str, filename: str) -> StreamingResponse:
    headers = {"content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store"}
    return StreamingResponse(body, media_type=media_type, headers=headers)


async def _jsonl(access: Access, filters: RecordFilters) -> AsyncIterator[bytes]:
    async for rows in batches(access.engine, filters):
        yield b"".join(json_line(r) for r in rows)


async def _csv(access: Access, filters: RecordFilters) -> AsyncIterator[bytes]:
    yield csv_lines([], COLUMNS, header=True)
    async for rows in batches(access.engine, filters):
        yield csv_lines(rows, COLUMNS, header=False)
