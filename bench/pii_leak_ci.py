#!/usr/bin/env python3
"""CI gate: the independent `pii-leak-benchmark` (pinned in pyproject's dev extras) against Steward.

Starts the gateway on loopback with the benchmark's capture server as its only provider, then runs

  1. `pii-leak-benchmark selfcheck` (request path; personal data and credentials) through a
     pseudonymising use case in `restore` duty and through a redacting use case in `anonymize` duty,
     10 iterations each: every check must pass (exit 0, CLEAN);
  2. `pii-leak-benchmark-v2` (the response path: echoed values restored, injected values removed,
     whole and fragmented) through the pseudonymising, resident-facing use case: FidelityRate >= 0.99,
     LeakRate single-chunk = adversarial = 0, DeltaFrag = 0, and the run's outcome `pass`.

Exit status 0 only if both pass. Everything runs on 127.0.0.1 with free ports and a temporary data
folder (SQLite audit store); every process started is stopped on exit. A few minutes at most.

  .venv/bin/python bench/pii_leak_ci.py                  # what .ci/run runs
  .venv/bin/python bench/pii_leak_ci.py --keep-tmp       # keep config, gateway log and reports
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL_SELFCHECK = "conformance-model"
MODEL_V2 = "conformance-v2"

CONFIG = """\
version: 1
gateway:
  print_demo_key: false
tools:
  - id: capture
    name: pii-leak-benchmark capture server
    provider: openai_compatible
    base_url: http://127.0.0.1:{port}/v1
    models: [{model_selfcheck}, {model_v2}]
    category: internal
    status: approved
    region: uk
roles:
  staff: {{tools: [capture]}}
default_use_case: pseudonymise
use_cases:
  - id: pseudonymise
    owner: CI
    purpose: Benchmark of the request and response path (values restored in answers)
    tools: [capture]
    allowed_roles: [staff]
    review_by: 2099-12-31
    resident_facing: true
    dpia: {{reference: DPIA-CI-1, approved_on: 2026-01-01}}
    data_handling: {{personal_data: pseudonymise, secrets: pseudonymise}}
  - id: redact
    owner: CI
    purpose: Benchmark of the request path (values removed one way)
    tools: [capture]
    allowed_roles: [staff]
    review_by: 2099-12-31
    dpia: {{reference: DPIA-CI-2, approved_on: 2026-01-01}}
    data_handling: {{personal_data: redact, secrets: redact, output: {{personal_data: redact}}}}
