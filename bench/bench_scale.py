"""Issue 11 floors, side by side in one run against real `steward serve` processes on the demo tool:

    limits   p50 latency with rate limits and budgets in Redis (loopback) vs the same gateway with limits off
             (floor: the checks add <= 0.5 ms p50), and each gateway's CPU time per request (all its
             threads, from /proc: comparable on a shared machine, where the wall-clock figures are not)
    jwt      passthrough throughput with OIDC access tokens vs Steward keys (floor: >= 90 %)
    admission (only with --only admission) the limiter driven in process, one admission and its settlement
             after another: CPU time (time.process_time) per admission, this checkout vs --baseline

    .venv/bin/python bench/bench_scale.py [--requests 2000] [--seconds 10] [--concurrency 8] [--baseline DIR]

--baseline DIR adds a third gateway, limits on, served from another checkout's code (e.g. the main branch),
interleaved with the other two: a before/after of the limits code under the same load.

Redis: STEWARD_BENCH_REDIS_URL (default redis://127.0.0.1:6379/0), keys under a unique prefix, deleted after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import jwt
import redis
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("STEWARD_BENCH_CODE", ROOT))  # whose limiter the in-process bench imports
sys.path.insert(0, str(CODE))
from proxy.identity.auth import digest_key  # noqa: E402

KEY = "stw_bench_0123456789abcdefghijklmnopqrstuvwxyz"
CHAT = {"model": "steward-demo", "messages": [{"role": "user", "content": "Summarise the bin collection rota."}]}
BASE = f"""
version: 1
gateway:
  detection: {{enabled: false}}
tools:
  - {{id: demo, provider: demo, models: [steward-demo], category: internal}}
roles:
  staff: {{tools: [demo]}}
keys:
  - {{id: bench, digest: "{digest_key(KEY)}", user: bench, department: Housing, roles: [staff]}}
"""
LIMITS = """
limits:
  key_prefix: "{prefix}"
  prices: {{steward-demo: {{input_per_1m: 0.1, output_per_1m: 0.4}}}}
  rules:
    - {{id: user, scope: user, requests_per_minute: 100000000, tokens_per_minute: 1000000000}}
    - {{id: dept, scope: department, match: Housing, tokens_per_day: 1000000000, cost_per_month: 1000000}}
"""
OIDC = """
oidc:
  issuer: https://idp.bench/
  audience: [api://steward]
  jwks_file: {jwks}
  role_map: {{Staff: [staff]}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(config: str, workdir: Path, name: str, env: dict[str, str],
          root: Path = ROOT) -> tuple[subprocess.Popen[bytes], str]:
    path = workdir / f"{name}.yaml"
    path.write_text(config)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "proxy.cli", "serve", "--config", str(path), "--port", str(port)],
                            env={**os.environ, **env, "STEWARD_DATA_DIR": str(workdir / name),
                                 "STEWARD_LOG_LEVEL": "warning", "PYTHONPATH": str(root),
                                 "PYTHONDONTWRITEBYTECODE": "1"},
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{name} did not start")


async def throughput(base: str, token: str, seconds: float, concurrency: int) -> float:
    headers = {"authorization": f"Bearer {token}"}
    done = 0
    end = time.perf_counter() + seconds
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30,
                                 limits=httpx.Limits(max_connections=concurrency)) as client:
        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < end:
                resp = await client.post("/v1/chat/completions", json=CHAT)
                assert resp.status_code == 200, resp.text
                done += 1
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.perf_counter() - started)


