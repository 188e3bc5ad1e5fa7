"""The identity provider's signing keys (JWKS): fetched from a URL and cached, or read from a file.

A fetched key set is fresh for `jwks_refresh_s`; after that the next token triggers a refetch. A token
signed with an unknown `kid` triggers a refetch too (key rotation), at most once per `jwks_min_refetch_s`.
When the JWKS cannot be reached, the last key set is used until `jwks_max_age_s` after it was fetched;
after that no key is available and every token is refused (fail closed).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import jwt
import structlog

from config.identity import OidcSettings
from proxy.http.errors import ServiceUnavailable

log = structlog.get_logger("steward.oidc")

Clock = Callable[[], float]


class JwksUnavailable(ServiceUnavailable):
    code = "identity_provider_unavailable"


def parse_jwks(data: Any) -> dict[str, jwt.PyJWK]:
    """Signing keys by `kid` ("" for a key without one). Keys for encryption or unknown types are skipped."""
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise ValueError("not a JWKS document (no 'keys' list)")
    keys: dict[str, jwt.PyJWK] = {}
    for entry in data["keys"]:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK(entry)
        except (jwt.PyJWKError, jwt.InvalidKeyError):
            continue
        keys[str(entry.get("kid", ""))] = key
    return keys


class JwksCache:
    def __init__(self, settings: OidcSettings, base_dir: Path, transport: httpx.AsyncBaseTransport | None = None,
                 clock: Clock = time.monotonic) -> None:
        self._settings = settings
        self._base_dir = base_dir
        self._transport = transport
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._last_attempt = float("-inf")
        self._attempts = 0
        self._lock = asyncio.Lock()
        self.last_error: str | None = None

    async def key(self, kid: str | None) -> jwt.PyJWK:
        """The signing key for `kid`; raises KeyError when the provider does not publish it."""
        now = self._clock()
        if self._stale(now) or (kid or "") not in self._keys:
            if self._may_refetch(now):
                await self._refresh()
            elif self._lock.locked():  # another request is fetching: wait for its result
                async with self._lock:
                    pass
        if not self._usable(self._clock()):
            raise JwksUnavailable("The identity provider's signing keys cannot be fetched, so sign-in tokens "
                                  "are refused until they can (fail closed).")
        found = self._keys.get(kid or "")
        if found is None and not kid and len(self._keys) == 1:
            found = next(iter(self._keys.values()))
        if found is None:
            raise KeyError("unknown signing key")
        return found

    def status(self) -> dict[str, Any]:
        """For /readyz detail: whether keys are usable and how old they are (no key material)."""
        now = self._clock()
        age = None if self._fetched_at is None else round(now - self._fetched_at, 1)
        return {"keys": len(self._keys), "age_s": age, "usable": self._usable(now), "last_error": self.last_error}

    def _stale(self, now: float) -> bool:
        return self._fetched_at is None or now - self._fetched_at >= self._settings.jwks_refresh_s

    def _usable(self, now: float) -> bool:
        return self._fetched_at is not None and now - self._fetched_at < self._settings.jwks_max_age_s

    def _may_refetch(self, now: float) -> bool:
        return now - self._last_attempt >= self._settings.jwks_min_refetch_s

    async def _refresh(self) -> None:
        seen = self._attempts
        async with self._lock:
            if self._attempts != seen:
                return  # another request refreshed while this one waited
            self._attempts += 1
            self._last_attempt = self._clock()
            try:
                keys = parse_jwks(await self._load())
            except (OSError, ValueError, httpx.HTTPError) as exc:
                self.last_error = type(exc).__name__
                log.warning("oidc.jwks_fetch_failed", error=type(exc).__name__,
                            cached_keys=len(self._keys), usable=self._usable(self._clock()))
                return
            self._keys, self._fetched_at, self.last_error = keys, self._clock(), None
            log.info("oidc.jwks_fetched", keys=len(keys))

    async def _load(self) -> Any:
        s = self._settings
        if s.jwks_file is not None:
            path = Path(s.jwks_file)
            path = path if path.is_absolute() else self._base_dir / path
            return json.loads(await asyncio.to_thread(path.read_bytes))
        assert s.jwks_url is not None
        async with httpx.AsyncClient(transport=self._transport, timeout=s.jwks_timeout_s) as client:
            response = await client.get(s.jwks_url, headers={"accept": "application/json"})
            response.raise_for_status()
            return response.json()
