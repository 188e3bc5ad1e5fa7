"""Rate limits and budgets (config/limits.py) enforced across replicas through Redis (proxy/stages/limits_redis.py).

    begin(ex, body, model, use_case)
                      as soon as the caller, tool and use case are known: send the request's admission
                      check to Redis (count it and reserve its estimated tokens and cost in every counter
                      it is subject to, or count nothing) without waiting for the answer
    finish(ex, admission)
                      before forwarding: await the verdict; refuse with 429 (headers and refusals:
                      proxy/stages/limits_refusals.py)
    abandon(admission)
                      the request was refused in between (policy): take back what its check counted
    admit(ex, body)   begin + finish
    settle(ex)        when the request is audited: replace the reservation with the real usage

A busy counter far from its limit is served from a quota lease instead (proxy/stages/limits_lease.py):
`begin` admits the request locally from units this replica reserved in Redis beforehand, with no round
trip; leases are asked for ahead of need in the background and returned at their end. Otherwise the
pipeline scans the request while the check is on its way, so the Redis round trip overlaps the
scan. A request the policy refuses meanwhile keeps its count until its refund arrives (one round trip
and the next write): a request racing it may be refused, never one admitted over a limit.
Corrections (settlements, and refunds of abandoned checks) are queued and sent with the next admission
check on the same write, or after `SETTLE_DELAY_S` when none comes; the counters are exact once they
arrive. Redis unreachable: rates and budgets each fail open or closed as configured (default: rates
open, budgets closed), logged and shown in /readyz. After a failure Redis is not asked again for
`RETRY_DOWN_S`, so an outage costs one timeout per second, not one per request.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import structlog
from redis.exceptions import NoScriptError, RedisError

from config.limits import FailMode, LimitsSettings, ModelPrice
from policies.refusal import Refusal
from policies.usecases import select_use_case
from proxy.exchange import Exchange
from proxy.http.errors import ServiceUnavailable
from proxy.http.free_text import caller_identifier
from proxy.identity.auth import Principal
from proxy.identity.oidc import TokenVerifier
from proxy.ops import metrics
from proxy.stages.inspect import USE_CASE_HEADER
from proxy.stages.limits_keys import MINUTE_MS, Plan, Window, input_tokens, output_tokens, plan_for, plan_key
from proxy.stages.limits_lease import SWEEP_S, Counter, Grant, LeaseBook, Taken, give_back, take_back
from proxy.stages.limits_redis import RedisCounters, Verdict, verdict_of
from proxy.stages.limits_refusals import ratelimit_headers, refusal

log = structlog.get_logger("steward.limits")

RETRY_DOWN_S = 1.0
SETTLE_DELAY_S = 0.02  # how long a correction waits for an admission check to travel with (short: a spent
# estimate must not hold a budget for long after its request ended)
RETIRE_GRACE_S = 600.0  # a replaced limiter closes when idle, or after this (a stream still open loses its settlement)
PLAN_CACHE_SIZE = 4096  # callers x use cases x models; cleared when full
UNDECIDED = "\x00undecided"  # an admission begun before its use case could be chosen (never a use case id)
LEASE_WAITS = 4  # times a check refused while another replica's lease on its counter is out waits for it
_NOTHING = Plan((), None)


@dataclass(slots=True)
class Reservation:
    """What `admit` counted for one request, until `settle` corrects it to the real usage."""

    owner: Limiter  # the limiter that counted it (a reload may have replaced it since)
    tokens: float
    cost: float
    price: ModelPrice | None
    token_keys: tuple[str, ...]
    cost_keys: tuple[str, ...]


@dataclass(slots=True)
class Admission:
    """An admission check sent to Redis (`Limiter.begin`), its verdict not yet read."""

    owner: Limiter
    plan: Plan
    window: Window | None  # None when there is nothing to check
    model: str
    use_case: str | None  # the use case the check was for (UNDECIDED: not known early, checked in `finish`)
    prompt: int
    completion: int
    tokens: float
    cost: float
    member: str  # the request id, as counted in the request logs
    packed: bytes  # the script call, kept to resend after NOSCRIPT
    future: asyncio.Future[Any] | None  # None: nothing to check, admitted from leases, or Redis is known down
    leased: tuple[Verdict, list[Taken]] | None = None  # admitted from this replica's leases (no round trip)

    async def finish(self, ex: Exchange) -> None:
        await self.owner.finish(ex, self)

    def abandon(self) -> None:
        self.owner.abandon(self)


@dataclass
class LimiterState:
    redis_up: bool = True
    last_error: str | None = None
    down_until: float = 0.0
    fail_open_admitted: int = 0
    rejections: int = 0
    leased: int = 0  # requests admitted from leases (no round trip)


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
        self._deltas: dict[str, float] = {}  # corrections waiting to be sent, per counter key
        self._removals: list[tuple[str, str]] = []  # (request log, request id) of refunded checks
        self._timer: asyncio.TimerHandle | None = None  # sends the corrections if no check comes first
        self._settling: asyncio.Future[Any] | None = None  # the last corrections sent, until answered
        self._abandoned: set[asyncio.Future[Any]] = set()  # checks of refused requests, until refunded
        self._busy = 0  # admits and reads in progress, and reservations not yet settled
        self._retired = False
        self._closing: asyncio.Task[None] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._predecessors: list[Limiter] = []  # retired, maybe not closed yet
        self._closed = asyncio.Event()
        self.leases = LeaseBook(settings.lease_ms) if settings.lease_ms else None
        self._lease_tag = secrets.token_hex(4)  # this limiter's lease ids: <tag>.<n>
        self._lease_seq = 0
        self._asks: set[asyncio.Future[Any]] = set()  # lease requests on their way
        self._sweeper: asyncio.TimerHandle | None = None  # forgets idle counters, returns stray leases

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

    def begin(self, ex: Exchange, body: dict[str, Any], model: str, use_case: str | None) -> Admission:
        """Send this request's admission check now (written to the socket before returning)."""
        return self._begin(ex, model, use_case, input_tokens(ex, body), output_tokens(ex, body, self.settings))

    def _begin(self, ex: Exchange, model: str, use_case: str | None, prompt: int, completion: int) -> Admission:
        assert ex.principal is not None
        plan = _NOTHING if use_case == UNDECIDED else self.plan(ex.principal, use_case, model)
        if not plan.slots:
            return Admission(self, plan, None, model, use_case, prompt, completion, 0.0, 0.0, ex.request_id, b"", None)
        now_ms = int(time.time() * 1000)
        window = plan.window(now_ms)
        tokens, cost = float(prompt + completion), plan.cost(prompt, completion)
        self._busy += 1
        if self.leases is not None:
            leased = self._lease(plan, window, now_ms, tokens, cost)
            if leased is not None:
                self.state.leased += 1
                return Admission(self, plan, window, model, use_case, prompt, completion, tokens, cost, ex.request_id,
                                 b"", None, leased)
        packed = self.redis.pack_admit(window, now_ms, ex.request_id, tokens, cost)
        future = self._send(packed) if time.monotonic() >= self.state.down_until else None
        return Admission(self, plan, window, model, use_case, prompt, completion, tokens, cost, ex.request_id, packed,
                         future)

    def _lease(self, plan: Plan, window: Window, now_ms: int, tokens: float,
               cost: float) -> tuple[Verdict, list[Taken]] | None:
        """Admit from this replica's leases if they cover the request; ask for the next leases ahead of need."""
        assert self.leases is not None
        leases = self.leases
        leased, asks = leases.admit(plan, window, now_ms, tokens, cost)
        if asks and time.monotonic() >= self.state.down_until:
            self._ask(plan, window, now_ms, asks)
        if leases.spent:
            for grant in leases.spent:
                self._correct(*leases.release(grant))
            leases.spent.clear()
        if self._sweeper is None:
            self._sweeper = asyncio.get_running_loop().call_later(SWEEP_S, self._sweep)
        return leased

    async def finish(self, ex: Exchange, admission: Admission) -> None:
        """The verdict: record the reservation, or raise the 429 (or 503 when Redis is down and fail closed)."""
        if admission.use_case != ex.event.use_case:  # checked for another use case than the one chosen
            self.abandon(admission)
            admission = self._begin(ex, admission.model, ex.event.use_case, admission.prompt, admission.completion)
        if admission.window is None:
            return
        try:
            if admission.leased is not None:
                verdict: Verdict | None = admission.leased[0]
            else:
                admission, verdict = await self._checked(admission)
        finally:
            self._release()
        if verdict is None:
            return
        plan, window = admission.plan, admission.window
        assert window is not None
        if admission.leased is None and self.leases is not None and self.leases.counters:
            verdict = self.leases.honest(plan, window, verdict, int(time.time() * 1000))
        tokens = admission.tokens
        headers = ratelimit_headers(plan, verdict, tokens)
        ex.response_headers.update(headers)
        if verdict.denied:
            self.state.rejections += 1
            hit = plan.slots[verdict.denied - 1]
            metrics.rejected(hit.rule.scope.value, hit.field)
            raise refusal(hit, verdict, headers)
        self._busy += 1  # until settled
        self.pending[ex.request_id] = Reservation(
            self, tokens, admission.cost, plan.price, tuple(window.counters[i][0] for i in plan.token_slots),
            tuple(window.counters[i][0] for i in plan.cost_budgets))

    async def _checked(self, admission: Admission) -> tuple[Admission, Verdict | None]:
        """Redis's verdict; refused while another replica's lease on the counter is out, checked again once
        that lease is back (so a refusal means the limit is spent by requests, not by reservations)."""
        verdict = await self._verdict(admission)
        for _ in range(2 * LEASE_WAITS):
            if verdict is None or not verdict.denied or verdict.lease_wait_ms <= 0:
                break
            assert admission.window is not None
            own = [] if self.leases is None else self.leases.drop(admission.window.counters[verdict.denied - 1][0])
            if own:  # this replica's own reserve is in the way: returned in the same write as the next check
                for grant in own:
                    self._correct(*give_back(grant))
            else:
                await asyncio.sleep(verdict.lease_wait_ms / 1000)
            now_ms = int(time.time() * 1000)
            window = admission.plan.window(now_ms)
            packed = self.redis.pack_admit(window, now_ms, admission.member, admission.tokens, admission.cost)
            future = self._send(packed) if time.monotonic() >= self.state.down_until else None
            admission = dataclasses.replace(admission, window=window, packed=packed, future=future)
            verdict = await self._verdict(admission)
        return admission, verdict

    async def admit(self, ex: Exchange, body: dict[str, Any], model: str) -> None:
        await self.finish(ex, self.begin(ex, body, model, ex.event.use_case))

    def abandon(self, admission: Admission) -> None:
        """The request was refused before `finish`: once the verdict is in, take back what it counted."""
        if admission.window is None:
            return
        if admission.leased is not None:
            self._correct(*take_back(admission.leased[1], int(time.time() * 1000)))
        if admission.future is None:
            self._release()
            return
        self._abandoned.add(admission.future)
        admission.future.add_done_callback(partial(self._refund, admission))

    def settle(self, ex: Exchange) -> None:
        """Queue the correction from the reserved estimate to the real usage; it is sent to Redis after the
        response, batched with the others that arrive meanwhile (never fails the request)."""
        reservation = self.pending.pop(ex.request_id, None)
        if reservation is not None:
            reservation.owner._settle(reservation, ex)

    def status(self) -> dict[str, Any]:
        return {"redis": "up" if self.state.redis_up else "down", "last_error": self.state.last_error,
                "on_redis_down": self.settings.on_redis_down.model_dump(mode="json"),
                "admitted_from_leases": self.state.leased}

    @asynccontextmanager
    async def in_use(self) -> AsyncIterator[RedisCounters]:
        """The Redis counters, kept open (a reload does not close them) until the block ends."""
        self._busy += 1
        try:
            self.return_leases()  # count what was used, not what this replica holds in reserve
            await self.flush()  # read this replica's own corrections back
            yield self.redis
        finally:
            self._release()

    async def flush(self) -> None:
        """Send the queued corrections now and wait until Redis has applied them (tests, reads, shutdown)."""
        while self._abandoned or self._asks:  # refunds and leases are queued once their answers are in
            await asyncio.gather(*self._abandoned, *self._asks, return_exceptions=True)
        self._send_settlement()
        while self._settling is not None and not self._settling.done():
            await asyncio.gather(self._settling, return_exceptions=True)
            self._send_settlement()

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
        while self._asks:
            await asyncio.gather(*self._asks, return_exceptions=True)
        self.return_leases()
        if self._sweeper is not None:
            self._sweeper.cancel()
        await self.flush()
        await self.redis.aclose()
        self._closed.set()
        log.debug("limits.closed", retired=self._retired)

    def _release(self) -> None:
        self._busy -= 1
        self._maybe_close()

    def _maybe_close(self) -> None:
        if self._retired and self._busy == 0:
            self._close_now()  # sends the queued corrections first

    async def _verdict(self, admission: Admission) -> Verdict | None:
        if admission.future is None:
            self._redis_down(admission.plan, None)
            return None
        try:
            try:
                reply = await admission.future
            except NoScriptError:  # the server's script cache was flushed: load the scripts, once
                await self.redis.load_scripts()
                reply = await self._send(admission.packed)
            verdict = verdict_of(reply)
        except (RedisError, OSError) as exc:
            self._redis_down(admission.plan, exc)
            return None
        if not self.state.redis_up:
            log.info("limits.redis_recovered")
            self.state.redis_up, self.state.last_error = True, None
        return verdict

    def _redis_down(self, plan: Plan, exc: Exception | None) -> None:
        """Apply the fail mode: raise where a counter fails closed, else admit unchecked."""
        if exc is not None:
            self._mark_down(exc)
        modes = self.settings.on_redis_down
        closed = [s for s in plan.slots if (modes.budgets if s.budget else modes.rates) is FailMode.CLOSED]
        if closed:
            what = "budgets" if closed[0].budget else "rate limits"
            raise ServiceUnavailable(f"The store that enforces {what} is unavailable, so requests subject to them "
                                     "are refused until it recovers (fail closed).", code="limits_unavailable")
        self.state.fail_open_admitted += 1

    def _mark_down(self, exc: Exception) -> None:
        if self.state.redis_up:
            log.warning("limits.redis_unavailable", error=type(exc).__name__)
        self.state.redis_up, self.state.last_error = False, type(exc).__name__
        self.state.down_until = time.monotonic() + RETRY_DOWN_S

    def _settle(self, reservation: Reservation, ex: Exchange) -> None:
        try:
            ev = ex.event
            if ev.prompt_tokens is None and ev.completion_tokens is None and ev.http_status == 200:
                return  # no usage reported: the estimate stands
            if self._closing is not None:
                log.warning("limits.settle_dropped", reason="limiter closed")
                return
            deltas = self._deltas
            for key, delta in settlement(reservation, ev.prompt_tokens or 0, ev.completion_tokens or 0):
                deltas[key] = deltas.get(key, 0.0) + delta
            self._queue_settlement()
        finally:
            self._release()

    def _refund(self, admission: Admission, future: asyncio.Future[Any]) -> None:
        """Queue the reverse of an admitted check whose request went no further."""
        self._abandoned.discard(future)
        try:
            if future.cancelled() or future.exception() is not None or self._closing is not None:
                return
            if verdict_of(future.result()).denied:
                return  # nothing was counted
            plan, window, deltas = admission.plan, admission.window, self._deltas
            assert window is not None
            self._removals.extend((window.counters[i][0], admission.member) for i in plan.requests)
            for i in plan.token_slots:
                key = window.counters[i][0]
                deltas[key] = deltas.get(key, 0.0) - admission.tokens
            for i in plan.cost_budgets:
                key = window.counters[i][0]
                deltas[key] = deltas.get(key, 0.0) - admission.cost
            self._queue_settlement()
        finally:
            self._release()

    def _correct(self, deltas: list[tuple[str, float]], removals: list[tuple[str, str]]) -> None:
        """Queue corrections (returned lease units, refunds) to travel with the next write."""
        for key, delta in deltas:
            self._deltas[key] = self._deltas.get(key, 0.0) + delta
        self._removals.extend(removals)
        self._queue_settlement()

    def _ask(self, plan: Plan, window: Window, now_ms: int, asks: list[tuple[int, float, float]]) -> None:
        """Ask Redis for leases on some of the plan's counters (in the background: nobody waits for it)."""
        assert self.leases is not None
        term = self.settings.lease_ms
        end_ms = min(now_ms + term, (window.minute + 1) * MINUTE_MS - 1)  # a lease never spans two minutes
        if end_ms - now_ms < term // 4:
            return
        self._lease_seq += 1
        lease_id = f"{self._lease_tag}.{self._lease_seq}"
        packed = self.redis.pack_lease(window, asks, now_ms, lease_id, end_ms, self.settings.lease_headroom)
        for i, _, _ in asks:
            self.leases.counters[window.counters[i][0]].asking = True
        future = self._send(packed)
        self._asks.add(future)
        future.add_done_callback(partial(self._granted, plan, window, asks, lease_id, end_ms))

    def _granted(self, plan: Plan, window: Window, asks: list[tuple[int, float, float]], lease_id: str,
                 end_ms: int, future: asyncio.Future[Any]) -> None:
        """Put the leases Redis granted in the book (a counter refused one waits a term before asking again)."""
        assert self.leases is not None
        self._asks.discard(future)
        counters = self.leases.counters
        for i, _, _ in asks:
            counters.setdefault(window.counters[i][0], Counter()).asking = False
        exc = None if future.cancelled() else future.exception()
        if isinstance(exc, NoScriptError):  # the server's script cache was flushed: the next check reloads them
            return
        if isinstance(exc, (RedisError, OSError)):
            self._mark_down(exc)
            return
        if exc is not None or future.cancelled():
            return
        now_ms = int(time.time() * 1000)
        grants: list[Grant] = []
        for (i, _, _), (units, used) in zip(asks, future.result(), strict=True):
            granted, counter = float(units), counters[window.counters[i][0]]
            if granted <= 0:
                counter.quiet_until = now_ms + self.settings.lease_ms
                continue
            unit = plan.slots[i].unit
            members = [f"{lease_id}:{j}" for j in range(int(granted), 0, -1)] if unit == "requests" else []
            grant = Grant(lease_id, window.counters[i][0], window.lease_keys[i], unit, granted, granted, end_ms,
                          float(used), counter.ask_mark, members)
            counter.grants.append(grant)
            grants.append(grant)
        if grants:
            asyncio.get_running_loop().call_later(max(0, end_ms - now_ms) / 1000, self._expire, grants)

    def _expire(self, grants: list[Grant]) -> None:
        """The leases' end: their unused units go back to Redis now (other replicas may be waiting for them)."""
        if self.leases is None or self._closing is not None:
            return
        for grant in grants:
            if not grant.returned:
                self._correct(*self.leases.release(grant))
        self._send_settlement()

    def _sweep(self) -> None:
        """Forget idle counters and return any lease past its end; look again while any counter is recent."""
        self._sweeper = None
        leases = self.leases
        if leases is None or self._closing is not None:
            return
        for grant in leases.expired(int(time.time() * 1000)):
            self._correct(*give_back(grant))
        if leases.counters:
            self._sweeper = asyncio.get_running_loop().call_later(SWEEP_S, self._sweep)

    def return_leases(self) -> None:
        """Give every lease's unused units back to Redis (shutdown, reload, usage reads)."""
        if self.leases is not None:
            for grant in self.leases.all():
                self._correct(*give_back(grant))

    def _send(self, packed: bytes) -> asyncio.Future[Any]:
        """Write an admission check, with the queued corrections in front of it (one write, two replies)."""
        corrections = self._take_settlement()
        if not corrections:
            return self.redis.send(packed)[0]
        settled, admitted = self.redis.send(corrections + packed, 2)
        self._track_settlement(settled, corrections)
        return admitted

    def _queue_settlement(self) -> None:
        if self._timer is None and (self._deltas or self._removals):
            self._timer = asyncio.get_running_loop().call_later(SETTLE_DELAY_S, self._send_settlement)

    def _take_settlement(self) -> bytes:
        if not self._deltas and not self._removals:
            return b""
        packed = self.redis.pack_settle(self._deltas, self._removals)
        self._deltas, self._removals = {}, []
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        return packed

    def _send_settlement(self) -> None:
        """No admission check came to travel with: send the queued corrections on their own."""
        self._timer = None
        if packed := self._take_settlement():
            self._track_settlement(self.redis.send(packed)[0], packed)

    def _track_settlement(self, future: asyncio.Future[Any], packed: bytes, retried: bool = False) -> None:
        self._settling = future
        future.add_done_callback(partial(self._settled, packed, retried))

    def _settled(self, packed: bytes, retried: bool, future: asyncio.Future[Any]) -> None:
        if self._settling is future:
            self._settling = None
        exc = None if future.cancelled() else future.exception()
        if isinstance(exc, NoScriptError) and not retried:  # the server's script cache was flushed
            self._track_settlement(asyncio.get_running_loop().create_task(self._resend(packed)), packed, True)
        elif exc is not None:
            log.warning("limits.settle_failed", error=type(exc).__name__)

    async def _resend(self, packed: bytes) -> Any:
        await self.redis.load_scripts()
        return await self.redis.send(packed)[0]


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


def begin_admission(limits: Limiter | None, ex: Exchange, body: dict[str, Any], model: str) -> Admission | None:
    """Start the request's admission check before the request is inspected, for the use case the inspector
    will choose (policies/usecases.py: header, else the key's, else the default). Where that choice refuses
    the request the check waits: `finish` checks against the use case finally chosen."""
    if limits is None:
        return None
    assert ex.config is not None and ex.principal is not None
    try:
        requested = caller_identifier(ex.request.headers.get(USE_CASE_HEADER))
        use_case: str | None = select_use_case(ex.config, requested, ex.principal.use_case).id
    except Refusal:
        use_case = UNDECIDED
    return limits.begin(ex, body, model, use_case)


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
