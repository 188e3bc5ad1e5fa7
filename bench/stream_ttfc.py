#!/usr/bin/env python3
"""Streaming driver: time to first content chunk (TTFC) and total time of streamed chat completions.

Sends N sequential `stream: true` requests (after a warm-up) over one keep-alive connection and
prints p50/p99 of
  ttfc   request sent -> first SSE event whose delta carries non-empty `content`
  total  request sent -> `data: [DONE]` read
Each stream is checked (HTTP 200, content received, [DONE] seen); failures are counted, not timed.

The prompt is the one wrk posts: it is read from bench/chat_1kb.lua (`--body plain|pii`), with a new
reference number per request (`--no-vary` to send the identical body every time).

  python bench/stream_ttfc.py --base-url http://127.0.0.1:9101/v1 --n 200
  python bench/stream_ttfc.py --base-url http://127.0.0.1:8080/v1 --key sk-... --json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

try:
    from orjson import loads
except ImportError:  # pragma: no cover
    from json import loads  # type: ignore[assignment]

LUA = Path(__file__).with_name("chat_1kb.lua")


def lua_block(name: str) -> str:
    text = LUA.read_text(encoding="utf-8")
    m = re.search(rf"local {name} = \[==\[(.*?)\]==\]", text, re.S)
    if not m:
        raise SystemExit(f"{LUA}: no `local {name} = [==[...]==]` block")
    return m.group(1)


def build_body(kind: str, model: str, include_usage: bool, ref: int = 4417) -> dict[str, Any]:
    """The wrk body; `ref` fills @REF@ (as in chat_1kb.lua: a new one per request defeats scan caches)."""
    prefix = "HSG-" if kind == "pii" else "CR-"
    prompt = lua_block("PROMPT_PII" if kind == "pii" else "PROMPT_PLAIN").replace("@REF@", f"{prefix}{ref:07d}")
    body: dict[str, Any] = {
        "model": model,
        "messages": [
            {"role": "system", "content": lua_block("SYSTEM_PROMPT")},
            {"role": "user", "content": prompt},
        ],
        "temperature": 0.2,
        "max_tokens": 400,
        "stream": True,
    }
    if include_usage:
        body["stream_options"] = {"include_usage": True}
    return body


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (what wrk reports too)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(pct / 100.0 * len(ordered))))
    return ordered[rank - 1]


def one_stream(client: httpx.Client, url: str, payload: bytes, headers: dict[str, str]) -> tuple[float, float]:
    """Returns (ttfc_s, total_s); raises RuntimeError on a bad stream."""
    ttfc = None
    done = False
    buf = b""
    t0 = time.perf_counter()
    with client.stream("POST", url, content=payload, headers=headers) as resp:
        if resp.status_code != 200:
            resp.read()
            raise RuntimeError(f"HTTP {resp.status_code}: {resp.text[:200]}")
        for chunk in resp.iter_raw():
            buf += chunk
            while b"\n\n" in buf:
                event, buf = buf.split(b"\n\n", 1)
                for line in event.split(b"\n"):
                    if not line.startswith(b"data:"):
                        continue
                    data = line[5:].strip()
                    if data == b"[DONE]":
                        done = True
                        continue
                    if ttfc is None:
                        obj = loads(data)
                        if "error" in obj:
                            raise RuntimeError(f"error event: {data[:200]!r}")
                        for choice in obj.get("choices") or ():
                            if (choice.get("delta") or {}).get("content"):
                                ttfc = time.perf_counter() - t0
                                break
    total = time.perf_counter() - t0
    if ttfc is None:
        raise RuntimeError("stream carried no content")
    if not done:
        raise RuntimeError("stream ended without data: [DONE]")
    return ttfc, total


def run(args: argparse.Namespace) -> dict[str, Any]:
    url = args.base_url.rstrip("/") + "/chat/completions"
    base = random.randrange(8_000_000)
    counter = iter(range(base, base + 10_000_000))

    def payload_for() -> bytes:
        ref = next(counter) if args.vary else 4417
        return json.dumps(build_body(args.body, args.model, args.include_usage, ref)).encode()

    payload = payload_for()
    headers = {"Authorization": f"Bearer {args.key}", "Content-Type": "application/json"}
    if args.use_case:
        headers["X-Steward-Use-Case"] = args.use_case
    ttfcs: list[float] = []
    totals: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with httpx.Client(timeout=args.timeout, limits=limits) as client:
        for _ in range(args.warmup):
            try:
                one_stream(client, url, payload_for(), headers)
            except (RuntimeError, httpx.HTTPError) as exc:
                errors.append(f"warmup: {exc}")
        deadline = time.monotonic() + args.max_seconds if args.max_seconds else None
        for _ in range(args.n):
            if deadline is not None and time.monotonic() > deadline:
                break
            try:
                ttfc, total = one_stream(client, url, payload_for(), headers)
            except (RuntimeError, httpx.HTTPError) as exc:
                errors.append(str(exc))
                continue
            ttfcs.append(ttfc)
            totals.append(total)
    ms = 1000.0
    return {
        "url": url,
        "body": args.body,
        "body_bytes": len(payload),
        "vary": args.vary,
        "n": len(ttfcs),
        "errors": len(errors),
        "first_errors": errors[:3],
        "ttfc_ms": {
            "p50": percentile(ttfcs, 50) * ms,
            "p99": percentile(ttfcs, 99) * ms,
            "mean": statistics.fmean(ttfcs) * ms if ttfcs else float("nan"),
        },
        "total_ms": {
            "p50": percentile(totals, 50) * ms,
            "p99": percentile(totals, 99) * ms,
            "mean": statistics.fmean(totals) * ms if totals else float("nan"),
        },
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base-url", default="http://127.0.0.1:9101/v1", help="OpenAI base URL (ends in /v1)")
    p.add_argument("--key", default=os.environ.get("STEWARD_BENCH_KEY", "sk-bench-direct"))
    p.add_argument("--model", default="gpt-4o-mini")
    p.add_argument("--body", choices=["plain", "pii"], default="plain")
    p.add_argument(
        "--use-case",
        default=os.environ.get("STEWARD_BENCH_USE_CASE", ""),
        help="sent as X-Steward-Use-Case when set",
    )
    p.add_argument(
        "--no-vary",
        dest="vary",
        action="store_false",
        help="send the identical body every time (default: a new @REF@ per request, as the wrk script)",
    )
    p.add_argument("--include-usage", action="store_true", help="send stream_options.include_usage")
    p.add_argument("--n", type=int, default=200, help="measured requests")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--max-seconds", type=float, default=0.0, help="stop measuring after this long (0: no cap)")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = p.parse_args(argv)
    res = run(args)
    if args.json:
        sys.stdout.write(json.dumps(res) + "\n")
    else:
        sys.stdout.write(
            f"{res['url']} body={res['body']} ({res['body_bytes']} B) n={res['n']} errors={res['errors']}\n"
            f"  ttfc  p50 {res['ttfc_ms']['p50']:8.3f} ms   p99 {res['ttfc_ms']['p99']:8.3f} ms\n"
            f"  total p50 {res['total_ms']['p50']:8.3f} ms   p99 {res['total_ms']['p99']:8.3f} ms\n"
        )
        for e in res["first_errors"]:
            sys.stdout.write(f"  error: {e}\n")
    return 0 if res["n"] and not res["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
