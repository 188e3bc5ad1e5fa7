"""Two gateway processes on one PostgreSQL: a pause made through one replica is enforced by the other
within a second (clause 11.4), and both write to the same audit store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.audit.conftest import pg_server_url, pg_url  # noqa: F401  (fixtures)
from tests.support.gateway_process import CHAT, GatewayProcess, demo_config, start_gateway

pytestmark = pytest.mark.postgres

STAFF_KEY = "stw_replica_staff_0123456789abcdefghijklmnop"
ADMIN_KEY = "stw_replica_admin_0123456789abcdefghijklmnop"


@pytest.fixture
def replicas(tmp_path: Path, pg_url: str) -> Iterator[list[str]]:  # noqa: F811
    config = tmp_path / "policy.yaml"
    config.write_text(demo_config({STAFF_KEY: ("sam", "staff"), ADMIN_KEY: ("ada", "admin")}), encoding="utf-8")
    gateways: list[GatewayProcess] = []
    try:
        for i in range(2):
            gateways.append(start_gateway(config, tmp_path / f"data{i}", {"STEWARD_DATABASE_URL": pg_url}))
        yield [g.base for g in gateways]
    finally:
        for gateway in gateways:
            gateway.stop()


def test_pause_on_one_replica_is_enforced_by_the_other_within_a_second(replicas: list[str]) -> None:
    a, b = replicas
    staff = {"authorization": f"Bearer {STAFF_KEY}"}
    assert httpx.post(f"{b}/v1/chat/completions", json=CHAT, headers=staff, timeout=10).status_code == 200
    paused = httpx.post(f"{a}/admin/v1/tools/demo/status", json={"status": "paused", "reason": "incident 42"},
                        headers={"authorization": f"Bearer {ADMIN_KEY}"}, timeout=10)
    assert paused.status_code == 200, paused.text
    started = time.monotonic()
    refused = None
    while time.monotonic() - started < 5:
        resp = httpx.post(f"{b}/v1/chat/completions", json=CHAT, headers=staff, timeout=10)
        if resp.status_code == 403:
            refused = time.monotonic() - started
            assert resp.json()["error"]["code"] == "tool_paused"
            assert "incident 42" in resp.json()["error"]["message"]
            break
        time.sleep(0.02)
    assert refused is not None, "replica B never saw the pause"
    assert refused <= 1.0, f"replica B enforced the pause after {refused:.2f}s"
