"""Redis for the limit tests: the shared server at STEWARD_TEST_REDIS_URL (default 127.0.0.1:6379) with a
unique key prefix per test (its keys deleted afterwards; the server is never flushed), or a throwaway
redis-server on a free port for outage tests. Tests skip with the reason when Redis is unreachable,
except in CI (STEWARD_TEST_REQUIRE_REDIS=1), where they fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.support.gateway_process import free_port

REDIS_DEFAULT_URL = "redis://127.0.0.1:6379/0"


def _unavailable(reason: str) -> None:
    if os.environ.get("STEWARD_TEST_REQUIRE_REDIS"):  # CI: these tests must run, not skip
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_server_url() -> str:
    url = os.environ.get("STEWARD_TEST_REDIS_URL", REDIS_DEFAULT_URL)
    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
        client.close()
    except (redis.RedisError, OSError) as exc:
        _unavailable(f"Redis not reachable at {url}: {type(exc).__name__}: {exc}")
    return url


@pytest.fixture
def redis_prefix(redis_server_url: str) -> Iterator[str]:
    """A key prefix only this test uses; its keys are deleted afterwards (never FLUSHDB: the server is shared)."""
    prefix = f"steward-test:{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = redis.Redis.from_url(redis_server_url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@dataclass
class OwnRedis:
    port: int
    workdir: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary is not None
        self.proc = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(self.workdir)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
                return
            except (redis.RedisError, OSError):
                time.sleep(0.05)
        raise AssertionError("own redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    """A throwaway redis-server this test may stop and restart (the shared one is never touched)."""
    if shutil.which("redis-server") is None:
        _unavailable("redis-server is not installed")
    server = OwnRedis(free_port(), tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
