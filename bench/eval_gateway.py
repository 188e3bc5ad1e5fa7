"""Score the running gateway, black box, on the labelled dev corpus (../shared/eval).

Starts the corpus' mock provider and a Steward gateway pointed at it, replays every record through
`/v1/chat/completions`, and scores what the provider received with the corpus' own scorer:

  redaction       a use case that redacts every span class instead of blocking (as eval/README asks), no
                  prohibited-use rules; leak and over-redaction come from what the mock provider logged
  classification  the same, with the default prohibited-use rules (block); blocked = HTTP >= 400,
                  detected categories from the X-Steward-Categories header

    python bench/eval_gateway.py [--eval-dir ../shared/eval] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONFIG = """
version: 1
gateway:
  audit: {{url: "sqlite+aiosqlite:///steward.db"}}
tools:
  - {{id: eval-mock, provider: openai_compatible, base_url: "http://127.0.0.1:{mock}/v1", models: [gpt-4o-mini],
     category: internal, region: uk, classification_ceiling: TOP SECRET}}
roles:
  staff: {{tools: [eval-mock]}}
default_use_case: eval
prohibited_uses: {prohibited}
use_cases:
  - id: eval
    owner: evaluation
    purpose: score detection quality (every span class redacted; special-category data allowed under a DPIA)
    tools: [eval-mock]
    allowed_roles: [staff]
    dpia: {{reference: EVAL, approved_on: {today}}}
    review_by: 2099-01-01
    data_handling: {{personal_data: redact, secrets: redact, special_category: allow, security_marking: allow}}
"""

NO_PROHIBITED = "{}"
BLOCK_PROHIBITED = "null"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, deadline_s: float = 120) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def bare_labels(path: Path) -> None:
    """score.py reads bare labels ("health"); the header carries qualified ones ("special_category.health")."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        line["categories"] = sorted({c.split(".", 1)[-1] for c in line["categories"]} | set(line["categories"]))
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def run_mode(mode: str, eval_dir: Path, work: Path, limit: int | None) -> None:
    mock_port, gw_port = free_port(), free_port()
    prohibited = NO_PROHIBITED if mode == "redaction" else BLOCK_PROHIBITED
    config_text = CONFIG.format(mock=mock_port, prohibited=prohibited, today=date.today().isoformat())
    if prohibited == "null":
        config_text = config_text.replace("prohibited_uses: null\n", "")
    config = work / f"{mode}.yaml"
    config.write_text(config_text, encoding="utf-8")
    env = {**os.environ, "STEWARD_DATA_DIR": str(work / f"data-{mode}"), "STEWARD_LOG_LEVEL": "warning"}
    log = work / f"upstream-{mode}.jsonl"
    steward = [sys.executable, "-m", "proxy.cli"]
    key = subprocess.run([*steward, "keys", "create", "--user", "eval", "--role", "staff", "--config", str(config)],
                         env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    mock = subprocess.Popen([sys.executable, str(eval_dir / "mock_upstream.py"), "--port", str(mock_port),
                             "--log", str(log)], stdout=subprocess.DEVNULL)
    gateway = subprocess.Popen([*steward, "serve", "--config", str(config), "--port", str(gw_port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{mock_port}/")
        wait_http(f"http://127.0.0.1:{gw_port}/healthz")
        received, classified = work / f"received-{mode}.jsonl", work / f"cls-{mode}.jsonl"
        replay = [sys.executable, str(eval_dir / "replay.py"), str(eval_dir / "dev.jsonl"),
                  "--url", f"http://127.0.0.1:{gw_port}/v1/chat/completions", "--header",
                  f"Authorization: Bearer {key}", "--mock-log", str(log), "--out", str(received),
                  "--classify-out", str(classified), "--categories-header", "X-Steward-Categories"]
        subprocess.run(replay + (["--limit", str(limit)] if limit else []), check=True)
        bare_labels(classified)
        score = [sys.executable, str(eval_dir / "score.py"), str(eval_dir / "dev.jsonl")]
        score += ["--received", str(received)] if mode == "redaction" else ["--classify", str(classified)]
        print(f"\n===== {mode} =====", flush=True)
        subprocess.run(score, check=True)
    finally:
        for proc in (gateway, mock):
            proc.terminate()
            proc.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--mode", choices=["redaction", "classification", "both"], default="both")
    args = parser.parse_args()
    eval_dir = Path(args.eval_dir)
    with tempfile.TemporaryDirectory(prefix="steward-eval-") as tmp:
        for mode in (["redaction", "classification"] if args.mode == "both" else [args.mode]):
            run_mode(mode, eval_dir, Path(tmp), args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
