"""Memory of a whole `steward serve` worker: RSS idle, and after N varied requests (streaming and not).

Starts a real gateway (`steward serve`, one worker) on a free port with a fresh data folder and a key of
its own, waits until it is ready, reads its RSS from /proc, sends N requests made at run time from
invented templates (names, NHS and phone numbers, addresses, emails, secrets, health and belief
statements, tables, plain drafting; chat completions streamed and not, Responses, embeddings), then
reads the RSS again (VmRSS now, VmHWM the peak). Configurations:

  --config default        the embedded default configuration (`make serve`): the local demo model
  --config peers          ../shared/bench/compare_peers.sh's scanning gateway (full input+output scanning,
                          PII redacted) in front of bench/mock_upstream.py, started here
  --config FILE           any policy file (requests go to --model; refusals are served and counted too)

`--breakdown` instead loads the gateway step by step in this process and prints the RSS after each
import and start-up step (the same steps `steward serve` takes), to see where memory goes.

    .venv/bin/python bench/bench_memory.py [--config default|peers|FILE] [--requests 300] [--rounds 1]
                                           [--code CHECKOUT] [--breakdown]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
PEERS_MODEL = "mock-gpt"


def rss_mb(pid: int | str = "self") -> dict[str, float]:
    """VmRSS (now), VmHWM (peak), RssAnon and RssFile of a process, in MB."""
    out: dict[str, float] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) / 1024
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peers_config(path: Path, upstream_port: int) -> None:
    """The scanning gateway of compare_peers.sh (detection on, personal data redacted, secrets blocked)."""
    path.write_text(f"""version: 1
gateway:
  audit: {{url: "sqlite+aiosqlite:///steward.db"}}
  detection: {{enabled: true}}
tools:
  - {{id: mock, provider: openai_compatible, base_url: "http://127.0.0.1:{upstream_port}/v1",
     api_key_env: BENCH_MOCK_KEY, models: [{PEERS_MODEL}], category: internal, region: uk,
     classification_ceiling: OFFICIAL-SENSITIVE}}
roles:
  staff: {{tools: [mock]}}
default_use_case: bench
use_cases:
  - id: bench
    owner: bench
    purpose: benchmark
    tools: [mock]
    allowed_roles: [staff]
    dpia: {{reference: BENCH, approved_on: {date.today().isoformat()}}}
    review_by: 2099-01-01
    data_handling: {{personal_data: redact, secrets: block, special_category: allow, security_marking: allow}}
