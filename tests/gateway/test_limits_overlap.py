"""The admission check travels while the request is inspected (proxy/stages/limits.py): a request the policy
then refuses takes back what its check counted; many checks share one pipelined connection; corrections
ride with the next check; a server whose script cache was emptied is served again. Real Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from types import SimpleNamespace
from typing import cast

import pytest
import redis

from config.limits import LimitsSettings
from proxy.exchange import Exchange
from proxy.identity.auth import Principal
from proxy.stages.limits import Limiter, limiter_for
from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion
from tests.support.redis_fixtures import OwnRedis, own_redis, redis_prefix, redis_server_url  # noqa: F401

pytestmark = pytest.mark.redis

USE_CASES = """
default_use_case: letters
use_cases:
  - id: letters
    owner: Housing
    purpose: tenancy letters
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
  - id: payroll
    owner: Finance
    purpose: salary queries
    tools: [mock]
    allowed_roles: [nobody]
    review_by: 2099-01-01
limits:
  key_prefix: "{prefix}"
  rules:
    - {{id: person-rpm, scope: user, requests_per_minute: 2, tokens_per_minute: 100000}}
"""


@pytest.fixture
def config_text(redis_prefix: str, redis_server_url: str,  # noqa: F811
                monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("STEWARD_REDIS_URL", redis_server_url)
    return CONFIG + USE_CASES.format(prefix=redis_prefix)


@pytest.fixture
def limited(harness: Harness) -> Iterator[Harness]:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    yield harness


def _counted(url: str, prefix: str) -> tuple[int, float]:
    """(request ids in the minute's log, tokens in this minute's counter) of the one user."""
    client = redis.Redis.from_url(url)
    try:
        logs = [k for k in client.scan_iter(match=f"{prefix}*:rpm")]
        tokens = [float(client.get(k) or 0) for k in client.scan_iter(match=f"{prefix}*:tpm:*")
                  if not k.endswith(b":lease")]  # lease records (limits_lease.py) sit beside the counters
        return sum(int(client.zcard(k)) for k in logs), max(tokens, default=0.0)
    finally:
        client.close()


async def test_a_request_the_policy_refuses_takes_back_its_count(limited: Harness, redis_prefix: str,  # noqa: F811
                                                                 redis_server_url: str) -> None:  # noqa: F811
    limits = limited.gateway.limits
    assert limits is not None
    for _ in range(3):  # a use case this role may not use: refused while its check was on its way
        resp = await limited.post("/v1/chat/completions", chat_body(), headers={"x-steward-use-case": "payroll"})
        assert resp.status_code == 403 and resp.json()["error"]["code"] == "use_case_not_permitted"
    await limits.flush()
    assert _counted(redis_server_url, redis_prefix) == (0, 0.0)
    for _ in range(2):
        ok = await limited.post("/v1/chat/completions", chat_body())
        assert ok.status_code == 200, ok.text
    refused = await limited.post("/v1/chat/completions", chat_body())
    assert refused.status_code == 429
    await limits.flush()
    assert _counted(redis_server_url, redis_prefix)[0] == 2


async def test_an_unknown_use_case_is_refused_without_being_counted(limited: Harness, redis_prefix: str,  # noqa: F811
                                                                    redis_server_url: str) -> None:  # noqa: F811
    resp = await limited.post("/v1/chat/completions", chat_body(), headers={"x-steward-use-case": "no-such-thing"})
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "use_case_unknown"
    limits = limited.gateway.limits
    assert limits is not None
    await limits.flush()
    assert _counted(redis_server_url, redis_prefix) == (0, 0.0)


# --- the limiter driven directly ------------------------------------------------------------------------

SETTINGS = """{{"key_prefix": "{prefix}", "rules": [{{"id": "rpm", "scope": "user", "requests_per_minute": {rpm},
"tokens_per_day": 1000000}}]}}"""


def _exchange(request_id: str) -> Exchange:
    principal = Principal("robin", "Robin", ("staff",), "Libraries", "k1", "sha256:0")
    event = SimpleNamespace(use_case=None, prompt_tokens=None, completion_tokens=None, http_status=None)
    request = SimpleNamespace(headers={"content-length": "400"})
    return cast(Exchange, SimpleNamespace(principal=principal, event=event, request=request,
                                          endpoint="chat.completions", request_id=request_id, response_headers={}))


@pytest.fixture
async def limiter(redis_server_url: str, redis_prefix: str,  # noqa: F811
                  monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Limiter]:
    monkeypatch.setenv("STEWARD_REDIS_URL", redis_server_url)
    made = limiter_for(LimitsSettings.model_validate_json(SETTINGS.format(prefix=redis_prefix, rpm=25)))
    assert made is not None
    yield made
    await made.aclose()


async def test_concurrent_checks_on_one_connection_get_their_own_verdicts(limiter: Limiter) -> None:
    exchanges = [_exchange(f"req_{i}") for i in range(40)]
    results = await asyncio.gather(*(limiter.admit(ex, {}, "m") for ex in exchanges), return_exceptions=True)
    admitted = [ex for ex, result in zip(exchanges, results, strict=True) if result is None]
    assert len(admitted) == 25  # exactly the limit, with 40 checks in flight on the one connection at once
    remaining = sorted(int(ex.response_headers["x-ratelimit-remaining-requests"]) for ex in admitted)
    assert remaining == list(range(25))  # each check got its own reply, in order


async def test_corrections_are_applied_with_the_next_check_or_on_their_own(limiter: Limiter, redis_prefix: str,  # noqa: F811
                                                                          redis_server_url: str) -> None:  # noqa: F811
    first = _exchange("req_a")
    await limiter.admit(first, {}, "m")  # reserves 100 input + 512 output tokens
    first.event.prompt_tokens, first.event.completion_tokens, first.event.http_status = 30, 12, 200
    limiter.settle(first)
    await limiter.admit(_exchange("req_b"), {}, "m")  # the correction travels in front of this check
    await limiter.flush()
    client = redis.Redis.from_url(redis_server_url)
    try:
        (day,) = [float(client.get(k) or 0) for k in client.scan_iter(match=f"{redis_prefix}*:td:*")]
    finally:
        client.close()
    assert day == 42 + 612  # the first settled to its real usage, the second still at its estimate
    second = _exchange("req_c")
    await limiter.admit(second, {}, "m")
    second.event.prompt_tokens, second.event.completion_tokens, second.event.http_status = 1, 1, 200
    limiter.settle(second)
    await asyncio.sleep(0.2)  # no check comes: the correction goes on its own
    client = redis.Redis.from_url(redis_server_url)
    try:
        (day,) = [float(client.get(k) or 0) for k in client.scan_iter(match=f"{redis_prefix}*:td:*")]
    finally:
        client.close()
    assert day == 42 + 612 + 2


async def test_a_flushed_script_cache_is_reloaded(own_redis: OwnRedis, redis_prefix: str,  # noqa: F811
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    url = own_redis.url
    monkeypatch.setenv("STEWARD_REDIS_URL", url)
    limiter = limiter_for(LimitsSettings.model_validate_json(SETTINGS.format(prefix=redis_prefix, rpm=5)))
    assert limiter is not None
    try:
        await limiter.admit(_exchange("req_1"), {}, "m")
        client = redis.Redis.from_url(url)
        client.script_flush()
        client.close()
        ex = _exchange("req_2")
        await limiter.admit(ex, {}, "m")
        assert ex.response_headers["x-ratelimit-remaining-requests"] == "3"
        assert limiter.state.redis_up
    finally:
        await limiter.aclose()


async def test_a_server_that_stops_answering_is_timed_out(redis_prefix: str,  # noqa: F811
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that accepts the connection but never answers: the check gives up after the timeout and
    the fail mode applies (rates fail open), instead of the request waiting for ever."""
    accepted: list[asyncio.StreamWriter] = []
    silent = await asyncio.start_server(lambda _reader, writer: accepted.append(writer), "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    monkeypatch.setenv("STEWARD_REDIS_URL", f"redis://127.0.0.1:{port}/0")
    settings = {"key_prefix": redis_prefix, "timeout_s": 0.2,
                "rules": [{"id": "rpm", "scope": "user", "requests_per_minute": 5}]}
    limiter = limiter_for(LimitsSettings.model_validate(settings))
    assert limiter is not None
    try:
        ex = _exchange("req_silent")
        await asyncio.wait_for(limiter.admit(ex, {}, "m"), 5)
        assert not limiter.state.redis_up and limiter.state.fail_open_admitted == 1
    finally:
        await limiter.aclose()
        for writer in accepted:
            writer.close()
            await writer.wait_closed()
        silent.close()
        await silent.wait_closed()
