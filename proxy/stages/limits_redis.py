"""Counters in Redis, changed only by atomic Lua scripts, so every replica enforces one limit.

Three kinds of counter (keys and arguments built by proxy/stages/limits_keys.py):
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

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError, ResponseError
from redis.retry import Retry

if TYPE_CHECKING:
    from proxy.stages.limits_keys import Window

ADMIT = """
local now = tonumber(ARGV[1])
local member = ARGV[2]
local amounts = {r = 1, t = tonumber(ARGV[3]), c = tonumber(ARGV[4])}
local n = (#ARGV - 4) / 5
local ki = 1
local used_list = {}
local denied = 0
local retry = 0
local plan = {}
for i = 0, n - 1 do
  local b = 5 + i * 5
  local kind, limit, window = ARGV[b], tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2])
  local amount, reset = amounts[ARGV[b + 3]], math.max(1, tonumber(ARGV[b + 4]) - now)
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
class Verdict:
    denied: int  # 0 = admitted, else 1-based index of the first counter that refused
    retry_ms: float
    used: tuple[float, ...]  # per counter, before this request


def _evalsha(script: str) -> bytes:
    """`EVALSHA <sha1 of the script>` in the wire form (the sha is what SCRIPT LOAD answers)."""
    return b"$7\r\nEVALSHA\r\n" + bulk(hashlib.sha1(script.encode(), usedforsecurity=False).hexdigest().encode())


def bulk(value: bytes) -> bytes:
    """One RESP bulk string: the wire form of a command argument."""
    return b"$%d\r\n%s\r\n" % (len(value), value)


class RedisCounters:
    """The counters' Redis client. The per-request scripts (admit, settle) are sent as commands packed by
    hand (admit's mostly in advance, see limits_keys.Window) on a pooled connection, skipping the client's
    per-argument encoding and per-command bookkeeping; everything else goes through the ordinary client."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self.client: Redis = Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                            retry=Retry(NoBackoff(), 0), health_check_interval=0)
        self._admit = _evalsha(ADMIT)
        self._settle = _evalsha(SETTLE)

    async def admit(self, window: Window, now_ms: int, member: str, tokens: float, cost: float) -> Verdict:
        """One script call for every counter of the request."""
        command = b"".join((b"*%d\r\n" % (7 + window.key_count + window.arg_count), self._admit,
                            bulk(b"%d" % window.key_count), window.packed_keys, bulk(b"%d" % now_ms),
                            bulk(member.encode()), bulk(repr(tokens).encode()), bulk(repr(cost).encode()),
                            window.packed_args))
        denied, retry, used = await self._script(ADMIT, command)
        return Verdict(int(denied), float(retry), tuple(map(float, used)))

    async def settle(self, deltas: dict[str, float]) -> None:
        if not deltas:
            return
        parts = [b"*%d\r\n" % (3 + 2 * len(deltas)), self._settle, bulk(b"%d" % len(deltas))]
        parts.extend(bulk(key.encode()) for key in deltas)
        parts.extend(bulk(repr(delta).encode()) for delta in deltas.values())
        await self._script(SETTLE, b"".join(parts))

    async def _script(self, script: str, command: bytes) -> Any:
        try:
            return await self._call(command)
        except NoScriptError:  # a restarted or another server: load the script, once
            await self.client.script_load(script)
            return await self._call(command)

    async def _call(self, command: bytes) -> Any:
        pool = self.client.connection_pool
        conn = await pool.get_connection()  # type: ignore[no-untyped-call]
        try:
            await conn.send_packed_command(command, check_health=False)
            return await conn.read_response()
        except ResponseError:
            raise  # a complete error reply: the connection is in a clean state
        except BaseException:  # the reply may still be on its way: this connection cannot be reused
            await conn.disconnect()
            raise
        finally:
            await pool.release(conn)

    async def read(self, kind: str, keys: tuple[str, ...], window_ms: int, now_ms: int) -> float:
        """A counter's current total (for GET /v1/usage), computed as `admit` does."""
        if kind == "log":
            return float(await self.client.zcount(keys[0], now_ms - window_ms, "+inf"))
        values = [float(v or 0) for v in await self.client.mget(list(keys))]
        if kind == "sw":
            elapsed = now_ms % window_ms
            return values[1] * (window_ms - elapsed) / window_ms + values[0]
        return values[0]

    async def ping(self) -> bool:
        return bool(await self.client.ping())

    async def aclose(self) -> None:
        await self.client.aclose()
