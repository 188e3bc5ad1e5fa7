"""Rate limits and budgets (config/limits.py) enforced across replicas through Redis (proxy/stages/limits_redis.py).

    admit(ex, body)   after the use case is known, before forwarding: count the request and reserve its
                      estimated tokens and cost in every counter it is subject to, or refuse with 429
                      (headers and refusals: proxy/stages/limits_refusals.py)
    settle(ex)        when the request is audited: replace the reservation with the real usage (queued,
                      sent to Redis after the response in one batch with the others queued meanwhile)

Redis unreachable: rates and budgets each fail open or closed as configured (default: rates open,
budgets closed), logged and shown in /readyz. After a failure Redis is not asked again for
`RETRY_DOWN_S`, so an outage costs one timeout per second, not one per request.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import structlog
from redis.exceptions import RedisError

from config.limits import FailMode, LimitsSettings, ModelPrice
from proxy.exchange import Exchange
from proxy.http.errors import ServiceUnavailable
from proxy.identity.auth import Principal
from proxy.identity.oidc import TokenVerifier
from proxy.ops import metrics
from proxy.stages.limits_keys import Plan, Window, input_tokens, output_tokens, plan_for, plan_key
from proxy.stages.limits_redis import RedisCounters, Verdict
from proxy.stages.limits_refusals import ratelimit_headers, refusal

log = structlog.get_logger("steward.limits")

RETRY_DOWN_S = 1.0
RETIRE_GRACE_S = 600.0  # a replaced limiter closes when idle, or after this (a stream still open loses its settlement)
PLAN_CACHE_SIZE = 4096  # callers x use cases x models; cleared when full


@dataclass(slots=True)
class Reservation:
    """What `admit` counted for one request, until `settle` corrects it to the real usage."""

    owner: Limiter  # the limiter that counted it (a reload may have replaced it since)
    tokens: float
    cost: float
    price: ModelPrice | None
    token_keys: tuple[str, ...]
    cost_keys: tuple[str, ...]


@dataclass
class LimiterState:
    redis_up: bool = True
    last_error: str | None = None
    down_until: float = 0.0
    fail_open_admitted: int = 0
    rejections: int = 0


class Limiter:
    """Counts requests against their limits. Replaced as a whole when the policy's limits change: the
    old one is retired and closes its Redis connections once nothing in flight uses them."""

    def __init__(self, settings: LimitsSettings, counters: RedisCounters,
                 pending: dict[str, Reservation] | None = None) -> None:
        self.settings = settings
        self.redis = counters
        self.state = LimiterState()
        self.pending: dict[str, Reservation] = {} if pending is None else pending  # shared across reloads
        self._plans: dict[tuple[Any, ...], Plan] = {}
        self._deltas: dict[str, float] = {}  # settlements waiting for the next batch
        self._drain: asyncio.Task[None] | None = None
        self._busy = 0  # admits and reads in progress, and reservations not yet settled
        self._retired = False
        self._closing: asyncio.Task[None] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._predecessors: list[Limiter] = []  # retired, maybe not closed yet
        self._closed = asyncio.Event()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def plan(self, principal: Principal, use_case: str | None, model: str | None) -> Plan:
        key = plan_key(principal, use_case, model)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= PLAN_CACHE_SIZE:
                self._plans.clear()
            plan = self._plans[key] = plan_for(self.settings, principal, use_case, model)
        return plan

    async def admit(self, ex: Exchange, body: dict[str, Any], model: str) -> None:
        assert ex.principal is not None
        plan = self.plan(ex.principal, ex.event.use_case, model)
        if not plan.slots:
            return
        now_ms = int(time.time() * 1000)
        window = plan.window(now_ms)
        prompt, completion = input_tokens(ex, body), output_tokens(ex, body, self.settings)
        tokens, cost = float(prompt + completion), plan.cost(prompt, completion)
        self._busy += 1
        try:
            verdict = await self._run(plan, window, now_ms, tokens, cost, ex.request_id)
        finally:
            self._release()
        if verdict is None:
            return
        headers = ratelimit_headers(plan, verdict, tokens)
        ex.response_headers.update(headers)
        if verdict.denied:
            self.state.rejections += 1
            hit = plan.slots[verdict.denied - 1]
            metrics.rejected(hit.rule.scope.value, hit.field)
            raise refusal(hit, verdict, headers)
        self._busy += 1  # until settled
        self.pending[ex.request_id] = Reservation(
            self, tokens, cost, plan.price, tuple(window.counters[i][0] for i in plan.token_slots),
            tuple(window.counters[i][0] for i in plan.cost_budgets))

    def settle(self, ex: Exchange) -> None:
        """Queue the correction from the reserved estimate to the real usage; it is sent to Redis after the
        response, batched with the others that arrive meanwhile (never fails the request)."""
        reservation = self.pending.pop(ex.request_id, None)
        if reservation is not None:
            reservation.owner._settle(reservation, ex)

    def status(self) -> dict[str, Any]:
        return {"redis": "up" if self.state.redis_up else "down", "last_error": self.state.last_error,
                "on_redis_down": self.settings.on_redis_down.model_dump(mode="json")}

    @asynccontextmanager
    async def in_use(self) -> AsyncIterator[RedisCounters]:
        """The Redis counters, kept open (a reload does not close them) until the block ends."""
        self._busy += 1
        try:
            yield self.redis
        finally:
            self._release()

    async def flush(self) -> None:
        """Wait until every queued settlement reached Redis (tests, shutdown)."""
        while self._drain is not None:
            await asyncio.gather(self._drain, return_exceptions=True)

    def retire(self, successor: Limiter | None) -> None:
        """Replaced by a reload: close once idle (at the latest after RETIRE_GRACE_S)."""
        self._retired = True
        if successor is not None:
            successor._predecessors = [old for old in (*self._predecessors, self) if not old.closed]
        self._deadline = asyncio.get_running_loop().call_later(RETIRE_GRACE_S, self._close_now)
        self._maybe_close()

    async def wait_closed(self) -> None:
        """Wait until a retired limiter has closed its connections (it closes once idle)."""
        await self._closed.wait()

    async def aclose(self) -> None:
        for old in self._predecessors:
            old._close_now()
        self._close_now()
        await asyncio.gather(*(lim._closing for lim in [*self._predecessors, self] if lim._closing is not None))

    def _close_now(self) -> None:
        if self._closing is None:
            self._closing = asyncio.get_running_loop().create_task(self._close())

    async def _close(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        await self.flush()
        await self.redis.aclose()
        self._closed.set()
        log.debug("limits.closed", retired=self._retired)

    def _release(self) -> None:
        self._busy -= 1
        self._maybe_close()

    def _maybe_close(self) -> None:
        if self._retired and self._busy == 0 and self._drain is None:
            self._close_now()

    async def _run(self, plan: Plan, window: Window, now_ms: int, tokens: float, cost: float,
                   member: str) -> Verdict | None:
        if time.monotonic() < self.state.down_until:
            self._redis_down(plan, None)
            return None
        try:
            verdict = await self.redis.admit(window, now_ms, member, tokens, cost)
        except (RedisError, OSError) as exc:
            self._redis_down(plan, exc)
            return None
        if not self.state.redis_up:
            log.info("limits.redis_recovered")
            self.state.redis_up, self.state.last_error = True, None
        return verdict

    def _redis_down(self, plan: Plan, exc: Exception | None) -> None:
        """Apply the fail mode: raise where a counter fails closed, else admit unchecked."""
        if exc is not None:
            if self.state.redis_up:
                log.warning("limits.redis_unavailable", error=type(exc).__name__)
            self.state.redis_up, self.state.last_error = False, type(exc).__name__
            self.state.down_until = time.monotonic() + RETRY_DOWN_S
        modes = self.settings.on_redis_down
        closed = [s for s in plan.slots if (modes.budgets if s.budget else modes.rates) is FailMode.CLOSED]
        if closed:
            what = "budgets" if closed[0].budget else "rate limits"
            raise ServiceUnavailable(f"The store that enforces {what} is unavailable, so requests subject to them "
                                     "are refused until it recovers (fail closed).", code="limits_unavailable")
        self.state.fail_open_admitted += 1

    def _settle(self, reservation: Reservation, ex: Exchange) -> None:
        try:
            ev = ex.event
            if ev.prompt_tokens is None and ev.completion_tokens is None and ev.http_status == 200:
                return  # no usage reported: the estimate stands
            if self._closing is not None:
                log.warning("limits.settle_dropped", reason="limiter closed")
                return
            for key, delta in settlement(reservation, ev.prompt_tokens or 0, ev.completion_tokens or 0):
                self._deltas[key] = self._deltas.get(key, 0.0) + delta
            if self._deltas and self._drain is None:
                self._drain = asyncio.get_running_loop().create_task(self._send_settlements())
        finally:
            self._release()

    async def _send_settlements(self) -> None:
        """One script call per batch: settlements queued while one is in flight go together in the next."""
        try:
            while self._deltas:
                deltas, self._deltas = self._deltas, {}
                try:
                    await self.redis.settle(deltas)
                except (RedisError, OSError) as exc:
                    log.warning("limits.settle_failed", error=type(exc).__name__, counters=len(deltas))
        finally:
            self._drain = None
            self._maybe_close()


def settlement(reservation: Reservation, prompt: int, completion: int) -> list[tuple[str, float]]:
    """Per counter key, the correction from the reserved estimate to the real usage."""
    out: list[tuple[str, float]] = []
    delta = float(prompt + completion) - reservation.tokens
    if delta:
        out.extend((key, delta) for key in reservation.token_keys)
    if reservation.cost_keys:
        price = reservation.price
        real = 0.0 if price is None else (prompt * price.input_per_1m + completion * price.output_per_1m) / 1e6
        if delta := real - reservation.cost:
            out.extend((key, delta) for key in reservation.cost_keys)
    return out


def limits_problems(settings: LimitsSettings | None) -> list[str]:
    """What stops these limits from being enforced (checked before a policy with them is accepted)."""
    if settings is None:
        return []
    url = os.environ.get(settings.redis_url_env)
    if not url:
        return [f"limits: the Redis URL is not set (environment variable {settings.redis_url_env}); "
                "limits need the shared Redis"]
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        return [f"limits: {settings.redis_url_env} is not a Redis URL (redis://, rediss:// or unix://)"]
    return []


def limiter_for(settings: LimitsSettings | None, current: Limiter | None = None) -> Limiter | None:
    """The limiter for these settings: `current` when they are unchanged, else a new one (the current one
    is retired: it closes its connections once its requests in flight are done with them)."""
    if current is not None and current.settings == settings:
        return current
    if settings is not None and (problems := limits_problems(settings)):
        raise RuntimeError(problems[0])
    fresh = None if settings is None else Limiter(settings, RedisCounters(os.environ[settings.redis_url_env],
                                                                         settings.timeout_s),
                                                  current.pending if current is not None else None)
    if current is not None:
        current.retire(fresh)
    return fresh


def readiness_detail(limits: Limiter | None, sso: TokenVerifier | None) -> dict[str, Any]:
    """/readyz detail for the shared limit store and the identity provider's keys (no secrets)."""
    detail: dict[str, Any] = {}
    if limits is not None:
        detail["limits"] = limits.status()
    if sso is not None:
        detail["sso"] = sso.jwks.status()
    return detail
