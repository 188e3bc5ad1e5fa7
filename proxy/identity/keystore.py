"""Caller keys in the database (`api_keys`): create, revoke, list, and look up by digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.events import utc_now
from audit.schema import api_keys, audit_records
from proxy.identity.auth import NewKey, Principal, generate_key

_PREFIX = "sha256:"
# Revocations are polled with this much overlap: clocks of replicas differ a little and a transaction
# that commits late may carry an earlier timestamp; re-applying a revocation is harmless.
REVOCATION_OVERLAP = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class KeyRecord:
    key_id: str
    user_id: str
    display_name: str
    roles: tuple[str, ...]
    department: str
    revoked: bool
    created_at: datetime | None = None
    last_used_at: datetime | None = None


class KeyStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def create(self, user: str, roles: list[str], department: str = "", name: str = "",
                     created_by: str | None = None) -> NewKey:
        key = generate_key()
        row = {"id": key.key_id, "digest": key.digest.removeprefix(_PREFIX), "user_id": user,
               "display_name": name or user, "roles": list(roles), "department": department,
               "created_at": utc_now(), "created_by": created_by}
        async with self._engine.begin() as conn:
            await conn.execute(insert(api_keys).values(**row))
        return key

    async def revoke(self, key_id: str) -> str | None:
        """Revoke an active key; returns its digest (so this replica can refuse it at once), or None."""
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(api_keys).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=utc_now()).returning(api_keys.c.digest)
            )
            digest = result.scalar_one_or_none()
        return None if digest is None else _PREFIX + digest

    async def revoked_since(self, since: datetime) -> tuple[list[str], datetime | None]:
        """Digests of keys revoked at or after `since - REVOCATION_OVERLAP`, and the newest revocation time."""
        query = select(api_keys.c.digest, api_keys.c.revoked_at).where(
            api_keys.c.revoked_at >= since - REVOCATION_OVERLAP)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        newest = max((r.revoked_at for r in rows), default=None)
        return [_PREFIX + r.digest for r in rows], newest

    async def lookup(self, digest: str) -> Principal | None:
        query = select(api_keys).where(api_keys.c.digest == digest.removeprefix(_PREFIX),
                                       api_keys.c.revoked_at.is_(None))
        async with self._engine.connect() as conn:
            row = (await conn.execute(query)).mappings().first()
        if row is None:
            return None
        return Principal(user_id=row["user_id"], display_name=row["display_name"] or row["user_id"],
                         roles=tuple(row["roles"]), department=row["department"] or "", key_id=row["id"],
                         digest=_PREFIX + row["digest"])

    async def list(self, with_last_used: bool = False) -> list[KeyRecord]:
        """Every key, oldest first; `with_last_used` adds each key's latest audited request (a scan)."""
        async with self._engine.connect() as conn:
            rows = (await conn.execute(select(api_keys).order_by(api_keys.c.created_at))).mappings().all()
            used: dict[str, datetime] = {}
            if with_last_used:
                query = (select(audit_records.c.key_id, func.max(audit_records.c.received_at))
                         .where(audit_records.c.key_id.is_not(None)).group_by(audit_records.c.key_id))
                used = {key_id: at for key_id, at in (await conn.execute(query)).all()}
        return [_record(r, used.get(r["id"])) for r in rows]

    async def count_active(self) -> int:
        return sum(1 for r in await self.list() if not r.revoked)


def _record(row: Any, last_used: datetime | None = None) -> KeyRecord:
    return KeyRecord(key_id=row["id"], user_id=row["user_id"], display_name=row["display_name"] or "",
                     roles=tuple(row["roles"]), department=row["department"] or "",
                     revoked=row["revoked_at"] is not None, created_at=row["created_at"], last_used_at=last_used)
