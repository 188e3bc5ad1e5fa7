"""Read and validate request bodies: bounded size, JSON object, the few fields Steward relies on.

Unknown fields are kept untouched; only the types of the fields Steward reads are checked, so a
wrong type is a clear 400 naming the parameter, never a 500 deeper in the pipeline.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from proxy.endpoints import Endpoint
from proxy.http.errors import BadRequest
from proxy.http.request_schemas import MAX_DEPTH, check_body


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
        if "depth limit" in str(exc) or "recursion" in str(exc).lower():
            raise _too_deep() from None
        raise BadRequest(f"Request body is not valid JSON (at byte {exc.pos}).", code="invalid_json") from None
    if not isinstance(body, dict):
        raise BadRequest("Request body must be a JSON object.", code="invalid_json")
    if nests_deeper(body, MAX_DEPTH):
        raise _too_deep()
    return body


def _too_deep() -> BadRequest:
    return BadRequest(f"Request body nests arrays/objects more than {MAX_DEPTH} levels deep.",
                      code="json_too_deep")


def nests_deeper(value: Any, limit: int) -> bool:
    """True when arrays/objects nest more than `limit` levels (iterative: no recursion limit to hit)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


_REQUIRED_LIST = {Endpoint.CHAT: "messages", Endpoint.MESSAGES: "messages", Endpoint.MESSAGES_COUNT: "messages"}
_TEXT_OR_LIST = {Endpoint.RESPONSES: "input", Endpoint.EMBEDDINGS: "input", Endpoint.COMPLETIONS: "prompt"}


def validate(endpoint: Endpoint, body: dict[str, Any]) -> str:
    """Check the fields Steward reads; return the model name."""
    check_body(endpoint, body)
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
