"""Which limit rules apply to a request, the Redis counters they use, and the request's estimated size.

Counter keys: `<prefix><rule id>:<digest of the scope value>:<period>[:<window>]`. The scope value (a
user id, department, ...) is digested so keys are uniform; the same caller always maps to the same key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from config.limits import LimitRule, LimitsSettings, Scope
from proxy.exchange import Exchange
from proxy.identity.auth import Principal
from proxy.stages.limits_redis import Counter

MINUTE_MS = 60_000
_PERIODS = (  # (rule field, unit, budget?, period)
    ("requests_per_minute", "requests", False, "minute"),
    ("tokens_per_minute", "tokens", False, "minute"),
    ("tokens_per_day", "tokens", True, "day"),
    ("tokens_per_month", "tokens", True, "month"),
    ("cost_per_day", "cost", True, "day"),
    ("cost_per_month", "cost", True, "month"),
)


@dataclass(frozen=True, slots=True)
class Applied:
    rule: LimitRule
    field: str
    unit: str  # requests | tokens | cost
    budget: bool
    period: str  # minute | day | month
    counter: Counter

    def describe(self) -> str:
        what = {"requests": "Request rate", "tokens": "Token", "cost": "Estimated-cost"}[self.unit]
        per = "per minute" if self.period == "minute" else f"budget for the {self.period}"
        return f"{what} {per}" if self.unit != "requests" else f"{what} per minute"


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


def rules_for(settings: LimitsSettings, principal: Principal, use_case: str | None) -> list[tuple[LimitRule, str]]:
    """(rule, scope value) for every rule that applies to this caller and use case."""
    found: list[tuple[LimitRule, str]] = []
    for rule in settings.rules:
        for value in scope_values(principal, use_case, rule.scope):
            if rule.match in ("*", value):
                found.append((rule, value))
    return found


def counters_for(settings: LimitsSettings, rules: list[tuple[LimitRule, str]], tokens: float, cost: float,
                 now: float) -> list[Applied]:
    instant = datetime.fromtimestamp(now, UTC)
    now_ms = int(now * 1000)
    amounts = {"requests": 1.0, "tokens": tokens, "cost": cost}
    applied: list[Applied] = []
    for rule, value in rules:
        base = f"{settings.key_prefix}{rule.id}:{_digest(value)}"
        for name, unit, budget, period in _PERIODS:
            limit = getattr(rule, name)
            if limit is None:
                continue
            kind, keys, window, reset = _window(base, name, period, instant, now_ms)
            counter = Counter(kind, keys, float(limit), window, amounts[unit], reset)
            applied.append(Applied(rule, name, unit, budget, period, counter))
    return applied


def _window(base: str, name: str, period: str, instant: datetime, now_ms: int) -> tuple[str, tuple[str, ...], int, int]:
    if name == "requests_per_minute":
        return "log", (f"{base}:rpm",), MINUTE_MS, MINUTE_MS
    if period == "minute":
        index = now_ms // MINUTE_MS
        return "sw", (f"{base}:tpm:{index}", f"{base}:tpm:{index - 1}"), MINUTE_MS, MINUTE_MS
    tag = "t" if name.startswith("tokens") else "c"
    if period == "day":
        start = instant.replace(hour=0, minute=0, second=0, microsecond=0)
        end = start.timestamp() + 86_400
        label = start.strftime("%Y%m%d")
    else:
        start = instant.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        nxt = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
        end = nxt.timestamp()
        label = start.strftime("%Y%m")
    reset = max(1, int(end * 1000) - now_ms)
    return "fx", (f"{base}:{tag}{period[0]}:{label}",), int(end * 1000 - start.timestamp() * 1000), reset


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=8).hexdigest()


def output_tokens(body: dict[str, Any], settings: LimitsSettings) -> int:
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


def estimate_tokens(ex: Exchange, body: dict[str, Any], settings: LimitsSettings) -> float:
    out = 0 if str(ex.endpoint).endswith("embeddings") else output_tokens(body, settings)
    return float(input_tokens(ex, body) + out)


def estimate_cost(ex: Exchange, body: dict[str, Any], settings: LimitsSettings, model: str) -> float:
    price = settings.prices.get(model)
    if price is None:
        return 0.0
    out = 0 if str(ex.endpoint).endswith("embeddings") else output_tokens(body, settings)
    return (input_tokens(ex, body) * price.input_per_1m + out * price.output_per_1m) / 1e6