"""

FLOORS = {"fidelity_min": 0.99, "leak_single_max": 0.0, "leak_adversarial_max": 0.0, "delta_frag_max": 0.0}


def log(msg: str) -> None:
    print(f"[pii-leak-ci] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the gateway exited ({proc.returncode}) before it was ready")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the gateway did not become ready in time")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def run(cmd: list[str], env: dict[str, str], timeout: float) -> int:
    log("$ " + " ".join(cmd))
    return subprocess.run(cmd, env=env, cwd=ROOT, timeout=timeout, check=False).returncode


def selfcheck(base: str, env: dict[str, str], use_case: str, duty: str, iterations: int, port: int,
              out: Path) -> bool:
    code = run([str(BIN / "pii-leak-benchmark"), "selfcheck", "--target-base-url", base,
                "--target-model", MODEL_SELFCHECK, "--target-header", f"X-Steward-Use-Case={use_case}",
                "--capture-port", str(port), "--iterations", str(iterations), "--duty", duty,
                "--json-out", str(out)], env, timeout=300)  # fmt: skip
    log(f"selfcheck {use_case} ({duty} duty): {'CLEAN' if code == 0 else f'FAILED (exit {code})'}")
    return code == 0


def v2_row(summary: Path) -> dict[str, Any]:
    data = json.loads(summary.read_text(encoding="utf-8"))
    rows = data.get("rows", [data]) if isinstance(data, dict) else data
    return dict(rows[0])


def v2_passes(row: dict[str, Any]) -> list[str]:
    """The floors a v2 summary row misses (empty when it passes)."""
    fidelity, single = row.get("fidelity_rate"), row.get("leak_single_chunk")
    adversarial, delta = row.get("leak_adversarial"), row.get("delta_frag")
    misses = [f"request path leaked {', '.join(row['request_path_leak'])}"] if row.get("request_path_leak") else []
    if not isinstance(fidelity, int | float) or fidelity < FLOORS["fidelity_min"]:
        misses.append(f"fidelity {fidelity} < {FLOORS['fidelity_min']}")
    if not isinstance(single, int | float) or single > FLOORS["leak_single_max"]:
        misses.append(f"leak (single chunk) {single} > 0")
    if not isinstance(adversarial, int | float) or adversarial > FLOORS["leak_adversarial_max"]:
        misses.append(f"leak (adversarial) {adversarial} > 0")
    if not isinstance(delta, int | float) or delta > FLOORS["delta_frag_max"]:
        misses.append(f"DeltaFrag {delta} > 0")
    if row.get("outcome") != "pass":
        misses.append(f"outcome {row.get('outcome')!r}")
    return misses


def v2(gateway: str, env: dict[str, str], port: int, out: Path, oracle: str) -> bool:
    summary = out / "summary.json"
    v2_env = {**env, "V2_GATEWAY_HEADERS": json.dumps({"X-Steward-Use-Case": "pseudonymise"})}
    code = run([str(BIN / "pii-leak-benchmark-v2"), "--out", str(out), "--only", "steward",
                "--gateway-url", gateway, "--upstream-port", str(port), "--model", MODEL_V2,
                "--oracle", oracle, "--json-out", str(summary)], v2_env, timeout=600)  # fmt: skip
    if not summary.exists():
        log(f"v2 profile: no summary written (exit {code})")
        return False
    row = v2_row(summary)
    misses = v2_passes(row)
    log("v2 profile: " + json.dumps({k: row.get(k) for k in ("fidelity_rate", "leak_single_chunk", "leak_adversarial",
                                                               "delta_frag", "outcome", "request_path_leak")}))
    log("v2 profile: " + ("PASS" if not misses and code == 0 else f"FAILED ({'; '.join(misses) or f'exit {code}'})"))
    return not misses and code == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=10, help="selfcheck iterations (floor: 10)")
    parser.add_argument("--oracle", default="exhaustive-2-part",
                        help="v2 partition oracle (midpoint, exhaustive-2-part, ...); every two-part split by default")
    parser.add_argument("--keep-tmp", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="steward-pii-leak-"))
    capture_port, gateway_port = free_port(), free_port()
    config = tmp / "steward.yaml"
    config.write_text(CONFIG.format(port=capture_port, model_selfcheck=MODEL_SELFCHECK, model_v2=MODEL_V2),
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STEWARD_DATA_DIR": str(tmp / "data"),
           "STEWARD_LOG_LEVEL": "warning", "NO_PROXY": "127.0.0.1,localhost"}
    env.setdefault("STEWARD_HMAC_KEY", "ci-only-hmac-key-not-a-secret-0123456789abcdef")
    (tmp / "data").mkdir()
    steward = str(BIN / "steward")
    made = subprocess.run([steward, "keys", "create", "--user", "ci", "--role", "staff", "--config", str(config)],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    if made.returncode != 0 or not made.stdout.strip():
        log(f"steward keys create failed ({made.returncode})")
        return 2
    env["CONFORMANCE_TARGET_API_KEY"] = made.stdout.strip().splitlines()[-1].strip()
    with (tmp / "gateway.log").open("wb") as gateway_log:
        proc = subprocess.Popen([steward, "serve", "--config", str(config), "--host", "127.0.0.1", "--port",
                                 str(gateway_port)], env=env, cwd=ROOT, stdout=gateway_log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = f"http://127.0.0.1:{gateway_port}/v1"
    try:
        wait_ready(f"http://127.0.0.1:{gateway_port}/healthz", proc, timeout=120)
        results = {
            "selfcheck_restore": selfcheck(base, env, "pseudonymise", "restore", args.iterations, capture_port,
                                           tmp / "selfcheck-restore.json"),
            "selfcheck_anonymize": selfcheck(base, env, "redact", "anonymize", args.iterations, capture_port,
                                             tmp / "selfcheck-anonymize.json"),
            "v2_response_profile": v2(base + "/chat/completions", env, capture_port, tmp / "v2", args.oracle),
        }
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        log(f"could not measure: {exc}")
        results = {"measured": False}
    finally:
        stop(proc)
        if args.keep_tmp:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    log("results: " + json.dumps(results))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
