"""Run `steward serve` as a real subprocess for tests that need separate processes (replicas, kill -9)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from proxy.identity.auth import digest_key

DEMO_ONLY = """
version: 1
gateway:
  detection: {{enabled: false}}
tools:
  - {{id: demo, provider: demo, models: [steward-demo], category: internal}}
roles:
  staff: {{tools: [demo]}}
  admin: {{tools: []}}
keys:
{keys}
"""

CHAT = {"model": "steward-demo", "messages": [{"role": "user", "content": "hello"}]}


def demo_config(keys: dict[str, tuple[str, str]]) -> str:
    """A scanning-off demo-tool policy; `keys` maps key -> (user, role), declared by digest."""
    lines = [f'  - {{id: k{i}, digest: "{digest_key(key)}", user: {user}, roles: [{role}]}}'
             for i, (key, (user, role)) in enumerate(keys.items())]
    return DEMO_ONLY.format(keys="\n".join(lines))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class GatewayProcess:
    proc: subprocess.Popen[bytes]
    base: str

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def start_gateway(config: Path, data: Path, extra_env: dict[str, str] | None = None,
                  deadline_s: float = 60) -> GatewayProcess:
    port = free_port()
    env = {**os.environ, "STEWARD_DATA_DIR": str(data), "STEWARD_LOG_LEVEL": "warning", **(extra_env or {})}
    cmd = [sys.executable, "-m", "proxy.cli", "serve", "--config", str(config), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    gateway = GatewayProcess(proc, f"http://127.0.0.1:{port}")
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"gateway exited with {proc.returncode}")
        try:
            if httpx.get(f"{gateway.base}/readyz", timeout=1).status_code == 200:
                return gateway
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("gateway did not become ready")
