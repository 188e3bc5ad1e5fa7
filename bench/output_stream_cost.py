#!/usr/bin/env python3
"""What output screening (data_handling.output, issue 15) costs a streamed answer: time to first chunk
and gateway CPU per streamed answer, with the screen on and off, through one gateway.

Starts bench/mock_upstream.py streaming a ~1.1 KB council reply (word by word, 192 content events; it
carries two phone numbers, an email address, dates, times, amounts, reference numbers and capitalised
words at sentence starts, in a salutation, an Act's title and a team's name, so the screen's hold-back,
recognizers and name rules really run), and one `steward serve` whose tool points at it, with two use
cases that differ only in output handling:

  screen-off   data_handling.output: everything allowed (no output transformer at all)
  screen-on    resident-facing: personal data not in the request and secrets redacted (the defaults)

It alternates batches of N sequential streamed requests between the two (X-Steward-Use-Case), and reads
the gateway's CPU time (/proc, the whole process group) around each batch. Prints, per use case, TTFC
p50/p99 (request sent -> first event with non-empty delta.content) and gateway CPU ms per streamed answer,
then the added TTFC p50 and the relative CPU cost, against the floors (+3 ms TTFC, +15 % CPU).

  .venv/bin/python bench/output_stream_cost.py               # 4 rounds x 50 streams per use case
  .venv/bin/python bench/output_stream_cost.py --rounds 6 --n 100 --json

Pins the gateway to --gateway-cpu and the mock and client to --load-cpu (taskset) like bench/run.py.
The CPU figure is the gateway's own user+system time (/proc), not wall clock, but a busy machine still
inflates it unevenly (shared caches, frequency): run it on a quiet one, and compare two trees in the
same minute.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run as harness  # noqa: E402  (bench/run.py: process and /proc helpers)

ANSWER = (
    "Dear resident, thank you for your message of 14 March 2026 about the damp in your flat. We have "
    "logged it as repair request 48213 and a surveyor will visit between 09:00 and 13:00 on 21/03/2026. "
    "If that slot does not suit you, please call the repairs line on 0113 496 0000 or reply to this "
    "email. The surveyor, employed by our contractor, can be reached on 07700 900123 or at "
    "surveyor.north@contractor-example.co.uk if you need to rearrange on the day. Your rent account "
    "shows a balance of 312.40 pounds, which is not affected by the repair. Under section 11 of the "
    "Landlord and Tenant Act 1985 we are responsible for keeping the structure and exterior in repair, "
    "and we aim to complete damp works within 28 days of the survey. While you wait, keep the rooms "
    "ventilated, wipe condensation each morning and keep furniture 5 to 10 cm from outside walls. If "
    "anyone in the household has a health condition made worse by the damp, let us know and we will "
    "prioritise the job. You can track the request online with reference 48213 and your postcode. "
    "Kind regards, the Housing Repairs Team."
)

CONFIG = """\
version: 1
gateway:
  print_demo_key: false
tools:
  - id: mock
    name: Bench mock upstream
    provider: openai_compatible
    base_url: ${MOCK_BASE_URL}
    models: [gpt-4o-mini]
    category: internal
    status: approved
    region: uk
roles:
  staff: {tools: [mock]}
default_use_case: screen-off
use_cases:
  - id: screen-off
    owner: Bench
    purpose: Output screening cost benchmark (screen off)
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    dpia: {reference: DPIA-BENCH-1, approved_on: 2026-01-01}
    audit: {level: metadata}
    data_handling: {output: {personal_data: allow, secrets: allow, special_category: allow}}
  - id: screen-on
    owner: Bench
    purpose: Output screening cost benchmark (screen on)
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    resident_facing: true
    dpia: {reference: DPIA-BENCH-1, approved_on: 2026-01-01}
    audit: {level: metadata}