async def interleaved(bases: dict[str, str], n: int) -> dict[str, list[float]]:
    """One request to each gateway in turn, so drift on a shared machine hits them all equally. The order is
    rotated every round and reversed every len(bases) rounds, so each gateway takes every position equally
    often: with a fixed order the gateways at the ends serve two requests in a row across rounds (still warm
    in the CPU caches) and the ones in the middle never do, which costs them measurably more CPU per request."""
    headers = {"authorization": f"Bearer {KEY}"}
    clients = {name: httpx.AsyncClient(base_url=base, headers=headers, timeout=30) for name, base in bases.items()}
    out: dict[str, list[float]] = {name: [] for name in bases}
    try:
        ring = list(clients)
        for i in range(n):
            shift = i % len(ring)
            names = ring[shift:] + ring[:shift]
            if (i // len(ring)) % 2:
                names.reverse()
            for name in names:
                started = time.perf_counter()
                resp = await clients[name].post("/v1/chat/completions", json=CHAT)
                out[name].append(time.perf_counter() - started)
                assert resp.status_code == 200, (name, resp.text)
    finally:
        for client in clients.values():
            await client.aclose()
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_limits(workdir: Path, redis_url: str, n: int, baseline: Path | None = None) -> dict[str, Any]:
    prefix = f"steward-bench:{uuid.uuid4().hex[:8]}:"
    redis_env = {"STEWARD_REDIS_URL": redis_url}
    procs = {"off": start(BASE, workdir, "limits-off", {}),
             "on": start(BASE + LIMITS.format(prefix=prefix), workdir, "limits-on", redis_env)}
    if baseline is not None:
        procs["baseline"] = start(BASE + LIMITS.format(prefix=prefix + "b:"), workdir, "limits-baseline", redis_env,
                                  baseline)
    bases = {name: base for name, (_, base) in procs.items()}
    try:
        asyncio.run(interleaved(bases, 200))  # warm-up
        before = {name: cpu_seconds(proc.pid) for name, (proc, _) in procs.items()}
        samples = asyncio.run(interleaved(bases, n))
        cpu_ms = {name: (cpu_seconds(proc.pid) - before[name]) / n * 1000 for name, (proc, _) in procs.items()}
    finally:
        for proc, _ in procs.values():
            proc.terminate()
            proc.wait()
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
    p50 = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    out = {"p50_ms_limits_off": round(p50["off"], 3), "p50_ms_limits_on": round(p50["on"], 3),
           "added_ms": round(p50["on"] - p50["off"], 3), "floor_ms": 0.5, "pass": p50["on"] - p50["off"] <= 0.5,
           "cpu_ms_per_request_limits_off": round(cpu_ms["off"], 3),
           "cpu_ms_per_request_limits_on": round(cpu_ms["on"], 3),
           "cpu_added_ms": round(cpu_ms["on"] - cpu_ms["off"], 3)}
    if baseline is not None:
        out |= {"baseline": str(baseline), "p50_ms_baseline_on": round(p50["baseline"], 3),
                "baseline_added_ms": round(p50["baseline"] - p50["off"], 3),
                "cpu_ms_per_request_baseline_on": round(cpu_ms["baseline"], 3),
                "baseline_cpu_added_ms": round(cpu_ms["baseline"] - cpu_ms["off"], 3)}
    return out


def bench_jwt(workdir: Path, seconds: float, concurrency: int) -> dict[str, Any]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = {**RSAAlgorithm.to_jwk(private.public_key(), as_dict=True), "kid": "k1", "alg": "RS256", "use": "sig"}
    (workdir / "jwks.json").write_text(json.dumps({"keys": [jwk]}))
    token = jwt.encode({"iss": "https://idp.bench/", "aud": "api://steward", "sub": "bench-sso", "roles": ["Staff"],
                        "exp": int(time.time()) + 3600}, private, algorithm="RS256", headers={"kid": "k1"})
    proc, base = start(BASE + OIDC.format(jwks=workdir / "jwks.json"), workdir, "jwt", {})
    try:
        asyncio.run(throughput(base, KEY, 2, concurrency))
        asyncio.run(throughput(base, token, 2, concurrency))
        rates: dict[str, list[float]] = {"key": [], "jwt": []}
        for i in range(4):  # alternate which goes first, so drift on a shared machine hits both
            order = [("key", KEY), ("jwt", token)] if i % 2 == 0 else [("jwt", token), ("key", KEY)]
            for name, credential in order:
                rates[name].append(asyncio.run(throughput(base, credential, seconds / 4, concurrency)))
    finally:
        proc.terminate()
        proc.wait()
    key_rps, jwt_rps = statistics.median(rates["key"]), statistics.median(rates["jwt"])
    return {"rps_key": round(key_rps, 1), "rps_jwt": round(jwt_rps, 1), "ratio": round(jwt_rps / key_rps, 3),
            "floor": 0.9, "pass": jwt_rps / key_rps >= 0.9}


async def admissions(redis_url: str, n: int, pace_ms: float = 0.0) -> dict[str, float]:
    """CPU per admission + settlement, the limiter driven directly (in the process running this code)."""
    from types import SimpleNamespace

    import yaml

    from config.limits import LimitsSettings
    from proxy.identity.auth import Principal
    from proxy.stages.limits import limiter_for

    prefix = f"steward-bench:{uuid.uuid4().hex[:8]}:"
    os.environ["STEWARD_REDIS_URL"] = redis_url
    settings = LimitsSettings.model_validate(yaml.safe_load(LIMITS.format(prefix=prefix))["limits"])
    limiter = limiter_for(settings)
    assert limiter is not None
    principal = Principal("bench", "Bench", ("staff",), "Housing", "bench", "sha256:0")
    headers = {"content-length": "120"}

    async def one(i: int) -> None:
        event = SimpleNamespace(use_case=None, prompt_tokens=None, completion_tokens=None, http_status=None)
        ex: Any = SimpleNamespace(principal=principal, event=event, request=SimpleNamespace(headers=headers),
                                  endpoint="chat.completions", request_id=f"req_{i}", response_headers={})
        await limiter.admit(ex, {}, "steward-demo")
        event.prompt_tokens, event.completion_tokens, event.http_status = 20, 30, 200
        limiter.settle(ex)

    try:
        for i in range(500):  # warm-up (and, where leases exist, the first leases)
            await one(i)
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(n):
            await one(500 + i)
            if pace_ms:  # a gap between requests, as a gateway under moderate load sees (its CPU is counted)
                await asyncio.sleep(pace_ms / 1000)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        await limiter.flush()
    finally:
        await limiter.aclose()
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
    return {"cpu_us_per_admission": round(cpu / n * 1e6, 1), "wall_us_per_admission": round(wall / n * 1e6, 1)}


def bench_admission(redis_url: str, n: int, baseline: Path | None, pace_ms: float) -> dict[str, Any]:
    """Run `admissions` in child processes, one per checkout, alternating three times (median)."""
    roots = {"this": ROOT, **({"baseline": baseline} if baseline is not None else {})}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in roots}
    for i in range(3):
        for name in (list(roots) if i % 2 == 0 else list(reversed(roots))):
            out = subprocess.run([sys.executable, __file__, "--admission-child", str(n), "--pace-ms", str(pace_ms)],
                                 check=True,
                                 capture_output=True, text=True,
                                 env={**os.environ, "STEWARD_BENCH_CODE": str(roots[name]),
                                      "STEWARD_BENCH_REDIS_URL": redis_url, "STEWARD_LOG_LEVEL": "warning"})
            runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    result: dict[str, Any] = {}
    for name, values in runs.items():
        for metric in values[0]:
            result[f"{metric}_{name}"] = statistics.median(v[metric] for v in values)
    return result | {"pass": True}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--only", choices=["limits", "jwt", "admission"])
    parser.add_argument("--admission-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pace-ms", type=float, default=0.0, help="admission bench: gap between requests")
    parser.add_argument("--baseline", type=Path, help="another checkout whose limits code to run alongside")
    args = parser.parse_args()
    redis_url = os.environ.get("STEWARD_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    if args.admission_child:
        print(json.dumps(asyncio.run(admissions(redis_url, args.admission_child, args.pace_ms))))
        return 0
    results: dict[str, Any] = {}
    if args.only == "admission":
        print(json.dumps({"admission": bench_admission(redis_url, args.requests, args.baseline, args.pace_ms)},
                         indent=2))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "limits"):
            results["limits"] = bench_limits(Path(tmp), redis_url, args.requests, args.baseline)
        if args.only in (None, "jwt"):
            results["jwt"] = bench_jwt(Path(tmp), args.seconds, args.concurrency)
    print(json.dumps(results, indent=2))
    return 0 if all(r["pass"] for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
