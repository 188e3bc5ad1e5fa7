#!/usr/bin/env python3
"""One-shot benchmark: the same load direct-to-mock and through Steward, in one run, with ratios.

What it does (everything is cleaned up on exit, Ctrl-C and SIGTERM included):
  1. starts bench/mock_upstream.py pinned to the load CPU (default 1);
  2. writes a temporary gateway config pointing a tool at the mock (or fills in --config FILE);
  3. creates a caller key and starts `steward serve` pinned to the gateway CPU (default 0), with a
     temporary data folder (SQLite audit DB);
  4. checks one request end to end (it must reach the mock), then runs wrk (pinned to the load CPU)
     at each concurrency against the mock and against Steward, alternating, and the streaming driver
     (bench/stream_ttfc.py) against both;
  5. prints one table (p50/p99 latency, RPS, errors, gateway CPU, added p50 and ratios, TTFC added),
     checks the floors of issues 2 and 3, counts the audit rows after a graceful shutdown, and writes
     everything as JSON to bench/results/.

  .venv/bin/python bench/run.py                     # issue 2: policy + audit, no content scanning
  .venv/bin/python bench/run.py --scan              # issue 3: personal-data body, full input scanning
  .venv/bin/python bench/run.py --config my.yaml --use-case housing-letters --body pii
  .venv/bin/python bench/run.py --direct-only       # only the mock (checks the harness itself)
  .venv/bin/python bench/run.py --profile           # + py-spy profile of the gateway under c=8 load

Figures from a shared or busy machine are noisy: the JSON records the load average before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
LUA = BENCH / "chat_1kb.lua"
PY = sys.executable

# Floors from issues 2 ("Performance") and 3 ("Speed floors").
FLOORS = {
    "baseline": {"c1_added_p50_ms": 1.5, "c8_rps": 700.0, "ttfc_added_p50_ms": 3.0},
    # >= 3x LiteLLM 1.108 + Presidio (11.5-13.6 RPS at c=8): 3 x 13.6 = 40.8 (3 x 11.5 = 34.5).
    "scan": {"c1_added_p50_ms": 30.0, "c8_rps": 40.8, "ttfc_added_p50_ms": None},
}

_TOOL_AND_ROLE = """\
version: 1
tools:
  - id: mock
    name: Bench mock upstream
    provider: openai_compatible
    base_url: ${MOCK_BASE_URL}
    models: [gpt-4o-mini, text-embedding-3-small]
    category: internal
    status: approved
    region: uk
roles:
  staff: {tools: [mock]}
default_use_case: bench
"""

CONFIG_TEMPLATES = {
    # Issue 2 floors: policy checks and audit on, no content scanning: detection disabled, every finding
    # class allowed, no prohibited-use categories; metadata audit (the default use case's level).
    "baseline": _TOOL_AND_ROLE
    + """\
gateway:
  print_demo_key: false
  detection: {enabled: false}
prohibited_uses: {}
use_cases:
  - id: bench
    owner: Bench
    purpose: Gateway overhead benchmark (no content scanning)
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    dpia: {reference: DPIA-BENCH-1, approved_on: 2026-01-01}
    data_handling: {personal_data: allow, secrets: allow, special_category: allow, security_marking: allow}
    audit: {level: metadata}
""",
    # Issue 3 floors: the default handling (personal data redacted; secrets and special category blocked;
    # default prohibited-use categories) = every prompt scanned in full; default (redacted) audit level.
    "scan": _TOOL_AND_ROLE
    + """\
gateway:
  print_demo_key: false
use_cases:
  - id: bench
    owner: Bench
    purpose: Housing repairs correspondence (scanning benchmark)
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-12-31
    dpia: {reference: DPIA-BENCH-1, approved_on: 2026-01-01}
""",
}

# Values from the pii body (bench/chat_1kb.lua) that must not reach the provider when redaction works.
PII_MARKERS = ["Whitcombe", "485 777 3457", "JH 48 27 91 B", "TN23 4QP", "07700 900482", "daniel.whitcombe@"]

SHARED_NOTE = "Figures taken on a shared 2-core machine (other engineers' jobs were running): treat as indicative."


def log(msg: str) -> None:
    sys.stderr.write(f"[bench] {msg}\n")
    sys.stderr.flush()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------- processes (cleaned up on exit)


class Procs:
    """Children started in their own session; stopped by process-group id on exit."""

    def __init__(self) -> None:
        self.items: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, cmd: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
        out = open(log_path, "wb")  # noqa: SIM115 - lives as long as the child
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)
        out.close()
        self.items.append((name, proc))
        log(f"started {name} (pid {proc.pid}): {' '.join(cmd)}")
        return proc

    def stop(self, proc: subprocess.Popen[bytes], name: str, timeout: float = 20.0) -> int | None:
        """SIGTERM the child's process group, wait, then SIGKILL. Returns the exit code (None if killed)."""
        if proc.poll() is not None:
            return proc.returncode
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            return proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log(f"{name} (pid {proc.pid}) did not exit within {timeout:.0f}s of SIGTERM: SIGKILL")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
            return None

    def stop_all(self) -> None:
        for name, proc in reversed(self.items):
            self.stop(proc, name, timeout=10.0)
        self.items.clear()


