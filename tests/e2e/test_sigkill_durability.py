"""Durability: kill -9 the gateway under load; after a restart, every request that received a response
has its audit row (the local journal is replayed at start), and the hash chain verifies."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from pathlib import Path

import httpx

from audit.db import create_engine
from audit.reader import get_record
from audit.verify import verify_chain
from tests.support.gateway_process import CHAT, demo_config, start_gateway

KEY = "stw_sigkill_0123456789abcdefghijklmnopqrstuvwxyz"


def _load(base: str, answered: list[str], stop: threading.Event) -> None:
    with httpx.Client(base_url=base, headers={"authorization": f"Bearer {KEY}"}, timeout=5) as client:
        while not stop.is_set():
            try:
                resp = client.post("/v1/chat/completions", json=CHAT)
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
    config, data = tmp_path / "policy.yaml", tmp_path / "data"
    config.write_text(demo_config({KEY: ("sam", "staff")}), encoding="utf-8")
    gateway = start_gateway(config, data)
    answered: list[str] = []
    stop = threading.Event()
    workers = [threading.Thread(target=_load, args=(gateway.base, answered, stop)) for _ in range(4)]
    for w in workers:
        w.start()
    deadline = time.monotonic() + 30
    while len(answered) < 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    gateway.proc.send_signal(signal.SIGKILL)  # no graceful shutdown, no flush
    gateway.proc.wait(timeout=10)
    stop.set()
    for w in workers:
        w.join(timeout=10)
    assert len(answered) >= 50, "too little load reached the gateway before the kill"
    restarted = start_gateway(config, data)  # replays the journal at start
    try:
        url = f"sqlite+aiosqlite:///{data / 'steward.db'}"
        missing, chain_ok = asyncio.run(_missing(url, list(answered)))
    finally:
        restarted.stop()
    assert missing == [], f"{len(missing)} of {len(answered)} answered requests lost their audit row"
    assert chain_ok