""", encoding="utf-8")


# Invented fillers (no corpus wording): every request differs, and most carry something to detect.
GIVEN = "Tamsin Idris Marguerite Kwabena Ffion Radoslaw Yusra Cormac Ilse Devika Oisin Hyacinth".split()
FAMILY = "Pennock Achterberg Oyelaran Treharne Vasquez-Moll Ditchburn Nakagawa Featherstone Quayle".split()
STREETS = "Larch Rise|Cobbler's Way|Meadowsweet Close|Foundry Lane|Old Tannery Road".split("|")
TEMPLATES = (
    "Draft a short letter to {name} at {num} {street}, {town} {postcode} about the missed collection.",
    "Summarise: {name} (DOB {dob}) rang from {phone} about a repair; NHS number {nhs}.",
    "Please reply to {email} confirming the meeting with {name} on {dob}.",
    "{name} told the officer she has {condition} and needs a ground-floor flat.",
    "Rewrite this more politely: the skip on {street} has been there for three weeks.",
    "name,dob,phone\n{name},{dob},{phone}\n{name2},{dob},{phone}",
    "Here is our config, tidy it up: AWS_SECRET_ACCESS_KEY={secret} region=eu-west-2",
    '{{"resident": {{"first_name": "{first}", "last_name": "{last}", "email": "{email}"}}}}',
    "Explain the difference between a licence and a lease for a community hall, in plain English.",
    "{name} attends the {faith} on Fridays and asked for leave for the festival.",
)
CONDITIONS = ("type 1 diabetes", "epilepsy", "multiple sclerosis", "a heart condition")
FAITHS = ("mosque", "gurdwara", "synagogue", "parish church")


def _nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check < 10:
            d = "".join(map(str, [*digits, check % 11]))
            return f"{d[:3]} {d[3:6]} {d[6:]}"


def prompt(rng: random.Random, i: int) -> str:
    first, last = rng.choice(GIVEN), rng.choice(FAMILY)
    fill = {
        "name": f"{first} {last}", "name2": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", "first": first,
        "last": last, "num": rng.randrange(1, 200), "street": rng.choice(STREETS),
        "town": rng.choice(("Kettering", "Bangor", "Whitby", "Dunoon")),
        "postcode": f"{rng.choice('BLMNS')}{rng.choice('ABEHNT')}{rng.randrange(1, 20)} {rng.randrange(10)}"
                    f"{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
        "dob": f"{rng.randrange(1, 28)}/{rng.randrange(1, 13):02d}/{rng.randrange(1940, 2005)}",
        "phone": f"07{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}", "nhs": _nhs(rng),
        "email": f"{first.lower()}.{last.lower()}{i}@example.org", "condition": rng.choice(CONDITIONS),
        "faith": rng.choice(FAITHS), "secret": "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkl0123456789/+")
                                                      for _ in range(40)),
    }
    text = TEMPLATES[i % len(TEMPLATES)].format(**fill)
    return text if i % 7 else "\n\n".join([text] * rng.randrange(4, 12))  # some long ones


def request_for(i: int, text: str, model: str) -> tuple[str, dict[str, Any]]:
    """Rotate endpoints and shapes: chat (plain, streamed), Responses, embeddings."""
    kind = i % 5
    if kind == 3:
        return "/v1/responses", {"model": model, "input": text}
    if kind == 4:
        return "/v1/embeddings", {"model": model, "input": [text]}
    body: dict[str, Any] = {"model": model, "messages": [{"role": "system", "content": "Be brief."},
                                                         {"role": "user", "content": text}]}
    if kind in (1, 2):
        body["stream"] = True
    return "/v1/chat/completions", body


async def drive(base: str, key: str, model: str, n: int, first: int = 0, concurrency: int = 4) -> Counter[int]:
    """Requests number `first` to `first + n - 1` (each round of a run sends new texts)."""
    import httpx

    rng = random.Random(first)
    jobs = [request_for(i, prompt(rng, i), model) for i in range(first, first + n)]
    statuses: Counter[int] = Counter()
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60) as client:
        async def one(path: str, body: dict[str, Any]) -> None:
            async with sem:
                if body.get("stream"):
                    async with client.stream("POST", path, json=body) as resp:
                        async for _ in resp.aiter_bytes():
                            pass
                        statuses[resp.status_code] += 1
                else:
                    statuses[(await client.post(path, json=body)).status_code] += 1
        await asyncio.gather(*(one(p, b) for p, b in jobs))
    return statuses


def wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 240) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"timed out waiting for {url}")


def serve_run(config: str, requests: int, model: str | None, settle_s: float, code: Path,
              rounds: int = 1) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="steward-mem-"))
    env = {**os.environ, "STEWARD_DATA_DIR": str(work / "data"), "STEWARD_LOG_LEVEL": "warning",
           "BENCH_MOCK_KEY": "sk-mock", "PYTHONPATH": str(code)}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        cfg_args: list[str] = []
        if config == "peers":
            up = free_port()
            procs.append(subprocess.Popen([str(BIN / "python"), str(ROOT / "bench" / "mock_upstream.py"), "--port",
                                           str(up), "--chunks", "16", "--chunk-delay-ms", "0"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            peers_config(work / "peers.yaml", up)
            cfg_args, model = ["--config", str(work / "peers.yaml")], model or PEERS_MODEL
        elif config != "default":
            cfg_args = ["--config", config]
        model = model or "steward-demo"
        key = subprocess.run([str(BIN / "steward"), "keys", "create", "--user", "bench", "--role", "staff", *cfg_args],
                             env=env, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        port = free_port()
        gateway = subprocess.Popen([str(BIN / "steward"), "serve", "--port", str(port), *cfg_args], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(gateway)
        if config == "peers":
            wait_ready(f"http://127.0.0.1:{up}/v1/models", procs[0])
        wait_ready(f"http://127.0.0.1:{port}/healthz", gateway)
        time.sleep(settle_s)
        idle = rss_mb(gateway.pid)
        statuses: Counter[int] = Counter()
        after = []
        for r in range(rounds):
            statuses += asyncio.run(drive(f"http://127.0.0.1:{port}", key, model, requests, first=r * requests))
            time.sleep(settle_s)
            after.append(rss_mb(gateway.pid))
        return {"config": config, "code": str(code), "idle": idle, "after": after[-1], "rounds": after,
                "requests": requests * rounds, "statuses": dict(sorted(statuses.items()))}
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def breakdown() -> None:
    """RSS after each step of a gateway's start-up, in this process (imports, then what the lifespan loads).
    Freed memory is returned to the OS after every step, so each delta is what the step keeps."""
    from proxy.ops.memory import release_freed_memory

    last = rss_mb()["VmRSS"]
    print(f"{'step (what it keeps)':52s} {'RSS MB':>8s} {'delta':>7s}")

    def step(name: str, action: Callable[[], object] = lambda: None) -> None:
        nonlocal last
        action()
        release_freed_memory()
        now = rss_mb()["VmRSS"]
        print(f"{name:52s} {now:8.1f} {now - last:+7.1f}")
        last = now

    step("interpreter")
    step("web stack: fastapi, pydantic, uvicorn, httpx", lambda: __import__("proxy.http.errors"))
    step("store: sqlalchemy, alembic, asyncpg, redis", lambda: __import__("audit.db"))
    step("spacy (+ thinc, numpy)", lambda: __import__("spacy"))
    step("presidio_analyzer (+ tldextract, phonenumbers)", lambda: __import__("presidio_analyzer"))
    step("detectors (all modules, compiled patterns)", lambda: __import__("detectors.registry"))
    step("proxy.app (routes, pipeline, console)", lambda: __import__("proxy.app"))
    from detectors.engine import EngineOptions, ScanEngine, start_detectors

    engine: list[Any] = []
    step("detectors constructed (cue regexes, gender table)", lambda: engine.append(ScanEngine(EngineOptions())))
    from detectors.pii_name_lexicon import lexicon

    step("name lexicon (packed)", lexicon)
    step("detectors started (spaCy pipeline, NER)", lambda: start_detectors(engine[0].detectors))
    from detectors.output_meaning import warm

    step("output screen parser (same pipeline)", warm)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default="default", help="default | peers | a policy file")
    ap.add_argument("--requests", type=int, default=300, help="requests per round")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of new requests (RSS is read after each)")
    ap.add_argument("--model", default=None, help="model to ask for (default: steward-demo, or mock-gpt for peers)")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds to wait before each reading")
    ap.add_argument("--breakdown", action="store_true", help="step-by-step RSS of start-up, in this process")
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout whose code the gateway runs (A/B runs)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.breakdown:
        breakdown()
        return 0
    result = serve_run(args.config, args.requests, args.model, args.settle, args.code, args.rounds)
    if args.json:
        print(json.dumps(result))
    else:
        idle, after = result["idle"], result["after"]
        print(f"config {result['config']} ({result['code']}): idle RSS {idle['VmRSS']:.1f} MB "
              f"(anon {idle['RssAnon']:.1f}, file {idle['RssFile']:.1f}); "
              f"after {result['requests']} requests {after['VmRSS']:.1f} MB "
              f"(peak {after['VmHWM']:.1f}); statuses {result['statuses']}")
        if args.rounds > 1:
            print("RSS after each round: " + ", ".join(f"{r['VmRSS']:.1f}" for r in result["rounds"]) + " MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
