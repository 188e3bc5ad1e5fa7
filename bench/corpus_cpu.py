"""Gateway CPU per request on all-different realistic prompts, A/B between checkouts in one run.

    PYTHONPATH=. .venv/bin/python bench/corpus_cpu.py --tree /work/main --tree . [--rounds 6] [--per-round 120]

Each `--tree` gets its own worker process (the real app from that checkout: lifespan, SQLite audit store,
detection on, the configuration `compare_peers.sh` writes) driven through httpx.ASGITransport by a closed
loop of 8 concurrent callers, each request one corpus record plus a counter (so no cache helps), the
provider being `../shared/bench/mock_upstream.py` on loopback. Rounds alternate between the trees, every
tree running the same records in the same round, and each worker reports `time.process_time()` (all its
threads) over the round: CPU per request, which load on a shared machine barely moves, unlike wall time.
The in-process client's own cost is included (the same for every tree).
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
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent.parent / "shared"
DEFAULT_CORPUS = SHARED / "eval" / "dev.jsonl"
MOCK = SHARED / "bench" / "mock_upstream.py"

CONFIG = """version: 1
gateway:
  audit: {{url: "sqlite+aiosqlite:///{db}"}}
  detection: {{enabled: true}}
tools:
  - {{id: mock, provider: openai_compatible, base_url: "http://127.0.0.1:{port}/v1", api_key_env: BENCH_MOCK_KEY,
     models: [mock-gpt], category: internal, region: uk, classification_ceiling: OFFICIAL-SENSITIVE}}
roles:
  staff: {{tools: [mock]}}
default_use_case: bench
use_cases:
  - id: bench
    owner: bench
    purpose: benchmark
    tools: [mock]
    allowed_roles: [staff]
    dpia: {{reference: BENCH, approved_on: {today}}}
    review_by: 2099-01-01
    data_handling: {{personal_data: redact, secrets: block, special_category: allow, security_marking: allow}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _worker(port: int, corpus: Path, conc: int) -> None:
    import httpx

    from config.loader import parse_config
    from config.settings import Settings
    from proxy.app import create_app
    from proxy.http.logging import configure_logging

    configure_logging("warning", "json")
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8") if line.strip()]
    data = Path(tempfile.mkdtemp(prefix="corpus-cpu-"))
    os.environ["BENCH_MOCK_KEY"] = "sk-mock"
    cfg = CONFIG.format(db=data / "steward.db", port=port, today=date.today().isoformat())
    app = create_app(Settings(data_dir=data), parse_config(cfg, "bench.yaml"))
    async with app.router.lifespan_context(app):
        key = (await app.state.gateway.keys.create("bench", ["staff"])).secret
        headers = {"authorization": f"Bearer {key}", "content-type": "application/json"}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://steward.test", timeout=120) as client:

            async def run(start: int, n: int) -> dict[str, Any]:
                status: dict[int | str, int] = {}
                nxt = start

                async def one() -> None:
                    nonlocal nxt
                    while nxt < start + n:
                        idx = nxt
                        nxt += 1
                        text = f"{texts[idx % len(texts)]}\n\nRef {idx}"
                        body = json.dumps({"model": "mock-gpt", "messages": [{"role": "user", "content": text}],
                                           "max_tokens": 64})
                        r = await client.post("/v1/chat/completions", content=body, headers=headers)
                        status[r.status_code] = status.get(r.status_code, 0) + 1
                        if r.status_code >= 500:
                            code = f"{r.status_code}:{r.json().get('error', {}).get('code', '?')}"
                            status[code] = status.get(code, 0) + 1

                c0, w0 = time.process_time(), time.perf_counter()
                await asyncio.gather(*(one() for _ in range(conc)))
                return {"cpu": time.process_time() - c0, "wall": time.perf_counter() - w0, "n": n,
                        "status": status}

            for line in sys.stdin:
                cmd = line.split()
                if not cmd:
                    continue
                if cmd[0] == "quit":
                    break
                result = await run(int(cmd[1]), int(cmd[2]))
                print("@@" + json.dumps(result), flush=True)


def _ask(proc: subprocess.Popen[str], start: int, n: int) -> dict[str, Any]:
    assert proc.stdin and proc.stdout
    proc.stdin.write(f"run {start} {n}\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if line.startswith("@@"):
            return dict(json.loads(line[2:]))
    raise RuntimeError("worker exited")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", action="append", required=True, help="checkout to measure (repeatable)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--per-round", type=int, default=120)
    ap.add_argument("--warmup", type=int, default=40)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        asyncio.run(_worker(a.port, a.corpus, a.concurrency))
        return
    port = _free_port()
    mock = subprocess.Popen([sys.executable, str(MOCK), "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    procs = []
    try:
        time.sleep(1.0)
        trees = [Path(t).resolve() for t in a.tree]
        for tree in trees:
            env = {**os.environ, "PYTHONPATH": str(tree), "STEWARD_LOG_LEVEL": "warning"}
            procs.append(subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--worker", "--tree", str(tree), "--port", str(port),
                 "--corpus", str(a.corpus), "--concurrency", str(a.concurrency)],
                cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for proc in procs:
            _ask(proc, 10_000_000, a.warmup)
        per_tree: list[list[float]] = [[] for _ in trees]
        statuses: list[list[dict[str, int]]] = [[] for _ in trees]
        start = 0
        for r in range(a.rounds):
            order = list(range(len(trees))) if r % 2 == 0 else list(reversed(range(len(trees))))
            for i in order:
                res = _ask(procs[i], start, a.per_round)
                per_tree[i].append(res["cpu"] / res["n"] * 1000)
                statuses[i].append(res["status"])
                print(f"round {r} {trees[i]}: {per_tree[i][-1]:.2f} ms CPU/request, wall {res['wall']:.1f} s, "
                      f"status {res['status']}", flush=True)
            start += a.per_round
        for tree, vals in zip(trees, per_tree, strict=True):
            print(f"{tree}: median {statistics.median(vals):.2f} ms CPU/request, mean {statistics.fmean(vals):.2f}, "
                  f"min {min(vals):.2f} over {len(vals)} rounds of {a.per_round}")
        if len(trees) == 2:  # rounds where the trees answered differently (e.g. a 503 burst) are left out
            same = [r for r in range(a.rounds) if statuses[0][r] == statuses[1][r]]
            ratios = [per_tree[1][r] / per_tree[0][r] for r in same]
            print(f"ratio tree2/tree1 per round ({len(same)} of {a.rounds} rounds with the same statuses): "
                  f"{' '.join(f'{x:.3f}' for x in ratios)}; median {statistics.median(ratios):.3f}")
    finally:
        for proc in procs:
            if proc.stdin:
                proc.stdin.write("quit\n")
                proc.stdin.close()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        mock.terminate()
        mock.wait()


if __name__ == "__main__":
    main()
