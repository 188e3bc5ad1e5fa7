"""Transparency statistics (clause 9.3) over a period, aggregated in SQL (GROUP BY), never row by row.

    stats = await usage_statistics(engine, Period(start, end), tool=None)

Returns plain dicts (JSON-ready): totals; requests, tokens, energy and CO2e by tool, department, use case,
decision, outcome and model; records by finding class and entity type; review-queue and feedback counts.
Personal identifiers never appear: no user ids, only a count of distinct users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import audit.records_schema  # noqa: F401  (adds the records columns to audit_records)
from audit.records_schema import audit_feedback, review_queue
from audit.schema import UTCDateTime, audit_records

R = audit_records.c
DIMENSIONS = {"tool": R.tool, "department": R.department, "use_case": R.use_case, "decision": R.decision,
              "outcome": R.outcome, "model": R.model_requested}
VERDICTS = ("appropriate", "inappropriate", "needs_follow_up")


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime  # inclusive, tz-aware
    end: datetime  # exclusive


async def usage_statistics(engine: AsyncEngine, period: Period, tool: str | None = None) -> dict[str, Any]:
    dialect = engine.dialect.name
    async with engine.connect() as conn:
        stats: dict[str, Any] = {"totals": await _totals(conn, period, tool)}
        for name, column in DIMENSIONS.items():
            stats[f"by_{name}"] = await _grouped(conn, column, period, tool)
        stats["by_finding_class"] = await _expanded(conn, dialect, "categories", period, tool)
        stats["by_entity"] = await _expanded(conn, dialect, "findings", period, tool)
        stats["review"] = await _review(conn, period, tool)
        stats["feedback"] = await _feedback(conn, period, tool)
    return stats


# Not usage: malformed requests (400) and unauthenticated ones (401) never reached a policy decision.
NOT_USAGE = (400, 401)


def _in_period(period: Period, tool: str | None) -> list[ColumnElement[bool]]:
    where = [R.received_at >= period.start, R.received_at < period.end,
             or_(R.http_status.is_(None), R.http_status.not_in(NOT_USAGE))]
    return where + ([R.tool == tool] if tool is not None else [])


def _measures() -> list[Any]:
    return [
        func.count().label("requests"),
        func.coalesce(func.sum(R.prompt_tokens), 0).label("prompt_tokens"),
        func.coalesce(func.sum(R.completion_tokens), 0).label("completion_tokens"),
        func.coalesce(func.sum(R.total_tokens), 0).label("total_tokens"),
        func.coalesce(func.sum(R.energy_wh), 0.0).label("energy_wh"),
        func.coalesce(func.sum(R.co2e_g), 0.0).label("co2e_g"),
    ]


def _numbers(row: Any) -> dict[str, Any]:
    return {k: (round(float(v), 6) if k in ("energy_wh", "co2e_g") else int(v)) for k, v in row.items()}


async def _totals(conn: AsyncConnection, period: Period, tool: str | None) -> dict[str, Any]:
    users = func.count(R.user_id.distinct()).label("users")
    row = (await conn.execute(select(*_measures(), users).where(*_in_period(period, tool)))).mappings().one()
    return _numbers(row)


async def _grouped(conn: AsyncConnection, column: Any, period: Period, tool: str | None) -> list[dict[str, Any]]:
    query: Select[Any] = (select(column.label("key"), *_measures()).where(*_in_period(period, tool))
                          .group_by(column).order_by(func.count().desc(), column))
    return [{"key": r["key"], **_numbers({k: v for k, v in r.items() if k != "key"})}
            for r in (await conn.execute(query)).mappings()]


_EXPAND = {
    ("postgresql", "categories"): (
        "jsonb_array_elements_text(r.categories) AS e(key)", "jsonb_typeof(r.categories) = 'array'", "1"),
    ("postgresql", "findings"): (
        "jsonb_each(r.findings) AS e(key, value)", "jsonb_typeof(r.findings) = 'object'",
        "CASE WHEN jsonb_typeof(e.value) = 'number' THEN (e.value)::text::numeric ELSE 0 END"),
    ("sqlite", "categories"): ("json_each(r.categories) AS e", "json_type(r.categories) = 'array'", "1"),
    ("sqlite", "findings"): (
        "json_each(r.findings) AS e", "json_type(r.findings) = 'object'",
        "CASE WHEN e.type IN ('integer', 'real') THEN e.value ELSE 0 END"),
}


async def _expanded(
    conn: AsyncConnection, dialect: str, column: str, period: Period, tool: str | None
) -> list[dict[str, Any]]:
    """Records per element of a JSON list (finding classes) or key of a JSON object (entity → count)."""
    source, guard, amount = _EXPAND[(dialect if dialect == "postgresql" else "sqlite", column)]
    key = "e.value" if dialect != "postgresql" and column == "categories" else "e.key"
    tool_clause = " AND r.tool = :tool" if tool is not None else ""
    sql = text(
        f"SELECT {key} AS key, count(*) AS requests, sum({amount}) AS findings "  # noqa: S608 (fixed fragments)
        f"FROM audit_records AS r, {source} "
        f"WHERE r.received_at >= :start AND r.received_at < :end AND {guard}{tool_clause} "
        f"GROUP BY {key} ORDER BY count(*) DESC, {key}"
    ).bindparams(bindparam("start", type_=UTCDateTime()), bindparam("end", type_=UTCDateTime()))
    params: dict[str, Any] = {"start": period.start, "end": period.end}
    if tool is not None:
        params["tool"] = tool
    rows = (await conn.execute(sql, params)).mappings()
    return [{"key": str(r["key"]), "requests": int(r["requests"]), "findings": int(r["findings"] or 0)}
            for r in rows]


async def _review(conn: AsyncConnection, period: Period, tool: str | None) -> dict[str, Any]:
    q = review_queue.c
    query = (select(q.reason, q.status, q.verdict, func.count().label("n"))
             .where(q.sampled_at >= period.start, q.sampled_at < period.end)
             .group_by(q.reason, q.status, q.verdict))
    if tool is not None:
        query = query.where(q.request_id.in_(select(R.request_id).where(R.tool == tool)))
    stats: dict[str, Any] = {"queued": 0, "sampled": 0, "restricted_refusals": 0, "reviewed": 0, "pending": 0,
                             "verdicts": dict.fromkeys(VERDICTS, 0)}
    for reason, status, verdict, n in (await conn.execute(query)).all():
        stats["queued"] += n
        stats["sampled" if reason == "sampled" else "restricted_refusals"] += n
        stats["reviewed" if status == "done" else "pending"] += n
        if verdict in stats["verdicts"]:
            stats["verdicts"][verdict] += n
    return stats


async def _feedback(conn: AsyncConnection, period: Period, tool: str | None) -> dict[str, Any]:
    f = audit_feedback.c
    query = (select(f.kind, func.count().label("n"), func.avg(f.rating).label("avg"),
                    func.count(f.rating).label("rated"),
                    func.sum(case((f.rating <= 2, 1), else_=0)).label("low"))
             .where(f.created_at >= period.start, f.created_at < period.end).group_by(f.kind))
    if tool is not None:
        query = query.where(f.request_id.in_(select(R.request_id).where(R.tool == tool)))
    stats: dict[str, Any] = {"feedback": 0, "challenges": 0, "average_rating": None, "low_ratings": 0}
    rated = 0
    total = 0.0
    for kind, n, avg, count_rated, low in (await conn.execute(query)).all():
        stats["challenges" if kind == "challenge" else "feedback"] += int(n)
        stats["low_ratings"] += int(low or 0)
        if count_rated:
            rated += int(count_rated)
            total += float(avg) * int(count_rated)
    stats["average_rating"] = round(total / rated, 2) if rated else None
    return stats
