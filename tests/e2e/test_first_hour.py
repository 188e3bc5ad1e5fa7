"""Issue 12 §3, the first hour: what a new user meets at the command line, each as a test."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from proxy.cli import main
from tests.support.gateway_process import free_port

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "config" / "examples" / "council.yaml"
FULL_LEVEL = """
version: 1
tools:
  - {id: demo, provider: demo, models: [steward-demo], category: internal}
roles:
  staff: {tools: [demo], use_cases: [casework]}
use_cases:
  - id: casework
    owner: Head of Children's Services
    purpose: Summarising case notes for the allocated social worker.
    tools: [demo]
    allowed_roles: [staff]
    risk_class: standard
    review_by: 2027-11-30
    audit: {level: full}
default_use_case: casework
"""
DEMO = """
version: 1
gateway:
  detection: {enabled: false}
tools:
  - {id: demo, provider: demo, models: [steward-demo], category: internal}
roles:
  staff: {tools: [demo]}
"""


def cli(args: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "STEWARD_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("STEWARD_AUDIT_KEY", None) if env is None or "STEWARD_AUDIT_KEY" not in env else None
    return subprocess.run([sys.executable, "-m", "proxy.cli", *args], cwd=tmp_path, env=full_env,
                          capture_output=True, text=True, timeout=120)


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("steward ")


def test_config_check_reports_what_serve_would_refuse(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(FULL_LEVEL, encoding="utf-8")
    missing = cli(["config", "check", str(policy)], tmp_path)
    assert missing.returncode == 1
    assert "STEWARD_AUDIT_KEY is not set" in missing.stderr and "openssl rand -base64 32" in missing.stderr
    malformed = cli(["config", "check", str(policy)], tmp_path, {"STEWARD_AUDIT_KEY": "not-base64!"})
    assert malformed.returncode == 1
    assert "not set" not in malformed.stderr and "not valid base64" in malformed.stderr
    served = cli(["serve", "--config", str(policy), "--port", "0"], tmp_path)
    assert served.returncode == 2
    assert "STEWARD_AUDIT_KEY is not set" in one_line(served.stderr)


def test_serve_start_up_errors_are_one_line_with_the_fix(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(DEMO, encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = cli(["serve", "--config", str(policy), "--port", str(port)], tmp_path)
    assert taken.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in one_line(taken.stderr)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead = closed.getsockname()[1]
    unreachable = cli(["serve", "--config", str(policy), "--port", "0"], tmp_path,
                      {"STEWARD_DATABASE_URL": f"postgresql+asyncpg://steward@127.0.0.1:{dead}/steward"})
    assert unreachable.returncode == 2
    line = one_line(unreachable.stderr)
    assert "cannot open the audit database" in line and "STEWARD_DATABASE_URL" in line
    assert "gateway.started" not in unreachable.stderr


def test_example_config_starts_as_shipped_on_sqlite_and_prints_its_address(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "url: sqlite+aiosqlite:///" in text and "#   url: postgresql+asyncpg://" in text
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "STEWARD_AUDIT_KEY"}
    env.update({"STEWARD_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO), "STEWARD_LOG_LEVEL": "warning"})
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "proxy.cli", "serve", "--config", str(EXAMPLE), "--port",
                                 str(port)], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 60
            while not _ready(port):
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the example did not start"
                time.sleep(0.2)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert f"serving on http://127.0.0.1:{port}" in log.read_text()


def _ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_scan_writes_json_to_stdout_and_user_errors_as_one_line(tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text("Please call Mrs Jane Holloway on 07700 900123 about her council tax.", encoding="utf-8")
    ok = cli(["scan", str(doc)], tmp_path)
    assert ok.returncode in (0, 3), ok.stderr
    report = json.loads(ok.stdout)  # stdout carries the report alone
    assert report["findings"]
    unknown = cli(["scan", str(doc), "--use-case", "no-such-use-case"], tmp_path)
    assert unknown.returncode == 2 and "unknown use case 'no-such-use-case'" in one_line(unknown.stderr)
    missing = cli(["scan", str(tmp_path / "absent.txt")], tmp_path)
    assert missing.returncode == 2 and "no such file" in one_line(missing.stderr)


def test_keys_list_has_a_header_and_dates(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(DEMO, encoding="utf-8")
    created = cli(["keys", "create", "--user", "ann", "--role", "staff", "--config", str(policy)], tmp_path)
    assert created.returncode == 0, created.stderr
    listing = cli(["keys", "list", "--config", str(policy)], tmp_path)
    header, row = listing.stdout.splitlines()[:2]
    assert header.split("\t") == ["ID", "USER", "ROLES", "DEPARTMENT", "STATUS", "CREATED", "LAST_USED"]
    fields = row.split("\t")
    assert fields[1] == "ann" and fields[4] == "active" and fields[5][:2] == "20" and fields[6] == "never"


def test_make_serve_takes_port_host_and_config() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(["make", "-n", "-o", ".venv/.installed", "serve", "PORT=9123", "HOST=0.0.0.0",
                          "CONFIG=config/examples/council.yaml"], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert "steward serve --host 0.0.0.0 --port 9123 --config config/examples/council.yaml" in dry.stdout, dry
