"""Usage: live counters against the caller's limits (Redis) and recorded usage (the audit store).

    my_limits(...)      every limit that applies to the caller now: limit, used, remaining, reset
    usage_by(...)       requests, tokens and estimated cost from audit rows, grouped by user,
                        department, tool or use case (the auditor's view), or for one user
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.schema import audit_records
from config.limits import LimitsSettings
from proxy.identity.auth import Principal
from proxy.stages.limits import Limiter
from proxy.stages.limits_keys import plan_for
from proxy.stages.limits_refusals import duration

GROUPS = {"user": audit_records.c.user_id, "department": audit_records.c.department,
          "tool": audit_records.c.tool, "use_case": audit_records.c.use_case}


async def my_limits(limiter: Limiter, principal: Principal, use_case: str | None) -> list[dict[str, Any]]:
    now_ms = int(time.time() * 1000)
    plan = plan_for(limiter.settings, principal, use_case, None)
    window = plan.window(now_ms)
    rows = []
    async with limiter.in_use() as counters:
        for i, slot in enumerate(plan.slots):
            used = await counters.read(slot.kind, window.counters[i], window.window_ms[i], now_ms)
            rows.append({"limit": slot.rule.id, "scope": slot.rule.scope.value, "kind": slot.field,
                         "unit": slot.unit, "budget": slot.budget, "value": slot.limit, "used": round(used, 6),
                         "remaining": round(max(0.0, slot.limit - used), 6),
                         "resets_in": duration(window.reset_ms(i, now_ms) / 1000), "policy_clause": slot.rule.clause})
    return rows


async def usage_by(engine: AsyncEngine, group: str, since: datetime, until: datetime,
                   settings: LimitsSettings | None, user_id: str | None = None) -> list[dict[str, Any]]:
    """Requests and tokens per group value (and per model, for the cost estimate), in [since, until)."""
    r = audit_records.c
    column = GROUPS[group]
    model = func.coalesce(r.model_requested, "")
    conditions: list[ColumnElement[bool]] = [r.received_at >= since, r.received_at < until]
    if user_id is not None:
        conditions.append(r.user_id == user_id)
    query = (select(column.label("key"), model.label("model"), func.count().label("requests"),
                    func.coalesce(func.sum(r.prompt_tokens), 0).label("input_tokens"),
                    func.coalesce(func.sum(r.completion_tokens), 0).label("output_tokens"))
             .where(*conditions).group_by(column, model))
    async with engine.connect() as conn:
        rows = (await conn.execute(query)).mappings().all()
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = totals.setdefault(row["key"] or "", {group: row["key"], "requests": 0, "input_tokens": 0,
                                                     "output_tokens": 0, "estimated_cost": 0.0})
        entry["requests"] += row["requests"]
        entry["input_tokens"] += int(row["input_tokens"])
        entry["output_tokens"] += int(row["output_tokens"])
        entry["estimated_cost"] += _cost(settings, row["model"], int(row["input_tokens"]), int(row["output_tokens"]))
    return sorted(totals.values(), key=lambda e: (-e["requests"], str(e[group])))


def _cost(settings: LimitsSettings | None, model: str, prompt: int, completion: int) -> float:
    price = settings.prices.get(model) if settings is not None else None
    if price is None:
        return 0.0
    return round((prompt * price.input_per_1m + completion * price.output_per_1m) / 1e6, 6)
