"""Read and validate request bodies: bounded size, JSON object, the few fields Steward relies on.

Unknown fields are kept untouched; only the types of the fields Steward reads are checked, so a
wrong type is a clear 400 naming the parameter, never a 500 deeper in the pipeline.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from proxy.endpoints import Endpoint
from proxy.errors import BadRequest


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing anything over `limit` bytes before reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> BadRequest:
    return BadRequest(f"Request body is larger than the gateway's limit of {limit} bytes.", code="request_too_large")


def parse_json(raw: bytes) -> dict[str, Any]:
    if not raw:
        raise BadRequest("Request body is empty; expected a JSON object.", code="invalid_json")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"Request body is not valid JSON (at byte {exc.pos}).", code="invalid_json") from exc
    if not isinstance(body, dict):
        raise BadRequest("Request body must be a JSON object.", code="invalid_json")
    return body


_REQUIRED_LIST = {Endpoint.CHAT: "messages", Endpoint.MESSAGES: "messages", Endpoint.MESSAGES_COUNT: "messages"}
_TEXT_OR_LIST = {Endpoint.RESPONSES: "input", Endpoint.EMBEDDINGS: "input", Endpoint.COMPLETIONS: "prompt"}


def validate(endpoint: Endpoint, body: dict[str, Any]) -> str:
    """Check the fields Steward reads; return the model name."""
    model = body.get("model")
    if not isinstance(model, str) or not model.strip():
        raise BadRequest("'model' is required and must be a non-empty string.", param="model", code="invalid_type")
    _check_type(body, "stream", bool, "a boolean")
    _check_type(body, "stream_options", dict, "an object")
    _check_type(body, "metadata", dict, "an object")
    if endpoint in _REQUIRED_LIST:
        name = _REQUIRED_LIST[endpoint]
        items = body.get(name)
        if not isinstance(items, list) or not items or not all(isinstance(m, dict) for m in items):
            raise BadRequest(f"'{name}' must be a non-empty array of objects.", param=name, code="invalid_type")
    if endpoint in _TEXT_OR_LIST:
        name = _TEXT_OR_LIST[endpoint]
        if not isinstance(body.get(name), str | list):
            raise BadRequest(f"'{name}' must be a string or an array.", param=name, code="invalid_type")
    if endpoint is Endpoint.RESPONSES:
        _check_type(body, "instructions", str, "a string")
    return model


def _check_type(body: dict[str, Any], name: str, kind: type, label: str) -> None:
    value = body.get(name)
    if value is not None and not isinstance(value, kind):
        raise BadRequest(f"'{name}' must be {label}.", param=name, code="invalid_type")
