"""Caller authentication: Steward API keys (Bearer) -> Principal.

Keys are random 256-bit secrets shown once; only their SHA-256 digest is stored (a slow hash adds
nothing for a high-entropy secret). A key looks like `stw_<id>_<secret>`; `<id>` is public and
recorded in the audit trail so a row can name the key without holding it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from config.models import DeclaredKey
from proxy.errors import Unauthenticated

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
    """Single sign-on (proxy/oidc.py): bearer tokens that are not Steward keys."""

    def accepts(self, token: str) -> bool: ...
    async def verify(self, token: str) -> Principal: ...


class Authenticator:
    """Resolves a bearer token to a Principal: YAML-declared keys first, then the key store.

    Store look-ups are cached per digest for `ttl_s` (positive and negative), so revocation on
    another replica takes effect within `ttl_s`; revocation here calls `forget`.
    """

    def __init__(self, declared: list[DeclaredKey], lookup: KeyLookup, ttl_s: float = 2.0,
                 max_entries: int = 10_000) -> None:
        self._declared = {k.digest: _declared_principal(k) for k in declared}
        self._lookup = lookup
        self._ttl = ttl_s
        self._max = max_entries
        self._cache: OrderedDict[str, tuple[float, Principal | None]] = OrderedDict()
        self.sso: TokenAuthenticator | None = None

    async def authenticate(self, authorization: str | None) -> Principal:
        token = bearer_token(authorization)
        if self.sso is not None and self.sso.accepts(token):
            return await self.sso.verify(token)
        return await self.authenticate_digest(digest_key(token))

    async def authenticate_digest(self, digest: str) -> Principal:
        """The principal of the key with this digest (a console session holds the digest, never the key)."""
        principal = self._declared.get(digest)
        if principal is None:
            principal = await self._cached_lookup(digest)
        if principal is None or not hmac.compare_digest(principal.digest, digest):
            raise Unauthenticated("Invalid API key. Check the Steward key you were issued, or ask IT for one.")
        return principal

    def set_declared(self, declared: list[DeclaredKey]) -> None:
        """Replace the YAML-declared keys (policy reload)."""
        self._declared = {k.digest: _declared_principal(k) for k in declared}

    def forget(self, digest: str) -> None:
        self._cache.pop(digest, None)

    async def _cached_lookup(self, digest: str) -> Principal | None:
        now = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and hit[0] > now:
            return hit[1]
        principal = await self._lookup(digest)
        if self._ttl > 0:
            self._cache[digest] = (now + self._ttl, principal)
            self._cache.move_to_end(digest)
            while len(self._cache) > self._max:
                self._cache.popitem(last=False)
        return principal


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
