"""Verify the audit hash chain (`steward audit verify`, `GET /audit/v1/verify`).

Walks `audit_records` in `id` order, a page at a time (keyset pagination: constant memory, no long
transaction), and stops at the first broken link:

- an edited record: its `record_hash` is not sha256(prev_hash || canonical fields) (see `audit.store`);
- a deleted or reordered record: its `prev_hash` is not the previous record's `record_hash`, and no purge
  receipt bridges the gap;
- edited content: an `audit_content` row whose digest is not the record's `content_digest`
  (content that was purged is simply absent: the digest on the record keeps the chain whole).

Purged records. A purge (or an erasure) that deletes whole records writes, in the same transaction, a receipt
whose `criteria["bridges"]` lists `[after_hash, through_hash, count]` for every run of consecutive records it
deleted: the chain is allowed to jump from `after_hash` (the `prev_hash` of the first deleted record) to
`through_hash` (the `record_hash` of the last). Bridges chain (a later purge can delete a neighbour of an
earlier one), so verification follows them until it reaches the next record's `prev_hash`. Gaps nobody
receipted are reported as deletions.

Rows written before migration 0003 have no hashes: they are accepted only as a prefix (counted as `legacy`);
the first chained record must follow GENESIS_HASH.

Limits (documented, not hidden): the chain proves the stored records are the ones written, in order, unless
someone recomputes every later hash — so publish or record `head_hash` elsewhere from time to time (anchoring);
deleting the newest records leaves no gap to detect unless the last head was recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.content import content_digest
from audit.records_schema import GENESIS_HASH, audit_content, audit_records, purge_receipts
from audit.store import chain_hash

PAGE = 2000
CONTENT_COLUMNS = ("level", "prompt", "output")


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    checked: int  # records examined (including legacy ones)
    first_broken_id: int | None = None
    reason: str | None = None  # e.g. "record_edited", "record_missing", "content_edited", "unchained_record"
    head_hash: str | None = None  # record_hash of the last record checked: record it elsewhere (anchoring)
    legacy: int = 0  # records written before the chain existed
    purged_gaps: int = 0  # gaps accepted because a purge receipt bridges them

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class _Broken(Exception):
    def __init__(self, row_id: int, reason: str) -> None:
        self.row_id, self.reason = row_id, reason


async def load_bridges(engine: AsyncEngine) -> dict[str, str]:
    """after_hash → through_hash for every run of records deleted under a receipt."""
    bridges: dict[str, str] = {}
    query = select(purge_receipts.c.criteria).where(purge_receipts.c.kind.in_(("record", "erasure")))
    async with engine.connect() as conn:
        async for criteria in await conn.stream_scalars(query):
            for after, through, *_ in (criteria or {}).get("bridges", ()):
                bridges[after] = through
    return bridges


class _Walker:
    def __init__(self, bridges: dict[str, str]) -> None:
        self.bridges = bridges
        self.expected: str | None = None  # None until the first chained record
        self.checked = self.legacy = self.gaps = 0

    def check(self, row: Mapping[Any, Any]) -> None:
        self.checked += 1
        if row["record_hash"] is None:
            if self.expected is not None:
                raise _Broken(row["id"], "unchained_record")
            self.legacy += 1
            return
        self._link(row)
        if chain_hash(row["prev_hash"], row) != row["record_hash"]:
            raise _Broken(row["id"], "record_edited")
        if row["c_request_id"] is not None:
            stored = {"request_id": row["c_request_id"], **{n: row[f"c_{n}"] for n in CONTENT_COLUMNS}}
            if content_digest(stored) != row["content_digest"]:
                raise _Broken(row["id"], "content_edited")
        self.expected = row["record_hash"]

    def _link(self, row: Mapping[Any, Any]) -> None:
        expected = self.expected or GENESIS_HASH
        if row["prev_hash"] == expected:
            return
        seen: set[str] = set()
        while expected in self.bridges and expected not in seen:  # follow receipted purges
            seen.add(expected)
            expected = self.bridges[expected]
            if row["prev_hash"] == expected:
                self.gaps += 1
                return
        raise _Broken(row["id"], "record_missing")


async def verify_chain(engine: AsyncEngine, page: int = PAGE) -> VerifyResult:
    walker = _Walker(await load_bridges(engine))
    content = [audit_content.c.request_id.label("c_request_id")]
    content += [audit_content.c[n].label(f"c_{n}") for n in CONTENT_COLUMNS]
    base = (
        select(audit_records, *content)
        .select_from(audit_records.outerjoin(audit_content, audit_content.c.request_id == audit_records.c.request_id))
        .order_by(audit_records.c.id)
        .limit(page)
    )
    last_id: int | None = None
    try:
        while True:
            query = base if last_id is None else base.where(audit_records.c.id > last_id)
            async with engine.connect() as conn:
                rows = (await conn.execute(query)).mappings().all()
            for row in rows:
                walker.check(row)
            if len(rows) < page:
                break
            last_id = rows[-1]["id"]
    except _Broken as broken:
        return VerifyResult(
            False, walker.checked, broken.row_id, broken.reason, walker.expected, walker.legacy, walker.gaps
        )
    return VerifyResult(True, walker.checked, None, None, walker.expected, walker.legacy, walker.gaps)
