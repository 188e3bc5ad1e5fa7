"""What a caller is told about its limits: OpenAI's x-ratelimit-* headers on every limited response, and
the 429 (rates: `rate_limit_exceeded`; budgets: `insufficient_quota`, citing the rule's clause)."""

from __future__ import annotations

from config.limits import LimitRule
from proxy.http.errors import StewardError
from proxy.stages.limits_keys import Plan, Slot
from proxy.stages.limits_redis import Verdict


class RateLimited(StewardError):
    status = 429
    type = "requests"
    code = "rate_limit_exceeded"


class QuotaExceeded(RateLimited):
    type = "insufficient_quota"
    code = "insufficient_quota"


def ratelimit_headers(plan: Plan, verdict: Verdict, tokens: float) -> dict[str, str]:
    """OpenAI's x-ratelimit-* headers for the tightest request and token rates (after this request)."""
    headers: dict[str, str] = {}
    used = verdict.used
    for slots, amount, suffix in ((plan.requests, 1.0, "requests"), (plan.tokens, tokens, "tokens")):
        if not slots:
            continue
        admitted = 0.0 if verdict.denied else amount
        remaining, i = min((max(0.0, plan.slots[i].limit - used[i] - admitted), i) for i in slots)
        headers[f"x-ratelimit-limit-{suffix}"] = str(int(plan.slots[i].limit))
        headers[f"x-ratelimit-remaining-{suffix}"] = str(int(remaining))
        headers[f"x-ratelimit-reset-{suffix}"] = MINUTE_RESET  # rates are per sliding minute
    if verdict.denied:
        headers["retry-after"] = str(max(1, int(-(-verdict.retry_ms // 1000))))
        headers["retry-after-ms"] = str(int(verdict.retry_ms))
    return headers


def refusal(hit: Slot, verdict: Verdict, headers: dict[str, str]) -> RateLimited:
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


MINUTE_RESET = duration(60)
