"""One record in full: metadata, stored content, feedback and review.

`redacted` content is shown as stored (Steward already redacted it). `full` content is the caller's
original text, encrypted at rest: it is decrypted only when the auditor asks (`include_content=true`),
and that access is in the access log with the parameter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from audit.api.deps import ApiError
from audit.api.rows import HAS_FEEDBACK
from audit.records_schema import audit_content, audit_feedback, review_queue
from audit.schema import audit_records

FEEDBACK_FIELDS = ("id", "kind", "rating", "comment", "created_at")
REVIEW_FIELDS = ("id", "reason", "sampled_at", "status", "verdict", "note", "reviewer", "reviewed_at")


async def record_detail(engine: AsyncEngine, request_id: str, include_content: bool) -> dict[str, Any] | None:
    async with engine.connect() as conn:
        query = select(audit_records, HAS_FEEDBACK).where(audit_records.c.request_id == request_id)
        record = (await conn.execute(query)).mappings().first()
        if record is None:
            return None
        stored = (await conn.execute(
            select(audit_content).where(audit_content.c.request_id == request_id))).mappings().first()
        feedback = await _feedback(conn, request_id)
        review = (await conn.execute(
            select(review_queue).where(review_queue.c.request_id == request_id))).mappings().first()
    return {
        "record": dict(record),
        "content": None if stored is None else shown_content(dict(stored), include_content),
        "feedback": feedback,
        "review": None if review is None else {k: review[k] for k in REVIEW_FIELDS},
    }


async def _feedback(conn: AsyncConnection, request_id: str) -> list[dict[str, Any]]:
    query = (select(*(audit_feedback.c[k] for k in FEEDBACK_FIELDS))
             .where(audit_feedback.c.request_id == request_id).order_by(audit_feedback.c.id))
    return [dict(r) for r in (await conn.execute(query)).mappings()]


def shown_content(stored: dict[str, Any], include_full: bool) -> dict[str, Any]:
    """The content as an auditor may see it; `full` content only when asked for."""
    level = stored["level"]
    if not stored["encrypted"]:
        return {"level": level, "available": True, "prompt": stored["prompt"], "output": stored["output"]}
    if not include_full:
        return {"level": level, "available": False, "prompt": None, "output": None}
    prompt, output = decrypt(stored)
    return {"level": level, "available": True, "prompt": prompt, "output": output}


def decrypt(stored: dict[str, Any]) -> tuple[str | None, str | None]:
    """Decrypt a stored `full` content row with the key from the environment (audit.content)."""
    from audit.content import ContentKeyError, load_key, read_content  # lazily: the key is needed only here

    try:
        content = read_content(stored, load_key())
    except ContentKeyError as exc:  # a missing or wrong key, or a damaged row: never a 500, never the text
        raise ApiError(503, "content_undecryptable", "The stored content could not be decrypted with the "
                       "configured content key.") from exc
    return content.prompt, content.output
