"""Durability: kill -9 the gateway under load; after a restart, every request that received a response
has its audit row (the local journal is replayed at start), and the hash chain verifies."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from audit.db import create_engine
from audit.reader import get_record
from audit.verify import verify_chain
from proxy.auth import digest_key

KEY = "stw_sigkill_0123456789abcdefghijklmnopqrstuvwxyz"
CONFIG = f"""
version: 1
gateway:
  detection: {{enabled: false}}
tools:
  - {{id: demo, provider: demo, models: [steward-demo], category: internal}}
roles:
  staff: {{tools: [demo]}}
keys:
  - {{id: k1, digest: "{digest_key(KEY)}", user: sam, roles: [staff]}}
"""
BODY = {"model": "steward-demo", "messages": [{"role": "user", "content": "hello"}]}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(config: Path, data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STEWARD_DATA_DIR": str(data), "STEWARD_LOG_LEVEL": "warning"}
    cmd = [sys.executable, "-m", "proxy.cli", "serve", "--config", str(config), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("gateway did not start")


def _load(base: str, answered: list[str], stop: threading.Event) -> None:
    with httpx.Client(base_url=base, headers={"authorization": f"Bearer {KEY}"}, timeout=5) as client:
        while not stop.is_set():
            try:
                resp = client.post("/v1/chat/completions", json=BODY)
            except httpx.HTTPError:
                return  # the gateway was killed mid-request: no response, no promise
            if resp.status_code == 200:
                answered.append(resp.headers["x-request-id"])


async def _missing(url: str, ids: list[str]) -> tuple[list[str], bool]:
    engine = create_engine(url)
    try:
        missing = [i for i in ids if await get_record(engine, i) is None]
        return missing, (await verify_chain(engine)).ok
    finally:
        await engine.dispose()


def test_every_answered_request_survives_sigkill(tmp_path: Path) -> None:
    config, data, port = tmp_path / "policy.yaml", tmp_path / "data", _port()
    config.write_text(CONFIG, encoding="utf-8")
    proc = _start(config, data, port)
    answered: list[str] = []
    stop = threading.Event()
    workers = [threading.Thread(target=_load, args=(f"http://127.0.0.1:{port}", answered, stop)) for _ in range(4)]
    for w in workers:
        w.start()
    deadline = time.monotonic() + 30
    while len(answered) < 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)  # no graceful shutdown, no flush
    proc.wait(timeout=10)
    stop.set()
    for w in workers:
        w.join(timeout=10)
    assert len(answered) >= 50, "too little load reached the gateway before the kill"
    restarted = _start(config, data, port)  # replays the journal at start
    try:
        url = f"sqlite+aiosqlite:///{data / 'steward.db'}"
        missing, chain_ok = asyncio.run(_missing(url, list(answered)))
    finally:
        restarted.terminate()
        restarted.wait(timeout=20)
    assert missing == [], f"{len(missing)} of {len(answered)} answered requests lost their audit row"
    assert chain_ok
