"""Run SecretsDetector over the dev corpus: SECRET recall, false positives, and speed.

    .venv/bin/python bench/eval_secrets.py [path/to/dev.jsonl] [--repeat N]

Prints counts and kinds only, never text or matched values.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors.secrets import SecretsDetector  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/eval/dev.jsonl")


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _evaluate(records: list[dict[str, Any]], detector: SecretsDetector) -> dict[str, Any]:
    caught = exact = total = 0
    missed_by_family: Counter[str] = Counter()
    fp_kinds: Counter[str] = Counter()
    extra_in_secret_records: Counter[str] = Counter()
    for rec in records:
        findings = detector.detect(rec["text"])
        gold = [s for s in rec["spans"] if s["type"] == "SECRET"]
        for span in gold:
            total += 1
            if any(f.start <= span["start"] and span["end"] <= f.end for f in findings):
                caught += 1
            else:
                missed_by_family[rec["family"]] += 1
            exact += any((f.start, f.end) == (span["start"], span["end"]) for f in findings)
        if not rec["labels"].get("secrets"):
            fp_kinds.update(f.label for f in findings)
        else:
            extra = [f for f in findings if not any(f.start < s["end"] and s["start"] < f.end for s in gold)]
            extra_in_secret_records.update(f.label for f in extra)
    return {
        "caught": caught,
        "total": total,
        "exact_span": exact,
        "missed_by_family": dict(missed_by_family),
        "false_positives": sum(fp_kinds.values()),
        "false_positive_kinds": dict(fp_kinds),
        "extra_findings_in_secret_records": dict(extra_in_secret_records),
    }


def _speed(records: list[dict[str, Any]], detector: SecretsDetector, repeat: int) -> float:
    """Best of ``repeat`` passes, in CPU milliseconds per KB (steadier than wall time on a shared host)."""
    texts = [rec["text"] for rec in records]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text in texts:
            detector.detect(text)
        best = min(best, time.process_time() - started)
    return best * 1000 / kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    records = _load(args.corpus)
    detector = SecretsDetector()
    report = _evaluate(records, detector)
    report["cpu_ms_per_kb"] = round(_speed(records, detector, args.repeat), 4)
    with_secrets = [rec for rec in records if rec["labels"].get("secrets")]
    report["cpu_ms_per_kb_secret_records"] = round(_speed(with_secrets, detector, args.repeat), 4)
    print(json.dumps(report, indent=2))  # noqa: T201


if __name__ == "__main__":
    main()
