"""One console page view or form post, end to end: session, key re-check, role, CSRF, audit row.

    return await console_call(request, handler, roles={"auditor"}, action="audit.list")

Every console request leaves an audit row like an API call (endpoint `console`, the action as the reason
code), whatever happens: a sign-in page for a missing or expired session (401), a refusal page for a role
the person does not hold (403, clause 10.5) or a form without its CSRF token (403), a 503 page when the
audit store is down (fail closed). Pages are HTML; nothing here writes prompt or output text to logs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import structlog
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from audit.api.deps import Actor
from proxy.console.render import render
from proxy.console.session import COOKIE, ConsoleSession, SessionCodec
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.gateway import Gateway
from proxy.http.errors import StewardError
from proxy.identity.auth import Principal
from proxy.pipeline import Pipeline

log = structlog.get_logger("steward.console")

ROLE_LABELS = {"auditor": "Auditor", "reviewer": "Reviewer", "admin": "Administrator"}
CONSOLE_ROLES = frozenset(ROLE_LABELS)


@dataclass(slots=True)
class Page:
    """What a handler works with: the gateway, the signed-in person and the audit exchange."""

    request: Request
    gw: Gateway
    session: ConsoleSession
    principal: Principal
    ex: Exchange
    form: dict[str, str]

    def has(self, role: str) -> bool:
        return role in self.principal.roles

    def html(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(render(template, self.request, self.session, self.principal, **context),
                            status_code=status)

    def error(self, status: int, code: str, message: str, clause: str | None = None) -> HTMLResponse:
        """An error page; the audit row takes its status and code."""
        self.ex.event.reason_code = code
        if clause is not None:
            self.ex.event.policy_clause = clause
        return self.html("error.html", status, http_status=status, code=code, message=message, clause=clause)

    def actor(self) -> Actor:
        return Actor(self.principal.user_id, self.principal.roles, self.principal.department or None)


Handler = Callable[[Page], Awaitable[Response]]


def codec_of(request: Request) -> SessionCodec:
    codec: SessionCodec = request.app.state.console_codec
    return codec


def pipeline_of(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


async def console_call(request: Request, handler: Handler, *, roles: frozenset[str] | set[str],
                       action: str) -> Response:
    """Run `handler` for a signed-in person holding any of `roles` (empty: any console role)."""
    pipeline = pipeline_of(request)
    ex = begin(request, pipeline, action)
    try:
        page = await _admit(request, pipeline, ex, frozenset(roles))
        if isinstance(page, Response):
            return page
        response = await handler(page)
    except StewardError as exc:
        return refusal_page(request, pipeline, ex, exc.status, exc.code, exc.message, exc.policy_clause)
    except Exception as exc:  # a bug: an audited error page, never a stack trace
        log.error("console.failed", error=type(exc).__name__, action=action)
        return refusal_page(request, pipeline, ex, 500, "internal_error", "The console failed to show this page.")
    finish(pipeline, ex, response.status_code)
    return response


def begin(request: Request, pipeline: Pipeline, action: str) -> Exchange:
    ex = Exchange.begin(request, Endpoint.CONSOLE, pipeline.gw.config.gateway)
    ex.config, ex.event.policy_version = pipeline.gw.config, pipeline.gw.loaded.digest
    ex.event.reason_code = action
    return ex


def finish(pipeline: Pipeline, ex: Exchange, status: int) -> None:
    ex.finish(status, "allowed" if status < 400 else "refused")
    ex.event.outcome = "allowed" if status < 400 else "blocked"
    pipeline.submit(ex)


async def _admit(request: Request, pipeline: Pipeline, ex: Exchange, roles: frozenset[str]) -> Page | Response:
    gw = pipeline.gw
    session = codec_of(request).open(request.cookies.get(COOKIE))
    principal = await _principal(gw, session)
    if session is None or principal is None:
        ex.finish(401, "refused", "console_sign_in_required")
        ex.event.outcome = "blocked"
        pipeline.submit(ex)
        target = "/console/login?next=" + quote(_local_path(request), safe="/")
        response = RedirectResponse(target, status_code=303)
        response.delete_cookie(COOKIE, path="/console")
        return response
    ex.set_principal(principal)
    if not gw.audit.healthy:
        return refusal_page(request, pipeline, ex, 503, "audit_unavailable", "The audit store is unavailable, so "
                            "the console is closed until it recovers (fail closed).", None, session, principal)
    wanted = roles or CONSOLE_ROLES
    if not wanted & set(principal.roles):
        needed = " or ".join(ROLE_LABELS.get(r, r) for r in sorted(wanted))
        return refusal_page(request, pipeline, ex, 403, "role_required", f"This page needs the {needed} role.",
                            "10.5", session, principal)
    form = await _form(request)
    if request.method == "POST" and not session.csrf_ok(form.get("csrf_token")):
        return refusal_page(request, pipeline, ex, 403, "csrf_failed", "This form has expired or did not come from "
                            "the console. Go back, reload the page and try again.", None, session, principal)
    return Page(request, gw, session, principal, ex, form)


async def _principal(gw: Gateway, session: ConsoleSession | None) -> Principal | None:
    """The key behind the session, re-checked now: a revoked key ends its console sessions."""
    if session is None:
        return None
    if session.single_sign_on:  # verified by the identity provider at sign-in; ends when its token would
        return Principal(session.user_id, session.display_name, session.roles, session.department, session.key_id)
    try:
        return await gw.authenticator.authenticate_digest(session.digest)
    except StewardError:
        return None


async def _form(request: Request) -> dict[str, str]:
    if request.method != "POST":
        return {}
    form = await request.form(max_files=0, max_fields=64, max_part_size=64 * 1024)
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _local_path(request: Request) -> str:
    path = request.url.path
    return path + ("?" + request.url.query if request.url.query else "")


def refusal_page(request: Request, pipeline: Pipeline, ex: Exchange, status: int, code: str, message: str,
                 clause: str | None = None, session: ConsoleSession | None = None,
                 principal: Principal | None = None) -> Response:
    decision = "refused" if status < 500 else "error"
    ex.finish(status, decision, code, clause)
    ex.event.outcome = "blocked" if decision == "refused" else "error"
    pipeline.submit(ex)
    body = render("error.html", request, session, principal, http_status=status, code=code, message=message,
                  clause=clause)
    return HTMLResponse(body, status_code=status, headers={"x-request-id": ex.request_id})
