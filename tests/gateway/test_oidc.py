"""Single sign-on: OIDC access tokens signed with locally generated keys, the JWKS served over loopback HTTP.
The whole gateway runs in process; only the provider is faked (respx), the JWKS endpoint is real."""

from __future__ import annotations

from collections.abc import Iterator

import jwt
import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion
from tests.support.idp import AUDIENCE, ISSUER, IdentityProvider, SigningKey, serve_idp

SSO = """
use_cases:
  - id: casework
    owner: Social care
    purpose: case summaries
    tools: [mock]
    allowed_roles: [staff, admin]
    review_by: 2099-01-01
oidc:
  issuer: {issuer}
  audience: [{audience}]
  jwks_url: {url}
  jwks_min_refetch_s: 0
  clock_skew_s: 30
  roles_claim: groups
  role_map:
    grp-housing-officers: [staff]
    grp-it-admins: [admin]
  sso_only_roles: [admin]
  sso_only_use_cases: [casework]
"""
ADMIN_ROLE = "  admin: {tools: [mock]}\n"


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    with serve_idp(IdentityProvider(keys=[SigningKey.rsa("rsa-1"), SigningKey.ec("ec-1")])) as served:
        yield served


@pytest.fixture
def config_text(idp: IdentityProvider) -> str:
    return CONFIG + ADMIN_ROLE + SSO.format(issuer=ISSUER, audience=AUDIENCE, url=idp.url)


@pytest.fixture
def sso(harness: Harness) -> Harness:
    harness.upstream.route(host="127.0.0.1").pass_through()
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    return harness


def _token(idp: IdentityProvider, key: int = 0, **claims: object) -> str:
    return idp.token(idp.keys[key], **{"groups": ["grp-housing-officers"], **claims})


async def _call(h: Harness, token: str, **headers: str) -> tuple[int, dict[str, object]]:
    resp = await h.post("/v1/chat/completions", chat_body(), key=token, headers=headers)
    return resp.status_code, resp.json()


@pytest.mark.parametrize("key", [0, 1], ids=["RS256", "ES256"])
async def test_valid_token_maps_claims_to_the_principal(sso: Harness, idp: IdentityProvider, key: int) -> None:
    resp = await sso.post("/v1/chat/completions", chat_body(), key=_token(idp, key))
    assert resp.status_code == 200, resp.text
    row = await sso.audit_row(resp.headers["x-request-id"])
    assert (row["user_id"], row["display_name"], row["department"]) == ("u-1001", "Priya Shah", "Revenues")
    assert list(row["roles"]) == ["staff"] and row["key_id"] == "sso"


@pytest.mark.parametrize(("claims", "reason"), [
    ({"exp": 1_000_000}, "expired"),
    ({"aud": "api://someone-else"}, "audience"),
    ({"iss": "https://evil.example.test/"}, "issuer"),
    ({"nbf": 4_000_000_000}, "not valid yet"),
    ({"exp": None}, "lacks a required claim"),
])
async def test_bad_claims_are_refused_without_leaking_the_token(sso: Harness, idp: IdentityProvider,
                                                                claims: dict[str, object], reason: str) -> None:
    token = _token(idp, sub="resident-ab12cd", **claims)
    status, body = await _call(sso, token)
    error = body["error"]
    assert isinstance(error, dict)
    assert status == 401 and error["code"] == "invalid_token" and reason in str(error["message"])
    text = str(body)
    assert "resident-ab12cd" not in text and token not in text and "Priya" not in text
    rows = await sso.audit_rows()
    assert rows[0]["http_status"] == 401 and rows[0]["reason_code"] == "invalid_token"


async def test_clock_skew_is_bounded(sso: Harness, idp: IdentityProvider) -> None:
    import time
    now = int(time.time())
    assert (await _call(sso, _token(idp, exp=now - 10)))[0] == 200  # within the 30 s skew
    assert (await _call(sso, _token(idp, exp=now - 120)))[0] == 401


async def test_alg_none_and_hmac_confusion_are_refused(sso: Harness, idp: IdentityProvider) -> None:
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-1", "exp": 4_000_000_000, "groups": ["grp-housing-officers"]}
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"kid": "rsa-1"})
    status, body = await _call(sso, unsigned)
    assert status == 401 and "algorithm" in str(body["error"])
    # HS256 keyed with the (public) JWK text: the classic algorithm-confusion attack
    forged = jwt.encode(claims, "a-public-key-used-as-hmac-secret-0123456789", algorithm="HS256",
                        headers={"kid": "rsa-1"})
    assert (await _call(sso, forged))[0] == 401


async def test_signature_by_an_unpublished_key_is_refused(sso: Harness, idp: IdentityProvider) -> None:
    stranger = SigningKey.rsa("rsa-1")  # same kid, different key
    status, body = await _call(sso, idp.token(stranger, groups=["grp-housing-officers"]))
    assert status == 401 and "signature" in str(body["error"])
    status, body = await _call(sso, idp.token(SigningKey.rsa("unknown-kid"), groups=["grp-housing-officers"]))
    assert status == 401 and "does not publish" in str(body["error"])


async def test_key_rotation_picks_up_the_new_kid(sso: Harness, idp: IdentityProvider) -> None:
    assert (await _call(sso, _token(idp)))[0] == 200
    rotated = SigningKey.rsa("rsa-2")
    idp.keys = [rotated]
    status, body = await _call(sso, idp.token(rotated, groups=["grp-housing-officers"]))
    assert status == 200, body


async def test_role_claim_mapping(sso: Harness, idp: IdentityProvider) -> None:
    status, body = await _call(sso, _token(idp, groups=["grp-parks"]))  # a group Steward does not map
    assert status == 403 and body["error"]["code"] == "tool_not_permitted_for_role"  # type: ignore[index]
    resp = await sso.client.get("/admin/v1/policy", headers=sso.auth(idp.token(groups=["grp-it-admins"])))
    assert resp.status_code == 200, resp.text


async def test_sso_only_role_and_use_case_refuse_keys(sso: Harness, idp: IdentityProvider) -> None:
    admin_key = (await sso.gateway.keys.create("carol", ["admin"])).secret
    resp = await sso.client.get("/admin/v1/policy", headers=sso.auth(admin_key))
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "sso_required"
    status, body = await _call(sso, sso.key, **{"x-steward-use-case": "casework"})
    assert status == 403 and body["error"]["code"] == "sso_required"  # type: ignore[index]
    assert (await _call(sso, _token(idp), **{"x-steward-use-case": "casework"}))[0] == 200
    assert (await _call(sso, sso.key))[0] == 200  # keys keep working elsewhere


async def test_keys_keep_working_and_a_bad_jwt_is_not_a_key(sso: Harness, idp: IdentityProvider) -> None:
    assert (await _call(sso, sso.key))[0] == 200
    status, body = await _call(sso, "abc.def.ghi")
    assert status == 401 and "malformed" in str(body["error"])


async def test_validated_tokens_are_cached_by_digest(sso: Harness, idp: IdentityProvider,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = jwt.decode

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jwt, "decode", counting)
    token = _token(idp)
    for _ in range(3):
        assert (await _call(sso, token))[0] == 200
    assert calls == 1
