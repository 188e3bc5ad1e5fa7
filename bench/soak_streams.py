#!/usr/bin/env python3
"""Soak: N concurrent streaming callers for a while, loopback only; memory must stay flat, errors zero.

Starts bench/mock_upstream.py (streamed answers, a few ms between chunks) and `steward serve` with
scanning on (temporary data folder), then runs --streams callers, each sending streamed chat requests
back to back (every prompt different, some with personal data to redact) for --duration seconds. The
gateway's RSS (its whole process tree) is sampled every few seconds; growth is measured from the end of
the warm-up to the end. A stream counts as an error unless it is HTTP 200, has content, carries no in-band
error and ends with [DONE].

    .venv/bin/python bench/soak_streams.py [--streams 32] [--duration 300] [--warmup 30]

Floors (issue 10): RSS growth <= 10 %, 0 errors. Exit status 0 only when both hold.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from proxy.identity.auth import digest_key  # noqa: E402
from tests.support.gateway_process import free_port, start_gateway  # noqa: E402

KEY = "stw_soak_" + "s" * 40
CONFIG = """
version: 1
gateway:
  detection: {{timeout_s: 30}}
tools:
  - id: mock
    provider: openai_compatible
    base_url: {mock}
    models: [gpt-4o-mini]
    category: internal
roles:
  staff: {{tools: [mock]}}
keys:
  - {{id: soak, digest: "{digest}", user: soak, roles: [staff]}}
"""
PROMPTS = ("Summarise the library opening hours for the newsletter, reference {n}.",
           "Draft a reply to Mrs Ada Lovelace at 12 Elm Road, LS1 4AB, about case {n} and her bin collection.")


def tree_rss_kb(pid: int) -> int:
    """RSS of `pid` and its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        todo += [int(c) for c in children]
    return total


async def one_stream(client: httpx.AsyncClient, n: int) -> str | None:
    body = {"model": "gpt-4o-mini", "stream": True,
            "messages": [{"role": "user", "content": PROMPTS[n % 2].format(n=n)}]}
    try:
        async with client.stream("POST", "/v1/chat/completions", json=body) as response:
            data = b"".join([chunk async for chunk in response.aiter_raw()])
    except httpx.HTTPError as exc:
        return type(exc).__name__
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if b'"error"' in data:
        return "in-band error"
    if not data.rstrip().endswith(b"data: [DONE]") or b"chat.completion.chunk" not in data:
        return "incomplete stream"
    return None


async def caller(base: str, until: float, counter: list[int], errors: dict[str, int], offset: int) -> None:
    async with httpx.AsyncClient(base_url=base, headers={"authorization": f"Bearer {KEY}"}, timeout=60) as client:
        n = offset
        while time.monotonic() < until:
            problem = await one_stream(client, n)
            counter[0] += 1
            if problem is not None:
                errors[problem] = errors.get(problem, 0) + 1
            n += 1000


async def soak(base: str, pid: int, args: argparse.Namespace) -> dict[str, object]:
    counter, errors = [0], {}  # type: ignore[var-annotated]
    start = time.monotonic()
    until = start + args.warmup + args.duration
    tasks = [asyncio.ensure_future(caller(base, until, counter, errors, i)) for i in range(args.streams)]
    samples: list[tuple[float, int]] = []
    while not all(t.done() for t in tasks):
        await asyncio.sleep(args.sample_s)
        samples.append((round(time.monotonic() - start, 1), tree_rss_kb(pid)))
    await asyncio.gather(*tasks)
    after_warmup = [kb for t, kb in samples if t >= args.warmup] or [kb for _, kb in samples]
    base_kb, end_kb = after_warmup[0], after_warmup[-1]
    return {"streams": args.streams, "duration_s": args.duration, "warmup_s": args.warmup,
            "requests": counter[0], "errors": errors, "rss_start_mb": round(base_kb / 1024, 1),
            "rss_end_mb": round(end_kb / 1024, 1), "rss_max_mb": round(max(after_warmup) / 1024, 1),
            "rss_growth_pct": round(100 * (end_kb - base_kb) / base_kb, 2),
            "samples_mb": [(t, round(kb / 1024, 1)) for t, kb in samples]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--streams", type=int, default=32)
    ap.add_argument("--duration", type=float, default=300.0, help="measured seconds, after the warm-up")
    ap.add_argument("--warmup", type=float, default=30.0)
    ap.add_argument("--sample-s", type=float, default=5.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="steward-soak-"))
    port = free_port()
    mock = subprocess.Popen([sys.executable, str(ROOT / "bench" / "mock_upstream.py"), "--port", str(port),
                             "--chunks", "16", "--chunk-delay-ms", "5"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    config = tmp / "steward.yaml"
    config.write_text(CONFIG.format(mock=f"http://127.0.0.1:{port}/v1", digest=digest_key(KEY)))
    gateway = start_gateway(config, tmp / "data", {"OPENAI_API_KEY": "unused"})
    try:
        report = asyncio.run(soak(gateway.base, gateway.proc.pid, args))
    finally:
        gateway.stop()
        mock.terminate()
        mock.wait(10)
    report["machine"], report["cpus"] = os.uname().nodename, os.cpu_count()
    print(json.dumps(report))  # noqa: T201
    ok = not report["errors"] and float(report["rss_growth_pct"]) <= 10.0  # type: ignore[arg-type]
    print(f"floors: 0 errors and RSS growth <= 10 %: {'PASS' if ok else 'FAIL'}")  # noqa: T201
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
