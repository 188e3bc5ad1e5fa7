"""Quota leases (proxy/stages/limits_lease.py) against the real Redis: a busy counter far from its limit is
served from a lease without a round trip, near the limit every request is checked exactly, leases go back
at their end and on shutdown, a refused request gives its unit back, and a Redis outage with a lease out
admits only what the lease holds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any, cast

import pytest
import redis

from config.limits import LimitsSettings
from proxy.exchange import Exchange
from proxy.http.errors import ServiceUnavailable
from proxy.identity.auth import Principal
from proxy.stages.limits import Limiter, limiter_for
from proxy.stages.limits_refusals import RateLimited
from tests.support.redis_fixtures import OwnRedis, own_redis, redis_prefix, redis_server_url  # noqa: F401

pytestmark = pytest.mark.redis

PROMPT_BYTES = 400  # content-length: about 100 input tokens; with 512 reserved for output, 612 a request


def _exchange(request_id: str) -> Exchange:
    principal = Principal("morgan", "Morgan", ("staff",), "Parks", "k7", "sha256:0")
    event = SimpleNamespace(use_case=None, prompt_tokens=None, completion_tokens=None, http_status=None)
    request = SimpleNamespace(headers={"content-length": str(PROMPT_BYTES)})
    return cast(Exchange, SimpleNamespace(principal=principal, event=event, request=request,
                                          endpoint="chat.completions", request_id=request_id, response_headers={}))


def _settings(prefix: str, rpm: int, lease_ms: int = 250, **rule: Any) -> LimitsSettings:
    return LimitsSettings.model_validate({"key_prefix": prefix, "lease_ms": lease_ms,
                                          "rules": [{"id": "rpm", "scope": "user", "requests_per_minute": rpm,
                                                     **rule}]})


def _make(settings: LimitsSettings, url: str, monkeypatch: pytest.MonkeyPatch) -> Limiter:
    monkeypatch.setenv("STEWARD_REDIS_URL", url)
    limiter = limiter_for(settings)
    assert limiter is not None
    return limiter


def _log_size(url: str, prefix: str) -> int:
    """Entries in the user's sliding request log (requests and lease placeholders)."""
    client = redis.Redis.from_url(url)
    try:
        return sum(int(client.zcard(k)) for k in client.scan_iter(match=f"{prefix}*:rpm"))
    finally:
        client.close()


def _day_tokens(url: str, prefix: str) -> float:
    client = redis.Redis.from_url(url)
    try:
        return sum(float(client.get(k) or 0) for k in client.scan_iter(match=f"{prefix}*:td:*")
                   if not k.endswith(b":lease"))
    finally:
        client.close()


async def _admit(limiter: Limiter, request_id: str) -> tuple[Exchange, bool]:
    """Admit one request; (its exchange, whether it came from a lease). Raises the 429 / 503."""
    ex = _exchange(request_id)
    admission = limiter.begin(ex, {}, "m", None)
    await admission.finish(ex)
    return ex, admission.leased is not None


async def _warm(limiter: Limiter, n: int, tag: str) -> int:
    """Enough requests for the counters to ask for leases, then wait for the grants; how many were admitted."""
    for i in range(n):
        await _admit(limiter, f"{tag}{i}")
    await limiter.flush()
    return n


@pytest.fixture
async def busy(redis_server_url: str, redis_prefix: str,  # noqa: F811
               monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Limiter]:
    # the model has no price: the cost budget is leased too, with nothing taken from it
    limiter = _make(_settings(redis_prefix, 100_000, lease_ms=1000, tokens_per_day=10_000_000, cost_per_day=5),
                    redis_server_url, monkeypatch)
    yield limiter
    await limiter.aclose()


async def test_far_from_the_limit_requests_are_admitted_from_leases(busy: Limiter, redis_server_url: str,  # noqa: F811
                                                                    redis_prefix: str) -> None:  # noqa: F811
    admitted = await _warm(busy, 8, "warm")
    before, leased = busy.status()["admitted_from_leases"], 0
    for i in range(30):
        ex, from_lease = await _admit(busy, f"r{i}")
        leased += from_lease
        assert int(ex.response_headers["x-ratelimit-remaining-requests"]) <= 100_000 - admitted - 1 - i
    assert leased >= 20  # the first lease covers the next requests; the next one is asked for ahead of need
    assert busy.status()["admitted_from_leases"] - before == leased
    await busy.aclose()  # shutdown returns what the leases did not use
    assert _log_size(redis_server_url, redis_prefix) == admitted + 30
    assert _day_tokens(redis_server_url, redis_prefix) == (admitted + 30) * 612


