"""`steward audit verify` and `steward audit purge`: human summaries on stdout, exit codes for scripts.

    exit 0   verified / purged
    exit 1   the chain is broken (the first broken record is named)
    exit 2   the store could not be reached or is not migrated

Nothing printed names a user or shows content: ids, counts, hashes and reasons only.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from audit.db import create_engine
from audit.events import utc_now
from audit.retention import purge as purge_store
from audit.verify import verify_chain

REASONS = {
    "record_edited": "its fields do not match its hash (edited after it was written)",
    "record_missing": "it does not follow the record before it (a record was deleted or reordered)",
    "content_edited": "its stored prompt/output does not match the digest on the record",
    "unchained_record": "it carries no hash although the chain had started",
}


async def verify(url: str, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    engine = create_engine(url)
    try:
        result = await verify_chain(engine)
    except (SQLAlchemyError, OSError) as exc:
        out.write(f"audit verify: cannot read the audit store ({type(exc).__name__})\n")
        return 2
    finally:
        await engine.dispose()
    extras = []
    if result.legacy:
        extras.append(f"{result.legacy} written before the chain existed")
    if result.purged_gaps:
        extras.append(f"{result.purged_gaps} gaps from receipted purges")
    note = f" ({'; '.join(extras)})" if extras else ""
    if result.ok:
        out.write(f"audit chain OK: {result.checked} records verified{note}\n")
        out.write(f"head hash: {result.head_hash or '-'}  (record it elsewhere to anchor the chain)\n")
        return 0
    explained = REASONS.get(result.reason or "", result.reason or "")
    out.write(f"audit chain BROKEN at record id {result.first_broken_id}: {explained}\n")
    out.write(f"{result.checked} records checked; last good hash: {result.head_hash or '-'}\n")
    return 1


async def purge(
    url: str,
    *,
    actor: str,
    delete_records: bool = False,
    now: datetime | None = None,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    engine = create_engine(url)
    try:
        receipt = await purge_store(engine, now or utc_now(), actor, delete_records)
    except (SQLAlchemyError, OSError) as exc:
        out.write(f"audit purge: cannot reach the audit store ({type(exc).__name__})\n")
        return 2
    finally:
        await engine.dispose()
    out.write(
        f"audit purge by {actor} at {receipt.at.isoformat()}: content of {receipt.content_purged} records, "
        f"{receipt.records_purged} whole records purged; {receipt.held} expired records kept under legal hold\n"
    )
    if receipt.receipt_ids:
        out.write(f"receipts: {', '.join(str(i) for i in receipt.receipt_ids)}\n")
    return 0
