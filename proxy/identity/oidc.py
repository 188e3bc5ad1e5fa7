"""OIDC access tokens (JWT) -> Principal, verified with PyJWT against the identity provider's JWKS.

Checks: an allowed algorithm (RS256/ES256 as configured; `none` and HMAC never), the signature with
the key named by `kid`, issuer, audience, `exp` and `nbf` within `clock_skew_s`. A verified token is
cached by its SHA-256 digest until it expires, so a client reusing its token costs a dict look-up.
Refusals say which check failed, never what the token contains.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpx
import jwt

from config.identity import OidcSettings
from config.models import PolicyConfig
from config.settings import Settings
from policies.usecases import select_use_case
from proxy.http.errors import PolicyRefusal, Unauthenticated
from proxy.identity.auth import KEY_PREFIX, Principal
from proxy.identity.oidc_jwks import JwksCache

SSO_KEY_ID = "sso"  # the audit row's key_id for a single-sign-on identity

_REASONS: tuple[tuple[type[Exception], str], ...] = (
    (jwt.ExpiredSignatureError, "the token has expired"),
    (jwt.ImmatureSignatureError, "the token is not valid yet (nbf/iat in the future)"),
    (jwt.InvalidAudienceError, "the token was not issued for Steward (audience)"),
    (jwt.InvalidIssuerError, "the token was not issued by the configured identity provider (issuer)"),
    (jwt.MissingRequiredClaimError, "the token lacks a required claim"),
    (jwt.InvalidSignatureError, "the token's signature does not verify"),
    (jwt.InvalidAlgorithmError, "the token's signing algorithm is not accepted"),
    (jwt.DecodeError, "the token is malformed"),
)


def looks_like_jwt(token: str) -> bool:
    return not token.startswith(KEY_PREFIX) and token.count(".") == 2


def refused(reason: str) -> Unauthenticated:
    exc = Unauthenticated(f"Invalid sign-in token: {reason}. Sign in again, or use a Steward key.")
    exc.code = "invalid_token"
    return exc


class TokenVerifier:
    def __init__(self, settings: OidcSettings, base_dir: Path, transport: httpx.AsyncBaseTransport | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.jwks = JwksCache(settings, base_dir, transport)
        self._clock = clock
        self._cache: OrderedDict[bytes, tuple[float, Principal]] = OrderedDict()

    def accepts(self, token: str) -> bool:
        return looks_like_jwt(token)

    async def verify(self, token: str) -> Principal:
        digest = hashlib.sha256(token.encode("utf-8")).digest()
        hit = self._cache.get(digest)
        if hit is not None and hit[0] > self._clock():
            return hit[1]
        claims = await self._claims(token)
        principal = self.principal(claims)
        self._remember(digest, float(claims["exp"]) + self.settings.clock_skew_s, principal)
        return principal

    async def _claims(self, token: str) -> dict[str, Any]:
        s = self.settings
        try:
            header = jwt.get_unverified_header(token)
        except jwt.DecodeError as exc:
            raise refused("the token is malformed") from exc
        alg = header.get("alg")
        if alg not in s.algorithms:
            raise refused("the token's signing algorithm is not accepted")
        kid = header.get("kid")
        try:
            key = await self.jwks.key(kid if isinstance(kid, str) else None)
        except KeyError as exc:
            raise refused("the token is signed with a key the identity provider does not publish") from exc
        if key.algorithm_name != alg:
            raise refused("the token's signing algorithm does not match its key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=[alg], audience=s.audience, issuer=s.issuer, leeway=s.clock_skew_s,
                options={"require": ["exp", "iss", "aud"]})
        except jwt.InvalidTokenError as exc:
            raise refused(_reason(exc)) from exc
        return claims

    def principal(self, claims: dict[str, Any]) -> Principal:
        s = self.settings
        user = claims.get(s.user_claim)
        if not isinstance(user, str) or not user:
            raise refused(f"the token has no '{s.user_claim}' claim")
        name = claims.get(s.name_claim)
        department = claims.get(s.department_claim)
        return Principal(
            user_id=user,
            display_name=name if isinstance(name, str) and name else user,
            roles=self.roles(claims.get(s.roles_claim)),
            department=department if isinstance(department, str) else "",
            key_id=SSO_KEY_ID,
        )

    def roles(self, values: Any) -> tuple[str, ...]:
        """Steward roles for the token's role/group claim values, through `role_map`, plus `default_roles`."""
        found: list[str] = list(self.settings.default_roles)
        for value in _claim_values(values):
            found.extend(self.settings.role_map.get(value, ()))
        return tuple(dict.fromkeys(found))

    def clear(self) -> None:
        self._cache.clear()

    def _remember(self, digest: bytes, until: float, principal: Principal) -> None:
        limit = self.settings.token_cache_size
        if limit == 0:
            return
        self._cache[digest] = (until, principal)
        self._cache.move_to_end(digest)
        while len(self._cache) > limit:
            self._cache.popitem(last=False)


def sso_verifier(settings: OidcSettings | None, base_dir: Path,
                 current: TokenVerifier | None = None) -> TokenVerifier | None:
    """The verifier for these settings; an unchanged configuration keeps its key set and token cache."""
    if settings is None:
        return None
    if current is not None and current.settings == settings:
        return current
    return TokenVerifier(settings, base_dir)


def is_sso(principal: Principal) -> bool:
    return principal.key_id == SSO_KEY_ID and not principal.digest


def require_sso_role(config: PolicyConfig, principal: Principal) -> None:
    """Refuse a Steward key holding a role the policy reserves for single-sign-on identities."""
    settings = config.oidc
    if settings is None or not settings.sso_only_roles or is_sso(principal):
        return
    roles = [r for r in principal.roles if r in settings.sso_only_roles]
    if roles:
        raise PolicyRefusal(f"Role '{roles[0]}' may be used only with a single-sign-on identity, not a Steward key "
                            "(policy 10.5: access by role).", code="sso_required", policy_clause="10.5")


def require_sso_use_case(config: PolicyConfig, principal: Principal, requested: str | None) -> None:
    """Refuse a Steward key for a use case the policy reserves for single-sign-on identities."""
    settings = config.oidc
    if settings is None or not settings.sso_only_use_cases or is_sso(principal):
        return
    use_case = select_use_case(config, requested, principal.use_case).id
    if use_case in settings.sso_only_use_cases:
        raise PolicyRefusal(f"Use case '{use_case}' may be used only with a single-sign-on identity, not a Steward "
                            "key (policy 10.5: access by role).", code="sso_required", policy_clause="10.5")


def _claim_values(values: Any) -> Iterable[str]:
    if isinstance(values, str):
        return values.split()
    if isinstance(values, list):
        return [v for v in values if isinstance(v, str)]
    return ()


def _reason(exc: Exception) -> str:
    for kind, reason in _REASONS:
        if isinstance(exc, kind):
            return reason
    return "the token is not valid"


def config_dir(settings: Settings) -> Path:
    """Where a relative `jwks_file` is found: beside the policy file, else in the data folder."""
    return settings.config_path.parent if settings.config_path is not None else settings.data_dir
