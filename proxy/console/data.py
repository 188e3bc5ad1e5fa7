"""Queries only the console needs (the API's own modules answer the rest): refusals by clause for the
dashboard, and pending review items per use case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

import audit.records_schema  # noqa: F401  (adds the records columns to audit_records)
from audit.records_schema import review_queue
from audit.reports import Period
from audit.schema import audit_records

R = audit_records.c


async def refusals_by_clause(engine: AsyncEngine, period: Period) -> list[dict[str, Any]]:
    count = func.count().label("requests")
    query = (select(R.policy_clause, count)
             .where(R.received_at >= period.start, R.received_at < period.end, R.decision == "refused",
                    R.endpoint != "console")
             .group_by(R.policy_clause).order_by(count.desc()).limit(20))
    async with engine.connect() as conn:
        return [{"clause": r.policy_clause, "requests": r.requests} for r in await conn.execute(query)]


async def pending_by_use_case(engine: AsyncEngine) -> list[dict[str, Any]]:
    count = func.count().label("pending")
    query = (select(review_queue.c.use_case, count).where(review_queue.c.status == "pending")
             .group_by(review_queue.c.use_case).order_by(review_queue.c.use_case))
    async with engine.connect() as conn:
        return [{"use_case": r.use_case, "pending": r.pending} for r in await conn.execute(query)]
