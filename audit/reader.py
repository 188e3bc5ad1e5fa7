"""Read access to audit records, for tests now and the auditor API later (issue 5).

Records come back as plain dicts with one key per `audit_records` column (including the surrogate `id`);
datetimes are tz-aware UTC, JSON columns decoded. `AuditEvent.from_row(record)` rebuilds the event.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.schema import audit_records


async def get_record(engine: AsyncEngine, request_id: str) -> dict[str, Any] | None:
    query = select(audit_records).where(audit_records.c.request_id == request_id)
    async with engine.connect() as conn:
        row = (await conn.execute(query)).mappings().first()
    return dict(row) if row is not None else None


async def list_records(engine: AsyncEngine, limit: int = 100) -> list[dict[str, Any]]:
    """The newest `limit` records, newest first."""
    query = select(audit_records).order_by(audit_records.c.id.desc()).limit(limit)
    async with engine.connect() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return [dict(row) for row in rows]


async def count_records(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(audit_records)) or 0)
