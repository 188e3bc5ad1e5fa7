"""Policy reloads and the limiter: a policy whose limits cannot be enforced here (no Redis URL) is
rejected like any invalid file while the running policy keeps serving, and a replaced limiter closes its
Redis connections once the requests it counted are settled (counted on the real Redis's CLIENT LIST)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
import redis

from config.limits import LimitsSettings
from proxy.exchange import Exchange
from proxy.identity.auth import Principal
from proxy.stages.limits import Limiter, limiter_for
from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion
from tests.support.redis_fixtures import redis_prefix, redis_server_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.redis

LIMITS = """
limits:
  key_prefix: "{prefix}"
  redis_url_env: {env}
  rules:
    - {{id: {rule}, scope: user, requests_per_minute: {rpm}}}
"""
UNSET = "STEWARD_TEST_UNSET_REDIS_URL"


def _limits(prefix: str, env: str = "STEWARD_REDIS_URL", rule: str = "user-rpm", rpm: int = 2) -> str:
    return LIMITS.format(prefix=prefix, env=env, rule=rule, rpm=rpm)


@pytest.fixture
def config_text(redis_prefix: str, redis_server_url: str, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: F811
    monkeypatch.setenv("STEWARD_REDIS_URL", redis_server_url)
    monkeypatch.delenv(UNSET, raising=False)
    return CONFIG + _limits(redis_prefix)


@pytest.fixture
async def admin_key(harness: Harness) -> str:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    return (await harness.gateway.keys.create("ada", ["admin"], department="IT")).secret


def _client_ids(url: str) -> set[int]:
    client = redis.Redis.from_url(url)
    try:
        return {int(c["id"]) for c in client.client_list()}
    finally:
        client.close()


def _point_at(harness: Harness, policy: Path, text: str) -> None:
    policy.write_text(text, encoding="utf-8")
    harness.gateway.policy.path = policy


async def _reload(harness: Harness, admin_key: str, policy: Path, text: str) -> Any:
    _point_at(harness, policy, text)
    return await harness.post("/admin/v1/policy/reload", {}, key=admin_key)


@pytest.mark.parametrize("text", [CONFIG + _limits("steward-test:other:", env=UNSET),  # limits, URL variable unset
                                  CONFIG.replace("category: internal", "category: internal  # edited")
                                  + _limits("steward-test:other:", env=UNSET, rule="tighter", rpm=1)])
async def test_reload_with_limits_but_no_redis_url_is_rejected_and_the_old_policy_stays(
        harness: Harness, admin_key: str, tmp_path: Path, text: str) -> None:
    version, limiter = harness.gateway.loaded.digest, harness.gateway.limits
    resp = await _reload(harness, admin_key, tmp_path / "policy.yaml", text)
    error = resp.json()["error"]
    assert (resp.status_code, error["code"]) == (400, "invalid_policy")
    assert UNSET in error["message"] and "Redis URL" in error["message"]
    assert harness.gateway.loaded.digest == version and harness.gateway.limits is limiter
    status = (await harness.client.get("/admin/v1/policy", headers=harness.auth(admin_key))).json()
    assert status["last_reload"]["ok"] is False and status["policy_version"] == version
    # the running policy, limits included, is still enforced
    assert [(await harness.post("/v1/chat/completions", chat_body())).status_code for _ in range(3)] == [200, 200, 429]


async def test_reload_adding_limits_without_redis_url_is_rejected(harness: Harness, admin_key: str,
                                                                  tmp_path: Path) -> None:
    await _reload(harness, admin_key, tmp_path / "policy.yaml", CONFIG)  # limits off
    assert harness.gateway.limits is None
    resp = await _reload(harness, admin_key, tmp_path / "policy.yaml", CONFIG + _limits("x:", env=UNSET))
    assert (resp.status_code, resp.json()["error"]["code"]) == (400, "invalid_policy")
    assert harness.gateway.limits is None
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200


async def test_reload_closes_the_replaced_limiters_connections(harness: Harness, admin_key: str, tmp_path: Path,
                                                               redis_prefix: str,  # noqa: F811
                                                               redis_server_url: str) -> None:  # noqa: F811
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200
    old = harness.gateway.limits
    assert old is not None
    await old.flush()
    old_id = int(await old.redis.client.client_id())
    assert old_id in _client_ids(redis_server_url)
    resp = await _reload(harness, admin_key, tmp_path / "policy.yaml", CONFIG + _limits(redis_prefix, rpm=5))
    assert resp.status_code == 200, resp.text
    assert harness.gateway.limits is not old
    await asyncio.wait_for(old.wait_closed(), 5)
    assert old_id not in _client_ids(redis_server_url)
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200  # the new one serves
    # removing the limits closes the last one too
    current = harness.gateway.limits
    assert current is not None
    assert (await _reload(harness, admin_key, tmp_path / "policy.yaml", CONFIG)).status_code == 200
    await asyncio.wait_for(current.wait_closed(), 5)


# --- a request in flight across the reload (the limiter driven directly) -------------------------------

SETTINGS = """{{"key_prefix": "{prefix}", "rules": [{{"id": "day", "scope": "user", "tokens_per_day": {budget}}}]}}"""


def _exchange(request_id: str) -> Exchange:
    principal = Principal("robin", "Robin", ("staff",), "Libraries", "k1", "sha256:0")
    event = SimpleNamespace(use_case=None, prompt_tokens=None, completion_tokens=None, http_status=None)
    request = SimpleNamespace(headers={"content-length": "400"})
    return cast(Exchange, SimpleNamespace(principal=principal, event=event, request=request,
                                          endpoint="chat.completions", request_id=request_id, response_headers={}))


@pytest.fixture
def redis_env(redis_server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:  # noqa: F811
    monkeypatch.setenv("STEWARD_REDIS_URL", redis_server_url)
    yield redis_server_url


@pytest.fixture
async def first(redis_env: str, redis_prefix: str) -> AsyncIterator[Limiter]:  # noqa: F811
    limiter = limiter_for(LimitsSettings.model_validate_json(SETTINGS.format(prefix=redis_prefix, budget=1000)))
    assert limiter is not None
    yield limiter
    await limiter.aclose()


async def test_a_replaced_limiter_stays_open_until_its_request_is_settled(first: Limiter, redis_env: str,
                                                                        redis_prefix: str) -> None:  # noqa: F811
    ex = _exchange("req_inflight")
    await first.admit(ex, {}, "m")  # reserves 100 input + 512 output tokens
    connection = int(await first.redis.client.client_id())
    second = limiter_for(LimitsSettings.model_validate_json(SETTINGS.format(prefix=redis_prefix, budget=2000)),
                         first)
    assert second is not None and second is not first
    await asyncio.sleep(0.05)
    assert not first.closed and connection in _client_ids(redis_env)  # its request is still in flight
    ex.event.prompt_tokens, ex.event.completion_tokens, ex.event.http_status = 30, 12, 200
    second.settle(ex)  # the pipeline settles on the limiter in force now
    await asyncio.wait_for(first.wait_closed(), 5)
    assert connection not in _client_ids(redis_env)
    client = redis.Redis.from_url(redis_env)
    try:
        values = [float(client.get(key) or 0) for key in client.scan_iter(match=f"{redis_prefix}*")]
    finally:
        client.close()
    assert values == [42.0]  # settled to the real usage through the old limiter's connection
    await second.aclose()
