"""Which limit rules apply to a request, the Redis counters they use, and the request's estimated size.

Counter keys: `<prefix><rule id>:<digest of the scope value>:<period>[:<window>]`. The scope value (a
user id, department, ...) is digested so keys are uniform; the same caller always maps to the same key.

The hot path does no rule matching, hashing or date formatting per request: a `Plan` (the counters one
caller, use case and model are subject to) is built once and cached by the limiter until the limits
change (proxy/stages/limits.py); its `Window` (keys and encoded script arguments) is rebuilt only when
the minute changes. Minute, day and month boundaries coincide in UTC, so a window is valid for its minute.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from config.limits import LimitRule, LimitsSettings, ModelPrice, Scope
from proxy.exchange import Exchange
from proxy.identity.auth import Principal
from proxy.stages.limits_redis import bulk

MINUTE_MS = 60_000
_PERIODS = (  # (rule field, unit, budget?, period)
    ("requests_per_minute", "requests", False, "minute"),
    ("tokens_per_minute", "tokens", False, "minute"),
    ("tokens_per_day", "tokens", True, "day"),
    ("tokens_per_month", "tokens", True, "month"),
    ("cost_per_day", "cost", True, "day"),
    ("cost_per_month", "cost", True, "month"),
)
_UNIT_CODE = {"requests": b"r", "tokens": b"t", "cost": b"c"}  # the admit script picks the amount by this


@dataclass(frozen=True, slots=True)
class Slot:
    """One counter of one rule for one scope value, independent of the time."""

    rule: LimitRule
    field: str
    unit: str  # requests | tokens | cost
    budget: bool
    period: str  # minute | day | month
    base: str  # <prefix><rule id>:<digest of the scope value>
    limit: float

    @property
    def kind(self) -> str:
        """log: requests per sliding minute; sw: tokens per sliding minute; fx: per calendar day/month."""
        if self.field == "requests_per_minute":
            return "log"
        return "sw" if self.period == "minute" else "fx"

    def describe(self) -> str:
        what = {"requests": "Request rate", "tokens": "Token", "cost": "Estimated-cost"}[self.unit]
        per = "per minute" if self.period == "minute" else f"budget for the {self.period}"
        return f"{what} {per}" if self.unit != "requests" else f"{what} per minute"


@dataclass(frozen=True, slots=True)
class Window:
    """A plan's Redis keys and script arguments for one UTC minute."""

    minute: int  # now_ms // MINUTE_MS
    keys: tuple[str, ...]  # per slot its counter's keys then its lease record, flattened (the script's KEYS)
    args: tuple[bytes, ...]  # per slot: kind, limit, window ms, unit code, end ms (encoded once)
    counters: tuple[tuple[str, ...], ...]  # per slot: its keys; the first takes this minute's usage
    lease_keys: tuple[str, ...]  # per slot: where the leases on its counter are recorded (limits_lease.py)
    window_ms: tuple[int, ...]  # per slot
    end_ms: tuple[int, ...]  # per slot: when its calendar window ends (fx), else 0
    key_count: int
    arg_count: int
    packed_keys: bytes  # `keys` and `args` in the wire form (RESP bulk strings)
    packed_args: bytes

    def reset_ms(self, i: int, now_ms: int) -> int:
        return max(1, self.end_ms[i] - now_ms) if self.end_ms[i] else self.window_ms[i]


class Plan:
    """The counters one caller, use case and model are subject to (cached; see the module docstring)."""

    __slots__ = ("slots", "price", "requests", "tokens", "cost_budgets", "token_slots", "_window")

    def __init__(self, slots: tuple[Slot, ...], price: ModelPrice | None) -> None:
        self.slots = slots
        self.price = price
        self.requests = tuple(i for i, s in enumerate(slots) if s.unit == "requests")  # rates, for headers
        self.tokens = tuple(i for i, s in enumerate(slots) if s.unit == "tokens" and not s.budget)
        self.token_slots = tuple(i for i, s in enumerate(slots) if s.unit == "tokens")  # settled on real usage
        self.cost_budgets = tuple(i for i, s in enumerate(slots) if s.unit == "cost")
        self._window: Window | None = None

    def window(self, now_ms: int) -> Window:
        minute = now_ms // MINUTE_MS
        window = self._window
        if window is None or window.minute != minute:
            window = self._window = build_window(self.slots, minute)
        return window

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        price = self.price
        if price is None:
            return 0.0
        return (input_tokens * price.input_per_1m + output_tokens * price.output_per_1m) / 1e6


