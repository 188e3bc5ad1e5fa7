"""The JWKS cache: fetched keys are reused while the provider is unreachable, until their maximum age,
then every token is refused (fail closed); a JWKS file works offline. The clock is injected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from config.identity import OidcSettings
from proxy.http.errors import ServiceUnavailable
from proxy.identity.oidc import TokenVerifier
from proxy.identity.oidc_jwks import JwksCache
from tests.support.idp import AUDIENCE, ISSUER, IdentityProvider, SigningKey, serve_idp


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _settings(**kw: object) -> OidcSettings:
    return OidcSettings.model_validate({"issuer": ISSUER, "audience": [AUDIENCE], **kw})


async def test_unreachable_jwks_uses_cached_keys_until_max_age_then_fails_closed(tmp_path: Path) -> None:
    clock = Clock()
    with serve_idp(IdentityProvider()) as idp:
        kid = idp.keys[0].kid
        cache = JwksCache(_settings(jwks_url=idp.url, jwks_refresh_s=60, jwks_max_age_s=600, jwks_min_refetch_s=5),
                          tmp_path, clock=clock)
        assert (await cache.key(kid)).key_id == kid
        idp.up = False
        clock.now += 120  # stale: a refetch is tried, fails, cached keys still serve
        assert (await cache.key(kid)).key_id == kid
        assert cache.status()["usable"] and cache.status()["last_error"] == "HTTPStatusError"
        hits = idp.hits
        clock.now += 1  # within jwks_min_refetch_s: the provider is not hammered
        await cache.key(kid)
        assert idp.hits == hits
        clock.now += 600  # past jwks_max_age_s
        with pytest.raises(ServiceUnavailable):
            await cache.key(kid)
        idp.up = True
        clock.now += 10
        assert (await cache.key(kid)).key_id == kid  # recovers as soon as the provider answers


async def test_first_fetch_failure_fails_closed(tmp_path: Path) -> None:
    with serve_idp(IdentityProvider(up=False)) as idp:
        verifier = TokenVerifier(_settings(jwks_url=idp.url), tmp_path)
        with pytest.raises(ServiceUnavailable) as info:
            await verifier.verify(idp.token())
        assert info.value.code == "identity_provider_unavailable"


async def test_jwks_file_for_offline_sites(tmp_path: Path) -> None:
    idp = IdentityProvider(keys=[SigningKey.ec("ec-offline")])
    (tmp_path / "jwks.json").write_text(json.dumps(idp.jwks()))
    verifier = TokenVerifier(_settings(jwks_file="jwks.json", role_map={"Steward.Staff": ["staff"]}), tmp_path)
    principal = await verifier.verify(idp.token())
    assert principal.user_id == "u-1001" and principal.roles == ("staff",)


def test_exactly_one_key_source() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        _settings()
    with pytest.raises(ValueError, match="exactly one"):
        _settings(jwks_url="http://x", jwks_file="y")


def test_roles_from_string_or_list_claims(tmp_path: Path) -> None:
    verifier = TokenVerifier(_settings(jwks_file="x", role_map={"a": ["staff"], "b": ["admin", "staff"]},
                                       default_roles=["reader"]), tmp_path)
    assert verifier.roles(["b", "a", 7]) == ("reader", "admin", "staff")
    assert verifier.roles("a b") == ("reader", "staff", "admin")
    assert verifier.roles(None) == ("reader",)


def test_config_rejects_unknown_roles_and_use_cases() -> None:
    from config.loader import ConfigError, parse_config
    base = "version: 1\nroles: {staff: {}}\noidc: {issuer: i, audience: [a], jwks_file: k, %s}\n"
    parse_config(base % "role_map: {g: [staff]}", "ok.yaml")
    with pytest.raises(ConfigError, match="unknown roles"):
        parse_config(base % "role_map: {g: [ghost]}", "bad.yaml")
    with pytest.raises(ConfigError, match="unknown use cases"):
        parse_config(base % "sso_only_use_cases: [nope]", "bad.yaml")


async def test_concurrent_first_tokens_wait_for_the_one_fetch(tmp_path: Path) -> None:
    import asyncio
    with serve_idp(IdentityProvider()) as idp:
        verifier = TokenVerifier(_settings(jwks_url=idp.url, role_map={"Steward.Staff": ["staff"]}), tmp_path)
        tokens = [idp.token(sub=f"u-{i}") for i in range(8)]
        principals = await asyncio.gather(*(verifier.verify(t) for t in tokens))
        assert [p.user_id for p in principals] == [f"u-{i}" for i in range(8)]
        assert idp.hits == 1
