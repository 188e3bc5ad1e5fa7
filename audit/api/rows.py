"""Reading records in pages and batches, and turning rows into JSON- and CSV-safe values."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import exists
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.api.query import Position, RecordFilters, after, filtered, newest_first
from audit.records_schema import audit_feedback
from audit.schema import audit_records

R = audit_records.c
HAS_FEEDBACK = exists().where(audit_feedback.c.request_id == R.request_id).label("has_feedback")
COLUMNS: tuple[str, ...] = (*(c.name for c in audit_records.columns), "has_feedback")
EXPORT_BATCH = 1000


async def page(
    engine: AsyncEngine, f: RecordFilters, position: Position | None, limit: int
) -> tuple[list[dict[str, Any]], Position | None]:
    """One page, newest first, and the position to continue from (None on the last page)."""
    query = newest_first(filtered(f, engine.dialect.name, audit_records, HAS_FEEDBACK).where(after(position)))
    async with engine.connect() as conn:
        rows = [dict(r) for r in (await conn.execute(query.limit(limit + 1))).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    last = Position(rows[-1]["received_at"], rows[-1]["id"]) if more and rows else None
    return rows, last


async def batches(
    engine: AsyncEngine, f: RecordFilters, size: int = EXPORT_BATCH
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every matching record in batches of `size`, each batch one short keyset query: memory stays bounded,
    no transaction is held open while the client reads, and concurrent inserts never repeat a row."""
    position: Position | None = None
    while True:
        rows, position = await page(engine, f, position, size)
        if rows:
            yield rows
        if position is None:
            return


def jsonable(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


def json_line(row: Mapping[str, Any]) -> bytes:
    return json.dumps(jsonable(row), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A spreadsheet-safe cell: JSON for structures, and a leading quote on anything a spreadsheet would
    run as a formula (CSV injection: user agents and model names are caller-controlled)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def csv_lines(rows: Iterable[Mapping[str, Any]], columns: Iterable[str], header: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = list(columns)
    if header:
        writer.writerow(names)
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in names])
    return buffer.getvalue().encode()
