"""Background work of a running gateway: pick up pause/withdraw overrides from the shared database
and reload the policy file when it changes or on SIGHUP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import structlog
import watchfiles

from audit.outage import error_kind
from audit.retention import purge_loop
from proxy.gateway import Gateway

log = structlog.get_logger("steward.background")


async def poll_overrides(gateway: Gateway, interval_s: float) -> None:
    """Pause/withdraw overrides and key revocations reach this replica within `interval_s`."""
    while True:
        await asyncio.sleep(interval_s)
        if not gateway.store.up:
            continue  # keep the last known state; the store monitor logs the outage once
        try:
            await gateway.refresh_overrides()
            await gateway.refresh_revocations()
        except Exception as exc:  # the database may be briefly unreachable; keep the last known state
            log.warning("policy.overrides_poll_failed", error=error_kind(exc))


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


async def watch_policy_file(gateway: Gateway, path: Path) -> None:
    path = _absolute(path)

    def same_file(_: watchfiles.Change, changed: str) -> bool:
        return Path(changed).name == path.name

    async for _ in watchfiles.awatch(path.parent, watch_filter=same_file, debounce=200, recursive=False):
        gateway.reload()


def _install_sighup(gateway: Gateway) -> bool:
    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, gateway.reload)
    except (NotImplementedError, RuntimeError, ValueError):  # not the main thread (tests) or no SIGHUP
        return False
    return True


@asynccontextmanager
async def background_tasks(gateway: Gateway) -> AsyncIterator[None]:
    settings = gateway.config.gateway
    tasks = [asyncio.create_task(poll_overrides(gateway, settings.policy_poll_s)),
             asyncio.create_task(gateway.store.run())]
    retention = settings.audit.retention
    if retention.enabled:
        tasks.append(asyncio.create_task(purge_loop(gateway.engine, retention.purge_interval_s, retention.actor,
                                                    retention.delete_records)))
    path = gateway.settings.config_path
    if path is not None and settings.watch_policy_file:
        tasks.append(asyncio.create_task(watch_policy_file(gateway, path)))
    sighup = _install_sighup(gateway)
    try:
        yield
    finally:
        if sighup:
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
