"""Rate limits and budgets against the real Redis (a unique key prefix per test): 429s in OpenAI's shape
with Retry-After and x-ratelimit-* headers, budgets settled on the real usage, calendar resets, scopes,
and the fail modes when Redis is unreachable. The clock the limiter reads is injected."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

import proxy.stages.limits
import proxy.stages.limits_keys  # noqa: F401
from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion
from tests.support.gateway_process import free_port
from tests.support.redis_fixtures import redis_prefix, redis_server_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.redis

LIMITS = """
limits:
  key_prefix: "{prefix}"
  prices:
    gpt-4o-mini: {{input_per_1m: 1000000, output_per_1m: 2000000}}
  rules:
{rules}
"""
USAGE = {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}  # completion() reports this


class FakeClock:
    """Stands in for the `time` module inside proxy.stages.limits (wall clock and monotonic move together)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def time(self) -> float:
        return time.time() + self.offset

    def monotonic(self) -> float:
        return time.monotonic() + self.offset


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(proxy.stages.limits, "time", fake)
    return fake


@pytest.fixture
def rules() -> str:
    return "    - {id: user-rpm, scope: user, requests_per_minute: 3}"


@pytest.fixture
def redis_url(redis_server_url: str) -> str:  # noqa: F811
    return redis_server_url


