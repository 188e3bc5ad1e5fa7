"""Two gateway processes on one PostgreSQL: a pause made through one replica is enforced by the other
within a second (clause 11.4), and both write to the same audit store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from proxy.auth import digest_key
from tests.audit.conftest import pg_server_url, pg_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.postgres

STAFF_KEY = "stw_replica_staff_0123456789abcdefghijklmnop"
ADMIN_KEY = "stw_replica_admin_0123456789abcdefghijklmnop"

CONFIG = f"""
version: 1
gateway:
  detection: {{enabled: false}}
tools:
  - {{id: demo, provider: demo, models: [steward-demo], category: internal}}
roles:
  staff: {{tools: [demo]}}
  admin: {{tools: []}}
keys:
  - {{id: staff1, digest: "{digest_key(STAFF_KEY)}", user: sam, roles: [staff]}}
  - {{id: admin1, digest: "{digest_key(ADMIN_KEY)}", user: ada, roles: [admin]}}
"""

CHAT = {"model": "steward-demo", "messages": [{"role": "user", "content": "hello"}]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base: str, proc: subprocess.Popen[bytes], deadline_s: float = 60) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"gateway exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError("gateway did not become ready")


@pytest.fixture
def replicas(tmp_path: Path, pg_url: str) -> Iterator[list[str]]:  # noqa: F811
    config = tmp_path / "policy.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "STEWARD_DATABASE_URL": pg_url, "STEWARD_LOG_LEVEL": "warning"}
    procs, bases = [], []
    try:
        for i in range(2):
            port = _free_port()
            data = tmp_path / f"data{i}"
            cmd = [sys.executable, "-m", "proxy.cli", "serve", "--config", str(config), "--port", str(port)]
            procs.append(subprocess.Popen(cmd, env={**env, "STEWARD_DATA_DIR": str(data)},
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            bases.append(f"http://127.0.0.1:{port}")
        for base, proc in zip(bases, procs, strict=True):
            _wait_ready(base, proc)
        yield bases
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)


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
