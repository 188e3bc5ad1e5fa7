"""Governance state in the shared database: pause/withdraw overrides (clause 11.4), policy
acknowledgements (17), approval requests for tools (7), and the log of every admin change."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from audit.events import utc_now
from audit.governance_schema import admin_changes, approval_requests, governance_state, policy_acknowledgements

KINDS = ("tool", "use_case")
ACK_CACHE_S = 30.0


@dataclass(frozen=True, slots=True)
class Override:
    kind: str
    target: str
    status: str
    reason: str
    changed_by: str


class GovernanceStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def overrides(self) -> dict[tuple[str, str], Override]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(select(governance_state))).mappings().all()
        return {(r["kind"], r["target"]): Override(r["kind"], r["target"], r["status"], r["reason"], r["changed_by"])
                for r in rows}

    async def set_status(self, kind: str, target: str, status: str, reason: str, actor: str,
                         before: dict[str, Any]) -> None:
        """Record the new status for every replica, and the change itself, in one transaction."""
        row = {"kind": kind, "target": target, "status": status, "reason": reason, "changed_by": actor,
               "changed_at": utc_now()}
        async with self._engine.begin() as conn:
            await conn.execute(delete(governance_state).where(governance_state.c.kind == kind,
                                                              governance_state.c.target == target))
            await conn.execute(insert(governance_state).values(**row))
            await _log(conn, actor, f"{kind}.set_status", f"{kind}:{target}", before,
                       {"status": status, "reason": reason})

    async def acknowledge(self, user_id: str, version: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(policy_acknowledgements).where(
                policy_acknowledgements.c.user_id == user_id, policy_acknowledgements.c.policy_version == version))
            await conn.execute(insert(policy_acknowledgements).values(
                user_id=user_id, policy_version=version, acknowledged_at=utc_now()))

    async def acknowledged(self, user_id: str, version: str) -> bool:
        query = select(policy_acknowledgements.c.user_id).where(
            policy_acknowledgements.c.user_id == user_id, policy_acknowledgements.c.policy_version == version)
        async with self._engine.connect() as conn:
            return (await conn.execute(query)).first() is not None

    async def create_request(self, fields: dict[str, str], requester: str, department: str) -> int:
        async with self._engine.begin() as conn:
            result = await conn.execute(insert(approval_requests).values(
                created_at=utc_now(), requester=requester, department=department or None, status="pending",
                **fields).returning(approval_requests.c.id))
            return int(result.scalar_one())

    async def list_requests(self, status: str | None = None) -> list[dict[str, Any]]:
        query = select(approval_requests).order_by(approval_requests.c.id)
        if status:
            query = query.where(approval_requests.c.status == status)
        async with self._engine.connect() as conn:
            return [dict(r) for r in (await conn.execute(query)).mappings().all()]

    async def decide_request(self, request_id: int, approve: bool, note: str, actor: str) -> dict[str, Any] | None:
        """Decide a pending request; None when there is no such request. A decision is final: deciding a
        request that is no longer pending raises AlreadyDecided (the update only matches `pending`, so two
        admins on two replicas cannot both win). A new request re-opens the question."""
        status = "approved" if approve else "rejected"
        async with self._engine.begin() as conn:
            query = select(approval_requests).where(approval_requests.c.id == request_id)
            before = (await conn.execute(query)).mappings().first()
            if before is None:
                return None
            done = await conn.execute(update(approval_requests).where(
                approval_requests.c.id == request_id, approval_requests.c.status == "pending").values(
                status=status, decided_by=actor, decided_at=utc_now(), decision_note=note))
            if done.rowcount != 1:
                current = (await conn.execute(query)).mappings().first()
                raise AlreadyDecided(str(current["status"] if current else before["status"]))
            await _log(conn, actor, "approval_request.decide", f"approval_request:{request_id}",
                       {"status": before["status"]}, {"status": status, "note": note})
            after = (await conn.execute(query)).mappings().first()
        return dict(after) if after is not None else None

    async def record_change(self, actor: str, action: str, target: str, before: Any, after: Any) -> None:
        async with self._engine.begin() as conn:
            await _log(conn, actor, action, target, before, after)

    async def changes(self, limit: int = 100) -> list[dict[str, Any]]:
        query = select(admin_changes).order_by(admin_changes.c.id.desc()).limit(limit)
        async with self._engine.connect() as conn:
            return [dict(r) for r in (await conn.execute(query)).mappings().all()]


class AlreadyDecided(Exception):
    """The approval request was decided before; `status` is that decision."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


async def _log(conn: AsyncConnection, actor: str, action: str, target: str, before: Any, after: Any) -> None:
    await conn.execute(insert(admin_changes).values(at=utc_now(), actor=actor, action=action, target=target,
                                                    before=before, after=after))


class AcknowledgementCache:
    """Answers 'which policy version has this user acknowledged?' for the inspector (clause 17).
    Positive answers are cached briefly; a fresh acknowledgement is seen at once (it is not cached
    negatively)."""

    def __init__(self, store: GovernanceStore, current_version: Callable[[], str]) -> None:
        self._store = store
        self._version = current_version
        self._until: dict[tuple[str, str], float] = {}

    async def __call__(self, user_id: str) -> str | None:
        version = self._version()
        key = (user_id, version)
        if self._until.get(key, 0.0) > time.monotonic():
            return version
        if await self._store.acknowledged(user_id, version):
            self._until[key] = time.monotonic() + ACK_CACHE_S
            return version
        return None