async def test_leases_go_back_at_their_end(redis_server_url: str, redis_prefix: str,  # noqa: F811
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    limiter = _make(_settings(redis_prefix, 100_000, lease_ms=200), redis_server_url, monkeypatch)
    try:
        admitted = await _warm(limiter, 8, "warm")
        assert limiter.leases is not None and limiter.leases.holding
        assert _log_size(redis_server_url, redis_prefix) > admitted  # placeholders reserved for this replica
        for _ in range(100):  # the lease ends 200 ms after it was granted (a busy machine may take longer)
            if _log_size(redis_server_url, redis_prefix) == admitted:
                break
            await asyncio.sleep(0.05)
        assert _log_size(redis_server_url, redis_prefix) == admitted
        assert not limiter.leases.holding
    finally:
        await limiter.aclose()


async def test_near_the_limit_every_request_is_checked_and_exactly_the_limit_is_admitted(
        redis_server_url: str, redis_prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    limit = 200
    limiter = _make(_settings(redis_prefix, limit, lease_ms=1000), redis_server_url, monkeypatch)
    try:
        sources: list[bool] = []
        refused = 0
        for i in range(limit + 15):
            try:
                ex, from_lease = await _admit(limiter, f"r{i}")
            except RateLimited:
                refused += 1
                continue
            sources.append(from_lease)
            # never promises more than is left
            assert int(ex.response_headers["x-ratelimit-remaining-requests"]) <= limit - len(sources)
            if i % 10 == 9:
                await limiter.flush()  # let the grants asked for meanwhile arrive
        assert len(sources) == limit and refused == 15
        assert any(sources[:100])  # far from the limit, leases
        # a lease needs headroom of lease_headroom (8) x its size, so the last units were never leased
        assert not any(sources[-5:])
        assert ex.response_headers["x-ratelimit-remaining-requests"] == "0"
        await limiter.flush()
        assert _log_size(redis_server_url, redis_prefix) == limit  # no placeholder left over
    finally:
        await limiter.aclose()


async def test_a_request_refused_after_its_lease_admission_gives_the_unit_back(busy: Limiter,
                                                                                redis_server_url: str,  # noqa: F811
                                                                                redis_prefix: str) -> None:  # noqa: F811
    admitted = await _warm(busy, 8, "warm")
    abandoned = 0
    for i in range(10):
        ex = _exchange(f"gone{i}")
        admission = busy.begin(ex, {}, "m", None)
        abandoned += admission.leased is not None
        admission.abandon()  # e.g. the policy refused it while it was being admitted
    assert abandoned >= 5
    await busy.aclose()
    assert _log_size(redis_server_url, redis_prefix) == admitted
    assert _day_tokens(redis_server_url, redis_prefix) == admitted * 612


async def test_redis_outage_with_a_lease_out(own_redis: OwnRedis, redis_prefix: str,  # noqa: F811
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests the lease covers are admitted (their units were counted before the outage); past the lease
    the fail mode applies (budgets fail closed); once Redis is back, requests are admitted again."""
    settings = _settings(redis_prefix, 100_000, lease_ms=1000, tokens_per_day=10_000_000)
    limiter = _make(settings, own_redis.url, monkeypatch)
    try:
        await _warm(limiter, 8, "warm")
        own_redis.stop()
        _, from_lease = await _admit(limiter, "during")
        assert from_lease
        with pytest.raises(ServiceUnavailable):  # the lease is over (or returned): the day budget fails closed
            for i in range(300):
                await _admit(limiter, f"after{i}")
                await asyncio.sleep(0.01)
        assert limiter.status()["redis"] == "down"
        own_redis.start()
        deadline = time.monotonic() + 10
        while True:
            try:
                await _admit(limiter, "back")
                break
            except ServiceUnavailable:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.2)
        assert limiter.status()["redis"] == "up"
    finally:
        await limiter.aclose()


async def test_leasing_off_checks_every_request(redis_server_url: str, redis_prefix: str,  # noqa: F811
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    limiter = _make(_settings(redis_prefix, 100_000, lease_ms=0), redis_server_url, monkeypatch)
    try:
        for i in range(20):
            assert not (await _admit(limiter, f"r{i}"))[1]
        await limiter.flush()
        assert _log_size(redis_server_url, redis_prefix) == 20
    finally:
        await limiter.aclose()


async def test_requests_admitted_from_leases_settle_on_their_real_usage(busy: Limiter,
                                                                        redis_server_url: str,  # noqa: F811
                                                                        redis_prefix: str) -> None:  # noqa: F811
    """A lease reserves each request's estimate (prompt + max output); the answer's usage replaces it, as for
    a request checked in Redis (streams settle the same way when they end)."""
    admitted = await _warm(busy, 8, "warm")
    leased = 0
    for i in range(10):
        ex, from_lease = await _admit(busy, f"s{i}")
        leased += from_lease
        ex.event.prompt_tokens, ex.event.completion_tokens, ex.event.http_status = 30, 12, 200
        busy.settle(ex)
    assert leased >= 5
    await busy.aclose()
    assert _day_tokens(redis_server_url, redis_prefix) == admitted * 612 + 10 * 42
