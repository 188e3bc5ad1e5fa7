"""The gateway's long-lived components, built once in the app lifespan and closed on shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.db import create_engine, upgrade
from audit.events import utc_now
from audit.journal import JournalError
from audit.outage import StoreMonitor
from audit.writer import AuditWriter, WriterSettings
from config.loader import LoadedConfig
from config.models import PolicyConfig
from config.settings import Settings
from proxy.identity.auth import Authenticator, KeyCachePolicy
from proxy.identity.keystore import KeyStore
from proxy.identity.oidc import TokenVerifier, config_dir, sso_verifier
from proxy.ops.preflight import config_problems
from proxy.ops.tracing import TRACING, timed_scan
from proxy.stages.inspect import PolicyInspector
from proxy.stages.limits import Limiter, limiter_for, limits_problems
from proxy.stages.scanner import Scanner, build_scanner
from proxy.stages.upstream import Upstreams
from proxy.state.governance import AcknowledgementCache, GovernanceStore
from proxy.state.policy_state import PolicyHolder, ReloadOutcome

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
    store: StoreMonitor
    owns_scanner: bool = True
    revocations_seen: datetime = field(default_factory=utc_now)  # revocation poll watermark
    limits: Limiter | None = None  # rate limits and budgets (proxy/stages/limits.py)

    @property
    def config(self) -> PolicyConfig:
        """The policy in force now (file + runtime overrides). Take it once per request."""
        return self.policy.effective

    @property
    def loaded(self) -> LoadedConfig:
        return self.policy.loaded

    def reload(self) -> ReloadOutcome:
        outcome = self.policy.reload(check=lambda config: limits_problems(config.limits))
        if outcome.ok:
            config = self.policy.loaded.config
            self.authenticator.set_declared(config.keys)
            self.authenticator.sso = sso_verifier(config.oidc, config_dir(self.settings), self.sso)
            self.limits = limiter_for(config.limits, self.limits)
            self.upstreams.reconfigure(config.tools)
        return outcome

    @property
    def sso(self) -> TokenVerifier | None:
        sso = self.authenticator.sso
        return sso if isinstance(sso, TokenVerifier) else None

    async def refresh_overrides(self) -> bool:
        return self.policy.apply_overrides(await self.governance.overrides())

    async def refresh_revocations(self) -> None:
        """Refuse keys revoked elsewhere (another replica, the CLI): called by the governance poll."""
        digests, newest = await self.keys.revoked_since(self.revocations_seen)
        self.authenticator.revoked(digests)
        if newest is not None and newest > self.revocations_seen:
            self.revocations_seen = newest

    async def revoke_key(self, key_id: str) -> bool:
        """Revoke in the store and refuse the key on this replica at once."""
        digest = await self.keys.revoke(key_id)
        if digest is not None:
            self.authenticator.revoked([digest])
        return digest is not None

    @property
    def audit_ready(self) -> bool:
        """The audit trail can take a row now: the writer is healthy and the store answers (a spooling
        journal stands in for the store while it is down)."""
        return self.audit.healthy and (self.store.up or self.audit.spooling)


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
    store_settings = config.gateway.store
    check_audit_key(config)
    writer = await start_writer(engine, settings, config)
    store = StoreMonitor(engine, store_settings.probe_interval_s, store_settings.probe_timeout_s,
                         on_recover=writer.retry_now)
    policy = PolicyHolder(loaded, settings.config_path)
    governance = GovernanceStore(engine)
    acks = AcknowledgementCache(governance, lambda: policy.effective.policy.version)
    gateway = Gateway(
        settings=settings, policy=policy, engine=engine, keys=keys, governance=governance,
        authenticator=Authenticator(config.keys, keys.lookup, key_cache_policy(config), lambda: store.up,
                                    store.report_failure),
        upstreams=Upstreams(config.tools, transport), audit=writer, scanner=scanner,
        inspector=inspector or PolicyInspector(timed_scan(scanner.scan), acknowledged=acks), store=store,
        owns_scanner=owned,
    )
    gateway.authenticator.sso = sso_verifier(config.oidc, config_dir(settings))
    gateway.limits = limiter_for(config.limits)
    TRACING.configure()
    await gateway.refresh_overrides()
    log.info("gateway.started", tools=[t.id for t in config.tools], policy_version=loaded.digest)
    return gateway


def key_cache_policy(config: PolicyConfig) -> KeyCachePolicy:
    store = config.gateway.store
    return KeyCachePolicy(ttl_s=config.gateway.key_cache_ttl_s, grace_s=store.auth_grace_s,
                          lookup_timeout_s=store.lookup_timeout_s)


def check_audit_key(config: PolicyConfig) -> None:
    """Use cases that keep full (original) content need the encryption key: refuse to start without it."""
    problems = config_problems(config)
    if problems:
        raise RuntimeError(problems[0])


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
    TRACING.shutdown()
    if gateway.limits is not None:
        await gateway.limits.aclose()
    if gateway.owns_scanner:
        gateway.scanner.close()
    await gateway.audit.close()
    await gateway.engine.dispose()
    log.info("gateway.stopped")
