"""Erasure of one subject where the policy allows it (UK GDPR art. 17; the policy flag is the gateway's).

The work is `audit.retention.erase_subject`: the subject's records are deleted with their content, feedback
and review entries, chunk by chunk, each chunk with a `purge_receipts` row of kind `erasure` that carries the
hash-chain bridges, so `verify_chain` still passes and any *unreceipted* deletion is still caught. A legal
hold on the subject or any of their records refuses the erasure (409) and nothing is erased.

Why records are deleted rather than pseudonymised: every record's hash covers `user_id` and `display_name`
(audit.store), so rewriting them in place is indistinguishable from tampering and verification would fail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audit.api.deps import ApiError
from audit.events import utc_now

if TYPE_CHECKING:
    from audit.api.deps import Access, AuditDeps


async def erase_subject(access: Access, deps: AuditDeps, user_id: str, reason: str) -> dict[str, Any]:
    from audit import retention

    if not deps.erasure_allowed():
        raise ApiError(403, "erasure_not_allowed", "The policy does not allow erasure through the audit API.")
    now = utc_now()
    try:
        receipt = await retention.erase_subject(access.engine, user_id, now, access.actor.user_id, reason)
    except retention.LegalHoldActive as exc:
        raise ApiError(409, "legal_hold", "A legal hold applies to this subject or to one of their records; "
                       "nothing was erased.") from exc
    return {"subject": user_id, "records_erased": receipt.records_purged,
            "receipt_ids": list(receipt.receipt_ids), "at": now}
