"""Dashboard (last 30 days) and reports (role auditor; the dashboard also for admins): the transparency
report (clause 9.3) and ATRS records (9.3.1) rendered in the page, with the API's charts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from audit.api.deps import AUDITOR, log_access
from audit.api.report_render import bar_chart
from audit.atrs import atrs_record
from audit.reports import Period, usage_statistics
from proxy.console.context import Page, console_call
from proxy.console.data import refusals_by_clause

router = APIRouter(prefix="/console", include_in_schema=False)
DAYS = 30


def last_days(days: int = DAYS) -> Period:
    end = datetime.now(UTC)
    return Period(end - timedelta(days=days), end)


def chart(title: str, items: list[dict[str, Any]], key: str = "key", value: str = "requests") -> Markup:
    bars = [(str(i.get(key) if i.get(key) is not None else "(not recorded)"), i.get(value) or 0) for i in items[:10]]
    return Markup(bar_chart(title, bars))  # noqa: S704 - bar_chart escapes every label itself


@router.get("/")
async def dashboard(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        if not page.has(AUDITOR) and not page.has("admin"):
            return page.html("home.html")
        period = last_days()
        stats = await usage_statistics(page.gw.engine, period)
        refusals = await refusals_by_clause(page.gw.engine, period)
        await log_access(page.gw.engine, page.actor(), AUDITOR, "GET /console/", {"days": DAYS},
                         stats["totals"].get("requests"))
        return page.html("dashboard.html", period=period, totals=stats["totals"], refusals=refusals,
                         charts=[chart("Refusals by policy clause", refusals, "clause"),
                                 chart("Requests with findings, by class", stats["by_finding_class"]),
                                 chart("Requests by tool", stats["by_tool"])],
                         by_finding=stats["by_finding_class"], by_tool=stats["by_tool"][:10])

    return await console_call(request, handler, roles=set(), action="console.dashboard")


@router.get("/reports")
async def reports(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        days = request.query_params.get("days", str(DAYS))
        span = int(days) if days.isdigit() and 1 <= int(days) <= 1098 else DAYS
        period = last_days(span)
        stats = await usage_statistics(page.gw.engine, period)
        await log_access(page.gw.engine, page.actor(), AUDITOR, "GET /console/reports", {"days": span},
                         stats["totals"].get("requests"))
        config = page.gw.config
        labels = {t.id: t.name or t.id for t in config.tools} | {u.id: u.name or u.id for u in config.use_cases}
        charts = [chart("Requests by tool", _labelled(stats["by_tool"], labels)),
                  chart("Requests by use case", _labelled(stats["by_use_case"], labels)),
                  chart("Requests by department", stats["by_department"]),
                  chart("Requests by outcome", stats["by_outcome"])]
        return page.html("reports.html", days=span, period=period, stats=stats, charts=charts, tools=config.tools,
                         policy=config.policy)

    return await console_call(request, handler, roles={AUDITOR}, action="console.reports.transparency")


@router.get("/reports/atrs/{tool_id}")
async def atrs(request: Request, tool_id: str) -> Response:
    async def handler(page: Page) -> Response:
        config = page.gw.config
        tool = config.tool(tool_id)
        if tool is None:
            return page.error(404, "tool_not_found", "There is no tool with that id in the policy.")
        period = last_days(365)
        stats = await usage_statistics(page.gw.engine, period, tool=tool_id)
        await log_access(page.gw.engine, page.actor(), AUDITOR, "GET /console/reports/atrs/{tool_id}",
                         {"tool_id": tool_id}, 1)
        window = {"from": period.start.isoformat(), "to": period.end.isoformat()}
        return page.html("atrs.html", record=atrs_record(config, tool, stats, window), tool=tool)

    return await console_call(request, handler, roles={AUDITOR}, action="console.reports.atrs")


def _labelled(items: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    return [{**i, "key": labels.get(str(i.get("key")), i.get("key"))} for i in items]
