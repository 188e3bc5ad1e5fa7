"""Run ProhibitedUseDetector over the dev corpus and score it with the shared scorer.

    .venv/bin/python bench/eval_prohibited.py [path/to/dev.jsonl] [--out preds.jsonl] [--repeat N] [--misses]

Writes one {"id", "blocked", "categories"} line per record, runs `score.py --classify` on it and prints
the scorer's table, then speed in ms per KB. `--misses` lists ids/families/labels of errors (never text).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors.prohibited import ProhibitedUseDetector  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/eval/dev.jsonl")
SCORER = Path("/work/shared/eval/score.py")


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _predict(records: list[dict[str, Any]], detector: ProhibitedUseDetector) -> list[dict[str, Any]]:
    preds = []
    for rec in records:
        findings = [f for f in detector.detect(rec["text"]) if f.entity == "PROHIBITED_USE"]
        labels = sorted({f.label for f in findings}, key=lambda lab: -max(f.score for f in findings if f.label == lab))
        preds.append({"id": rec["id"], "blocked": bool(findings), "categories": labels})
    return preds


def _misses(records: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[str]:
    rows = []
    for rec, pred in zip(records, preds, strict=True):
        gold = rec["labels"]["prohibited_use"]
        if bool(gold) != pred["blocked"] or (gold and gold not in pred["categories"]):
            rows.append(f"{rec['id']} {rec['family']} gold={gold} got={pred['categories']}")
    return rows


def _speed(records: list[dict[str, Any]], detector: ProhibitedUseDetector, repeat: int) -> tuple[float, float]:
    """(CPU ms/KB, wall ms/KB): CPU time is the stable figure on a shared machine."""
    texts = [rec["text"] for rec in records]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            detector.detect(text)
    scale = 1000 / (kb * repeat)
    return (time.process_time() - cpu) * scale, (time.perf_counter() - wall) * scale


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, help="predictions JSONL (default: a temporary directory)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--misses", action="store_true", help="list misclassified ids (labels only)")
    args = parser.parse_args()
    records = _load(args.corpus)
    detector = ProhibitedUseDetector()
    preds = _predict(records, detector)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "prohibited.jsonl"
        out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        cmd = [
            sys.executable,
            str(SCORER),
            str(args.corpus),
            "--classify",
            str(out),
            "--json",
            str(out.with_suffix(".score.json")),
        ]
        subprocess.run(cmd, check=True)
    if args.misses:
        print("\n".join(_misses(records, preds)) or "no misses")  # noqa: T201
    cpu, wall = _speed(records, detector, args.repeat)
    print(f"speed: {cpu:.3f} ms/KB CPU ({wall:.3f} ms/KB wall)")  # noqa: T201


if __name__ == "__main__":
    main()
