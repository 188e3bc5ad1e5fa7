"""Key revocation on every replica (issue 10 item 5): two gateway processes on one PostgreSQL database,
key cache TTL 60 s. The replica that revokes refuses the key at once; the other within its governance poll
(`policy_poll_s`, 0.5 s here), not after the cache TTL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from audit.db import create_engine
from proxy.identity.keystore import KeyStore
from tests.audit.conftest import pg_server_url, pg_url  # noqa: F401  (fixtures)
from tests.support.gateway_process import CHAT, GatewayProcess, demo_config, start_gateway

pytestmark = pytest.mark.postgres

ADMIN_KEY = "stw_revoker_admin_0123456789abcdefghijklmnop"


@pytest.fixture
def replicas(tmp_path: Path, pg_url: str) -> Iterator[list[str]]:  # noqa: F811
    config = tmp_path / "policy.yaml"
    text = demo_config({ADMIN_KEY: ("ada", "admin")}).replace(
        "gateway:\n", "gateway:\n  key_cache_ttl_s: 60\n  policy_poll_s: 0.5\n", 1)
    config.write_text(text, encoding="utf-8")
    gateways: list[GatewayProcess] = []
    try:
        for i in range(2):
            gateways.append(start_gateway(config, tmp_path / f"data{i}", {"STEWARD_DATABASE_URL": pg_url}))
        yield [g.base for g in gateways]
    finally:
        for gateway in gateways:
            gateway.stop()


async def _create_key(url: str) -> tuple[str, str]:
    engine = create_engine(url)
    try:
        key = await KeyStore(engine).create("sam", ["staff"])
    finally:
        await engine.dispose()
    return key.key_id, key.secret


def _chat(base: str, key: str) -> int:
    return httpx.post(f"{base}/v1/chat/completions", json=CHAT, headers={"authorization": f"Bearer {key}"},
                      timeout=10).status_code


def test_revocation_reaches_every_replica_within_the_poll(replicas: list[str], pg_url: str) -> None:  # noqa: F811
    a, b = replicas
    key_id, key = asyncio.run(_create_key(pg_url))
    assert _chat(a, key) == 200 and _chat(b, key) == 200  # both replicas now hold the key in their cache
    revoked = httpx.post(f"{a}/admin/v1/keys/{key_id}/revoke", headers={"authorization": f"Bearer {ADMIN_KEY}"},
                         timeout=10)
    assert revoked.status_code == 200, revoked.text
    assert _chat(a, key) == 401  # the revoking replica: at once
    started = time.monotonic()
    while _chat(b, key) == 200:
        assert time.monotonic() - started < 3.0, "replica B still accepts the revoked key"
        time.sleep(0.05)
    again = httpx.post(f"{a}/admin/v1/keys/{key_id}/revoke", headers={"authorization": f"Bearer {ADMIN_KEY}"},
                       timeout=10)
    assert again.status_code == 404 and again.json()["error"]["code"] == "key_not_found"