def _raise_exit(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


# ---------------------------------------------------------------- /proc accounting


def _session_pids(sid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == sid:  # fields[0] is state: session is the 6th field of stat
            pids.append(int(entry))
    return pids


def session_cpu_seconds(sid: int) -> float:
    """utime+stime of every live process in the gateway's session (workers, scan pools included)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _session_pids(sid):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])
    return total / tick


def session_memory(sid: int) -> list[dict[str, Any]]:
    out = []
    for pid in _session_pids(sid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if m:
            out.append({"pid": pid, "rss_mb": round(int(m.group(1)) / 1024, 1), "cmd": cmdline[:120]})
    return out


def cpu_jiffies(cpu: str) -> tuple[int, int] | None:
    """(busy, total) jiffies of one CPU from /proc/stat, or None when `cpu` is not a single CPU."""
    if not cpu.isdigit():
        return None
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith(f"cpu{cpu} "):
            v = [int(x) for x in line.split()[1:]]
            idle = v[3] + (v[4] if len(v) > 4 else 0)
            return sum(v) - idle, sum(v)
    return None


def busy_pct(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    if before is None or after is None or after[1] == before[1]:
        return None
    return 100.0 * (after[0] - before[0]) / (after[1] - before[1])


def mock_forwarded(mock_url: str) -> int:
    stats = httpx.get(mock_url + "/__bench/stats", timeout=5).json()
    return int(stats["chat"]) + int(stats["chat_stream"])


# ---------------------------------------------------------------- load generators


def run_wrk(
    url: str, conc: int, duration: float, cpu: str, env: dict[str, str], timeout_s: float = 10.0
) -> dict[str, Any]:
    cmd = [
        "taskset", "-c", cpu, "wrk", "-t1", f"-c{conc}", f"-d{duration:g}s",
        f"--timeout={timeout_s:g}s", "-s", str(LUA), url,
    ]  # fmt: skip
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    m = re.search(r"^BENCH_JSON (\{.*\})$", proc.stdout, re.M)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-500:]}")
    raw = json.loads(m.group(1))
    lat = raw["latency_us"]
    secs = raw["duration_us"] / 1e6
    errors = sum(raw["errors"].values())
    return {
        "kind": "wrk",
        "concurrency": conc,
        "duration_s": secs,
        "requests": raw["requests"],
        "rps": raw["requests"] / secs if secs else 0.0,
        "ok_rps": (raw["requests"] - raw["errors"]["status"]) / secs if secs else 0.0,
        "p50_ms": lat["p50"] / 1000,
        "p90_ms": lat["p90"] / 1000,
        "p99_ms": lat["p99"] / 1000,
        "max_ms": lat["max"] / 1000,
        "errors": errors,
        "error_detail": raw["errors"],
        "body_bytes": raw["body_bytes"],
    }


def run_stream(base_url: str, args: argparse.Namespace, key: str, cpu: str) -> dict[str, Any]:
    cmd = [
        "taskset", "-c", cpu, PY, str(BENCH / "stream_ttfc.py"), "--base-url", base_url, "--key", key,
        "--body", args.body, "--n", str(args.stream_n), "--warmup", str(args.stream_warmup),
        "--max-seconds", str(args.duration), "--json",
    ]  # fmt: skip
    if args.use_case:
        cmd += ["--use-case", args.use_case]
    if not args.vary:
        cmd.append("--no-vary")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        res: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        raise RuntimeError(f"stream driver failed: {proc.stdout[-500:]} {proc.stderr[-800:]}") from exc
    res["kind"] = "stream"
    return res


# ---------------------------------------------------------------- gateway


def steward_cmd() -> list[str]:
    exe = Path(PY).with_name("steward")
    return [str(exe)] if exe.exists() else [PY, "-m", "proxy.cli"]


def wait_http(url: str, timeout: float, proc: subprocess.Popen[bytes] | None, what: str) -> float:
    t0 = time.monotonic()
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode} before it was ready")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return time.monotonic() - t0
        except httpx.HTTPError:
            pass
        if time.monotonic() - t0 > timeout:
            raise RuntimeError(f"{what} not ready at {url} after {timeout:.0f}s")
        time.sleep(0.05)


def tail(path: Path, n: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def audit_counts(data_dir: Path) -> dict[str, Any] | None:
    db = data_dir / "steward.db"
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT decision, http_status, stream, COUNT(*) FROM audit_records GROUP BY 1, 2, 3"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return {"error": str(exc)}
    return {
        "total": sum(r[3] for r in rows),
        "by_decision_status_stream": [
            {"decision": r[0], "http_status": r[1], "stream": bool(r[2]), "count": r[3]} for r in rows
        ],
    }


def sanity_check(url: str, key: str, mock_url: str, args: argparse.Namespace) -> dict[str, Any]:
    """One request through Steward: must be 200 and must have reached the mock."""
    body = {
        "model": "gpt-4o-mini",
        "messages": [
            {"role": "system", "content": _lua_block("SYSTEM_PROMPT")},
            {
                "role": "user",
                "content": _lua_block("PROMPT_PII" if args.body == "pii" else "PROMPT_PLAIN").replace(
                    "@REF@", ("HSG-" if args.body == "pii" else "CR-") + "0000001"
                ),
            },
        ],
        "temperature": 0.2,
        "max_tokens": 400,
    }
    headers = {"Authorization": f"Bearer {key}"}
    if args.use_case:
        headers["X-Steward-Use-Case"] = args.use_case
    before = httpx.get(mock_url + "/__bench/stats", timeout=5).json()
    r = httpx.post(url, json=body, headers=headers, timeout=30)
    after = httpx.get(mock_url + "/__bench/stats", timeout=5).json()
    reached = after["chat"] > before["chat"]
    info: dict[str, Any] = {
        "status": r.status_code,
        "reached_mock": reached,
        "steward_headers": {k: v for k, v in r.headers.items() if k.lower().startswith("x-steward")},
    }
    if r.status_code != 200 or not reached:
        info["body"] = r.text[:800]
    if reached and args.body == "pii":
        forwarded = after["last_chat_body"]
        info["pii_values_reaching_provider"] = [m for m in PII_MARKERS if m in forwarded]
        with contextlib.suppress(ValueError, KeyError, IndexError):
            info["forwarded_prompt_excerpt"] = json.loads(forwarded)["messages"][1]["content"][200:520]
    return info


def _lua_block(name: str) -> str:
    m = re.search(rf"local {name} = \[==\[(.*?)\]==\]", LUA.read_text(encoding="utf-8"), re.S)
    if not m:
        raise SystemExit(f"{LUA}: no block {name}")
    return m.group(1)


# ---------------------------------------------------------------- profiling


def profile_gateway(
    pid: int, seconds: float, out_raw: Path, cpu: str, gil: bool = False
) -> subprocess.Popen[bytes] | None:
    pyspy = shutil.which("py-spy") or str(Path(PY).with_name("py-spy"))
    if not Path(pyspy).exists():
        log("py-spy not found (pip install py-spy into the venv): skipping --profile")
        return None
    cmd = [
        "taskset", "-c", cpu, pyspy, "record", "--pid", str(pid), "--subprocesses",
        "--duration", str(int(seconds)),
        "--rate", "250", "--format", "raw", "--output", str(out_raw), "--nonblocking",
    ]  # fmt: skip
    if gil:
        cmd.append("--gil")  # only the thread holding the GIL: what competes with the event loop
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


_PACKAGE_GROUPS = {
    "upstream client (httpx/httpcore/h11/anyio)": ("httpx", "httpcore", "h11", "anyio", "sniffio"),
    "audit store (sqlalchemy/aiosqlite/sqlite3)": ("sqlalchemy", "aiosqlite", "sqlite3", "asyncpg", "greenlet"),
    "ASGI server + framework (uvicorn/starlette/fastapi/pydantic)": (
        "uvicorn", "starlette", "fastapi", "pydantic", "pydantic_core", "httptools", "uvloop",
    ),
    "detection (spacy/thinc/presidio/detectors)": (
        "spacy", "thinc", "presidio_analyzer", "presidio_anonymizer", "detectors", "phonenumbers", "stdnum",
        "detect_secrets", "numpy",
    ),
    "Steward core (proxy/policies/audit/config)": ("proxy", "policies", "audit", "config"),
    "logging (structlog/logging)": ("structlog", "logging"),
    "event loop idle/other asyncio": ("asyncio",),
}  # fmt: skip


def _package_group(frame: str) -> str:
    m = re.search(r"\(([^)]*)\)$", frame)
    path = m.group(1) if m else ""
    top = path.split("/", 1)[0].removesuffix(".py") if path else "?"
    for group, pkgs in _PACKAGE_GROUPS.items():
        if top in pkgs:
            return group
    return f"other: {top}"


def summarise_profile(raw: Path, top: int = 25) -> dict[str, Any]:
    """Self and inclusive % per function from py-spy's collapsed stacks."""
    self_c: Counter[str] = Counter()
    incl: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
        if not frames:
            continue
        total += n
        names = [re.sub(r":\d+\)$", ")", f) for f in frames]  # drop line numbers
        self_c[names[-1]] += n
        for name in set(names):
            incl[name] += n
    pct = (lambda c: round(100.0 * c / total, 1)) if total else (lambda c: 0.0)
    by_pkg: Counter[str] = Counter()
    for name, c in self_c.items():
        by_pkg[_package_group(name)] += c
    return {
        "samples": total,
        "self_by_package": [{"pct": pct(c), "package": g} for g, c in by_pkg.most_common()],
        "self": [{"pct": pct(c), "function": f} for f, c in self_c.most_common(top)],
        "inclusive": [{"pct": pct(c), "function": f} for f, c in incl.most_common(top * 4)],
    }


# ---------------------------------------------------------------- report


def _pct(v: float | None) -> str:
    return f"{v:5.0f}%" if v is not None else "     -"


def _num(v: float | None) -> str:
    return f"{v:6.2f}" if v is not None else "     -"


def build_table(res: dict[str, Any]) -> str:
    runs = res["runs"]
    hdr = (
        f"{'test':<13}| {'direct p50':>10} {'p99':>7} {'RPS':>7} {'err':>4} "
        f"| {'Steward p50':>11} {'p99':>7} {'RPS':>6} {'err':>4} {'gw CPU':>6} {'others':>6} {'ms/req':>6} "
        f"| {'+p50 ms':>7} {'+p99 ms':>7} {'p50 x':>6} {'RPS x':>6}"
    )
    lines = [hdr, "-" * len(hdr)]
    for conc in res["args"]["concurrency"]:
        d, s = runs.get(f"direct_c{conc}"), runs.get(f"steward_c{conc}")
        if d is None:
            continue
        label = f"chat c={conc}"
        row = f"{label:<13}| {d['p50_ms']:10.3f} {d['p99_ms']:7.2f} {d['rps']:7.0f} {d['errors']:4d} "
        if s:
            row += (
                f"| {s['p50_ms']:11.3f} {s['p99_ms']:7.2f} {s['rps']:6.0f} {s['errors']:4d} "
                f"{_pct(s.get('gateway_cpu_pct'))} {_pct(s.get('others_on_gateway_cpu_pct'))} "
                f"{_num(s.get('gateway_cpu_ms_per_req'))} "
                f"| {s['p50_ms'] - d['p50_ms']:7.3f} {s['p99_ms'] - d['p99_ms']:7.2f} "
                f"{s['p50_ms'] / d['p50_ms']:6.1f} {s['rps'] / d['rps']:6.3f}"
            )
        lines.append(row)
    d, s = runs.get("direct_stream"), runs.get("steward_stream")
    if d and d.get("n"):
        for metric, label in (("ttfc_ms", "stream TTFC"), ("total_ms", "stream total")):
            row = f"{label:<13}| {d[metric]['p50']:10.3f} {d[metric]['p99']:7.2f} {'':>7} {d['errors']:4d} "
            if s and s.get("n"):
                row += (
                    f"| {s[metric]['p50']:11.3f} {s[metric]['p99']:7.2f} {'':>6} {s['errors']:4d} "
                    f"{'':>6} {'':>6} {'':>6} "
                    f"| {s[metric]['p50'] - d[metric]['p50']:7.3f} "
                    f"{s[metric]['p99'] - d[metric]['p99']:7.2f} "
                    f"{s[metric]['p50'] / d[metric]['p50']:6.1f}"
                )
            lines.append(row)
    lines.append(
        "Latencies in ms. RPS = responses/s (non-2xx also counted in err). gw CPU = CPU used by the "
        "gateway's processes during the run\n(100% = one core); others = CPU other users' processes took "
        "on the gateway's core meanwhile (noise); ms/req = gateway CPU ms per request\n"
        "(1000 / ms/req = RPS one free core could sustain). +p50/+p99 = Steward minus direct; "
        "p50 x = Steward p50 / direct p50; RPS x = Steward RPS / direct RPS (direct = mock and wrk sharing "
        "one core)."
    )
    return "\n".join(lines)


def check_floors(res: dict[str, Any]) -> list[dict[str, Any]]:
    runs = res["runs"]
    floors = FLOORS[res["floor_set"]]
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float | None, higher_is_better: bool) -> None:
        if limit is None or value is None:
            return
        ok = value >= limit if higher_is_better else value <= limit
        out.append({"floor": name, "value": round(value, 3), "limit": limit, "pass": ok})

    d1, s1 = runs.get("direct_c1"), runs.get("steward_c1")
    if d1 and s1:
        add("c=1 added p50 (ms) <=", s1["p50_ms"] - d1["p50_ms"], floors["c1_added_p50_ms"], False)
    s8 = runs.get("steward_c8")
    if s8:
        add("c=8 Steward RPS (2xx) >=", s8["ok_rps"], floors["c8_rps"], True)
        if s8.get("gateway_cpu_ms_per_req"):
            out.append(
                {
                    "floor": "info: c=8 RPS one uncontended core could sustain (1000 / CPU ms per request), vs",
                    "value": round(1000.0 / s8["gateway_cpu_ms_per_req"], 1),
                    "limit": floors["c8_rps"],
                    "pass": None,
                }
            )
    leaked = res.get("sanity", {}).get("pii_values_reaching_provider")
    if (
        res["floor_set"] == "scan"
        and leaked is not None
        and not str(res.get("config_source", "")).startswith("generated")
    ):
        leaked = None  # your own config may allow personal data for the use case: report, don't judge
    if res["floor_set"] == "scan" and leaked is not None:
        # Without this, a gateway that does not scan at all would "pass" the scanning floors.
        out.append(
            {"floor": "scan effective: PII values reaching the provider =", "value": len(leaked), "limit": 0,
             "pass": not leaked}
        )  # fmt: skip
    ds, ss = runs.get("direct_stream"), runs.get("steward_stream")
    if ds and ss and ss.get("n"):
        add(
            "stream TTFC added p50 (ms) <=",
            ss["ttfc_ms"]["p50"] - ds["ttfc_ms"]["p50"],
            floors["ttfc_added_p50_ms"],
            False,
        )
    return out


def machine_info() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1) if m else ""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        ).stdout.strip()
    )  # fmt: skip
    wrk_v = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return {
        "hostname": platform.node(),
        "cpu_model": cpu,
        "cpus": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": (wrk_v.stdout or wrk_v.stderr).splitlines()[0] if (wrk_v.stdout or wrk_v.stderr) else "",
        "git_commit": commit,
        "git_dirty": dirty,
        "shared_machine": True,
    }


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds per wrk measurement (default 10)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds of c=8 warm-up per target (default 2)")
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    p.add_argument("--scan", action="store_true", help="issue 3: personal-data body + scanning config variant")
    p.add_argument(
        "--variant",
        choices=sorted(CONFIG_TEMPLATES),
        help="generated config: baseline (policy+audit, every finding class allowed: no scanning) or scan "
        "(default data_handling: personal data redacted, the rest blocked). Default: scan with --scan.",
    )
    p.add_argument(
        "--config",
        type=Path,
        help="your own gateway YAML instead of a generated one; ${MOCK_BASE_URL} in it is replaced by "
        "the mock's base URL (http://127.0.0.1:PORT/v1)",
    )
    p.add_argument("--body", choices=["plain", "pii"], help="request body (default: pii with --scan)")
    p.add_argument(
        "--no-vary",
        dest="vary",
        action="store_false",
        help="identical body on every request (default: a new reference number in the prompt per request, "
        "so scan-result caches cannot serve repeats; --no-vary measures the cache-hit path)",
    )
    p.add_argument("--use-case", default="", help="send X-Steward-Use-Case: NAME")
    p.add_argument("--role", default="staff", help="role of the bench key (default staff)")
    p.add_argument("--chunks", type=int, default=16, help="mock: content chunks per stream")
    p.add_argument("--chunk-delay-ms", type=float, default=2.0, help="mock: delay between content chunks")
    p.add_argument("--stream-n", type=int, default=300, help="streaming requests per target (capped by --duration)")
    p.add_argument("--stream-warmup", type=int, default=20)
    p.add_argument("--no-stream", action="store_true")
    p.add_argument("--direct-only", action="store_true", help="no gateway: measure the mock alone")
    p.add_argument("--serve-args", default="", help="extra `steward serve` arguments, e.g. '--workers 2'")
    p.add_argument("--gateway-cpu", default="0", help="taskset CPU list for the gateway (e.g. 0 or 0,1)")
    p.add_argument("--load-cpu", default="1", help="CPU for the mock, wrk and the streaming driver")
    p.add_argument("--mock-port", type=int, default=0, help="default: a free port")
    p.add_argument("--gateway-port", type=int, default=0, help="default: a free port")
    p.add_argument("--startup-timeout", type=float, default=120.0)
    p.add_argument("--profile", action="store_true", help="py-spy the gateway during the highest-concurrency run")
    p.add_argument(
        "--profile-gil", action="store_true", help="with --profile: sample only the GIL holder (py-spy --gil)"
    )
    p.add_argument("--keep-tmp", action="store_true", help="keep the temp dir (config, data, logs)")
    p.add_argument("--out", type=Path, help="JSON result path (default bench/results/<time>-<variant>.json)")
    args = p.parse_args(argv)
    if args.variant is None:
        args.variant = "scan" if args.scan else "baseline"
    if args.body is None:
        args.body = "pii" if args.scan else "plain"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_exit)
    for tool in ("wrk", "taskset"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found (apt-get install wrk util-linux)")

    procs = Procs()
    tmp = Path(tempfile.mkdtemp(prefix="steward-bench-"))
    started = dt.datetime.now(dt.UTC)
    floor_set = "scan" if (args.scan or args.variant == "scan") else "baseline"
    res: dict[str, Any] = {
        "started_utc": started.isoformat(timespec="seconds"),
        "note": SHARED_NOTE,
        "machine": machine_info(),
        "loadavg_before": os.getloadavg(),
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "floor_set": floor_set,
        "runs": {},
    }
    try:
        return _run(args, procs, tmp, res)
    finally:
        procs.stop_all()
        if args.keep_tmp:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _run(args: argparse.Namespace, procs: Procs, tmp: Path, res: dict[str, Any]) -> int:
    mock_port = args.mock_port or free_port()
    mock_url = f"http://127.0.0.1:{mock_port}"
    mock_base = mock_url + "/v1"
    env = dict(os.environ)
    env.pop("STEWARD_BENCH_KEY", None)

    mock = procs.start(
        "mock",
        ["taskset", "-c", args.load_cpu, PY, str(BENCH / "mock_upstream.py"), "--port", str(mock_port),
         "--chunks", str(args.chunks), "--chunk-delay-ms", str(args.chunk_delay_ms)],
        env, tmp / "mock.log",
    )  # fmt: skip
    wait_http(mock_base + "/models", 15, mock, "mock upstream")

    gw_proc = None
    gw_url = gw_base = ""
    key = "sk-bench-direct"
    data_dir = tmp / "data"
    if not args.direct_only:
        # (b) config
        if args.config:
            text = args.config.read_text(encoding="utf-8")
            res["config_source"] = str(args.config)
        else:
            text = CONFIG_TEMPLATES[args.variant]
            res["config_source"] = f"generated:{args.variant}"
        cfg = tmp / "steward.yaml"
        cfg.write_text(string.Template(text).safe_substitute(MOCK_BASE_URL=mock_base), encoding="utf-8")
        res["config_text"] = cfg.read_text()
        # (c) key + gateway
        data_dir.mkdir()
        gw_env = dict(env)
        gw_env.update(
            {
                "STEWARD_DATA_DIR": str(data_dir),
                "STEWARD_LOG_LEVEL": env.get("STEWARD_LOG_LEVEL", "warning"),
            }
        )
        gw_env.setdefault("STEWARD_HMAC_KEY", "bench-only-hmac-key-not-a-secret-0123456789")
        kc = subprocess.run(
            [*steward_cmd(), "keys", "create", "--user", "bench", "--role", args.role, "--config", str(cfg)],
            env=gw_env, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
        lines = kc.stdout.strip().splitlines()
        if kc.returncode != 0 or not lines:
            raise SystemExit(f"steward keys create failed ({kc.returncode}):\n{kc.stdout}\n{kc.stderr}")
        key = lines[-1].strip()
        gw_port = args.gateway_port or free_port()
        gw_url = f"http://127.0.0.1:{gw_port}"
        gw_base = gw_url + "/v1"
        gw_proc = procs.start(
            "gateway",
            ["taskset", "-c", args.gateway_cpu, *steward_cmd(), "serve", "--config", str(cfg),
             "--host", "127.0.0.1", "--port", str(gw_port), *shlex.split(args.serve_args)],
            gw_env, tmp / "gateway.log",
        )  # fmt: skip
        try:
            res["gateway_startup_s"] = round(
                wait_http(gw_url + "/healthz", args.startup_timeout, gw_proc, "gateway"), 2
            )
        except RuntimeError as exc:
            raise SystemExit(f"{exc}\n--- gateway log ---\n{tail(tmp / 'gateway.log')}") from exc
        log(f"gateway ready in {res['gateway_startup_s']} s")
        sanity = sanity_check(gw_base + "/chat/completions", key, mock_url, args)
        res["sanity"] = sanity
        log(f"sanity request: {json.dumps(sanity)[:600]}")
        if sanity["status"] != 200 or not sanity["reached_mock"]:
            raise SystemExit(
                "the sanity request through Steward did not succeed end to end; numbers would be "
                f"meaningless.\n{json.dumps(sanity, indent=2)}\n"
                f"--- gateway log ---\n{tail(tmp / 'gateway.log')}"
            )

    wrk_env = dict(env)
    wrk_env["BENCH_BODY"] = args.body
    wrk_env["BENCH_VARY"] = "1" if args.vary else "0"
    if args.use_case:
        wrk_env["STEWARD_BENCH_USE_CASE"] = args.use_case
    direct_env = dict(wrk_env, STEWARD_BENCH_KEY="sk-bench-direct")
    steward_env = dict(wrk_env, STEWARD_BENCH_KEY=key)
    targets = [("direct", mock_base, direct_env)]
    if gw_proc is not None:
        targets.append(("steward", gw_base, steward_env))

    forwarded = res.setdefault("steward_forwarded_to_mock", 1 if gw_proc is not None else 0)  # sanity

    def measure(name: str, base: str, e: dict[str, str], conc: int, seconds: float) -> dict[str, Any]:
        nonlocal forwarded
        sid = gw_proc.pid if (gw_proc is not None and name == "steward") else None
        gw_cpu0 = session_cpu_seconds(sid) if sid else None
        fwd0 = mock_forwarded(mock_url) if sid else 0
        busy0 = cpu_jiffies(args.gateway_cpu), cpu_jiffies(args.load_cpu)
        t0 = time.monotonic()
        r = run_wrk(base + "/chat/completions", conc, seconds, args.load_cpu, e)
        elapsed = time.monotonic() - t0
        busy1 = cpu_jiffies(args.gateway_cpu), cpu_jiffies(args.load_cpu)
        r["gateway_cpu_busy_pct"] = busy_pct(busy0[0], busy1[0])
        r["load_cpu_busy_pct"] = busy_pct(busy0[1], busy1[1])
        if sid:
            forwarded += mock_forwarded(mock_url) - fwd0
            gw_s = session_cpu_seconds(sid) - (gw_cpu0 or 0.0)
            gw = 100.0 * gw_s / elapsed
            r["gateway_cpu_pct"] = gw
            # CPU cost per request: barely affected by other users, unlike latency and RPS.
            r["gateway_cpu_ms_per_req"] = 1000.0 * gw_s / r["requests"] if r["requests"] else None
            if r["gateway_cpu_busy_pct"] is not None:
                # CPU time other machines users took on the gateway's CPU during the run (noise)
                r["others_on_gateway_cpu_pct"] = max(0.0, r["gateway_cpu_busy_pct"] - gw)
        return r

    # warm-up (connections, caches, lazy imports), not recorded
    if args.warmup > 0:
        for name, base, e in targets:
            log(f"warm-up {name} {args.warmup:g}s")
            measure(name, base, e, 8, args.warmup)

    for conc in args.concurrency:
        for name, base, e in targets:
            r = measure(name, base, e, conc, args.duration)
            res["runs"][f"{name}_c{conc}"] = r
            extra = ""
            if "gateway_cpu_pct" in r:
                extra = f"  gateway CPU {r['gateway_cpu_pct']:.0f}%"
                if r.get("others_on_gateway_cpu_pct") is not None:
                    extra += f" (others on its CPU {r['others_on_gateway_cpu_pct']:.0f}%)"
            log(
                f"{name:8s} c={conc:<3d} p50 {r['p50_ms']:.3f} ms  p99 {r['p99_ms']:.3f} ms  "
                f"{r['rps']:.0f} RPS  errors {r['errors']}{extra}"
            )

    if args.profile and gw_proc is not None:
        # An extra, unrecorded-in-the-table run: py-spy (pinned to the load CPU) costs the gateway a little.
        top_c = max(args.concurrency)
        RESULTS.mkdir(exist_ok=True)
        raw_profile = RESULTS / f"profile-{res['started_utc'].replace(':', '').replace('+0000', 'Z')}.txt"
        profile_proc = profile_gateway(gw_proc.pid, args.duration, raw_profile, args.load_cpu, gil=args.profile_gil)
        if profile_proc is not None:
            time.sleep(0.5)
            r = measure("steward", gw_base, steward_env, top_c, args.duration)
            res["runs"][f"steward_c{top_c}_profiled"] = r
            _, err = profile_proc.communicate(timeout=args.duration + 60)
            if raw_profile.exists():
                res["profile"] = summarise_profile(raw_profile)
                res["profile"]["raw"] = str(raw_profile.relative_to(ROOT))
                res["profile"]["under_load"] = f"wrk c={top_c}, {r['rps']:.0f} RPS while profiled"
            else:
                res["profile"] = {"error": err.decode(errors="replace")[-500:]}

    if not args.no_stream:
        for name, base, _e in targets:
            k = key if name == "steward" else "sk-bench-direct"
            fwd0 = mock_forwarded(mock_url) if name == "steward" else 0
            try:
                r = run_stream(base, args, k, args.load_cpu)
            except RuntimeError as exc:
                r = {"kind": "stream", "n": 0, "errors": 1, "first_errors": [str(exc)]}
            res["runs"][f"{name}_stream"] = r
            if name == "steward":
                forwarded += mock_forwarded(mock_url) - fwd0
            if r.get("n"):
                log(
                    f"{name:8s} stream n={r['n']} TTFC p50 {r['ttfc_ms']['p50']:.3f} ms p99 "
                    f"{r['ttfc_ms']['p99']:.3f} ms total p50 {r['total_ms']['p50']:.3f} ms "
                    f"errors {r['errors']}"
                )
            else:
                log(f"{name:8s} stream failed: {r.get('first_errors')}")

    if gw_proc is not None:
        res["gateway_memory"] = session_memory(gw_proc.pid)
        res["steward_forwarded_to_mock"] = forwarded
        t0 = time.monotonic()
        code = procs.stop(gw_proc, "gateway", timeout=30.0)
        res["gateway_shutdown"] = {"exit_code": code, "seconds": round(time.monotonic() - t0, 2)}
        res["audit_rows"] = audit_counts(data_dir)
        gw_log = tail(tmp / "gateway.log", 40)
        if gw_log:
            res["gateway_log_tail"] = gw_log
    procs.stop(mock, "mock")

    res["loadavg_after"] = os.getloadavg()
    res["floors"] = check_floors(res) if gw_proc is not None else []
    res["table"] = build_table(res)
    RESULTS.mkdir(exist_ok=True)
    out = args.out or RESULTS / f"{res['started_utc'].replace(':', '').replace('+0000', 'Z')}-{args.variant}.json"
    out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")

    w = sys.stdout.write
    w(
        f"\nSteward bench {res['started_utc']}  variant={args.variant} "
        f"({res.get('config_source', 'direct only')})  "
        f"body={args.body} ({res['runs']['direct_c' + str(args.concurrency[0])]['body_bytes']} B, "
        f"{'new ref per request' if args.vary else 'identical every request'})  "
        f"wrk {args.duration:g}s/run  gateway on CPU {args.gateway_cpu}, mock+load on CPU {args.load_cpu}\n"
        f"{res['machine']['cpu_model']} x{res['machine']['cpus']}, commit {res['machine']['git_commit']}"
        f"{' (dirty)' if res['machine']['git_dirty'] else ''}; load avg before "
        f"{res['loadavg_before'][0]:.2f}, after {res['loadavg_after'][0]:.2f}. {SHARED_NOTE}\n\n"
    )
    w(res["table"] + "\n")
    noisy = [
        f"{k} {r['others_on_gateway_cpu_pct']:.0f}%"
        for k, r in res["runs"].items()
        if (r.get("others_on_gateway_cpu_pct") or 0) > 10
    ]
    if noisy:
        w(
            "WARNING: other processes took CPU on the gateway's core during "
            + ", ".join(noisy)
            + ": Steward's figures are pessimistic. Re-run on a quieter machine.\n"
        )
    if res.get("floors"):
        w(f"\nFloors ({res['floor_set']}):\n")
        for f in res["floors"]:
            verdict = "INFO" if f["pass"] is None else ("PASS" if f["pass"] else "FAIL")
            w(f"  {verdict}  {f['floor']} {f['limit']:g}: measured {f['value']:g}\n")
    if gw_proc is not None:
        mem = res.get("gateway_memory") or []
        w("\nGateway memory: " + ", ".join(f"pid {m['pid']} {m['rss_mb']} MB" for m in mem) + "\n")
        sd = res["gateway_shutdown"]
        how = {None: "killed after 30 s", 0: "clean", -15: "SIGTERM re-raised by uvicorn after shutdown"}
        w(
            f"Gateway shutdown (SIGTERM): exit code {sd['exit_code']} "
            f"({how.get(sd['exit_code'], 'error')}) in {sd['seconds']} s\n"
        )
        ar = res.get("audit_rows")
        w(
            f"Audit rows after shutdown: {ar.get('total', ar) if ar else 'n/a'}; requests Steward forwarded "
            f"to the mock: {res['steward_forwarded_to_mock']} "
            "(wrk drops up to c in-flight requests per run)\n"
        )
        if args.body == "pii" and "pii_values_reaching_provider" in res.get("sanity", {}):
            w(f"PII values reaching the provider: {res['sanity']['pii_values_reaching_provider'] or 'none'}\n")
    if res.get("profile", {}).get("self"):
        w(f"\nProfile ({res['profile']['samples']} samples, {res['profile']['raw']}), top self time:\n")
        for item in res["profile"]["self"][:15]:
            w(f"  {item['pct']:5.1f}%  {item['function']}\n")
        w("Self time by package group:\n")
        for item in res["profile"]["self_by_package"][:10]:
            w(f"  {item['pct']:5.1f}%  {item['package']}\n")
        w("Top inclusive time in Steward's own code (proxy/, audit/, policies/, detectors/, config/):\n")
        own = re.compile(r"\((proxy|audit|policies|detectors|config)/")
        for item in [i for i in res["profile"]["inclusive"] if own.search(i["function"])][:15]:
            w(f"  {item['pct']:5.1f}%  {item['function']}\n")
    w(f"\nJSON: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}\n")
    return 0 if all(f["pass"] is not False for f in res.get("floors", [])) else 1


if __name__ == "__main__":
    sys.exit(main())
