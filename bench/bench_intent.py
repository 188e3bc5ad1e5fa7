"""Cost of the intent detectors (prohibited use, special category, language ID) and of the streaming
output screen, for this tree and another tree (e.g. main) in the same run, interleaved.

    .venv/bin/python bench/bench_intent.py [--other /path/to/main/checkout] [--rounds 5]

Per tree, in a fresh subprocess: p50 CPU ms per ~1 KB prompt (slices of the dev corpus, built at run
time) for ProhibitedUseDetector + SpecialCategoryDetector (+ detectors.langid if present), and p50
microseconds the OutputScreen spends per 20-character streamed chunk of a 1 KB answer (the added
time-to-first-chunk is one chunk's cost). Prints both trees and the ratio this/other.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/eval/dev.jsonl")

_CHILD = r"""
import json, statistics, sys, time
from pathlib import Path
texts = [json.loads(l)["text"] for l in Path(sys.argv[1]).read_text().splitlines() if l]
blob = "\n\n".join(texts)
slices, pos = [], 0
while len(slices) < 120 and pos + 1024 < len(blob):
    end = blob.rfind(" ", pos, pos + 1024)
    slices.append(blob[pos:end]); pos = end + 1
from detectors.prohibited import ProhibitedUseDetector
from detectors.special_category import SpecialCategoryDetector
try:
    from detectors.langid import language
except ImportError:
    language = None
from detectors.output_screen import OutputScreen
p, s = ProhibitedUseDetector(), SpecialCategoryDetector()
for t in slices[:10]:
    p.detect(t); s.detect(t)
cost = []
for t in slices:
    c = time.process_time()
    p.detect(t); s.detect(t)
    if language is not None:
        language(t)
    cost.append((time.process_time() - c) * 1000)
chunk = []
answer = slices[5]
for _ in range(5):
    screen = OutputScreen()
    for i in range(0, len(answer), 20):
        c = time.perf_counter()
        screen.feed(answer[i:i + 20])
        chunk.append((time.perf_counter() - c) * 1e6)
    screen.finish()
print(json.dumps({"intent_ms": statistics.median(cost), "chunk_us": statistics.median(chunk)}))
"""


def run(root: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(CORPUS)], cwd=root, env=env, check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--other", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    trees = {"this": HERE, **({"other": args.other} if args.other else {})}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    start = time.time()
    for _ in range(args.rounds):
        for name, root in trees.items():
            results[name].append(run(root))
    med = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in results.items()}
    for name, m in med.items():
        print(f"{name:6s} intent detectors p50 {m['intent_ms']:.2f} ms / 1 KB prompt;"
              f" output screen p50 {m['chunk_us']:.1f} us / 20-char chunk")
    if "other" in med:
        for k in ("intent_ms", "chunk_us"):
            print(f"ratio this/other {k}: {med['this'][k] / med['other'][k]:.2f}"
                  f" (added {med['this'][k] - med['other'][k]:+.3f})")
    print(f"({args.rounds} interleaved rounds, {time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
