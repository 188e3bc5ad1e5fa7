"""The review queue (role reviewer, clauses 8.3.3–8.3.4): sampled and restricted-use-case records, one
verdict and note each. Reviewers see redacted content only, never `full` content."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from audit import review
from audit.api.deps import REVIEWER, log_access
from proxy.console.context import Page, console_call
from proxy.console.data import pending_by_use_case

router = APIRouter(prefix="/console/review", include_in_schema=False)
REVIEWERS = frozenset({REVIEWER})
VERDICT_LABELS = {"appropriate": "Appropriate", "inappropriate": "Inappropriate",
                  "needs_follow_up": "Needs escalation"}
MAX_NOTE = 4000


@router.get("")
async def queue(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        use_case = request.query_params.get("use_case", "").strip()[:128] or None
        items = await review.pending_items(page.gw.engine, use_case, 50)
        counts = await pending_by_use_case(page.gw.engine)
        await log_access(page.gw.engine, page.actor(), REVIEWER, "GET /console/review", {"use_case": use_case},
                         len(items))
        done = request.query_params.get("done")
        return page.html("review.html", items=items, counts=counts, use_case=use_case or "",
                         verdicts=VERDICT_LABELS, done=done if done and done.isdigit() else None, error=None)

    return await console_call(request, handler, roles=REVIEWERS, action="console.review.queue")


@router.post("/{item_id}/verdict")
async def verdict(request: Request, item_id: int) -> Response:
    async def handler(page: Page) -> Response:
        chosen, note = page.form.get("verdict", ""), page.form.get("note", "").strip()
        if chosen not in VERDICT_LABELS or len(note) > MAX_NOTE:
            return page.error(400, "invalid_verdict", "Choose a verdict; a note is at most 4,000 characters.")
        try:
            done = await review.record_verdict(page.gw.engine, item_id, reviewer=page.principal.user_id,
                                               verdict=chosen, note=note)  # type: ignore[arg-type]
        except review.ReviewConflict as exc:
            return page.error(409, "review_conflict", f"This item cannot take your verdict: {exc}.")
        await log_access(page.gw.engine, page.actor(), REVIEWER, "POST /console/review/{item_id}/verdict",
                         {"item_id": item_id, "verdict": chosen}, 0 if done is None else 1)
        if done is None:
            return page.error(404, "review_item_not_found", "There is no such review item.")
        return RedirectResponse(f"/console/review?done={item_id}", status_code=303)

    return await console_call(request, handler, roles=REVIEWERS, action="console.review.verdict")
