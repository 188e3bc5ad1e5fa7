"""Rate limits and budgets shared by every replica (counted in Redis).

A rule applies to one scope of the caller (user, role, department, key or use case): `match` names the
value (`"*"`: every value, each counted separately). Rates are per sliding minute; budgets per UTC
calendar day and month. Cost is estimated from the per-model price table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from config.base import ID_PATTERN, Strict


class Scope(StrEnum):
    USER = "user"
    ROLE = "role"
    DEPARTMENT = "department"
    KEY = "key"
    USE_CASE = "use_case"


class FailMode(StrEnum):
    OPEN = "fail_open"
    CLOSED = "fail_closed"


Positive = Annotated[float, Field(gt=0)]
Count = Annotated[int, Field(ge=1)]


class LimitRule(Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    scope: Scope
    match: Annotated[str, Field(min_length=1)] = "*"
    requests_per_minute: Count | None = None
    tokens_per_minute: Count | None = None
    tokens_per_day: Count | None = None
    tokens_per_month: Count | None = None
    cost_per_day: Positive | None = None
    cost_per_month: Positive | None = None
    clause: str | None = None  # the policy clause that sets this budget, cited in the 429

    @model_validator(mode="after")
    def _sets_something(self) -> LimitRule:
        if not any(v is not None for v in (self.requests_per_minute, self.tokens_per_minute, self.tokens_per_day,
                                           self.tokens_per_month, self.cost_per_day, self.cost_per_month)):
            raise ValueError(f"limit '{self.id}' sets no limit")
        return self


class ModelPrice(Strict):
    """Price per million tokens (any currency; one currency across the table)."""

    input_per_1m: Annotated[float, Field(ge=0)]
    output_per_1m: Annotated[float, Field(ge=0)]


class OnRedisDown(Strict):
    rates: FailMode = FailMode.OPEN
    budgets: FailMode = FailMode.CLOSED


class LimitsSettings(Strict):
    redis_url_env: str = "STEWARD_REDIS_URL"  # the URL is a secret (it may hold a password)
    key_prefix: str = "steward:limits:"
    timeout_s: Annotated[float, Field(gt=0, le=10)] = 0.25
    on_redis_down: OnRedisDown = Field(default_factory=OnRedisDown)
    currency: str = "GBP"
    prices: dict[str, ModelPrice] = Field(default_factory=dict)  # model name -> price
    # Reserved before forwarding when the request sets no max_tokens; settled on the real usage after.
    default_output_tokens: Annotated[int, Field(ge=0)] = 512
    rules: list[LimitRule] = Field(default_factory=list)
    # Quota leases (proxy/stages/limits_lease.py): while a busy counter's headroom is at least `lease_headroom`
    # times a lease, a replica reserves a batch of it in Redis for at most `lease_ms` and admits from it
    # without a round trip; nearer the limit every request is checked in Redis. 0 turns leasing off.
    lease_ms: Annotated[int, Field(ge=0, le=1000)] = 250
    lease_headroom: Annotated[float, Field(ge=2)] = 8.0

    @model_validator(mode="after")
    def _unique_ids(self) -> LimitsSettings:
        ids = [r.id for r in self.rules]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"duplicate limit ids: {dupes}")
        return self
