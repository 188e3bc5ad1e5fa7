"""What the gateway hands the audit routers, who is calling, errors, and the access log (clause 10.2).

Authentication and role checks are the gateway's: `AuditDeps.authorize(request, roles)` returns the caller
as an `Actor` when they hold any of `roles` (an empty set: any authenticated caller), and otherwise raises
the gateway's own 401/403 error. The audit package never imports the gateway.

Errors raised here (`ApiError`) are rendered by the routers themselves (`AuditRoute`) in the gateway's
OpenAI-style shape `{"error": {"message", "type", "param", "code"}}`, so they do not depend on the app's
exception handlers and are never mistaken for an unknown URL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from pydantic import AfterValidator
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import JSONResponse, Response

from audit.records_schema import audit_access_log
from config.models import PolicyConfig

AUDITOR = "auditor"
REVIEWER = "reviewer"


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated caller of the audit API, as the gateway's authentication resolved them."""

    user_id: str
    roles: tuple[str, ...] = ()
    department: str | None = None


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class AuditDeps:
    """Everything the audit routers need from the gateway, injected once when the app is built.

    - engine_provider: the audit store's engine (called per request, so a reopened engine is picked up).
    - authorize: resolves and checks the caller (see module docstring); raises the gateway's 401/403.
    - policy_snapshot: the PolicyConfig in force (labels, use cases and tools for reports and ATRS).
    - erasure_allowed: whether the policy allows erasure on request (clause 10.3 / UK GDPR art. 17);
      `POST /subjects/{id}/erasure` answers 403 while this is False.
    - auditor_roles / reviewer_roles: role names that grant each part of the API.
    """

    engine_provider: Callable[[], AsyncEngine]
    authorize: Callable[[Request, set[str]], Awaitable[Actor]]
    policy_snapshot: Callable[[], PolicyConfig]
    erasure_allowed: Callable[[], bool] = _never
    auditor_roles: frozenset[str] = field(default_factory=lambda: frozenset({AUDITOR}))
    reviewer_roles: frozenset[str] = field(default_factory=lambda: frozenset({REVIEWER}))


class ApiError(Exception):
    """An error answered by the audit API. Messages never contain record content."""

    def __init__(self, status: int, code: str, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.param = param

    def response(self) -> JSONResponse:
        kind = "invalid_request_error" if self.status < 500 else "api_error"
        body = {"error": {"message": self.message, "type": kind, "param": self.param, "code": self.code}}
        return JSONResponse(body, status_code=self.status)


def not_found(what: str, code: str) -> ApiError:
    return ApiError(404, code, f"There is no {what}.")


class AuditRoute(APIRoute):
    """Renders `ApiError` for every route of the audit routers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as exc:
                return exc.response()

        return guarded


def acting_role(actor: Actor, granted: frozenset[str]) -> str:
    return next((role for role in actor.roles if role in granted), actor.roles[0] if actor.roles else "")


async def log_access(
    engine: AsyncEngine, actor: Actor, role: str, endpoint: str, params: dict[str, Any], count: int | None
) -> None:
    """One row in audit_access_log per auditor or reviewer access (clause 10.2)."""
    row = {"at": datetime.now(UTC), "actor": actor.user_id, "role": role, "endpoint": endpoint,
           "params": {k: _jsonable(v) for k, v in params.items() if v is not None}, "result_count": count}
    async with engine.begin() as conn:
        await conn.execute(insert(audit_access_log), [row])


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


@dataclass(frozen=True, slots=True)
class Access:
    """An authorised access to the audit API: who, in which role, to what; `log` records it."""

    actor: Actor
    role: str
    engine: AsyncEngine
    endpoint: str

    async def log(self, params: dict[str, Any], count: int | None) -> None:
        await log_access(self.engine, self.actor, self.role, self.endpoint, params, count)


def access_guard(
    deps: AuditDeps, granted: frozenset[str], base: str
) -> Callable[[Request], Awaitable[Access]]:
    """A FastAPI dependency admitting callers with any of `granted` (an empty set: any authenticated one).

    `base` is the prefix the route's router is mounted at: the access log names the route template
    (`GET /audit/v1/records/{request_id}`), never a raw path.
    """

    async def admit(request: Request) -> Access:
        actor = await deps.authorize(request, set(granted))
        path = base + getattr(request.scope.get("route"), "path", "")
        return Access(actor, acting_role(actor, granted), deps.engine_provider(), f"{request.method} {path}")

    return admit


def _storable(value: str | None) -> str | None:
    """Reject what PostgreSQL cannot store or compare (NUL, unpaired surrogates) as a 422, not a 500."""
    if value is None:
        return None
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text") from exc
    return value


Storable = AfterValidator(_storable)
