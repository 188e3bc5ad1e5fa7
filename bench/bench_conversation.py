"""Conversation history is not re-scanned: cost of scanning turn 1 vs turn 20 of one conversation.

Each turn the client re-sends the whole history plus one new message (as chat clients do). The engine's
digest-keyed cache means only the new message is analysed; this prints the per-turn scan time and the
ratio turn 20 / turn 1 (floor: <= 1.5).

    python bench/bench_conversation.py [--eval-dir ../shared/eval] [--turns 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from detectors.engine import EngineOptions, ScanEngine

ROOT = Path(__file__).resolve().parents[1]


def messages(eval_dir: Path, turns: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in (eval_dir / "dev.jsonl").open(encoding="utf-8")]
    return [t[:1024] for t in texts[:turns]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    convo = messages(Path(args.eval_dir), args.turns)
    per_turn: list[list[float]] = [[] for _ in convo]
    for _ in range(args.repeats):
        engine = ScanEngine(EngineOptions())
        engine.start()
        for turn in range(1, len(convo) + 1):
            started = time.process_time()
            engine.scan_sync(convo[:turn])
            per_turn[turn - 1].append((time.process_time() - started) * 1000)
        engine.close()
    first, last = statistics.median(per_turn[0]), statistics.median(per_turn[-1])
    print(f"turn 1: {first:.2f} ms CPU, turn {len(convo)}: {last:.2f} ms CPU "
          f"(history of {sum(map(len, convo)) / 1024:.1f} KB), ratio {last / first:.2f} (floor <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
