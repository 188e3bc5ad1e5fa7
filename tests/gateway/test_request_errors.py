"""Bad input gets a clear OpenAI-shaped 400/401/404, never a 500, and is still audited."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.gateway.conftest import Harness, chat_body


def _assert_openai_error(resp_json: dict[str, object]) -> dict[str, object]:
    error = resp_json["error"]
    assert isinstance(error, dict)
    assert set(error) >= {"message", "type", "param", "code", "request_id"}
    return error


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer "}, {"authorization": "Basic abc"}, {"authorization": "Bearer stw_nope_nope"}],
)
async def test_401_before_anything_else_and_key_never_echoed(harness: Harness, headers: dict[str, str]) -> None:
    resp = await harness.client.post("/v1/chat/completions", content=b"{not json", headers=headers)
    assert resp.status_code == 401
    error = _assert_openai_error(resp.json())
    assert error["code"] == "invalid_api_key"
    assert "stw_nope_nope" not in resp.text
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"], row["user_id"]) == ("refused", 401, None)


@pytest.mark.parametrize(
    ("content", "param", "code"),
    [
        (b"{not json", None, "invalid_json"),
        (b"[1, 2]", None, "invalid_json"),
        (b"", None, "invalid_json"),
        (b'{"messages": [{"role": "user", "content": "x"}]}', "model", "invalid_type"),
        (b'{"model": 5, "messages": []}', "model", "invalid_type"),
        (b'{"model": "gpt-4o-mini", "messages": "hello"}', "messages", "invalid_type"),
        (b'{"model": "gpt-4o-mini", "messages": []}', "messages", "invalid_type"),
        (b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "x"}], "stream": "yes"}', "stream",
         "invalid_type"),
        (b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "x"}], "metadata": {"a": '
         + b"[" * 300 + b"]" * 300 + b"}}", None, "json_too_deep"),
        (b'{"model": "gpt-4o-mini", "x": ' + b"[" * 1500 + b"]" * 1500 + b"}", None, "json_too_deep"),
        (b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [{"type": ["text"], "text": "hi"}]}]}',
         "messages[0].content[0].type", "invalid_type"),
        (b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [{"type": "text", "text": 7}]}]}',
         "messages[0].content[0].text", "invalid_type"),
        (b'{"model": "gpt-4o-mini", "messages": [{"role": "assistant", "tool_calls": [{"id": "c1", "type": '
         b'"function", "function": {"name": "f", "arguments": "' + b"[" * 3000 + b'"}}]}]}',
         "messages[0].tool_calls[0].function.arguments", "invalid_type"),
    ],
)
async def test_malformed_bodies_are_400(harness: Harness, content: bytes, param: str | None, code: str) -> None:
    resp = await harness.client.post("/v1/chat/completions", content=content,
                                     headers={**harness.auth(), "content-type": "application/json"})
    assert resp.status_code == 400
    error = _assert_openai_error(resp.json())
    assert (error["type"], error["param"], error["code"]) == ("invalid_request_error", param, code)
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"], row["user_id"]) == ("refused", 400, "alice")


@pytest.mark.parametrize(
    ("path", "body", "param"),
    [
        ("/v1/responses", {"model": "gpt-4o-mini", "input": [{"role": "user", "content": [{"type": 1}]}]},
         "input[0].content[0].type"),
        ("/v1/responses", {"model": "gpt-4o-mini", "input": "x", "instructions": ["x"]}, "instructions"),
        ("/v1/embeddings", {"model": "text-embedding-3-small", "input": [{"text": "x"}]}, "input[0]"),
        ("/v1/completions", {"model": "gpt-4o-mini", "prompt": "x", "suffix": 3}, "suffix"),
    ],
)
async def test_wrong_types_on_every_endpoint_name_the_field(harness: Harness, path: str, body: dict[str, object],
                                                             param: str) -> None:
    resp = await harness.post(path, body)
    assert resp.status_code == 400
    error = _assert_openai_error(resp.json())
    assert (error["param"], error["code"]) == (param, "invalid_type")
    assert param in str(error["message"])
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["decision"], row["http_status"]) == ("refused", 400)


async def test_body_over_limit_is_400_not_413(harness: Harness) -> None:
    big = chat_body(messages=[{"role": "user", "content": "x" * 10_000}])
    resp = await harness.post("/v1/chat/completions", big)
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "request_too_large"


async def test_chunked_body_over_limit_is_refused_without_content_length(harness: Harness) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(100):
            sent += 1
            yield b"x" * 1024

    resp = await harness.client.post("/v1/chat/completions", content=chunks(), headers=harness.auth())
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "request_too_large"


@pytest.mark.parametrize(("method", "path", "status"), [("GET", "/v1/nothing", 404), ("GET", "/v1/chat/completions",
                                                                                        405)])
async def test_unknown_routes_are_openai_shaped(harness: Harness, method: str, path: str, status: int) -> None:
    resp = await harness.client.request(method, path, headers=harness.auth())
    assert resp.status_code == status
    _assert_openai_error(resp.json())


async def test_refusals_before_any_scan_still_carry_decision_headers(harness: Harness) -> None:
    unauthenticated = await harness.client.post("/v1/chat/completions", json=chat_body())
    unknown_model = await harness.post("/v1/chat/completions", chat_body(model="nope"))
    for resp in (unauthenticated, unknown_model):
        assert resp.headers["x-steward-decision"] == "blocked"
        assert resp.headers["x-steward-categories"] == ""


async def test_dry_run_with_deeply_nested_tool_arguments_is_400(harness: Harness) -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "[" * 1500 + '"jo@x.org"'}}
    body = {"request": {"model": "gpt-4o-mini", "messages": [{"role": "assistant", "tool_calls": [call]}]}}
    resp = await harness.post("/v1/policy/scan", body)
    assert resp.status_code == 400
    assert _assert_openai_error(resp.json())["code"] == "json_too_deep"
