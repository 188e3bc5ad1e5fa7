"""The register (clauses 7, 11.4): tools and use cases with their status, category, region, ceiling,
DPIA/EqIA and review-by dates; administrators pause, withdraw or approve them with a reason, decide
approval requests, and read the log of admin changes. Auditors see the register read-only."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from proxy.console.context import Page, console_call

router = APIRouter(prefix="/console/register", include_in_schema=False)
ADMIN = "admin"
VIEWERS = frozenset({ADMIN, "auditor"})
STATUSES = ("approved", "paused", "withdrawn")
KINDS = {"tools": "tool", "use-cases": "use_case"}
REQUEST_STATUSES = ("pending", "approved", "rejected")


@router.get("")
async def register(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        gw = page.gw
        config = gw.config
        is_admin = page.has(ADMIN)
        requests = await gw.governance.list_requests(None) if is_admin else []
        changes = await gw.governance.changes(50) if is_admin else []
        return page.html("register.html", tools=config.tools, use_cases=config.use_cases, today=date.today(),
                         is_admin=is_admin, statuses=STATUSES, requests=requests, changes=changes,
                         notice=request.query_params.get("notice", "")[:200])

    return await console_call(request, handler, roles=VIEWERS, action="console.register.view")


@router.post("/{kind}/{target}/status")
async def set_status(request: Request, kind: str, target: str) -> Response:
    async def handler(page: Page) -> Response:
        which = KINDS.get(kind)
        status, reason = page.form.get("status", ""), page.form.get("reason", "").strip()
        if which is None:
            return page.error(404, "unknown_url", "There is no such register.")
        if status not in STATUSES or not 3 <= len(reason) <= 2000:
            return page.error(400, "invalid_status_change",
                              "Choose approved, paused or withdrawn, and give a reason (3 to 2,000 characters).")
        current = page.gw.config.tool(target) if which == "tool" else page.gw.config.use_case(target)
        if current is None:
            return page.error(404, f"{which}_not_found", f"There is no {which.replace('_', ' ')} with that id.")
        before = {"status": str(current.status), "reason": current.status_reason}
        await page.gw.governance.set_status(which, target, status, reason, page.principal.user_id, before)
        await page.gw.refresh_overrides()
        page.ex.event.policy_clause = "11.4"
        return RedirectResponse(f"/console/register?notice={which}+{target}+is+now+{status}", status_code=303)

    return await console_call(request, handler, roles={ADMIN}, action="console.register.set_status")


@router.post("/approval-requests/{request_id}/decision")
async def decide(request: Request, request_id: int) -> Response:
    async def handler(page: Page) -> Response:
        choice, note = page.form.get("decision", ""), page.form.get("note", "").strip()
        if choice not in ("approve", "reject") or len(note) > 4000:
            return page.error(400, "invalid_decision", "Choose approve or reject; a note is at most 4,000 characters.")
        row = await _decide(page, request_id, choice == "approve", note)
        if row is None:
            return page.error(404, "approval_request_not_found", "There is no such approval request.")
        page.ex.event.policy_clause = "7"
        return RedirectResponse(f"/console/register?notice=request+{request_id}+{row['status']}#requests",
                                status_code=303)

    return await console_call(request, handler, roles={ADMIN}, action="console.register.decide_request")


async def _decide(page: Page, request_id: int, approve: bool, note: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = await page.gw.governance.decide_request(request_id, approve, note,
                                                                          page.principal.user_id)
    return row
