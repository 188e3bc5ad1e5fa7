"""Caller keys in the database (`api_keys`): create, revoke, list, and look up by digest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.events import utc_now
from audit.schema import api_keys
from proxy.auth import NewKey, Principal, generate_key

_PREFIX = "sha256:"


@dataclass(frozen=True, slots=True)
class KeyRecord:
    key_id: str
    user_id: str
    display_name: str
    roles: tuple[str, ...]
    department: str
    revoked: bool


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

    async def revoke(self, key_id: str) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(api_keys).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=utc_now())
            )
        return bool(result.rowcount)

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

    async def list(self) -> list[KeyRecord]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(select(api_keys).order_by(api_keys.c.created_at))).mappings().all()
        return [_record(r) for r in rows]

    async def count_active(self) -> int:
        return sum(1 for r in await self.list() if not r.revoked)


def _record(row: Any) -> KeyRecord:
    return KeyRecord(key_id=row["id"], user_id=row["user_id"], display_name=row["display_name"] or "",
                     roles=tuple(row["roles"]), department=row["department"] or "",
                     revoked=row["revoked_at"] is not None)
