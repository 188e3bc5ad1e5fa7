"""Counters in Redis, changed only by atomic Lua scripts, so every replica enforces one limit.

Three kinds of counter:
    log  requests per sliding minute: a sorted set of request ids scored by time (exact)
    sw   tokens per sliding minute: this minute's and last minute's totals, last minute weighted by
         the part of it still inside the window (Cloudflare's sliding-window counter)
    fx   tokens / cost per UTC day or month: one total per calendar window, expiring after it

`admit` checks every counter a request is subject to and, only if all pass, counts the request in
all of them (a request is counted everywhere or nowhere). Rates refuse when the request would go over
the limit; budgets refuse once the total has reached it. Token and cost amounts are estimates,
settled on the real usage by `settle` (which only touches counters that still exist).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry

ADMIT = """
local now = tonumber(ARGV[1])
local member = ARGV[2]
local n = (#ARGV - 2) / 5
local ki = 1
local used_list = {}
local denied = 0
local retry = 0
local plan = {}
for i = 0, n - 1 do
  local b = 3 + i * 5
  local kind, limit, window = ARGV[b], tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2])
  local amount, reset = tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  local used, wait = 0, -1
  if kind == 'log' then
    local key = KEYS[ki]; ki = ki + 1
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    used = redis.call('ZCARD', key)
    if used + amount > limit then
      local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      wait = (tonumber(oldest[2]) or now) + window - now
    end
    plan[#plan + 1] = {kind, key, amount, window}
  elseif kind == 'sw' then
    local cur, prev = KEYS[ki], KEYS[ki + 1]; ki = ki + 2
    local elapsed = now % window
    local c = tonumber(redis.call('GET', cur) or '0')
    local p = tonumber(redis.call('GET', prev) or '0')
    used = p * (window - elapsed) / window + c
    if used >= limit then wait = window - elapsed end
    plan[#plan + 1] = {kind, cur, amount, window * 2}
  else
    local key = KEYS[ki]; ki = ki + 1
    used = tonumber(redis.call('GET', key) or '0')
    if used >= limit then wait = reset end
    plan[#plan + 1] = {kind, key, amount, reset + 60000}
  end
  used_list[#used_list + 1] = tostring(used)
  if wait >= 0 and denied == 0 then denied = i + 1; retry = wait end
end
if denied == 0 then
  for _, step in ipairs(plan) do
    if step[1] == 'log' then
      redis.call('ZADD', step[2], now, member)
    else
      redis.call('INCRBYFLOAT', step[2], step[3])
    end
    redis.call('PEXPIRE', step[2], math.ceil(step[4]))
  end
end
return {denied, tostring(retry), used_list}
"""

SETTLE = """
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('INCRBYFLOAT', key, ARGV[i]) end
end
return 1
"""


@dataclass(frozen=True, slots=True)
class Counter:
    kind: str  # log | sw | fx
    keys: tuple[str, ...]  # log/fx: (key,); sw: (this minute, last minute)
    limit: float
    window_ms: int
    amount: float
    reset_ms: int  # fx: until the calendar window ends; others: the window


@dataclass(frozen=True, slots=True)
class Verdict:
    denied: int  # 0 = admitted, else 1-based index of the first counter that refused
    retry_ms: float
    used: tuple[float, ...]  # per counter, before this request


class RedisCounters:
    def __init__(self, url: str, timeout_s: float) -> None:
        self.client: Redis = Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                            retry=Retry(NoBackoff(), 0), health_check_interval=0)
        self._admit = self.client.register_script(ADMIT)
        self._settle = self.client.register_script(SETTLE)

    async def admit(self, counters: list[Counter], now_ms: int, member: str) -> Verdict:
        keys: list[str] = []
        args: list[Any] = [now_ms, member]
        for c in counters:
            keys.extend(c.keys)
            args.extend([c.kind, c.limit, c.window_ms, c.amount, c.reset_ms])
        denied, retry, used = await self._admit(keys=keys, args=args)
        return Verdict(int(denied), float(retry), tuple(float(u) for u in used))

    async def settle(self, deltas: dict[str, float]) -> None:
        if deltas:
            await self._settle(keys=list(deltas), args=list(deltas.values()))

    async def read(self, counter: Counter, now_ms: int) -> float:
        """The counter's current total (for GET /v1/usage), computed as `admit` does."""
        if counter.kind == "log":
            return float(await self.client.zcount(counter.keys[0], now_ms - counter.window_ms, "+inf"))
        values = [float(v or 0) for v in await self.client.mget(list(counter.keys))]
        if counter.kind == "sw":
            elapsed = now_ms % counter.window_ms
            return values[1] * (counter.window_ms - elapsed) / counter.window_ms + values[0]
        return values[0]

    async def ping(self) -> bool:
        return bool(await self.client.ping())

    async def aclose(self) -> None:
        await self.client.aclose()
