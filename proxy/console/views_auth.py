"""Sign in with a Steward key (exchanged for a sealed session cookie) and sign out.

The key travels once, in the sign-in form's POST body, and is never stored: the cookie carries its digest.
Sign-in forms carry a CSRF token bound to a short-lived pre-session cookie (double submit), so another site
cannot sign someone in under its own key. Every attempt leaves an audit row (endpoint `console`).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from proxy.console.context import CONSOLE_ROLES, Page, begin, codec_of, console_call, finish, pipeline_of, refusal_page
from proxy.console.render import render
from proxy.console.session import COOKIE, ConsoleSession
from proxy.http.errors import StewardError
from proxy.identity.auth import digest_key

router = APIRouter(prefix="/console", include_in_schema=False)
LOGIN_COOKIE = "steward_console_login"
MAX_KEY_CHARS = 512


@router.get("/login")
async def login_form(request: Request, next: str = "/console/") -> Response:
    token = secrets.token_urlsafe(24)
    body = render("login.html", request, None, None, login_token=token, next=safe_next(next), error=None,
                  sso=_sso_offered(request))
    response = HTMLResponse(body)
    set_cookie(response, LOGIN_COOKIE, token, 600)
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    pipeline = pipeline_of(request)
    ex = begin(request, pipeline, "console.sign_in")
    form = await request.form(max_files=0, max_fields=8, max_part_size=8 * 1024)
    key, token, nxt = (str(form.get(name, "")) for name in ("key", "login_token", "next"))
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not secrets.compare_digest(expected.encode(), token.encode()):
        return refusal_page(request, pipeline, ex, 403, "csrf_failed",
                            "The sign-in form expired. Reload the page and sign in again.")
    key = key.strip()
    try:
        if not key or len(key) > MAX_KEY_CHARS:
            raise ValueError
        principal = await pipeline.gw.authenticator.authenticate_digest(digest_key(key))
    except (ValueError, StewardError):
        ex.finish(401, "refused", "console_sign_in_failed")
        ex.event.outcome = "blocked"
        pipeline.submit(ex)
        body = render("login.html", request, None, None, login_token=token, next=safe_next(nxt),
                      error="That key was not recognised. Check the Steward key you were issued.",
                      sso=_sso_offered(request))
        return HTMLResponse(body, status_code=401)
    ex.set_principal(principal)
    if not CONSOLE_ROLES & set(principal.roles):
        return refusal_page(request, pipeline, ex, 403, "role_required", "Your key has none of the console roles "
                            "(auditor, reviewer, administrator).", "10.5")
    ttl = pipeline.gw.config.gateway.console.session_ttl_s
    session = ConsoleSession.start(user_id=principal.user_id, display_name=principal.display_name,
                                   roles=principal.roles, department=principal.department,
                                   key_id=principal.key_id, digest=principal.digest, ttl_s=ttl)
    finish(pipeline, ex, 303)
    response = RedirectResponse(safe_next(nxt), status_code=303)
    set_cookie(response, COOKIE, codec_of(request).seal(session), int(ttl))
    response.delete_cookie(LOGIN_COOKIE, path="/console")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    async def handler(page: Page) -> Response:
        response = RedirectResponse("/console/login", status_code=303)
        response.delete_cookie(COOKIE, path="/console")
        return response

    return await console_call(request, handler, roles=set(), action="console.sign_out")


def set_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/console", httponly=True, secure=True,
                        samesite="strict")


def safe_next(target: str) -> str:
    """Only a console path on this site (no scheme, host or `//`): never an open redirect."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/console") or target.startswith("//"):
        return "/console/"
    if "\\" in target or any(ord(c) < 32 for c in target):
        return "/console/"
    return target


def _sso_offered(request: Request) -> bool:
    gw = pipeline_of(request).gw
    return gw.config.gateway.console.oidc is not None and gw.sso is not None
