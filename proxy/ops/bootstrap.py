"""Database-backed chores for the CLI: migrations, keys, and the demo key printed at first start."""

from __future__ import annotations

import getpass
import sys
from datetime import datetime

from audit.db import current_revision
from config.loader import LoadedConfig
from config.settings import Settings
from proxy.gateway import open_database
from proxy.identity.keystore import KeyStore
from proxy.state.governance import GovernanceStore

DEMO_USER = "demo"


async def upgrade_database(settings: Settings, loaded: LoadedConfig) -> str:
    engine = await open_database(settings, loaded.config)
    try:
        return f"database at revision {await current_revision(engine)}"
    finally:
        await engine.dispose()


async def create_key(settings: Settings, loaded: LoadedConfig, user: str, roles: list[str], department: str = "",
                     name: str = "") -> tuple[str, str]:
    engine = await open_database(settings, loaded.config)
    try:
        key = await KeyStore(engine).create(user, roles, department=department, name=name, created_by="cli")
        return key.key_id, key.secret
    finally:
        await engine.dispose()


async def revoke_key(settings: Settings, loaded: LoadedConfig, key_id: str) -> bool:
    engine = await open_database(settings, loaded.config)
    try:
        return await KeyStore(engine).revoke(key_id) is not None
    finally:
        await engine.dispose()


async def list_keys(settings: Settings, loaded: LoadedConfig) -> list[str]:
    engine = await open_database(settings, loaded.config)
    try:
        records = await KeyStore(engine).list(with_last_used=True)
    finally:
        await engine.dispose()
    return [f"{r.key_id}\t{r.user_id}\t{','.join(r.roles)}\t{r.department or '-'}\t"
            f"{'revoked' if r.revoked else 'active'}\t{_when(r.created_at)}\t{_when(r.last_used_at)}"
            for r in records]


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%dT%H:%MZ") if at is not None else "never"


async def ensure_demo_key(settings: Settings, loaded: LoadedConfig) -> None:
    """First start with `print_demo_key` and an empty key store: create a demo key and print it once."""
    config = loaded.config
    if not config.gateway.print_demo_key or config.keys:
        return
    role = "staff" if "staff" in config.roles else next(iter(config.roles), None)
    if role is None:
        return
    engine = await open_database(settings, config)
    try:
        store = KeyStore(engine)
        if await store.count_active():
            return
        key = await store.create(DEMO_USER, [role], department="demo", name="Demo user", created_by="first-start")
    finally:
        await engine.dispose()
    sys.stdout.write(
        "\nSteward created a demo key (shown once; it is stored only as a digest):\n\n"
        f"    {key.secret}\n\n"
        "Try it:  curl http://127.0.0.1:8080/v1/chat/completions -H 'Authorization: Bearer <key>' "
        "-H 'Content-Type: application/json' "
        "-d '{\"model\":\"steward-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'\n\n"
    )
    sys.stdout.flush()


async def set_status(settings: Settings, loaded: LoadedConfig, kind: str, target: str, status: str,
                     reason: str) -> str | None:
    """Pause / withdraw / approve from the command line; returns an error message or None."""
    config = loaded.config
    current = config.tool(target) if kind == "tool" else config.use_case(target)
    if current is None:
        return f"no {kind.replace('_', ' ')} '{target}' in {loaded.source}"
    engine = await open_database(settings, config)
    try:
        before = {"status": str(current.status), "reason": current.status_reason}
        await GovernanceStore(engine).set_status(kind, target, status, reason, f"cli:{getpass.getuser()}", before)
    finally:
        await engine.dispose()
    return None