def scope_values(principal: Principal, use_case: str | None, scope: Scope) -> list[str]:
    if scope is Scope.USER:
        return [principal.user_id]
    if scope is Scope.ROLE:
        return list(principal.roles)
    if scope is Scope.DEPARTMENT:
        return [principal.department] if principal.department else []
    if scope is Scope.KEY:
        return [principal.key_id] if principal.digest else []  # single-sign-on identities have no key
    return [use_case] if use_case else []


def plan_key(principal: Principal, use_case: str | None, model: str | None) -> tuple[Any, ...]:
    """Everything `plan_for` reads: callers equal in these share a plan."""
    return (principal.user_id, principal.roles, principal.department, principal.key_id if principal.digest else "",
            use_case, model)


def plan_for(settings: LimitsSettings, principal: Principal, use_case: str | None, model: str | None) -> Plan:
    slots: list[Slot] = []
    for rule in settings.rules:
        for value in scope_values(principal, use_case, rule.scope):
            if rule.match not in ("*", value):
                continue
            base = f"{settings.key_prefix}{rule.id}:{_digest(value)}"
            for name, unit, budget, period in _PERIODS:
                limit = getattr(rule, name)
                if limit is not None:
                    slots.append(Slot(rule, name, unit, budget, period, base, float(limit)))
    return Plan(tuple(slots), settings.prices.get(model) if model is not None else None)


def build_window(slots: tuple[Slot, ...], minute: int) -> Window:
    start_ms = minute * MINUTE_MS
    instant = datetime.fromtimestamp(start_ms / 1000, UTC)
    keys: list[str] = []
    args: list[bytes] = []
    counters: list[tuple[str, ...]] = []
    lease_keys: list[str] = []
    windows: list[int] = []
    ends: list[int] = []
    for slot in slots:
        counter, window, end = _counter(slot, minute, instant)
        keys.extend(counter)
        keys.append(f"{counter[0]}:lease")
        lease_keys.append(keys[-1])
        args.extend((slot.kind.encode(), repr(slot.limit).encode(), str(window).encode(), _UNIT_CODE[slot.unit],
                     str(end).encode()))
        counters.append(counter)
        windows.append(window)
        ends.append(end)
    return Window(minute, tuple(keys), tuple(args), tuple(counters), tuple(lease_keys), tuple(windows), tuple(ends),
                  len(keys), len(args),
                  b"".join(bulk(k.encode()) for k in keys), b"".join(map(bulk, args)))


def _counter(slot: Slot, minute: int, instant: datetime) -> tuple[tuple[str, ...], int, int]:
    """(keys, window ms, end ms or 0) of one slot in the given minute."""
    base = slot.base
    if slot.kind == "log":
        return (f"{base}:rpm",), MINUTE_MS, 0
    if slot.kind == "sw":
        return (f"{base}:tpm:{minute}", f"{base}:tpm:{minute - 1}"), MINUTE_MS, 0
    tag = "t" if slot.unit == "tokens" else "c"
    if slot.period == "day":
        start = instant.replace(hour=0, minute=0, second=0, microsecond=0)
        end = start.timestamp() + 86_400
        label = start.strftime("%Y%m%d")
    else:
        start = instant.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        nxt = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
        end = nxt.timestamp()
        label = start.strftime("%Y%m")
    end_ms = int(end * 1000)
    return (f"{base}:{tag}{slot.period[0]}:{label}",), end_ms - int(start.timestamp() * 1000), end_ms


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=8).hexdigest()


def output_tokens(ex: Exchange, body: dict[str, Any], settings: LimitsSettings) -> int:
    if ex.endpoint.endswith("embeddings"):
        return 0
    for name in ("max_completion_tokens", "max_tokens", "max_output_tokens"):
        value = body.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return settings.default_output_tokens


def input_tokens(ex: Exchange, body: dict[str, Any]) -> int:
    """About four bytes of JSON per token: an estimate to reserve, settled on the provider's count."""
    length = ex.request.headers.get("content-length")
    size = int(length) if length and length.isdigit() else len(orjson.dumps(body))
    return max(1, size // 4)
