"""The `steward` command line, run as a real subprocess (the installed entry point)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from audit.db import create_engine
from audit.reader import get_record
from config.loader import load_config
from config.settings import Settings
from proxy.app import create_app
from tests.e2e.conftest import serve_app

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = REPO / "config" / "default.yaml"
KEY_RE = re.compile(r"stw_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")

PROMPT = "Please summarise zq-marker-7731 for Zebedee Quartermaine, zebedee.q@example.org"

CLI_CONFIG = """\
version: 1
gateway:
  key_cache_ttl_s: 0
  detection:
    enabled: false   # this test is about keys; scanning is covered elsewhere
tools:
  - id: demo
    provider: demo
    models: [steward-demo]
    category: internal
roles:
  staff:
    tools: [demo]
  auditor:
    tools: []
"""

BROKEN_CONFIG = """\
version: 1
tools:
  - id: demo
    provider: demo
    models: [steward-demo]
    category: internal
    status: maybe
roles:
  staff:
    tols: [demo]
"""


def steward_command() -> list[str]:
    script = Path(sys.executable).parent / "steward"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "proxy.cli"]


def cli_env(data_dir: Path) -> dict[str, str]:
    """A clean environment: no provider keys or STEWARD_* settings leak in from the developer's shell."""
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "VIRTUAL_ENV")}
    env["STEWARD_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(args: list[str], data_dir: Path, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*steward_command(), *args], cwd=cwd, env=cli_env(data_dir), capture_output=True,
                          text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_keys_create_prints_a_key_that_authenticates(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    config = tmp_path / "policy.yaml"
    config.write_text(CLI_CONFIG)

    created = run_cli(["keys", "create", "--user", "u", "--role", "staff", "--department", "Housing",
                       "--config", str(config)], data_dir, tmp_path)
    assert created.returncode == 0, created.stderr
    lines = created.stdout.strip().splitlines()
    key = lines[-1]
    assert KEY_RE.fullmatch(key), f"the last line must be the key alone: {key!r}"
    assert key not in "\n".join(lines[:-1])
    key_id = key.split("_")[1]

    app = create_app(Settings(config_path=config, data_dir=data_dir), load_config(config))
    with serve_app(app) as gateway:
        with openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0) as client:
            completion = client.chat.completions.create(model="steward-demo",
                                                        messages=[{"role": "user", "content": "hi"}])
            row = gateway.record(completion._request_id)
            assert (row["user_id"], row["key_id"], row["department"]) == ("u", key_id, "Housing")
            assert row["roles"] == ["staff"] and row["decision"] == "allowed"

            revoked = run_cli(["keys", "revoke", key_id, "--config", str(config)], data_dir, tmp_path)
            assert revoked.returncode == 0, revoked.stderr
            with pytest.raises(openai.AuthenticationError):
                client.chat.completions.create(model="steward-demo", messages=[{"role": "user", "content": "hi"}])


def test_keys_digest_reads_stdin(tmp_path: Path) -> None:
    proc = subprocess.run([*steward_command(), "keys", "digest"], input="stw_abc_secret\n", capture_output=True,
                          text=True, env=cli_env(tmp_path), cwd=tmp_path, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "sha256:" + hashlib.sha256(b"stw_abc_secret").hexdigest()


def test_config_check_accepts_the_default_file(tmp_path: Path) -> None:
    proc = run_cli(["config", "check", str(DEFAULT_CONFIG)], tmp_path / "data", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "OK" in proc.stdout


def test_config_check_names_file_line_and_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_CONFIG)
    proc = run_cli(["config", "check", str(broken)], tmp_path / "data", tmp_path)
    assert proc.returncode != 0
    assert f"{broken}:7:" in proc.stderr, proc.stderr  # `status: maybe` is on line 7
    assert "tools.0.status" in proc.stderr
    assert f"{broken}:10: roles.staff.tols" in proc.stderr, proc.stderr  # a typo is an error, not ignored

    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("version: 1\ntools: [\n  - id: x\n")
    proc = run_cli(["config", "check", str(bad_yaml)], tmp_path / "data", tmp_path)
    assert proc.returncode != 0 and str(bad_yaml) in proc.stderr


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = run_cli(["db", "upgrade"], data_dir, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "revision" in first.stdout
    assert (data_dir / "steward.db").is_file()


class Served:
    def __init__(self, proc: subprocess.Popen[str], port: int, stdout: Path, stderr: Path) -> None:
        self.proc, self.port, self.stdout_path, self.stderr_path = proc, port, stdout, stderr
        self.url = f"http://127.0.0.1:{port}"

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()


def serve(data_dir: Path, cwd: Path, name: str, deadline_s: float = 30) -> Iterator[Served]:
    port = free_port()
    out, err = cwd / f"{name}.out", cwd / f"{name}.err"
    with out.open("w") as fo, err.open("w") as fe:
        proc = subprocess.Popen([*steward_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=cwd, env=cli_env(data_dir), stdout=fo, stderr=fe, text=True)
    served = Served(proc, port, out, err)
    try:
        deadline = time.monotonic() + deadline_s
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"steward serve exited with {proc.returncode}:\n{served.stderr}")
            try:
                response = httpx.get(f"{served.url}/healthz", timeout=1)
                if response.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"steward serve did not answer /healthz in {deadline_s}s:\n{served.stderr}")
            time.sleep(0.1)
        assert response.json() == {"status": "ok"}
        yield served
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def assert_graceful_exit(served: Served) -> None:
    # uvicorn shuts down gracefully on SIGTERM, then re-raises the signal it captured: -SIGTERM is expected.
    assert served.proc.returncode in (0, -signal.SIGTERM), served.stderr
    assert '"gateway.stopped"' in served.stderr, served.stderr


def _audit_row(data_dir: Path, request_id: str) -> dict[str, Any] | None:
    async def read() -> dict[str, Any] | None:
        engine = create_engine(f"sqlite+aiosqlite:///{data_dir / 'steward.db'}")
        try:
            return await get_record(engine, request_id)
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_serve_prints_the_demo_key_once_and_answers(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    gen = serve(data_dir, tmp_path, "first")
    first = next(gen)
    keys = KEY_RE.findall(first.stdout)
    assert len(keys) == 1, f"expected the demo key once on first start, got: {first.stdout!r}"
    demo_key = keys[0]
    assert demo_key not in first.stderr, "the key must not reach the logs"
    with openai.OpenAI(base_url=f"{first.url}/v1", api_key=demo_key, max_retries=0) as client:
        completion = client.chat.completions.create(model="steward-demo",
                                                    messages=[{"role": "user", "content": PROMPT}])
        assert completion.choices[0].message.content
        assert [m.id for m in client.models.list()] == ["steward-demo"]  # provider keys unset: demo only
    request_id = completion._request_id
    assert request_id
    assert httpx.get(f"{first.url}/readyz", timeout=5).status_code == 200
    with pytest.raises(StopIteration):
        next(gen)  # terminate (SIGTERM) and wait
    assert_graceful_exit(first)
    for secret in (demo_key, "Zebedee", "zq-marker-7731"):
        assert secret not in first.stderr, f"{secret!r} reached the application log"
    # The audit row was written (at the latest by the flush on shutdown).
    row = _audit_row(data_dir, request_id)
    assert row is not None and row["user_id"] == "demo" and row["decision"] == "allowed"

    gen = serve(data_dir, tmp_path, "second")
    second = next(gen)
    assert KEY_RE.search(second.stdout) is None, f"the demo key was printed again: {second.stdout!r}"
    with openai.OpenAI(base_url=f"{second.url}/v1", api_key=demo_key, max_retries=0) as client:
        assert client.chat.completions.create(model="steward-demo",
                                              messages=[{"role": "user", "content": "again"}]).choices
    with pytest.raises(StopIteration):
        next(gen)
    assert_graceful_exit(second)
