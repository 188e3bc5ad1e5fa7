"""Caller authentication: Steward API keys (Bearer) -> Principal.

Keys are random 256-bit secrets shown once; only their SHA-256 digest is stored (a slow hash adds
nothing for a high-entropy secret). A key looks like `stw_<id>_<secret>`; `<id>` is public and
recorded in the audit trail so a row can name the key without holding it.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import structlog

from audit.outage import error_kind, is_store_error
from config.models import DeclaredKey
from proxy.http.errors import StoreUnavailable, Unauthenticated

log = structlog.get_logger("steward.auth")

KEY_PREFIX = "stw_"


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str
    display_name: str
    roles: tuple[str, ...]
    department: str
    key_id: str
    digest: str = ""
    use_case: str | None = None  # bound use case, used when the caller sends no X-Steward-Use-Case


@dataclass(frozen=True, slots=True)
class NewKey:
    key_id: str
    secret: str
    digest: str


def digest_key(key: str) -> str:
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def generate_key() -> NewKey:
    key_id = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    return NewKey(key_id=key_id, secret=secret, digest=digest_key(secret))


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated("Missing API key. Send 'Authorization: Bearer <your Steward key>'.")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("Malformed Authorization header. Send 'Authorization: Bearer <your Steward key>'.")
    return token


KeyLookup = Callable[[str], Awaitable[Principal | None]]


class TokenAuthenticator(Protocol):
    """Single sign-on (proxy/identity/oidc.py): bearer tokens that are not Steward keys."""

    def accepts(self, token: str) -> bool: ...
    async def verify(self, token: str) -> Principal: ...


@dataclass(frozen=True, slots=True)
class KeyCachePolicy:
    """How long a store answer is trusted: fresh for `ttl_s`; while the store is unreachable, a key
    verified within `grace_s` keeps its last answer (a revoked or unknown key stays refused)."""

    ttl_s: float = 2.0
    grace_s: float = 300.0
    lookup_timeout_s: float = 2.0
    max_entries: int = 10_000
    max_revoked: int = 100_000


class Authenticator:
    """Resolves a bearer token to a Principal: YAML-declared keys first, then the key store.

    Store answers are cached per digest (positive and negative; see KeyCachePolicy). Revocation wins over
    any cached answer: `revoked()` is called at once by the replica that revokes and, for revocations made
    elsewhere, by the governance poll (every `gateway.policy_poll_s`). A store failure never becomes a 500:
    a recently verified key is served from the cache, anything else is refused with 503 store_unavailable.
    """

    def __init__(self, declared: list[DeclaredKey], lookup: KeyLookup, policy: KeyCachePolicy | None = None,
                 store_up: Callable[[], bool] = lambda: True,
                 on_store_error: Callable[[BaseException], None] | None = None) -> None:
        self._declared = {k.digest: _declared_principal(k) for k in declared}
        self._lookup = lookup
        self._policy = policy or KeyCachePolicy()
        self._store_up = store_up
        self._on_store_error = on_store_error
        self._cache: OrderedDict[str, tuple[float, Principal | None]] = OrderedDict()  # digest -> (verified, answer)
        self._revoked: OrderedDict[str, None] = OrderedDict()
        self.sso: TokenAuthenticator | None = None

    async def authenticate(self, authorization: str | None) -> Principal:
        token = bearer_token(authorization)
        if self.sso is not None and self.sso.accepts(token):
            return await self.sso.verify(token)
        return await self.authenticate_digest(digest_key(token))

    async def authenticate_digest(self, digest: str) -> Principal:
        """The principal of the key with this digest (a console session holds the digest, never the key)."""
        principal = self._declared.get(digest)
        if principal is None and digest not in self._revoked:
            principal = await self._cached_lookup(digest)
        if principal is None:  # looked up by digest: see README (no secret is compared, so no timing leak)
            raise Unauthenticated("Invalid API key. Check the Steward key you were issued, or ask IT for one.")
        return principal

    def set_declared(self, declared: list[DeclaredKey]) -> None:
        """Replace the YAML-declared keys (policy reload)."""
        self._declared = {k.digest: _declared_principal(k) for k in declared}

    def revoked(self, digests: Iterable[str]) -> None:
        """These keys are revoked: refuse them from now on, whatever the cache holds."""
        for digest in digests:
            self._cache.pop(digest, None)
            self._revoked[digest] = None
            self._revoked.move_to_end(digest)
        while len(self._revoked) > self._policy.max_revoked:
            self._revoked.popitem(last=False)

    def forget(self, digest: str) -> None:
        self._cache.pop(digest, None)

    async def _cached_lookup(self, digest: str) -> Principal | None:
        now = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and now - hit[0] < self._policy.ttl_s:
            return hit[1]
        if self._store_up():
            try:
                async with asyncio.timeout(self._policy.lookup_timeout_s):
                    principal = await self._lookup(digest)
            except Exception as exc:
                if not is_store_error(exc):
                    raise
                log.warning("auth.store_lookup_failed", error=error_kind(exc))
                if self._on_store_error is not None:
                    self._on_store_error(exc)
            else:
                if digest not in self._revoked:  # a revocation that landed while the look-up ran wins
                    self._remember(digest, now, principal)
                return principal
        if hit is not None and now - hit[0] <= self._policy.grace_s:
            return hit[1]  # the store is down: the last answer, if recent enough
        raise StoreUnavailable("Steward cannot check this key because its database is unreachable (fail closed). "
                               "Retry shortly.")

    def _remember(self, digest: str, now: float, principal: Principal | None) -> None:
        self._cache[digest] = (now, principal)
        self._cache.move_to_end(digest)
        while len(self._cache) > self._policy.max_entries:
            self._cache.popitem(last=False)


def _declared_principal(key: DeclaredKey) -> Principal:
    return Principal(
        user_id=key.user,
        display_name=key.name or key.user,
        roles=tuple(key.roles),
        department=key.department,
        key_id=key.id,
        digest=key.digest,
        use_case=key.use_case,
    )
