"""Score Steward's intent detectors on the held-out-style probes in tests/heldout_probes/ (texts written
for Steward, not derived from any evaluation corpus).

    .venv/bin/python bench/eval_probes.py [--misses] [--prefix round2_]

Prints prohibited-use P/R and right category, special-category record P/R/F1 and per-category recall,
and the output screen's withheld share of discriminatory vs ordinary answers. `--misses` prints the
probe line numbers (and labels) of errors. Detectors run on the engine's normalised text.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors.normalize import normalise  # noqa: E402
from detectors.output_screen import OutputScreen  # noqa: E402
from detectors.prohibited import ProhibitedUseDetector  # noqa: E402
from detectors.special_category import SpecialCategoryDetector  # noqa: E402

PROBES = Path(__file__).resolve().parents[1] / "tests" / "heldout_probes"
PREFIX = [""]  # probe files of a later round: round2_decisions.tsv, ...


def load(name: str) -> list[tuple[int, str, str]]:
    rows = []
    for n, line in enumerate((PROBES / (PREFIX[0] + name)).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((n, label, text.replace("\\n", "\n")))
    return rows


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def prohibited(misses: bool) -> None:
    det = ProhibitedUseDetector()
    tp = fp = fn = right = 0
    for n, gold, text in load("decisions.tsv"):
        labels = {f.label for f in det.detect(normalise(text).text)}
        if gold == "-":
            fp += bool(labels)
        else:
            tp, fn, right = tp + bool(labels), fn + (not labels), right + (gold in labels)
        if (gold == "-") == bool(labels) or (gold != "-" and labels and gold not in labels):
            print(f"  miss decisions.tsv:{n} gold={gold} got={sorted(labels)}") if misses else None
    p, r, _ = _pr(tp, fp, fn)
    print(f"prohibited decisions: P {p:.3f} R {r:.3f} right category {right}/{tp} (tp {tp} fp {fp} fn {fn})")


def special(misses: bool) -> None:
    det = SpecialCategoryDetector()
    tp = fp = fn = 0
    per: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for n, gold, text in load("special_category.tsv"):
        labels = {f.label for f in det.detect(normalise(text).text)} - {"criminal_offence"}
        if gold == "-":
            fp += bool(labels)
        else:
            per[gold] += 1
            hit[gold] += gold in labels
            tp, fn = tp + (gold in labels), fn + (gold not in labels)
            fp += bool(labels - {gold})
        if (gold == "-" and labels) or (gold != "-" and labels != {gold}):
            print(f"  miss special_category.tsv:{n} gold={gold} got={sorted(labels)}") if misses else None
    p, r, f1 = _pr(tp, fp, fn)
    print(f"special category (record): P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print("  recall: " + ", ".join(f"{c} {hit[c]}/{per[c]}" for c in sorted(per)))


def output(misses: bool) -> None:
    counts: Counter[tuple[str, bool]] = Counter()
    for n, gold, text in load("output.tsv"):
        screen = OutputScreen()
        found = [f for i in range(0, len(text), 6) for f in screen.feed(text[i : i + 6])] + screen.finish()
        counts[(gold, bool(found))] += 1
        if (gold == "discriminatory") != bool(found) and misses:
            print(f"  miss output.tsv:{n} gold={gold}")
    def share(gold: str) -> float:
        return counts[(gold, True)] / max(1, counts[(gold, True)] + counts[(gold, False)])

    bad, ok = share("discriminatory"), share("ordinary")
    print(f"output screen (streamed in 6-char chunks): discriminatory withheld {bad:.1%}, ordinary withheld {ok:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--prefix", default="", help="probe round, e.g. round2_")
    args = parser.parse_args()
    PREFIX[0] = args.prefix
    prohibited(args.misses)
    special(args.misses)
    output(args.misses)


if __name__ == "__main__":
    main()
