"""What `/openapi.json` says about Steward's own POST endpoints: request bodies, answers and errors.

Routes declare their body with `body_doc(Model, example)` (an `openapi_extra`, so no per-request
machinery) and their errors with `errors(...)`; `install_openapi(app)` adds every declared model, and
what it references, to `components.schemas`.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

from proxy.http.request_schemas import component_schemas, openapi_body

_DECLARED: dict[str, type[BaseModel]] = {}


class ErrorDetail(BaseModel):
    message: str = Field(description="what went wrong and what to do; never contains payload text")
    type: str = Field(description="invalid_request_error, policy_violation, service_unavailable, ...")
    param: str | None = Field(None, description="the request field at fault, e.g. messages[0].content")
    code: str = Field(description="machine-readable reason, e.g. invalid_type, scan_budget_exceeded")
    request_id: str
    policy_clause: str | None = Field(None, description="the usage-policy clause behind a refusal")


class ErrorResponse(BaseModel):
    """Every Steward error, OpenAI-shaped."""

    model_config = ConfigDict(json_schema_extra={"example": {"error": {
        "message": "Invalid 'messages[0].content[0].type': Input should be a valid string.",
        "type": "invalid_request_error", "param": "messages[0].content[0].type", "code": "invalid_type",
        "request_id": "req_0123456789abcdef0123456789abcdef"}}})
    error: ErrorDetail


class EmptyBody(BaseModel):
    """No fields: the request body may be omitted."""

    model_config = ConfigDict(extra="forbid")


_ERROR_TEXT = {
    400: "Malformed body: invalid JSON, too deeply nested, or a field of the wrong type (named in `param`)",
    401: "Missing, unknown or revoked key",
    403: "Refused by policy (the clause is in `policy_clause`), or the caller lacks the role",
    404: "Unknown model, tool, use case or record",
    409: "Conflict with the current state (e.g. an approval request already decided)",
    413: "More text than the use case's scan budget allows (clause 10.3); not worth retrying",
    502: "The provider could not be reached or answered badly",
    503: "Fail closed: the audit store or the scanner is unavailable",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these error statuses, all with the one error schema."""
    return {status: {"model": ErrorResponse, "description": _ERROR_TEXT[status]} for status in statuses}


def body_doc(model: type[BaseModel], example: dict[str, Any] | None = None,
             required: bool = True) -> dict[str, Any]:
    """`openapi_extra` declaring `model` as the JSON request body."""
    _DECLARED[model.__name__] = model
    return openapi_body(model, example, required)


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` include the declared body models in `components.schemas`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, definition in component_schemas(list(_DECLARED.values())).items():
                components.setdefault(name, definition)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
