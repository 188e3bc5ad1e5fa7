"""Console sign-in through the identity provider: authorization code + PKCE (S256) + nonce. The JWKS is
served over loopback by the test identity provider (tests/support/idp.py); its token endpoint is a respx
route that checks the code verifier against the challenge, as a real provider does."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx

from config.loader import parse_config
from config.settings import Settings
from detectors.engine import ScanEngine
from proxy.app import create_app
from proxy.console.session import COOKIE
from tests.console.conftest import BASE, CONSOLE_CONFIG
from tests.gateway.conftest import PROVIDER_KEY, shared_scanner  # noqa: F401  (session fixture)
from tests.support.idp import AUDIENCE, ISSUER, IdentityProvider, SigningKey, serve_idp

CLIENT_ID = "steward-console"
AUTHORIZE = "http://idp.test/oauth2/v2.0/authorize"
TOKEN = "http://idp.test/oauth2/v2.0/token"
SSO = """
oidc:
  issuer: {issuer}
  audience: [{audience}]
  jwks_url: {url}
  jwks_min_refetch_s: 0
  roles_claim: groups
  role_map:
    grp-internal-audit: [auditor]
    grp-housing: [staff]
"""


class FakeProvider:
    """Issues one code per authorization request and redeems it once, with PKCE."""

    def __init__(self, idp: IdentityProvider) -> None:
        self.idp = idp
        self.codes: dict[str, dict[str, str]] = {}
        self.groups = ["grp-internal-audit"]
        self.id_nonce: str | None = None  # None: echo the request's nonce

    def authorize(self, url: str) -> str:
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        code = base64.urlsafe_b64encode(os.urandom(12)).decode()
        self.codes[code] = query
        return f"{query['redirect_uri']}?code={code}&state={query['state']}"

    def token(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        asked = self.codes.pop(form.get("code", ""), None)
        if asked is None:
            return httpx.Response(400, json={"error": "invalid_grant"})
        digest = hashlib.sha256(form["code_verifier"].encode()).digest()
        if base64.urlsafe_b64encode(digest).decode().rstrip("=") != asked["code_challenge"]:
            return httpx.Response(400, json={"error": "invalid_grant", "error_description": "PKCE"})
        assert form["redirect_uri"] == asked["redirect_uri"] and form["client_id"] == CLIENT_ID
        access = self.idp.token(sub="u-77", name="Ama Mensah", groups=self.groups, department="Internal Audit")
        nonce = self.id_nonce if self.id_nonce is not None else asked["nonce"]
        id_token = self.idp.token(aud=CLIENT_ID, sub="u-77", nonce=nonce)
        return httpx.Response(200, json={"access_token": access, "id_token": id_token, "token_type": "Bearer"})


@pytest.fixture
async def sso(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              shared_scanner: ScanEngine) -> AsyncIterator[tuple[httpx.AsyncClient, FakeProvider, Any]]:  # noqa: F811
    monkeypatch.setenv("STEWARD_TEST_PROVIDER_KEY", PROVIDER_KEY)
    monkeypatch.setenv("STEWARD_AUDIT_KEY", base64.b64encode(os.urandom(32)).decode())
    with serve_idp(IdentityProvider(keys=[SigningKey.rsa("rsa-1")])) as idp:
        text = CONSOLE_CONFIG.replace("gateway:\n", "gateway:\n  console:\n    oidc: {authorization_url: "
                                      f"'{AUTHORIZE}', token_url: '{TOKEN}', client_id: {CLIENT_ID}}}\n", 1)
        text += SSO.format(issuer=ISSUER, audience=AUDIENCE, url=idp.url)
        app = create_app(Settings(data_dir=tmp_path), parse_config(text, "t.yaml"), scanner=shared_scanner)
        provider = FakeProvider(idp)
        with respx.mock(assert_all_called=False) as mock:
            mock.route(host="127.0.0.1").pass_through()
            mock.post(TOKEN).mock(side_effect=provider.token)
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
                    yield client, provider, app.state.gateway


async def _sign_in(client: httpx.AsyncClient, provider: FakeProvider) -> httpx.Response:
    start = await client.get("/console/login/sso?next=/console/audit")
    assert start.status_code == 303 and start.headers["location"].startswith(AUTHORIZE)
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["response_type"] == ["code"]
    assert query["redirect_uri"] == [f"{BASE}/console/login/callback"]
    back = provider.authorize(start.headers["location"])
    return await client.get(back.removeprefix(BASE))


async def test_login_page_offers_single_sign_on(sso: Any) -> None:
    client, _, _ = sso
    page = await client.get("/console/login")
    assert "Sign in with your organisation account" in page.text


async def test_code_flow_with_pkce_signs_in_with_mapped_roles(sso: Any) -> None:
    client, provider, gateway = sso
    done = await _sign_in(client, provider)
    assert done.status_code == 303 and done.headers["location"] == "/console/audit"
    cookie = "; ".join(v for k, v in done.headers.multi_items() if k == "set-cookie" and v.startswith(COOKIE))
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    page = await client.get("/console/audit")
    assert page.status_code == 200 and "Ama Mensah" in page.text
    await gateway.audit.flush()
    from audit.reader import list_records
    rows = await list_records(gateway.engine, limit=50)
    assert any(r["reason_code"] == "console.sign_in_sso" and r["user_id"] == "u-77" and r["key_id"] == "sso"
               for r in rows)


async def test_a_person_without_a_console_role_is_refused(sso: Any) -> None:
    client, provider, _ = sso
    provider.groups = ["grp-housing"]
    done = await _sign_in(client, provider)
    assert done.status_code == 403 and f"{COOKIE}=" not in done.headers.get("set-cookie", "")


async def test_forged_state_and_wrong_nonce_are_refused(sso: Any) -> None:
    client, provider, _ = sso
    start = await client.get("/console/login/sso")
    back = provider.authorize(start.headers["location"]).removeprefix(BASE)
    forged = back.rsplit("state=", 1)[0] + "state=attacker"
    assert (await client.get(forged)).status_code == 401
    provider.id_nonce = "someone-elses-nonce"
    refused = await _sign_in(client, provider)
    assert refused.status_code == 401 and "another sign-in" in refused.text


async def test_callback_without_a_started_sign_in_is_refused(sso: Any) -> None:
    client, _, _ = sso
    resp = await client.get("/console/login/callback?code=abc&state=xyz")
    assert resp.status_code == 401 and "not started here" in resp.text