@pytest.fixture
def config_text(redis_prefix: str, rules: str, redis_url: str,  # noqa: F811
                monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("STEWARD_REDIS_URL", redis_url)
    return CONFIG + LIMITS.format(prefix=redis_prefix, rules=rules)


@pytest.fixture
def limited(harness: Harness) -> Iterator[Harness]:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    yield harness


async def _chat(h: Harness, key: str | None = None, **extra: Any) -> Any:
    resp = await h.post("/v1/chat/completions", chat_body(**extra), key=key)
    limits = h.gateway.limits
    assert limits is not None
    await limits.flush()
    return resp


async def test_requests_per_minute_refuses_with_openai_headers_and_is_audited(limited: Harness) -> None:
    for remaining in (2, 1, 0):
        resp = await _chat(limited)
        assert resp.status_code == 200
        assert resp.headers["x-ratelimit-limit-requests"] == "3"
        assert resp.headers["x-ratelimit-remaining-requests"] == str(remaining)
    resp = await _chat(limited)
    assert resp.status_code == 429
    error = resp.json()["error"]
    assert (error["type"], error["code"]) == ("requests", "rate_limit_exceeded")
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    assert resp.headers["x-ratelimit-remaining-requests"] == "0"
    assert resp.headers["x-ratelimit-reset-requests"].endswith("s")
    row = await limited.audit_row(resp.headers["x-request-id"])
    assert (row["http_status"], row["reason_code"], row["decision"]) == (429, "rate_limit_exceeded", "refused")
    other = (await _chat(limited, key=limited.nobody_key))
    assert other.status_code != 429  # another user has a counter of their own


async def test_minute_window_resets(limited: Harness, clock: FakeClock) -> None:
    for _ in range(3):
        assert (await _chat(limited)).status_code == 200
    assert (await _chat(limited)).status_code == 429
    clock.offset += 61
    assert (await _chat(limited)).status_code == 200


@pytest.mark.parametrize("rules", ["    - {id: housing-tokens, scope: department, match: Housing, tokens_per_day: 30,"
                                   " clause: '13.2'}"])
async def test_token_budget_settles_on_real_usage_and_resets_next_day(limited: Harness, clock: FakeClock) -> None:
    # the reservation (an estimate of a few hundred tokens) is replaced by the 18 the provider reported
    assert (await _chat(limited)).status_code == 200
    assert (await _chat(limited)).status_code == 200  # 18 used < 30
    resp = await _chat(limited)  # 36 used >= 30
    assert resp.status_code == 429
    error = resp.json()["error"]
    assert (error["type"], error["code"], error["policy_clause"]) == ("insufficient_quota", "insufficient_quota",
                                                                      "13.2")
    assert "Token budget for the day" in error["message"]
    assert int(resp.headers["retry-after"]) <= 86_400
    clock.offset += 86_400
    assert (await _chat(limited)).status_code == 200


@pytest.mark.parametrize("rules", ["    - {id: casework-cost, scope: use_case, cost_per_month: 50}"])
async def test_cost_budget_per_use_case_from_the_price_table(limited: Harness) -> None:
    # price table: 1 per input token, 2 per output token -> 11 + 14 = 25 per request
    assert (await _chat(limited)).status_code == 200
    assert (await _chat(limited)).status_code == 200
    resp = await _chat(limited)
    assert resp.status_code == 429 and resp.json()["error"]["code"] == "insufficient_quota"
    assert "Estimated-cost budget for the month" in resp.json()["error"]["message"]


@pytest.mark.parametrize("rules", ["    - {id: key-rpm, scope: key, requests_per_minute: 1}\n"
                                   "    - {id: parks-rpm, scope: department, match: Parks, requests_per_minute: 1}"])
async def test_rules_apply_only_to_their_scope(limited: Harness) -> None:
    assert (await _chat(limited)).status_code == 200
    assert (await _chat(limited)).status_code == 429  # alice's key
    fresh = (await limited.gateway.keys.create("alice", ["staff"], department="Housing")).secret
    assert (await _chat(limited, key=fresh)).status_code == 200  # same user, another key


@pytest.mark.parametrize("rules", ["    - {id: tpm, scope: role, match: staff, tokens_per_minute: 1000}"])
async def test_streaming_reserves_and_settles(limited: Harness) -> None:
    from tests.gateway.conftest import sse
    limited.upstream.post(f"{UPSTREAM}/chat/completions").respond(
        200, content=sse({"choices": [{"index": 0, "delta": {"content": "Hi"}}]},
                         {"choices": [], "usage": USAGE}), headers={"content-type": "text/event-stream"})
    resp = await _chat(limited, stream=True, max_tokens=900)
    assert resp.status_code == 200 and resp.headers["x-ratelimit-limit-tokens"] == "1000"
    reserved = 1000 - int(resp.headers["x-ratelimit-remaining-tokens"])
    assert reserved > 900  # the estimate: max_tokens plus the prompt
    resp = await _chat(limited, max_tokens=10)
    assert resp.status_code == 200  # the stream settled to 18 tokens, so the minute is not spent
    assert int(resp.headers["x-ratelimit-remaining-tokens"]) > 900


class TestRedisDown:
    @pytest.fixture
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there

    @pytest.mark.parametrize("rules", ["    - {id: user-rpm, scope: user, requests_per_minute: 3}"])
    async def test_rates_fail_open_by_default(self, limited: Harness) -> None:
        assert (await _chat(limited)).status_code == 200
        ready = (await limited.client.get("/readyz")).json()
        assert ready["limits"]["redis"] == "down" and ready["limits"]["last_error"]

    @pytest.mark.parametrize("rules", ["    - {id: user-day, scope: user, tokens_per_day: 1000}"])
    async def test_budgets_fail_closed_by_default(self, limited: Harness) -> None:
        resp = await _chat(limited)
        assert resp.status_code == 503 and resp.json()["error"]["code"] == "limits_unavailable"
        rows = await limited.audit_rows()
        assert rows[0]["reason_code"] == "limits_unavailable"


@pytest.mark.parametrize("rules", ["    - {id: user-rpm, scope: user, requests_per_minute: 5}\n"
                                   "    - {id: staff-day, scope: role, match: staff, tokens_per_day: 1000,"
                                   " cost_per_month: 500, clause: '13'}"])
async def test_usage_for_the_caller_and_for_auditors(limited: Harness) -> None:
    for _ in range(2):
        assert (await _chat(limited)).status_code == 200
    await limited.gateway.audit.flush()
    resp = await limited.client.get("/v1/usage", headers=limited.auth())
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["user"] == "alice" and body["today"]["requests"] == 2
    assert body["today"]["input_tokens"] == 22 and body["today"]["estimated_cost"] == 2 * 25
    by_kind = {entry["kind"]: entry for entry in body["limits"]}
    assert by_kind["requests_per_minute"]["used"] == 2 and by_kind["requests_per_minute"]["remaining"] == 3
    assert by_kind["tokens_per_day"]["used"] == 36 and by_kind["tokens_per_day"]["policy_clause"] == "13"
    assert by_kind["cost_per_month"]["remaining"] == 450
    refused = await limited.client.get("/audit/v1/usage", headers=limited.auth())
    assert refused.status_code == 403  # auditors only
    auditor = (await limited.gateway.keys.create("aud", ["staff", "auditor"])).secret
    report = await limited.client.get("/audit/v1/usage?group_by=department", headers=limited.auth(auditor))
    assert report.status_code == 200, report.text
    housing = next(d for d in report.json()["data"] if d["department"] == "Housing")
    assert housing["output_tokens"] == 14 and housing["requests"] >= 2
    bad = await limited.client.get("/audit/v1/usage?group_by=resident", headers=limited.auth(auditor))
    assert bad.status_code == 400
