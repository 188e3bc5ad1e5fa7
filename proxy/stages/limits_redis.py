"""Counters in Redis, changed only by atomic Lua scripts, so every replica enforces one limit.

Three kinds of counter (keys and arguments built by proxy/stages/limits_keys.py):
    log  requests per sliding minute: a sorted set of request ids scored by time (exact)
    sw   tokens per sliding minute: this minute's and last minute's totals, last minute weighted by
         the part of it still inside the window (Cloudflare's sliding-window counter)
    fx   tokens / cost per UTC day or month: one total per calendar window, expiring after it

`admit` checks every counter a request is subject to and, only if all pass, counts the request in
all of them (a request is counted everywhere or nowhere). Rates refuse when the request would go over
the limit; budgets refuse once the total has reached it. Token and cost amounts are estimates,
settled on the real usage by `settle` (which only touches counters that still exist); `settle` also
takes a refused request's id out of the request logs it was counted in.
`lease` reserves a batch of a counter's headroom for one replica (proxy/stages/limits_lease.py); every
counter has a lease record beside it, which `admit` reads when it refuses.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from proxy.stages.limits_conn import ScriptPipe, command

if TYPE_CHECKING:
    from proxy.stages.limits_keys import Window

ADMIT = """
local LEASE_AHEAD = 1000  -- lease placeholders are stamped up to a lease term (at most 1 s) ahead
local STALE, GRACE = 2000, 50  -- a lease not returned this long after its end is taken to be lost
local now = tonumber(ARGV[1])
local member = ARGV[2]
local amounts = {r = 1, t = tonumber(ARGV[3]), c = tonumber(ARGV[4])}
local n = (#ARGV - 4) / 5
local ki = 1
local used_list = {}
local denied = 0
local retry = 0
local plan = {}
local held = nil
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
    plan[#plan + 1] = {kind, key, amount, window + LEASE_AHEAD}
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
  local leases = KEYS[ki]; ki = ki + 1
  used_list[#used_list + 1] = tostring(used)
  if wait >= 0 and denied == 0 then denied = i + 1; retry = wait; held = leases end
end
local lease_wait = 0
if denied > 0 then
  local last = redis.call('ZRANGE', held, -1, -1, 'WITHSCORES')
  if last[2] and tonumber(last[2]) > now - STALE then lease_wait = math.max(tonumber(last[2]) - now, 0) + GRACE end
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
return {denied, tostring(retry), used_list, tostring(lease_wait)}
"""

SETTLE = """
local n = tonumber(ARGV[1])
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('INCRBYFLOAT', KEYS[i], ARGV[i + 1]) end
end
for i = n + 1, #KEYS do
  redis.call('ZREM', KEYS[i], ARGV[i + 1])
end
return 1
"""


LEASE = """
local STALE = 2000  -- as in ADMIT
local now, id = tonumber(ARGV[1]), ARGV[2]
local stamp, factor = tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local ki = 1
for b = 5, #ARGV, 6 do
  local kind, limit, window = ARGV[b], tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2])
  local want, least = tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  local key, used, ttl = KEYS[ki], 0, 0
  if kind == 'log' then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    used = redis.call('ZCARD', key)
    ttl = window + 1000; ki = ki + 1
  elseif kind == 'sw' then
    local elapsed = now % window
    local p = tonumber(redis.call('GET', KEYS[ki + 1]) or '0')
    used = p * (window - elapsed) / window + tonumber(redis.call('GET', key) or '0')
    ttl = window * 2; ki = ki + 2
  else
    used = tonumber(redis.call('GET', key) or '0')
    ttl = math.max(1, tonumber(ARGV[b + 5]) - now) + 60000; ki = ki + 1
  end
  local leases = KEYS[ki]; ki = ki + 1
  local grant = math.min(want, (limit - used) / factor)
  if kind == 'log' then grant = math.floor(grant) end
  if grant > 0 and grant >= least then
    if kind == 'log' then
      local args = {}
      for j = 1, grant do args[#args + 1] = stamp; args[#args + 1] = id .. ':' .. j end
      redis.call('ZADD', key, unpack(args))
    else
      redis.call('INCRBYFLOAT', key, grant)
    end
    redis.call('PEXPIRE', key, math.ceil(ttl))
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now - STALE)
    redis.call('ZADD', leases, stamp, id)
    redis.call('PEXPIRE', leases, math.ceil(stamp - now) + STALE)
  else
    grant = 0
  end
  out[#out + 1] = {tostring(grant), tostring(used)}
end
return out
"""

@dataclass(frozen=True, slots=True)
class Verdict:
    denied: int  # 0 = admitted, else 1-based index of the first counter that refused
    retry_ms: float
    used: tuple[float, ...]  # per counter, before this request
    lease_wait_ms: float = 0.0  # refused while another lease on the refusing counter is out: until its end


def _evalsha(script: str) -> bytes:
    """`EVALSHA <sha1 of the script>` in the wire form (the sha is what SCRIPT LOAD answers)."""
    return b"$7\r\nEVALSHA\r\n" + bulk(hashlib.sha1(script.encode(), usedforsecurity=False).hexdigest().encode())


def bulk(value: bytes) -> bytes:
    """One RESP bulk string: the wire form of a command argument."""
    return b"$%d\r\n%s\r\n" % (len(value), value)


class RedisCounters:
    """The counters' Redis connections. The per-request scripts (admit, settle) are packed by hand (admit's
    mostly in advance, see limits_keys.Window) and written on one pipelined connection
    (proxy/stages/limits_conn.py), skipping the client's per-argument encoding, pool and per-command
    bookkeeping; everything else (reads for GET /v1/usage, loading the scripts) uses the ordinary client."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self.client: Redis = Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                            retry=Retry(NoBackoff(), 0), health_check_interval=0)
        self.pipe = ScriptPipe(url, timeout_s, hello=[command(b"SCRIPT", b"LOAD", script.encode())
                                                       for script in (ADMIT, SETTLE, LEASE)])
        self._admit = _evalsha(ADMIT)
        self._settle = _evalsha(SETTLE)
        self._lease = _evalsha(LEASE)

    def pack_admit(self, window: Window, now_ms: int, member: str, tokens: float, cost: float) -> bytes:
        """One script call for every counter of the request."""
        return b"".join((b"*%d\r\n" % (7 + window.key_count + window.arg_count), self._admit,
                         bulk(b"%d" % window.key_count), window.packed_keys, bulk(b"%d" % now_ms),
                         bulk(member.encode()), bulk(repr(tokens).encode()), bulk(repr(cost).encode()),
                         window.packed_args))

    def pack_settle(self, deltas: dict[str, float], removals: list[tuple[str, str]]) -> bytes:
        """Add each delta to its counter (if it still exists) and take each request id out of its log."""
        count = len(deltas) + len(removals)
        parts = [b"*%d\r\n" % (4 + 2 * count), self._settle, bulk(b"%d" % count), *map(_bulk_str, deltas),
                 *(_bulk_str(key) for key, _ in removals), bulk(b"%d" % len(deltas)),
                 *(bulk(repr(delta).encode()) for delta in deltas.values()),
                 *(_bulk_str(member) for _, member in removals)]
        return b"".join(parts)

    def pack_lease(self, window: Window, asks: list[tuple[int, float, float]], now_ms: int, lease_id: str,
                   end_ms: int, headroom: float) -> bytes:
        """Ask for a lease on some of a plan's counters: per (slot, units, least), at most `units` and at
        least `least` of it, reserved until `end_ms`, where the headroom is at least `headroom` times the lease."""
        keys: list[str] = []
        args: list[bytes] = [b"%d" % now_ms, lease_id.encode(), b"%d" % end_ms, repr(headroom).encode()]
        for i, units, least in asks:
            keys.extend((*window.counters[i], window.lease_keys[i]))
            kind, limit, span, _, end = window.args[5 * i:5 * i + 5]
            args.extend((kind, limit, span, repr(units).encode(), repr(least).encode(), end))
        return b"".join((b"*%d\r\n" % (3 + len(keys) + len(args)), self._lease, bulk(b"%d" % len(keys)),
                         *map(_bulk_str, keys), *map(bulk, args)))

    def send(self, packed: bytes, replies: int = 1) -> list[asyncio.Future[Any]]:
        """Write packed commands now; one future per reply."""
        return self.pipe.call(packed, replies)

    async def admit(self, window: Window, now_ms: int, member: str, tokens: float, cost: float) -> Verdict:
        reply = await self.send(self.pack_admit(window, now_ms, member, tokens, cost))[0]
        return verdict_of(reply)

    async def load_scripts(self) -> None:
        """After NOSCRIPT (the server's script cache was flushed): load both scripts again."""
        for script in (ADMIT, SETTLE, LEASE):
            await self.client.script_load(script)

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
        await self.pipe.aclose()
        await self.client.aclose()


def verdict_of(reply: Any) -> Verdict:
    denied, retry, used, lease_wait = reply
    return Verdict(int(denied), float(retry), tuple(map(float, used)), float(lease_wait))


def _bulk_str(value: str) -> bytes:
    return bulk(value.encode())