"""
FLOORS = {"ttfc_added_p50_ms": 3.0, "cpu_added_pct": 15.0}
PROMPT = "Draft a reply to a tenant about a damp repair visit, with the next steps."


def one_stream(client: httpx.Client, url: str, body: bytes, headers: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    ttfc, text = None, []
    with client.stream("POST", url, content=body, headers=headers) as resp:
        if resp.status_code != 200:
            raise RuntimeError(f"HTTP {resp.status_code}")
        for line in resp.iter_lines():
            if not line.startswith("data: {"):
                continue
            choices = json.loads(line[6:]).get("choices") or [{}]
            content = (choices[0].get("delta") or {}).get("content")
            if content:
                ttfc = ttfc if ttfc is not None else time.perf_counter() - t0
                text.append(content)
    if ttfc is None:
        raise RuntimeError("no content received")
    return ttfc, "".join(text)


def batch(client: httpx.Client, url: str, key: str, use_case: str, n: int, sid: int) -> dict[str, Any]:
    body = json.dumps({"model": "gpt-4o-mini", "stream": True,
                       "messages": [{"role": "user", "content": PROMPT}]}).encode()
    headers = {"authorization": f"Bearer {key}", "content-type": "application/json", "x-steward-use-case": use_case}
    cpu0 = harness.session_cpu_seconds(sid)
    ttfcs, text = [], ""
    for _ in range(n):
        ttfc, text = one_stream(client, url, body, headers)
        ttfcs.append(ttfc * 1000)
    return {"ttfc_ms": ttfcs, "cpu_s": harness.session_cpu_seconds(sid) - cpu0, "n": n, "last_text": text}


def summarise(batches: list[dict[str, Any]]) -> dict[str, Any]:
    ttfc = [t for b in batches for t in b["ttfc_ms"]]
    n = sum(b["n"] for b in batches)
    return {"streams": n, "ttfc_p50_ms": round(statistics.median(ttfc), 3),
            "ttfc_p99_ms": round(sorted(ttfc)[max(0, math.ceil(0.99 * len(ttfc)) - 1)], 3),
            "cpu_ms_per_answer": round(1000 * sum(b["cpu_s"] for b in batches) / n, 3)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--n", type=int, default=50, help="streams per use case per round")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--gateway-cpu", default="0")
    p.add_argument("--load-cpu", default="1")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()

    procs, tmp = harness.Procs(), Path(tempfile.mkdtemp(prefix="steward-outcost-"))
    try:
        mock_port, gw_port = harness.free_port(), harness.free_port()
        words = len(ANSWER.split(" "))
        procs.start("mock", ["taskset", "-c", args.load_cpu, sys.executable, str(BENCH / "mock_upstream.py"),
                             "--port", str(mock_port), "--chunks", str(words), "--answer", ANSWER,
                             "--models", "gpt-4o-mini"], dict(os.environ), tmp / "mock.log")  # fmt: skip
        harness.wait_http(f"http://127.0.0.1:{mock_port}/v1/models", 30, None, "mock")
        cfg = tmp / "steward.yaml"
        cfg.write_text(CONFIG.replace("${MOCK_BASE_URL}", f"http://127.0.0.1:{mock_port}/v1"), encoding="utf-8")
        (tmp / "data").mkdir()
        env = {**os.environ, "STEWARD_DATA_DIR": str(tmp / "data"), "STEWARD_LOG_LEVEL": "warning",
               "PYTHONPATH": str(harness.ROOT), "STEWARD_HMAC_KEY": "bench-only-hmac-key-not-a-secret-0123456789"}
        made = subprocess.run([*harness.steward_cmd(), "keys", "create", "--user", "bench", "--role", "staff",
                               "--config", str(cfg)], env=env, capture_output=True, text=True, check=True,
                              cwd=harness.ROOT, timeout=120)  # fmt: skip
        key = made.stdout.strip().splitlines()[-1].strip()
        gw = procs.start("gateway", ["taskset", "-c", args.gateway_cpu, *harness.steward_cmd(), "serve", "--config",
                                     str(cfg), "--host", "127.0.0.1", "--port", str(gw_port)], env,
                         tmp / "gateway.log")  # fmt: skip
        harness.wait_http(f"http://127.0.0.1:{gw_port}/healthz", 120, gw, "gateway")
        url = f"http://127.0.0.1:{gw_port}/v1/chat/completions"
        results: dict[str, list[dict[str, Any]]] = {"screen-off": [], "screen-on": []}
        with httpx.Client(timeout=30, trust_env=False) as client:
            for use_case in results:
                batch(client, url, key, use_case, args.warmup, gw.pid)
            for _ in range(args.rounds):
                for use_case in results:
                    results[use_case].append(batch(client, url, key, use_case, args.n, gw.pid))
        off, on = summarise(results["screen-off"]), summarise(results["screen-on"])
        added_ttfc = round(on["ttfc_p50_ms"] - off["ttfc_p50_ms"], 3)
        added_cpu = round(100 * (on["cpu_ms_per_answer"] / off["cpu_ms_per_answer"] - 1), 1)
        redacted = "07700 900123" not in results["screen-on"][-1]["last_text"]
        out = {"answer_chars": len(ANSWER), "content_events": words, "screen_off": off, "screen_on": on,
               "ttfc_added_p50_ms": added_ttfc, "cpu_added_pct": added_cpu, "screen_on_redacted": redacted,
               "floors": {"ttfc_added_p50_ms": added_ttfc <= FLOORS["ttfc_added_p50_ms"],
                          "cpu_added_pct": added_cpu <= FLOORS["cpu_added_pct"]}}
        if args.json:
            print(json.dumps(out, indent=2))
        else:
            for name, s in (("screen-off", off), ("screen-on", on)):
                print(f"{name:<11} streams={s['streams']:<5} TTFC p50 {s['ttfc_p50_ms']:.3f} ms  "
                      f"p99 {s['ttfc_p99_ms']:.3f} ms  gateway CPU {s['cpu_ms_per_answer']:.3f} ms/answer")
            print(f"added TTFC p50 {added_ttfc:+.3f} ms (floor +{FLOORS['ttfc_added_p50_ms']} ms)  "
                  f"added CPU {added_cpu:+.1f} % (floor +{FLOORS['cpu_added_pct']} %)  redaction seen: {redacted}")
        return 0 if redacted and all(out["floors"].values()) else 1
    finally:
        procs.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
