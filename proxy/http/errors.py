"""Steward's error hierarchy. Every error renders as an OpenAI-shaped body.

    StewardError                      (status, type, code; message never contains payload text or keys)
    ├── BadRequest                    400 invalid_request_error   malformed JSON, wrong types, body too large
    ├── Unauthenticated               401 invalid_request_error   missing / unknown / revoked key
    ├── PolicyRefusal                 403 policy_violation        a policy rule refused it; carries policy_clause
    ├── NotFound                      404 invalid_request_error   unknown model or route
    ├── ServiceUnavailable            503 service_unavailable     audit store or scanner down (fail closed)
    │   └── StoreUnavailable          503 store_unavailable       database unreachable on the request path
    └── UpstreamError                 502 upstream_error          provider unreachable / broken response
        └── UpstreamTimeout           504 upstream_timeout

Body: {"error": {"message", "type", "param", "code", "request_id"[, "policy_clause"]}}.
403, not 5xx, for every policy refusal: the OpenAI SDKs retry 5xx. 400, not 413, for large bodies:
the SDKs map 400 to BadRequestError.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class StewardError(Exception):
    status = 500
    type = "api_error"
    code = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        policy_clause: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.param = param
        self.policy_clause = policy_clause
        self.headers = headers or {}

    def body(self, request_id: str) -> dict[str, Any]:
        error: dict[str, Any] = {
            "message": self.message,
            "type": self.type,
            "param": self.param,
            "code": self.code,
            "request_id": request_id,
        }
        if self.policy_clause is not None:
            error["policy_clause"] = self.policy_clause
        return {"error": error}


class BadRequest(StewardError):
    status = 400
    type = "invalid_request_error"
    code = "invalid_request"


class Unauthenticated(StewardError):
    status = 401
    type = "invalid_request_error"
    code = "invalid_api_key"


class PolicyRefusal(StewardError):
    status = 403
    type = "policy_violation"
    code = "policy_refused"


class NotFound(StewardError):
    status = 404
    type = "invalid_request_error"
    code = "not_found"


class ServiceUnavailable(StewardError):
    status = 503
    type = "service_unavailable"
    code = "service_unavailable"


class StoreUnavailable(ServiceUnavailable):
    """The database (keys, governance state, audit store) did not answer: refuse, never a 500. SDKs retry."""

    code = "store_unavailable"

    def __init__(self, message: str = "Steward's database is unreachable, so this request is refused until it "
                 "recovers (fail closed). Retry shortly.", **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"retry-after": "1"})
        super().__init__(message, **kwargs)


def tool_not_configured(refusal: Any, admin: bool) -> ServiceUnavailable:
    """503 for a tool whose provider key variable is unset; admins are told which variable."""
    message = refusal.message
    if admin:
        message += f" (Admin: set {refusal.env} in the gateway's environment and restart it.)"
    return ServiceUnavailable(message, code="tool_not_configured")


class UpstreamError(StewardError):
    status = 502
    type = "upstream_error"
    code = "upstream_unavailable"


class UpstreamTimeout(UpstreamError):
    status = 504
    type = "upstream_timeout"
    code = "upstream_timeout"


def error_response(exc: StewardError, request_id: str, extra_headers: dict[str, str] | None = None) -> Response:
    headers = {"x-request-id": request_id, **exc.headers, **(extra_headers or {})}
    return Response(
        orjson.dumps(exc.body(request_id)),
        status_code=exc.status,
        media_type="application/json",
        headers=headers,
    )


def sse_error_event(exc: StewardError, request_id: str) -> bytes:
    """In-band error after SSE headers were sent: one error frame, then [DONE]."""
    return b"data: " + orjson.dumps(exc.body(request_id)) + b"\n\ndata: [DONE]\n\n"
