"""Single sign-on: OIDC access tokens (JWT) from the organisation's identity provider (e.g. Entra ID).

Tokens are verified against the provider's published keys (a JWKS fetched from `jwks_url` and cached,
or a `jwks_file` for sites without a route to the provider), the issuer, the audience, `exp` and `nbf`
with a bounded clock skew. Claims map to Steward's principal; the values of `roles_claim` map to
Steward roles through `role_map`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from config.base import Strict

Algorithm = Literal["RS256", "ES256"]


def _default_algorithms() -> list[Algorithm]:
    return ["RS256", "ES256"]


class OidcSettings(Strict):
    issuer: Annotated[str, Field(min_length=1)]
    audience: Annotated[list[str], Field(min_length=1)]
    jwks_url: str | None = None
    jwks_file: str | None = None  # offline sites: the provider's JWKS copied to a file
    algorithms: Annotated[list[Algorithm], Field(min_length=1)] = Field(default_factory=_default_algorithms)
    clock_skew_s: Annotated[float, Field(ge=0, le=300)] = 60.0
    # Keys are re-fetched after `jwks_refresh_s`; when the JWKS cannot be reached, the last keys fetched
    # are used until `jwks_max_age_s` after that fetch, then every token is refused (fail closed).
    jwks_refresh_s: Annotated[float, Field(ge=0, le=86_400)] = 300.0
    jwks_max_age_s: Annotated[float, Field(gt=0, le=7 * 86_400)] = 86_400.0
    jwks_min_refetch_s: Annotated[float, Field(ge=0, le=3600)] = 10.0  # unknown `kid`: refetch at most this often
    jwks_timeout_s: Annotated[float, Field(gt=0, le=60)] = 3.0
    user_claim: str = "sub"
    name_claim: str = "name"
    department_claim: str = "department"
    roles_claim: str = "roles"  # e.g. "roles" (Entra app roles) or "groups"
    role_map: dict[str, list[str]] = Field(default_factory=dict)  # claim value -> Steward roles
    default_roles: list[str] = Field(default_factory=list)  # roles every signed-in user has
    token_cache_size: Annotated[int, Field(ge=0, le=1_000_000)] = 10_000
    # Roles and use cases that only single-sign-on identities may use (a Steward key is refused).
    sso_only_roles: list[str] = Field(default_factory=list)
    sso_only_use_cases: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_key_source(self) -> OidcSettings:
        if (self.jwks_url is None) == (self.jwks_file is None):
            raise ValueError("oidc: set exactly one of jwks_url or jwks_file")
        return self

    def mapped_roles(self) -> set[str]:
        return {r for roles in self.role_map.values() for r in roles} | set(self.default_roles) | set(
            self.sso_only_roles)


def check_oidc_references(oidc: OidcSettings | None, roles: set[str], use_cases: set[str]) -> None:
    """Every Steward role and use case the OIDC section names must exist."""
    if oidc is None:
        return
    if unknown := sorted(oidc.mapped_roles() - roles):
        raise ValueError(f"oidc names unknown roles {unknown}")
    if unknown := sorted(set(oidc.sso_only_use_cases) - use_cases):
        raise ValueError(f"oidc.sso_only_use_cases names unknown use cases {unknown}")
