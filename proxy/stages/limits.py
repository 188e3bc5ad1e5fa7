"""Rate limits and budgets (config/limits.py) enforced across replicas through Redis (proxy/stages/limits_redis.py).

    admit(ex, body)   after the use case is known, before forwarding: count the request and reserve its
                      estimated tokens and cost in every counter it is subject to, or refuse with 429
    settle(ex)        when the request is audited: replace the reservation with the real usage

Redis unreachable: rates and budgets each fail open or closed as configured (default: rates open,
budgets closed), logged and shown in /readyz. After a failure Redis is not asked again for
`RETRY_DOWN_S`, so an outage costs one timeout per second, not one per request.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from typing import Any

import structlog
from redis.exceptions import RedisError

from config.limits import FailMode, LimitRule, LimitsSettings
from proxy.exchange import Exchange
from proxy.http.errors import ServiceUnavailable, StewardError
from proxy.identity.oidc import TokenVerifier
from proxy.ops import metrics
from proxy.stages.limits_keys import Applied, counters_for, estimate_cost, estimate_tokens, rules_for
from proxy.stages.limits_redis import RedisCounters, Verdict

log = structlog.get_logger("steward.limits")

RETRY_DOWN_S = 1.0


class RateLimited(StewardError):
    status = 429
    type = "requests"
    code = "rate_limit_exceeded"


class QuotaExceeded(RateLimited):
    type = "insufficient_quota"
    code = "insufficient_quota"


@dataclass(slots=True)
class Reservation:
    counters: list[Applied]
    tokens: float
    cost: float
    model: str


@dataclass
class LimiterState:
    redis_up: bool = True
    last_error: str | None = None
    down_until: float = 0.0
    fail_open_admitted: int = 0
    rejections: int = 0
    pending: dict[str, Reservation] = field(default_factory=dict)


class Limiter:
    def __init__(self, settings: LimitsSettings, counters: RedisCounters) -> None:
        self.settings = settings
        self.redis = counters
        self.state = LimiterState()
        self._tasks: set[asyncio.Task[None]] = set()

    async def admit(self, ex: Exchange, body: dict[str, Any], model: str) -> None:
        assert ex.principal is not None
        applied = counters_for(self.settings, rules_for(self.settings, ex.principal, ex.event.use_case),
                               estimate_tokens(ex, body, self.settings), estimate_cost(ex, body, self.settings, model),
                               time.time())
        if not applied:
            return
        verdict = await self._run(applied, ex.request_id)
        if verdict is None:
            return
        ex.response_headers.update(ratelimit_headers(applied, verdict))
        if verdict.denied:
            self.state.rejections += 1
            hit = applied[verdict.denied - 1]
            metrics.rejected(hit.rule.scope.value, hit.field)
            raise refusal(applied[verdict.denied - 1], verdict, ratelimit_headers(applied, verdict))
        self.state.pending[ex.request_id] = Reservation(applied, applied_amount(applied, "tokens"),
                                                        applied_amount(applied, "cost"), model)

    def settle(self, ex: Exchange) -> None:
        """Replace the reserved estimate with the real usage (in the background; never fails the request)."""
        reservation = self.state.pending.pop(ex.request_id, None)
        if reservation is None:
            return
        ev = ex.event
        if ev.prompt_tokens is None and ev.completion_tokens is None and ev.http_status == 200:
            return  # no usage reported: the estimate stands
        prompt, completion = ev.prompt_tokens or 0, ev.completion_tokens or 0
        deltas = settlement(reservation, prompt, completion, self.settings)
        task = asyncio.get_running_loop().create_task(self._settle(deltas))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def status(self) -> dict[str, Any]:
        return {"redis": "up" if self.state.redis_up else "down", "last_error": self.state.last_error,
                "on_redis_down": self.settings.on_redis_down.model_dump(mode="json")}

    async def flush(self) -> None:
        """Wait for the settlements in flight (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def aclose(self) -> None:
        await self.flush()
        await self.redis.aclose()

    async def _run(self, applied: list[Applied], member: str) -> Verdict | None:
        if time.monotonic() < self.state.down_until:
            self._redis_down(applied, None)
            return None
        try:
            verdict = await self.redis.admit([a.counter for a in applied], int(time.time() * 1000), member)
        except (RedisError, OSError) as exc:
            self._redis_down(applied, exc)
            return None
        if not self.state.redis_up:
            log.info("limits.redis_recovered")
        self.state.redis_up, self.state.last_error = True, None
        return verdict

    def _redis_down(self, applied: list[Applied], exc: Exception | None) -> None:
        """Apply the fail mode: raise where a counter fails closed, else admit unchecked."""
        if exc is not None:
            if self.state.redis_up:
                log.warning("limits.redis_unavailable", error=type(exc).__name__)
            self.state.redis_up, self.state.last_error = False, type(exc).__name__
            self.state.down_until = time.monotonic() + RETRY_DOWN_S
        modes = self.settings.on_redis_down
        closed = [a for a in applied if (modes.budgets if a.budget else modes.rates) is FailMode.CLOSED]
        if closed:
            what = "budgets" if closed[0].budget else "rate limits"
            raise ServiceUnavailable(f"The store that enforces {what} is unavailable, so requests subject to them "
                                     "are refused until it recovers (fail closed).", code="limits_unavailable")
        self.state.fail_open_admitted += 1

    async def _settle(self, deltas: dict[str, float]) -> None:
        try:
            await self.redis.settle(deltas)
        except (RedisError, OSError) as exc:
            log.warning("limits.settle_failed", error=type(exc).__name__)


def applied_amount(applied: list[Applied], unit: str) -> float:
    return next((a.counter.amount for a in applied if a.unit == unit), 0.0)


def settlement(reservation: Reservation, prompt: int, completion: int, settings: LimitsSettings) -> dict[str, float]:
    """Per counter key, the correction from the reserved estimate to the real usage."""
    price = settings.prices.get(reservation.model)
    real_cost = 0.0 if price is None else (prompt * price.input_per_1m + completion * price.output_per_1m) / 1e6
    real = {"tokens": float(prompt + completion), "cost": real_cost}
    deltas: dict[str, float] = {}
    for a in reservation.counters:
        if a.unit in real:
            delta = real[a.unit] - a.counter.amount
            if delta:
                deltas[a.counter.keys[0]] = delta
    return deltas


def ratelimit_headers(applied: list[Applied], verdict: Verdict) -> dict[str, str]:
    """OpenAI's x-ratelimit-* headers for the tightest request and token counters (after this request)."""
    headers: dict[str, str] = {}
    for unit, suffix in (("requests", "requests"), ("tokens", "tokens")):
        best: tuple[float, Applied] | None = None
        for i, a in enumerate(applied):
            if a.unit != unit or a.budget:
                continue
            admitted = 0 if verdict.denied else (1 if unit == "requests" else a.counter.amount)
            remaining = max(0.0, a.counter.limit - verdict.used[i] - admitted)
            if best is None or remaining < best[0]:
                best = (remaining, a)
        if best is not None:
            headers[f"x-ratelimit-limit-{suffix}"] = str(int(best[1].counter.limit))
            headers[f"x-ratelimit-remaining-{suffix}"] = str(int(best[0]))
            headers[f"x-ratelimit-reset-{suffix}"] = duration(best[1].counter.window_ms / 1000)
    if verdict.denied:
        headers["retry-after"] = str(max(1, int(-(-verdict.retry_ms // 1000))))
        headers["retry-after-ms"] = str(int(verdict.retry_ms))
    return headers


def refusal(hit: Applied, verdict: Verdict, headers: dict[str, str]) -> RateLimited:
    rule: LimitRule = hit.rule
    kind = QuotaExceeded if hit.budget else RateLimited
    wait = duration(verdict.retry_ms / 1000)
    message = (f"{hit.describe()} reached (limit '{rule.id}' for this {rule.scope.value.replace('_', ' ')}). "
               f"Try again in {wait}.")
    return kind(message, policy_clause=rule.clause, headers=headers)


def duration(seconds: float) -> str:
    """OpenAI's reset format: 1s, 6m0s, 2h3m4s."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes}m{secs}s"
    return f"{minutes}m{secs}s" if minutes else f"{secs}s"


def limiter_for(settings: LimitsSettings | None, current: Limiter | None = None) -> Limiter | None:
    if settings is None:
        return None
    if current is not None and current.settings == settings:
        return current
    url = os.environ.get(settings.redis_url_env)
    if not url:
        raise RuntimeError(f"limits are configured but {settings.redis_url_env} (the Redis URL) is not set")
    return Limiter(settings, RedisCounters(url, settings.timeout_s))


def readiness_detail(limits: Limiter | None, sso: TokenVerifier | None) -> dict[str, Any]:
    """/readyz detail for the shared limit store and the identity provider's keys (no secrets)."""
    detail: dict[str, Any] = {}
    if limits is not None:
        detail["limits"] = limits.status()
    if sso is not None:
        detail["sso"] = sso.jwks.status()
    return detail
