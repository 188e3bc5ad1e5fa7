"""Quota leases: a replica admits requests on busy counters from headroom it reserved in Redis beforehand,
without a round trip per request (the idea of Envoy's rate-limit-quota service and Google's Doorman).

    grant    one LEASE script (proxy/stages/limits_redis.py) reserves, per counter, a batch of units
             (requests, tokens or cost) for at most `lease_ms`, and only while the counter's headroom is at
             least `lease_headroom` times the batch: far from the limit. The units are counted in Redis at
             once, so what every replica admits from leases and by exact checks together never exceeds a
             limit. Requests per minute are reserved as placeholder entries in the sliding log, stamped
             with the lease's end: a request admitted from a lease is counted from no earlier than it
             really came, so it leaves the sliding minute no sooner than it should.
    take     a request whose every counter has a live lease with enough left is admitted locally; its
             x-ratelimit-* headers count from the counter's total when the lease was granted plus what this
             replica has taken from it since. Anything else goes to Redis exactly, as before.
    refresh  a counter asks for its next lease in the background when the current one is half used or
             near its end, once it sees at least `MIN_RATE` requests a second.
    return   at its end (or on shutdown, a reload, or a usage read) a lease's unused units go back: its
             placeholders leave the log, its unused tokens and cost are subtracted.

Near the limit nothing is leased, so every request is checked in Redis. A check refused while another
replica still holds a lease on the refusing counter waits for that lease's return (until the lease's end
plus a grace, a few times; a lease not returned 2 s after its end is taken to be lost with its replica)
and is checked again: a refusal means the limit is spent by requests, not by reservations. A request
refused because of this replica's own lease gives the lease back and is checked again at once.
Requests admitted from a lease while Redis is unreachable are admitted (their units were counted before).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from proxy.stages.limits_keys import Plan, Window
from proxy.stages.limits_redis import Verdict

MIN_RATE = 4.0  # requests a second a counter must see before leasing pays (below it: exact checks)
RATE_PERIOD_MS = 1000
MAX_REQUESTS = 256  # requests in one lease at most
REFRESH_LEFT = 0.5  # ask for the next lease when less than this share of the live one is left...
REFRESH_END = 0.4  # ...or less than this share of its term
NOMINAL = 1e-6  # the unit a lease asks for when the request costs nothing there (a model without a price):
# the lease takes nothing from the budget but shows it is far from spent
IDLE_MS = 5000  # forget a counter's rate after this long without a request
SWEEP_S = 1.0  # how often idle counters are forgotten


@dataclass(slots=True, eq=False)
class Grant:
    """Units of one counter reserved for this replica until `end_ms` (wall clock)."""

    lease_id: str
    key: str  # the counter's key that usage is added to
    lease_key: str  # where Redis records the lease, for checks refused meanwhile
    unit: str  # requests | tokens | cost
    units: float
    left: float
    end_ms: int
    used_before: float  # the counter's total in Redis before the grant
    sent_mark: float  # the counter's `sent` when the lease was asked for
    members: list[str] = field(default_factory=list)  # requests: placeholders not used yet
    returned: bool = False


@dataclass(slots=True, eq=False)
class Counter:
    """This replica's leases on one counter, and the counter's recent request rate here."""

    grants: list[Grant] = field(default_factory=list)
    asking: bool = False  # a lease request is on its way
    quiet_until: int = 0  # refused a lease (near the limit): do not ask again before this
    since: int = 0
    count: int = 0
    rate: float = 0.0  # requests a second in the last full period
    sent: float = 0.0  # units of the checks this replica sent to Redis (not from leases), in all
    ask_mark: float = 0.0  # `sent` when the last lease was asked for

    def hit(self, now_ms: int) -> None:
        elapsed = now_ms - self.since
        if elapsed >= RATE_PERIOD_MS:
            self.rate = self.count * 1000 / elapsed if elapsed < 2 * RATE_PERIOD_MS else 0.0
            self.since, self.count = now_ms, 0
        self.count += 1

    def usable(self, amount: float, now_ms: int) -> Grant | None:
        for grant in self.grants:
            if grant.left >= amount and now_ms < grant.end_ms and not grant.returned:
                return grant
        return None

    def wants(self, amount: float, now_ms: int, term_ms: int) -> bool:
        """Whether to ask for the next lease now."""
        if self.asking or now_ms < self.quiet_until or (self.count < MIN_RATE and self.rate < MIN_RATE):
            return False
        left, newest = 0.0, None
        for grant in self.grants:
            if now_ms < grant.end_ms and not grant.returned:
                left, newest = left + grant.left, grant
        if newest is None:
            return True
        return left < max(amount, REFRESH_LEFT * newest.units) or newest.end_ms - now_ms < REFRESH_END * term_ms

    def size(self, amount: float, term_ms: int) -> tuple[float, float]:
        """(units to ask for, fewest worth taking): enough requests for two terms at the recent rate."""
        requests = min(MAX_REQUESTS, max(2, math.ceil(max(self.rate, self.count) * term_ms / 1000 * 2)))
        least = max(1, requests // 4)
        return requests * amount, least * amount


Taken = tuple[Grant, float, str]  # what one request took from a lease: (lease, amount, placeholder if requests)


class LeaseBook:
    """Every lease this replica holds, by counter key."""

    def __init__(self, term_ms: int) -> None:
        self.term_ms = term_ms
        self.counters: dict[str, Counter] = {}
        self.spent: list[Grant] = []  # leases of requests used up: to be returned (their records end early)

    def admit(self, plan: Plan, window: Window, now_ms: int, tokens: float,
              cost: float) -> tuple[tuple[Verdict, list[Taken]] | None, list[tuple[int, float, float]]]:
        """Count the request on each of its counters and admit it from leases if every counter has one with
        enough left (else None: check it in Redis); with the counters to ask a lease for: (slot, units, least)."""
        counters, keys, term = self.counters, window.counters, self.term_ms
        picks: list[tuple[Counter, Grant, float]] | None = []
        seen: list[tuple[Counter, float]] = []
        asks: list[tuple[int, float, float]] = []
        for i, slot in enumerate(plan.slots):
            key = keys[i][0]
            counter = counters.get(key)
            if counter is None:
                counter = counters[key] = Counter(since=now_ms)
            counter.hit(now_ms)
            unit = slot.unit
            amount = 1.0 if unit == "requests" else tokens if unit == "tokens" else cost
            seen.append((counter, amount))
            grant = counter.usable(amount, now_ms)
            if grant is None:
                picks = None
            elif picks is not None:
                picks.append((counter, grant, amount))
            if counter.wants(amount, now_ms, term):
                counter.ask_mark = counter.sent
                units, least = counter.size(amount or NOMINAL, term)
                asks.append((i, units, least))
        if picks is None:  # checked in Redis (after the asks: the grants do not count it)
            for counter, amount in seen:
                counter.sent += amount
            return None, asks
        used: list[float] = []
        taken: list[Taken] = []
        for counter, grant, amount in picks:
            # the total when granted, this replica's checks sent since it was asked for, and the lease used
            used.append(grant.used_before + counter.sent - grant.sent_mark + grant.units - grant.left)
            grant.left -= amount
            taken.append((grant, amount, grant.members.pop() if grant.members else ""))
            if grant.unit == "requests" and grant.left < 1:
                self.spent.append(grant)
        return (Verdict(0, 0.0, tuple(used)), taken), asks

    def expired(self, now_ms: int) -> list[Grant]:
        """Take out the leases past their end or used up (to be returned); forget idle counters."""
        out: list[Grant] = []
        for key, counter in list(self.counters.items()):
            keep: list[Grant] = []
            for grant in counter.grants:
                (out if now_ms >= grant.end_ms or grant.left <= 0 or grant.returned else keep).append(grant)
            counter.grants = keep
            if not keep and not counter.asking and now_ms - counter.since > IDLE_MS:
                del self.counters[key]
        return out

    def all(self) -> list[Grant]:
        """Take out every lease (to be returned)."""
        out = [grant for counter in self.counters.values() for grant in counter.grants]
        for counter in self.counters.values():
            counter.grants = []
        return out

    def unused(self, key: str, now_ms: int) -> float:
        """What this replica holds in reserve on a counter (counted in Redis, but free for its callers)."""
        counter = self.counters.get(key)
        if counter is None:
            return 0.0
        return sum(g.left for g in counter.grants if now_ms < g.end_ms and not g.returned)

    def release(self, grant: Grant) -> tuple[list[tuple[str, float]], list[tuple[str, str]]]:
        """Take one lease out of the book; the corrections that return its unused units."""
        counter = self.counters.get(grant.key)
        if counter is not None and grant in counter.grants:
            counter.grants.remove(grant)
        return give_back(grant)

    @property
    def holding(self) -> bool:
        return any(counter.grants for counter in self.counters.values())

    def drop(self, key: str) -> list[Grant]:
        """Take out this replica's leases on one counter (to be returned)."""
        counter = self.counters.get(key)
        if counter is None:
            return []
        out, counter.grants = counter.grants, []
        return out

    def honest(self, plan: Plan, window: Window, verdict: Verdict, now_ms: int) -> Verdict:
        """A verdict from Redis with this replica's own reserve taken out of the counts its headers show."""
        used = list(verdict.used)
        for i in (*plan.requests, *plan.tokens):
            used[i] = max(0.0, used[i] - self.unused(window.counters[i][0], now_ms))
        return Verdict(verdict.denied, verdict.retry_ms, tuple(used), verdict.lease_wait_ms)


def give_back(grant: Grant) -> tuple[list[tuple[str, float]], list[tuple[str, str]]]:
    """The corrections that return a lease's unused units: (counter deltas, (key, member) removals)."""
    grant.returned = True
    removals = [(grant.key, member) for member in grant.members]
    grant.members = []
    removals.append((grant.lease_key, grant.lease_id))
    deltas = [(grant.key, -grant.left)] if grant.unit != "requests" and grant.left > 0 else []
    grant.left = 0.0
    return deltas, removals


def take_back(taken: list[Taken], now_ms: int) -> tuple[list[tuple[str, float]], list[tuple[str, str]]]:
    """A request admitted from leases went no further: its units go back to a live lease, or else to Redis."""
    deltas: list[tuple[str, float]] = []
    removals: list[tuple[str, str]] = []
    for grant, amount, member in taken:
        if not grant.returned and now_ms < grant.end_ms:
            grant.left += amount
            if member:
                grant.members.append(member)
        elif member:
            removals.append((grant.key, member))
        else:
            deltas.append((grant.key, -amount))
    return deltas, removals
