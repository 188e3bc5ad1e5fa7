"""Run the detection engine in-process over the dev corpus, redact every span finding with a typed
placeholder, and score the result with the shared scorer.

    .venv/bin/python bench/eval_dev.py [--gold /work/shared/eval/dev.jsonl] [--by-family] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors.base import Finding  # noqa: E402
from detectors.engine import EngineOptions, ScanEngine  # noqa: E402

EVAL_DIR = Path(os.environ.get("STEWARD_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval"))


def redact(text: str, findings: list[Finding]) -> str:
    """Replace span findings by <ENTITY>, right to left, skipping any that overlap one already applied."""
    out = text
    floor = len(text) + 1
    for f in sorted((f for f in findings if f.is_span), key=lambda f: (f.start, f.end), reverse=True):
        if f.end > floor:
            continue
        out = out[: f.start] + f"<{f.entity}>" + out[f.end :]
        floor = f.start
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", default=str(EVAL_DIR / "dev.jsonl"))
    ap.add_argument("--by-family", action="store_true")
    ap.add_argument("--out", default=None, help="directory for received.jsonl (default: a temp dir)")
    ap.add_argument("--model", default=EngineOptions.spacy_model)
    args = ap.parse_args()

    engine = ScanEngine(EngineOptions(spacy_model=args.model, cache_size=0))
    engine.start()
    records = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line]
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="steward-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    received = out_dir / "received.jsonl"
    with received.open("w", encoding="utf-8") as fh:
        for rec in records:
            t0 = time.perf_counter()
            findings = engine.scan_sync([rec["text"]])[0]
            ms = (time.perf_counter() - t0) * 1000
            row = {"id": rec["id"], "received_text": redact(rec["text"], findings), "latency_ms": ms}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    engine.close()
    cmd = [sys.executable, str(EVAL_DIR / "score.py"), args.gold, "--received", str(received)]
    if args.by_family:
        cmd.append("--by-family")
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
