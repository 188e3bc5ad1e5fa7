"""Two `steward serve` processes share one Redis: one limit, enforced exactly across both; a budget spent
through both; and a Redis restart (a throwaway redis-server of this test) is survived."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import redis

from tests.audit.conftest import pg_server_url, pg_url  # noqa: F401  (fixtures)
from tests.support.gateway_process import CHAT, GatewayProcess, demo_config, start_gateway
from tests.support.redis_fixtures import OwnRedis, own_redis, redis_prefix, redis_server_url  # noqa: F401

pytestmark = [pytest.mark.redis, pytest.mark.slow]

KEY = "stw_limits_staff_0123456789abcdefghijklmnop"
AUTH = {"authorization": f"Bearer {KEY}"}
LIMITS = """
limits:
  key_prefix: "{prefix}"
  rules:
{rules}
"""


def _start(tmp_path: Path, redis_url: str, prefix: str, rules: str, n: int = 2,
           database_url: str | None = None) -> list[GatewayProcess]:
    config = tmp_path / "policy.yaml"
    config.write_text(demo_config({KEY: ("sam", "staff")}) + LIMITS.format(prefix=prefix, rules=rules),
                      encoding="utf-8")
    env = {"STEWARD_REDIS_URL": redis_url, **({"STEWARD_DATABASE_URL": database_url} if database_url else {})}
    return [start_gateway(config, tmp_path / f"data{i}", env) for i in range(n)]


@pytest.fixture
def stop_all() -> Iterator[list[GatewayProcess]]:
    started: list[GatewayProcess] = []
    yield started
    for gateway in started:
        gateway.stop()


def _post(base: str) -> httpx.Response:
    return httpx.post(f"{base}/v1/chat/completions", json=CHAT, headers=AUTH, timeout=20)


def test_two_replicas_allow_exactly_n_between_them(tmp_path: Path, redis_server_url: str,  # noqa: F811
                                                   redis_prefix: str, stop_all: list[GatewayProcess]) -> None:  # noqa: F811
    stop_all += _start(tmp_path, redis_server_url, redis_prefix,
                       "    - {id: sam-rpm, scope: user, requests_per_minute: 7}")
    bases = [g.base for g in stop_all] * 10
    with ThreadPoolExecutor(max_workers=8) as pool:  # concurrent, interleaved across both replicas
        statuses = [r.status_code for r in pool.map(_post, bases)]
    assert statuses.count(200) == 7 and statuses.count(429) == 13, statuses


def test_two_replicas_leasing_under_concurrent_load_admit_exactly_the_limit(
        tmp_path: Path, redis_server_url: str, redis_prefix: str,  # noqa: F811
        stop_all: list[GatewayProcess]) -> None:
    """Far from the limit each replica admits from leases (no round trip); the leases never let the two admit
    more than the limit between them, and near it every request is checked, so exactly the limit is admitted.
    Once both have shut down (returning their leases), the request log holds exactly the admitted requests."""
    limit = 150
    stop_all += _start(tmp_path, redis_server_url, redis_prefix,
                       f"    - {{id: sam-rpm, scope: user, requests_per_minute: {limit}}}")
    bases = [g.base for g in stop_all] * 120
    with ThreadPoolExecutor(max_workers=8) as pool:  # concurrent, interleaved across both replicas
        statuses = [r.status_code for r in pool.map(_post, bases)]
    assert statuses.count(200) == limit and statuses.count(429) == len(bases) - limit
    leased = [httpx.get(f"{g.base}/readyz", timeout=5).json()["limits"]["admitted_from_leases"] for g in stop_all]
    assert sum(leased) > 0, leased
    for gateway in stop_all:
        gateway.stop()
    client = redis.Redis.from_url(redis_server_url)
    try:
        logged = sum(int(client.zcard(k)) for k in client.scan_iter(match=f"{redis_prefix}*:rpm"))
    finally:
        client.close()
    assert logged == limit


@pytest.mark.postgres
def test_two_replicas_on_one_postgres_spend_one_token_budget(tmp_path: Path, redis_server_url: str,  # noqa: F811
                                                             redis_prefix: str, pg_url: str,  # noqa: F811
                                                             stop_all: list[GatewayProcess]) -> None:
    budget = 100
    stop_all += _start(tmp_path, redis_server_url, redis_prefix,
                       f"    - {{id: sam-day, scope: user, tokens_per_day: {budget}, clause: '13'}}",
                       database_url=pg_url)
    first = _post(stop_all[0].base)
    assert first.status_code == 200
    used = first.json()["usage"]["total_tokens"]
    allowed, refused = 1, None
    for i in range(1, 3 * math.ceil(budget / used)):
        resp = _post(stop_all[i % 2].base)
        if resp.status_code == 429:
            refused = resp
            break
        allowed += 1
    assert refused is not None and allowed == math.ceil(budget / used)
    assert refused.json()["error"]["policy_clause"] == "13"


def test_redis_restart(tmp_path: Path, own_redis: OwnRedis, stop_all: list[GatewayProcess]) -> None:  # noqa: F811
    rules = ("    - {id: sam-rpm, scope: user, requests_per_minute: 2}\n"
             "    - {id: sam-day, scope: user, tokens_per_day: 100000}")
    stop_all += _start(tmp_path, own_redis.url, "t:", rules, n=1)
    base = stop_all[0].base
    assert [_post(base).status_code for _ in range(3)] == [200, 200, 429]
    own_redis.stop()
    resp = _post(base)
    assert resp.status_code == 503 and resp.json()["error"]["code"] == "limits_unavailable"  # budgets fail closed
    assert httpx.get(f"{base}/readyz", timeout=5).json()["limits"]["redis"] == "down"
    own_redis.start()  # empty again: no persistence, scripts must be reloaded
    statuses = []
    for _ in range(40):  # the limiter retries Redis at most once a second after a failure
        statuses.append(_post(base).status_code)
        if statuses[-1] == 200:
            break
        time.sleep(0.1)
    assert statuses[-1] == 200, statuses
    assert httpx.get(f"{base}/readyz", timeout=5).json()["limits"]["redis"] == "up"
