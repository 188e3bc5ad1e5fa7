"""Console sign-in through the organisation's identity provider: the OAuth 2.0 authorization-code flow
with PKCE (RFC 7636, S256) and an OpenID Connect nonce.

    GET /console/login/sso       state, nonce and code verifier sealed in a 10-minute cookie; 303 to the IdP
    GET /console/login/callback  state checked; code exchanged (with the verifier) at the token endpoint;
                                 the ID token's signature, issuer, audience (client_id) and nonce checked;
                                 the access token verified like any API caller's (`oidc` section) → roles

The session ends when the access token would (or after `session_ttl_s`, whichever is first). Every
attempt leaves an audit row; refusals never show token contents.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import time
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from config.console import ConsoleOidc
from proxy.console.context import CONSOLE_ROLES, begin, codec_of, finish, pipeline_of, refusal_page
from proxy.console.session import COOKIE, ConsoleSession
from proxy.console.views_auth import safe_next, set_cookie
from proxy.exchange import Exchange
from proxy.http.errors import StewardError
from proxy.identity.oidc import TokenVerifier
from proxy.pipeline import Pipeline

router = APIRouter(prefix="/console/login", include_in_schema=False)
FLOW_COOKIE = "steward_console_sso"
FLOW_TTL_S = 600


class SignInFailed(Exception):
    """The identity provider's answer cannot sign this person in (the message is safe to show)."""


@router.get("/sso")
async def start(request: Request, next: str = "/console/") -> Response:
    pipeline = pipeline_of(request)
    settings = pipeline.gw.config.gateway.console.oidc
    if settings is None or pipeline.gw.sso is None:
        ex = begin(request, pipeline, "console.sign_in_sso")
        return refusal_page(request, pipeline, ex, 404, "sso_not_configured",
                            "Single sign-on is not configured for the console; sign in with a Steward key.")
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    flow = {"state": state, "nonce": nonce, "verifier": verifier, "next": safe_next(next),
            "until": time.time() + FLOW_TTL_S}
    query = urlencode({"response_type": "code", "client_id": settings.client_id,
                       "redirect_uri": redirect_uri(request, settings), "scope": " ".join(settings.scopes),
                       "state": state, "nonce": nonce, "code_challenge": challenge(verifier),
                       "code_challenge_method": "S256"})
    separator = "&" if "?" in settings.authorization_url else "?"
    response = RedirectResponse(f"{settings.authorization_url}{separator}{query}", status_code=303)
    set_cookie(response, FLOW_COOKIE, codec_of(request).seal_data(flow), FLOW_TTL_S)
    return response


@router.get("/callback", name="console_sso_callback")
async def callback(request: Request) -> Response:
    pipeline = pipeline_of(request)
    ex = begin(request, pipeline, "console.sign_in_sso")
    settings = pipeline.gw.config.gateway.console.oidc
    verifier = pipeline.gw.sso
    flow = codec_of(request).open_data(request.cookies.get(FLOW_COOKIE))
    try:
        if settings is None or verifier is None:
            raise SignInFailed("Single sign-on is not configured for the console.")
        params = request.query_params
        if flow is None or flow.get("until", 0) < time.time() or not secrets.compare_digest(
                str(flow.get("state", "")).encode(), params.get("state", "").encode()):
            raise SignInFailed("This sign-in was not started here or took too long. Start again.")
        if "error" in params or not params.get("code"):
            raise SignInFailed("The identity provider did not sign you in.")
        tokens = await exchange_code(request, settings, params["code"], str(flow["verifier"]))
        await check_id_token(verifier, settings, tokens.get("id_token"), str(flow["nonce"]))
        principal = await verifier.verify(str(tokens.get("access_token", "")))
        expires = float(jwt.decode(str(tokens["access_token"]), options={"verify_signature": False})["exp"])
    except (SignInFailed, StewardError) as exc:
        message = str(exc) if isinstance(exc, SignInFailed) else "Your sign-in token was not accepted."
        return _refuse(request, pipeline, ex, 401, "console_sign_in_failed", message)
    ex.set_principal(principal)
    if not CONSOLE_ROLES & set(principal.roles):
        return _refuse(request, pipeline, ex, 403, "role_required",
                       "Your account has none of the console roles (auditor, reviewer, administrator).", "10.5")
    session = ConsoleSession.start(user_id=principal.user_id, display_name=principal.display_name,
                                   roles=principal.roles, department=principal.department, key_id=principal.key_id,
                                   digest="", ttl_s=pipeline.gw.config.gateway.console.session_ttl_s,
                                   not_after=expires)
    finish(pipeline, ex, 303)
    response = RedirectResponse(str(flow["next"]) if flow else "/console/", status_code=303)
    set_cookie(response, COOKIE, codec_of(request).seal(session), max(1, int(session.expires_at - time.time())))
    response.delete_cookie(FLOW_COOKIE, path="/console")
    return response


def _refuse(request: Request, pipeline: Pipeline, ex: Exchange, status: int, code: str, message: str,
            clause: str | None = None) -> Response:
    response = refusal_page(request, pipeline, ex, status, code, message, clause)
    response.delete_cookie(FLOW_COOKIE, path="/console")
    return response


def challenge(verifier: str) -> str:
    """PKCE S256: base64url(sha256(verifier)) without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).decode().rstrip("=")


def redirect_uri(request: Request, settings: ConsoleOidc) -> str:
    return settings.redirect_url or str(request.url_for("console_sso_callback"))


async def exchange_code(request: Request, settings: ConsoleOidc, code: str, verifier: str) -> dict[str, Any]:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri(request, settings),
            "client_id": settings.client_id, "code_verifier": verifier}
    if settings.client_secret_env:
        secret = os.environ.get(settings.client_secret_env)
        if not secret:
            raise SignInFailed(f"The console's client secret ({settings.client_secret_env}) is not set.")
        form["client_secret"] = secret
    try:
        async with httpx.AsyncClient(timeout=settings.timeout_s) as client:
            resp = await client.post(settings.token_url, data=form, headers={"accept": "application/json"})
        tokens = resp.json() if resp.status_code == 200 else None
    except (httpx.HTTPError, ValueError) as exc:
        raise SignInFailed("The identity provider could not be reached. Try again shortly.") from exc
    if not isinstance(tokens, dict) or not isinstance(tokens.get("access_token"), str):
        raise SignInFailed("The identity provider refused the sign-in.")
    return tokens


async def check_id_token(verifier: TokenVerifier, settings: ConsoleOidc, token: Any, nonce: str) -> None:
    """The ID token is signed by the provider, for this client, and carries this sign-in's nonce."""
    if not isinstance(token, str):
        raise SignInFailed("The identity provider returned no ID token.")
    try:
        header = jwt.get_unverified_header(token)
        alg = header.get("alg")
        if alg not in verifier.settings.algorithms:
            raise SignInFailed("The ID token's signing algorithm is not accepted.")
        key = await verifier.jwks.key(header.get("kid") if isinstance(header.get("kid"), str) else None)
        claims = jwt.decode(token, key, algorithms=[alg], audience=settings.client_id,
                            issuer=verifier.settings.issuer, leeway=verifier.settings.clock_skew_s,
                            options={"require": ["exp", "iss", "aud", "nonce"]})
    except (jwt.InvalidTokenError, KeyError) as exc:
        raise SignInFailed("The ID token does not verify.") from exc
    if not secrets.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise SignInFailed("The ID token belongs to another sign-in.")
