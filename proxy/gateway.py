"""The gateway's long-lived components, built once in the app lifespan and closed on shutdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.content import audit_content_key_available
from audit.db import create_engine, upgrade
from audit.journal import JournalError
from audit.writer import AuditWriter, WriterSettings
from config.loader import LoadedConfig
from config.models import PolicyConfig
from config.settings import Settings
from proxy.auth import Authenticator
from proxy.governance import AcknowledgementCache, GovernanceStore
from proxy.inspect import PolicyInspector
from proxy.keystore import KeyStore
from proxy.oidc import TokenVerifier, config_dir, sso_verifier
from proxy.policy_state import PolicyHolder, ReloadOutcome
from proxy.scanner import Scanner, build_scanner
from proxy.upstream import Upstreams

log = structlog.get_logger("steward.gateway")

JOURNAL_SLOTS = 32

class Inspector(Protocol):
    """Stage 5: choose the use case, scan, decide and transform a request body."""

    async def inspect(self, ex: Any, body: dict[str, Any]) -> dict[str, Any]: ...


@dataclass
class Gateway:
    settings: Settings
    policy: PolicyHolder
    engine: AsyncEngine
    keys: KeyStore
    governance: GovernanceStore
    authenticator: Authenticator
    upstreams: Upstreams
    audit: AuditWriter
    scanner: Scanner
    inspector: Inspector
    owns_scanner: bool = True

    @property
    def config(self) -> PolicyConfig:
        """The policy in force now (file + runtime overrides). Take it once per request."""
        return self.policy.effective

    @property
    def loaded(self) -> LoadedConfig:
        return self.policy.loaded

    def reload(self) -> ReloadOutcome:
        outcome = self.policy.reload()
        if outcome.ok:
            config = self.policy.loaded.config
            self.authenticator.set_declared(config.keys)
            self.authenticator.sso = sso_verifier(config.oidc, config_dir(self.settings), self.sso)
            self.upstreams.reconfigure(config.tools)
        return outcome

    @property
    def sso(self) -> TokenVerifier | None:
        sso = self.authenticator.sso
        return sso if isinstance(sso, TokenVerifier) else None

    async def refresh_overrides(self) -> bool:
        return self.policy.apply_overrides(await self.governance.overrides())


async def open_database(settings: Settings, config: PolicyConfig) -> AsyncEngine:
    url = settings.resolve_database_url(config.gateway.audit.url)
    engine = create_engine(url)
    if config.gateway.audit.migrate_on_start:
        await upgrade(engine)
    return engine


async def open_gateway(settings: Settings, loaded: LoadedConfig, transport: httpx.AsyncBaseTransport | None = None,
                       inspector: Inspector | None = None, scanner: Scanner | None = None) -> Gateway:
    """Open every component. An injected `scanner` is shared, not owned: close_gateway leaves it open."""
    config = loaded.config
    engine = await open_database(settings, config)
    owned = scanner is None
    scanner = scanner or build_scanner(config.gateway.detection)
    keys = KeyStore(engine)
    check_audit_key(config)
    writer = await start_writer(engine, settings, config)
    policy = PolicyHolder(loaded, settings.config_path)
    governance = GovernanceStore(engine)
    acks = AcknowledgementCache(governance, lambda: policy.effective.policy.version)
    gateway = Gateway(
        settings=settings, policy=policy, engine=engine, keys=keys, governance=governance,
        authenticator=Authenticator(config.keys, keys.lookup, ttl_s=config.gateway.key_cache_ttl_s),
        upstreams=Upstreams(config.tools, transport), audit=writer, scanner=scanner,
        inspector=inspector or PolicyInspector(scanner.scan, acknowledged=acks), owns_scanner=owned,
    )
    gateway.authenticator.sso = sso_verifier(config.oidc, config_dir(settings))
    await gateway.refresh_overrides()
    log.info("gateway.started", tools=[t.id for t in config.tools], policy_version=loaded.digest)
    return gateway


def check_audit_key(config: PolicyConfig) -> None:
    """Use cases that keep full (original) content need the encryption key: refuse to start without it."""
    full = [uc.id for uc in config.use_cases if str(uc.audit.level) == "full"]
    if full and not audit_content_key_available():
        raise RuntimeError(f"use cases {full} keep full audit content but STEWARD_AUDIT_KEY is not set")


async def start_writer(engine: AsyncEngine, settings: Settings, config: PolicyConfig) -> AuditWriter:
    """Start the audit writer on the first free journal slot: each worker process of one data folder
    takes its own journal file, and a slot a dead process left behind is replayed by whoever takes it."""
    audit = config.gateway.audit
    journal = audit.journal
    base = settings.data_dir / journal.path if journal.path else None
    for slot in range(JOURNAL_SLOTS if base is not None else 1):
        path = None if base is None else (base if slot == 0 else base.with_name(f"{base.name}.{slot}"))
        writer = AuditWriter(engine, WriterSettings(max_batch=audit.max_batch, journal_path=path,
                                                    journal_fsync=journal.fsync, on_store_down=journal.on_store_down))
        try:
            await writer.start()
        except JournalError:
            continue
        return writer
    raise RuntimeError(f"every audit journal slot under {base} is in use")


async def close_gateway(gateway: Gateway) -> None:
    await gateway.upstreams.aclose()
    if gateway.owns_scanner:
        gateway.scanner.close()
    await gateway.audit.close()
    await gateway.engine.dispose()
    log.info("gateway.stopped")
