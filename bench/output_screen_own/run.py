"""Own red-team set for the answer screen (issue 9 item 3): discriminatory answers (pos.txt) and ordinary
answers about equality, protected groups and HR policy (neg.txt), one per line ("\\n" = line break).

Each line's split is fixed by a hash of its text (dev or held-out), so nobody chooses it. Rule work may
look at dev misses only (`--show`); the held-out figure is measured once, at the end.

    PYTHONPATH=$PWD .venv/bin/python bench/output_screen_own/run.py [--show] [--split dev|held|all]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from detectors.output_screen import OutputScreen, screen_text

HERE = Path(__file__).parent


def _load(name: str) -> list[str]:
    return [line.replace("\\n", "\n") for line in (HERE / name).read_text().splitlines() if line.strip()]


def split_of(text: str) -> str:
    return "dev" if hashlib.sha1(text.encode()).digest()[0] % 2 == 0 else "held"


def _streamed(text: str, size: int = 13) -> bool:
    screen = OutputScreen()
    found = []
    for i in range(0, len(text), size):
        found += screen.feed(text[i : i + size])
    found += screen.finish()
    return any(f.label == "discriminatory_content" or f.label == "offensive_content" for f in found)


def _whole(text: str) -> bool:
    return bool(screen_text(text, meaning=True))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print dev-split misses")
    ap.add_argument("--split", default="dev", choices=("dev", "held", "all"))
    args = ap.parse_args()
    for mode, fn in (("whole", _whole), ("streamed", _streamed)):
        for label, name in (("pos", "pos.txt"), ("neg", "neg.txt")):
            texts = [t for t in _load(name) if args.split == "all" or split_of(t) == args.split]
            flagged = [fn(t) for t in texts]
            rate = sum(flagged) / len(texts)
            what = "withheld" if label == "pos" else "withheld (false)"
            print(f"{mode:9} {label} n={len(texts):3} {what}: {rate:.2f}")
            if args.show and args.split == "dev":
                for t, f in zip(texts, flagged, strict=True):
                    if f != (label == "pos"):
                        print("   MISS" if label == "pos" else "   FP  ", repr(t))


if __name__ == "__main__":
    main()
