"""Audit log pages (role auditor, clauses 9.2 and 10.2): search, record, full content on request, chain
verification, exports and subject-access export. Every view is in the access log like the API's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from audit.api import content
from audit.api.deps import AUDITOR, ApiError, log_access
from audit.api.query import decode_cursor, encode_cursor
from audit.api.rows import COLUMNS, batches, csv_lines, json_line
from audit.api.rows import page as record_page
from audit.api.subjects import subject_document
from audit.verify import verify_chain
from proxy.console.context import Page, console_call
from proxy.console.filters import DECISIONS, OUTCOMES, PAGE_SIZES, FilterError, Search, parse_search

router = APIRouter(prefix="/console/audit", include_in_schema=False)
AUDITORS = frozenset({AUDITOR})


async def _log(page: Page, endpoint: str, params: dict[str, Any], count: int | None) -> None:
    await log_access(page.gw.engine, page.actor(), AUDITOR, endpoint, params, count)


@router.get("")
async def audit_log(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        try:
            search = parse_search(request.query_params)
            position = decode_cursor(search.cursor, search.filters)
        except FilterError as exc:
            return _search_page(page, None, [], None, exc.field, str(exc), 400)
        except ApiError as exc:
            return _search_page(page, None, [], None, exc.param or "cursor", exc.message, 400)
        rows, last = await page_rows(page, search, position)
        nxt = encode_cursor(last, search.filters) if last else None
        return _search_page(page, search, rows, nxt, None, None, 200)

    return await console_call(request, handler, roles=AUDITORS, action="console.audit.search")


async def page_rows(page: Page, search: Search, position: Any) -> tuple[list[dict[str, Any]], Any]:
    rows, last = await record_page(page.gw.engine, search.filters, position, search.limit)
    await _log(page, "GET /console/audit", {**search.filters.params(), "limit": search.limit}, len(rows))
    return rows, last


def _search_page(page: Page, search: Search | None, rows: list[dict[str, Any]], nxt: str | None,
                 field: str | None, message: str | None, status: int) -> Response:
    form = search.form if search is not None else {k: v for k, v in page.request.query_params.items()}
    query = search.query() if search is not None else ""
    return page.html("audit_list.html", status, rows=rows, form=form, next_cursor=nxt, query=query,
                     error_field=field, error=message, decisions=DECISIONS, outcomes=OUTCOMES,
                     page_sizes=PAGE_SIZES, first_page=search is None or search.cursor is None)


@router.get("/verify")
async def verify(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        result = await verify_chain(page.gw.engine)
        await _log(page, "GET /console/audit/verify", {}, result.checked)
        return page.html("verify.html", result=result)

    return await console_call(request, handler, roles=AUDITORS, action="console.audit.verify")


@router.get("/export.{fmt}")
async def export(request: Request, fmt: str) -> Response:
    async def handler(page: Page) -> Response:
        if fmt not in ("csv", "jsonl"):
            return page.error(404, "unknown_url", "No such export format.")
        try:
            search = parse_search(request.query_params)
        except FilterError as exc:
            return _search_page(page, None, [], None, exc.field, str(exc), 400)
        await _log(page, f"GET /console/audit/export.{fmt}", {**search.filters.params(), "format": fmt}, None)
        body = _csv(page, search) if fmt == "csv" else _jsonl(page, search)
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
        return _download(body, media, f"audit-records.{fmt}")

    return await console_call(request, handler, roles=AUDITORS, action="console.audit.export")


async def _csv(page: Page, search: Search) -> AsyncIterator[bytes]:
    yield csv_lines([], COLUMNS, header=True)
    async for rows in batches(page.gw.engine, search.filters):
        yield csv_lines(rows, COLUMNS, header=False)


async def _jsonl(page: Page, search: Search) -> AsyncIterator[bytes]:
    async for rows in batches(page.gw.engine, search.filters):
        yield b"".join(json_line(r) for r in rows)


def _download(body: AsyncIterator[bytes], media: str, filename: str) -> StreamingResponse:
    headers = {"content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store"}
    return StreamingResponse(body, media_type=media, headers=headers)


@router.get("/subject")
async def subject(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        user_id = request.query_params.get("user_id", "").strip()
        if not user_id:
            return page.html("subject.html", user_id="", error=None)
        if len(user_id) > 256 or "\x00" in user_id:
            return page.html("subject.html", 400, user_id="", error="A user id is at most 256 characters.")
        await _log(page, "GET /console/audit/subject", {"user_id": user_id}, None)
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in user_id)[:64]
        return _download(subject_document(page.gw.engine, user_id, False), "application/json",
                         f"subject-access-{safe}.json")

    return await console_call(request, handler, roles=AUDITORS, action="console.audit.subject_export")


@router.get("/{request_id}")
async def record(request: Request, request_id: str) -> Response:
    async def handler(page: Page) -> Response:
        return await _record_page(page, request_id, reveal=False)

    return await console_call(request, handler, roles=AUDITORS, action="console.audit.record")


@router.post("/{request_id}/content")
async def reveal(request: Request, request_id: str) -> Response:
    async def handler(page: Page) -> Response:
        allowed = set(page.gw.config.gateway.console.decrypt_roles)
        if not allowed & set(page.principal.roles):
            return page.error(403, "role_required", "Your role may not decrypt full-level content.", "10.5")
        return await _record_page(page, request_id, reveal=True)

    return await console_call(request, handler, roles=AUDITORS, action="console.audit.decrypt")


async def _record_page(page: Page, request_id: str, reveal: bool) -> Response:
    if len(request_id) > 128:
        return page.error(404, "record_not_found", "There is no such record.")
    params = {"request_id": request_id, "include_content": reveal}
    try:
        detail = await content.record_detail(page.gw.engine, request_id, reveal)
    except ApiError as exc:
        await _log(page, "GET /console/audit/{request_id}", params, 0)
        return page.error(exc.status, exc.code, exc.message)
    await _log(page, "GET /console/audit/{request_id}", params, 0 if detail is None else 1)
    if detail is None:
        return page.error(404, "record_not_found", "There is no audit record with that id.")
    may_decrypt = bool(set(page.gw.config.gateway.console.decrypt_roles) & set(page.principal.roles))
    return page.html("record.html", detail=detail, rec=detail["record"], may_decrypt=may_decrypt, revealed=reveal)
