"""The official `openai` Python SDK, sync and async, against a real gateway socket.

Every test also checks the audit row its request left (found by the `x-request-id` the SDK exposes
as `_request_id` / `err.request_id`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from tests.e2e.conftest import (
    ALICE_KEY,
    BOB_KEY,
    PAUSE_REASON,
    PROVIDER_KEY,
    UPSTREAM_ERROR_MESSAGE,
    MockUpstream,
    RunningGateway,
    gateway_yaml,
    start_gateway,
)

DEMO = "steward-demo"
DEMO_DIM = 64


def user(text: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": text}]


@pytest.fixture
def client(gateway: RunningGateway) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=gateway.base_url, api_key=ALICE_KEY, max_retries=0, timeout=20) as c:
        yield c


@pytest.fixture
async def aclient(gateway: RunningGateway) -> Any:
    async with openai.AsyncOpenAI(base_url=gateway.base_url, api_key=ALICE_KEY, max_retries=0, timeout=20) as c:
        yield c


@pytest.fixture
def bob(gateway: RunningGateway) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=gateway.base_url, api_key=BOB_KEY, max_retries=0, timeout=20) as c:
        yield c


def assert_allowed_row(row: dict[str, Any], *, endpoint: str, stream: bool, tool: str = "demo",
                       model: str = DEMO) -> None:
    assert row["decision"] == "allowed", row
    assert row["http_status"] == 200
    assert row["user_id"] == "alice"
    assert row["display_name"] == "Alice Example"
    assert row["roles"] == ["e2e-all"]
    assert row["department"] == "Digital"
    assert row["key_id"] == "e2e-alice"
    assert row["tool"] == tool
    assert row["endpoint"] == endpoint
    assert row["stream"] is stream
    assert row["model_requested"] == model
    assert row["client_ip"] == "127.0.0.1"
    assert row["received_at"] <= row["completed_at"]
    assert row["latency_ms"] is not None and row["latency_ms"] >= 0


# --------------------------------------------------------------------------------------------------
# Chat completions
# --------------------------------------------------------------------------------------------------


def test_chat_non_streaming_sync(client: openai.OpenAI, gateway: RunningGateway) -> None:
    completion = client.chat.completions.create(model=DEMO, messages=user("Hello from the sync SDK"))

    assert completion.object == "chat.completion"
    assert completion.model == DEMO
    text = completion.choices[0].message.content
    assert text and "Hello from the sync SDK" in text and "demo model" in text
    assert completion.usage is not None and completion.usage.total_tokens > 0

    row = gateway.record(completion._request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=False)
    assert row["model_reported"] == DEMO
    assert (row["prompt_tokens"], row["completion_tokens"], row["total_tokens"]) == (
        completion.usage.prompt_tokens, completion.usage.completion_tokens, completion.usage.total_tokens)
    assert row["upstream_first_byte_at"] is not None
    # The SDK's device details (clause 9.2) and user agent land in the row.
    meta = row["client_meta"]
    assert meta["lang"] == "python"
    assert meta["package-version"] == openai.__version__
    assert meta["async"] == "false"
    assert {"os", "arch", "runtime", "runtime-version"} <= set(meta)
    assert row["user_agent"].startswith("OpenAI/Python")


async def test_chat_non_streaming_async(aclient: openai.AsyncOpenAI, gateway: RunningGateway) -> None:
    completion = await aclient.chat.completions.create(model=DEMO, messages=user("Hello from the async SDK"))

    assert "Hello from the async SDK" in (completion.choices[0].message.content or "")
    row = gateway.record(completion._request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=False)
    assert row["client_meta"]["lang"] == "python"
    assert row["client_meta"]["async"].startswith("async:")


def test_chat_stream_with_include_usage_sync(client: openai.OpenAI, gateway: RunningGateway) -> None:
    stream = client.chat.completions.create(model=DEMO, messages=user("stream me please"), stream=True,
                                            stream_options={"include_usage": True})
    request_id = stream.response.headers["x-request-id"]
    chunks = list(stream)

    assert len(chunks) > 3
    last = chunks[-1]
    assert last.choices == [] and last.usage is not None and last.usage.total_tokens > 0
    assert all(c.choices for c in chunks[:-1]), "only the usage chunk may have empty choices"
    assert all(c.usage is None for c in chunks[:-1])
    text = "".join(c.choices[0].delta.content or "" for c in chunks[:-1])
    assert "stream me please" in text
    assert chunks[-2].choices[0].finish_reason == "stop"

    row = gateway.record(request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=True)
    assert row["total_tokens"] == last.usage.total_tokens
    assert row["completion_tokens"] == last.usage.completion_tokens


async def test_chat_stream_with_include_usage_async(aclient: openai.AsyncOpenAI, gateway: RunningGateway) -> None:
    stream = await aclient.chat.completions.create(model=DEMO, messages=user("async stream"), stream=True,
                                                   stream_options={"include_usage": True})
    request_id = stream.response.headers["x-request-id"]
    chunks = [c async for c in stream]

    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert all(c.choices for c in chunks[:-1])
    assert "async stream" in "".join(c.choices[0].delta.content or "" for c in chunks[:-1])
    row = gateway.record(request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=True)
    assert row["total_tokens"] == chunks[-1].usage.total_tokens


def test_chat_stream_without_include_usage_has_no_empty_choices_chunk(client: openai.OpenAI,
                                                                      gateway: RunningGateway) -> None:
    stream = client.chat.completions.create(model=DEMO, messages=user("no usage chunk"), stream=True)
    request_id = stream.response.headers["x-request-id"]
    chunks = list(stream)

    assert chunks, "the stream yielded nothing"
    assert all(c.choices for c in chunks), "a chunk with empty choices reached a caller who did not ask for usage"
    assert all(c.usage is None for c in chunks)
    assert chunks[-1].choices[0].finish_reason == "stop"
    # The gateway asked the provider for usage anyway (for the audit row) and hid that chunk.
    row = gateway.record(request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=True)
    assert row["total_tokens"] is not None and row["total_tokens"] > 0


async def test_chat_stream_without_include_usage_async_via_openai_compatible_tool(
        aclient: openai.AsyncOpenAI, gateway: RunningGateway, upstream: MockUpstream, nonce: str) -> None:
    stream = await aclient.chat.completions.create(model="mock-chat", messages=user(nonce), stream=True)
    request_id = stream.response.headers["x-request-id"]
    chunks = [c async for c in stream]

    assert all(c.choices for c in chunks)
    assert nonce in "".join(c.choices[0].delta.content or "" for c in chunks)
    received = upstream.wait_for(nonce)
    assert received.body["stream"] is True
    assert received.body["stream_options"] == {"include_usage": True}  # injected for the audit row
    row = gateway.record(request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=True, tool="mock", model="mock-chat")
    assert row["model_reported"] == "mock-chat-2026-01-01"
    assert row["total_tokens"] == 11 + 3  # the mock's usage for "mock says: <nonce> "


# --------------------------------------------------------------------------------------------------
# Tool calling, response_format
# --------------------------------------------------------------------------------------------------

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def test_tool_calling_round_trip_sync(client: openai.OpenAI, gateway: RunningGateway) -> None:
    messages: list[Any] = user("Leeds")
    first = client.chat.completions.create(model=DEMO, messages=messages, tools=[WEATHER_TOOL])

    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    calls = choice.message.tool_calls
    assert calls and calls[0].type == "function"
    assert calls[0].function.name == "get_weather"
    assert json.loads(calls[0].function.arguments) == {"city": "Leeds"}

    messages.append(choice.message.model_dump(exclude_none=True))
    messages.append({"role": "tool", "tool_call_id": calls[0].id, "content": "Sunny, 21C"})
    second = client.chat.completions.create(model=DEMO, messages=messages, tools=[WEATHER_TOOL])

    assert second.choices[0].finish_reason == "stop"
    assert not second.choices[0].message.tool_calls
    assert "Sunny, 21C" in (second.choices[0].message.content or "")
    for completion in (first, second):
        assert_allowed_row(gateway.record(completion._request_id), endpoint="chat.completions", stream=False)


async def test_tool_calling_round_trip_async_streaming(aclient: openai.AsyncOpenAI) -> None:
    stream = await aclient.chat.completions.create(model=DEMO, messages=user("York"), tools=[WEATHER_TOOL],
                                                   stream=True)
    calls: dict[int, dict[str, str]] = {}
    finish = None
    async for chunk in stream:
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or []:
                entry = calls.setdefault(delta.index, {"id": "", "name": "", "arguments": ""})
                entry["id"] += delta.id or ""
                entry["name"] += (delta.function.name if delta.function else None) or ""
                entry["arguments"] += (delta.function.arguments if delta.function else None) or ""
            finish = choice.finish_reason or finish
    assert finish == "tool_calls"
    call = calls[0]
    assert call["name"] == "get_weather" and json.loads(call["arguments"]) == {"city": "York"}

    second = await aclient.chat.completions.create(model=DEMO, tools=[WEATHER_TOOL], messages=[
        *user("York"),
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": call["id"], "type": "function",
            "function": {"name": call["name"], "arguments": call["arguments"]},
        }]},
        {"role": "tool", "tool_call_id": call["id"], "content": "Rain"},
    ])
    assert "Rain" in (second.choices[0].message.content or "")


def test_response_format_json_object(client: openai.OpenAI, gateway: RunningGateway) -> None:
    completion = client.chat.completions.create(model=DEMO, messages=user("answer in JSON"),
                                                response_format={"type": "json_object"})
    parsed = json.loads(completion.choices[0].message.content or "")
    assert isinstance(parsed, dict) and parsed["demo"] is True
    assert_allowed_row(gateway.record(completion._request_id), endpoint="chat.completions", stream=False)


# --------------------------------------------------------------------------------------------------
# Embeddings, models, Responses API
# --------------------------------------------------------------------------------------------------


def test_embeddings_sdk_default_base64_and_float(client: openai.OpenAI, gateway: RunningGateway) -> None:
    default = client.embeddings.create(model=DEMO, input=["first text", "second text"])
    floats = client.embeddings.create(model=DEMO, input=["first text", "second text"], encoding_format="float")

    assert [d.index for d in default.data] == [0, 1]
    for a, b in zip(default.data, floats.data, strict=True):
        assert isinstance(a.embedding, list) and len(a.embedding) == DEMO_DIM
        assert all(isinstance(x, float) for x in a.embedding)
        assert len(b.embedding) == DEMO_DIM
        assert a.embedding == pytest.approx(b.embedding, abs=1e-6)  # base64 is float32
    assert default.data[0].embedding != default.data[1].embedding
    for result in (default, floats):
        row = gateway.record(result._request_id)
        assert_allowed_row(row, endpoint="embeddings", stream=False)
        assert row["prompt_tokens"] == result.usage.prompt_tokens


async def test_embeddings_base64_passes_through_untouched(aclient: openai.AsyncOpenAI, upstream: MockUpstream,
                                                          nonce: str) -> None:
    result = await aclient.embeddings.create(model="mock-embed", input=nonce)
    assert result.data[0].embedding == [0.25, -0.5, 0.75, 1.0]
    received = upstream.wait_for(nonce)
    assert received.path == "/v1/embeddings"
    assert received.body["encoding_format"] == "base64"  # the SDK's default, forwarded as is


def test_models_list_shows_only_the_callers_models(client: openai.OpenAI, bob: openai.OpenAI,
                                                   gateway: RunningGateway) -> None:
    page = client.models.list()
    ids = sorted(m.id for m in page.data)
    assert ids == sorted([DEMO, "mock-chat", "mock-error", "mock-html-error", "mock-drop", "mock-reset",
                          "mock-slow", "mock-split", "mock-embed",
                          "mock-stall", "mock-stall-long", "unreachable-model"])
    assert "paused-model" not in ids  # granted to the role, but paused
    assert client.models.retrieve(DEMO).id == DEMO

    assert list(bob.models.list()) == []
    with pytest.raises(openai.NotFoundError):
        bob.models.retrieve(DEMO)

    rows = [r for r in gateway.records(200) if r["endpoint"] == "models"]
    assert any(r["user_id"] == "alice" and r["decision"] == "allowed" and r["http_status"] == 200 for r in rows)
    assert any(r["user_id"] == "bob" and r["decision"] == "allowed" for r in rows)
    assert any(r["user_id"] == "bob" and r["http_status"] == 404 and r["decision"] == "refused"
               and r["model_requested"] == DEMO for r in rows)


def test_responses_create_sync(client: openai.OpenAI, gateway: RunningGateway) -> None:
    response = client.responses.create(model=DEMO, input="What is Steward?", instructions="Be brief.")

    assert response.status == "completed"
    assert "What is Steward?" in response.output_text
    assert response.instructions == "Be brief."
    row = gateway.record(response._request_id)
    assert_allowed_row(row, endpoint="responses", stream=False)
    assert response.usage is not None
    assert row["prompt_tokens"] == response.usage.input_tokens
    assert row["completion_tokens"] == response.usage.output_tokens


def test_responses_stream_sync(client: openai.OpenAI, gateway: RunningGateway) -> None:
    stream = client.responses.create(model=DEMO, input="Stream a response", instructions="Be brief.", stream=True)
    request_id = stream.response.headers["x-request-id"]
    events = list(stream)

    types = [e.type for e in events]
    assert types[0] == "response.created"
    assert types[-1] == "response.completed"
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert text and "Stream a response" in text
    assert events[-1].response.output_text == text
    row = gateway.record(request_id)
    assert_allowed_row(row, endpoint="responses", stream=True)
    assert row["total_tokens"] == events[-1].response.usage.total_tokens


async def test_responses_stream_async(aclient: openai.AsyncOpenAI, gateway: RunningGateway) -> None:
    stream = await aclient.responses.create(model=DEMO, input="async responses", stream=True)
    events = [e async for e in stream]
    assert events[-1].type == "response.completed"
    assert "async responses" in "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert_allowed_row(gateway.record(stream.response.headers["x-request-id"]), endpoint="responses", stream=True)


# --------------------------------------------------------------------------------------------------
# What the provider receives
# --------------------------------------------------------------------------------------------------


def test_provider_receives_unknown_fields_bare_model_and_only_the_provider_key(
        client: openai.OpenAI, gateway: RunningGateway, upstream: MockUpstream, nonce: str) -> None:
    completion = client.chat.completions.create(
        model="mock/mock-chat", messages=user(nonce), temperature=0.3, seed=7,
        extra_body={"x_vendor_option": {"nested": [1, 2, 3]}, "top_k": 5},
    )
    assert completion.choices[0].message.content == f"mock says: {nonce}"
    received = upstream.wait_for(nonce)

    assert received.path == "/v1/chat/completions"
    assert received.body["model"] == "mock-chat"  # the tool prefix is removed
    assert received.body["x_vendor_option"] == {"nested": [1, 2, 3]}
    assert received.body["top_k"] == 5 and received.body["seed"] == 7 and received.body["temperature"] == 0.3
    assert received.body["messages"] == user(nonce)
    assert received.headers["authorization"] == f"Bearer {PROVIDER_KEY}"
    assert not any(ALICE_KEY in v for v in received.headers.values())
    assert ALICE_KEY not in json.dumps(received.body)

    row = gateway.record(completion._request_id)
    assert_allowed_row(row, endpoint="chat.completions", stream=False, tool="mock", model="mock/mock-chat")
    assert row["model_reported"] == "mock-chat-2026-01-01"


def test_provider_key_is_never_echoed(client: openai.OpenAI, nonce: str) -> None:
    raw = client.chat.completions.with_raw_response.create(model="mock-chat", messages=user(nonce))
    assert PROVIDER_KEY not in raw.http_response.text
    assert not any(PROVIDER_KEY in v for v in raw.headers.values())
    assert raw.headers["openai-processing-ms"] == "7"  # useful provider headers are forwarded
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(model="mock-error", messages=user(nonce))
    assert PROVIDER_KEY not in info.value.response.text


# --------------------------------------------------------------------------------------------------
# Errors map to the SDK's classes
# --------------------------------------------------------------------------------------------------


def test_bad_key_is_authentication_error(gateway: RunningGateway) -> None:
    bad_key = "stw_nothere_" + "z" * 40
    with openai.OpenAI(base_url=gateway.base_url, api_key=bad_key, max_retries=0) as c:
        with pytest.raises(openai.AuthenticationError) as info:
            c.chat.completions.create(model=DEMO, messages=user("hi"))
    err = info.value
    assert err.status_code == 401
    assert bad_key not in err.response.text
    assert isinstance(err.body, dict) and err.body["code"] == "invalid_api_key"
    row = gateway.record(err.request_id)
    assert row["decision"] == "refused" and row["http_status"] == 401
    assert row["user_id"] is None and row["tool"] is None
    assert row["client_meta"]["lang"] == "python"


async def test_missing_key_is_authentication_error_async(gateway: RunningGateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.url) as raw:
        response = await raw.post("/v1/chat/completions", json={"model": DEMO, "messages": user("hi")})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_role_without_the_tool_is_permission_denied(bob: openai.OpenAI, gateway: RunningGateway) -> None:
    with pytest.raises(openai.PermissionDeniedError) as info:
        bob.chat.completions.create(model=DEMO, messages=user("hi"))
    err = info.value
    assert err.status_code == 403
    assert isinstance(err.body, dict)
    assert err.body["policy_clause"] == "10.5"
    assert err.body["code"] == "tool_not_permitted_for_role"
    assert err.body["request_id"] == err.request_id
    row = gateway.record(err.request_id)
    assert row["decision"] == "refused" and row["http_status"] == 403
    assert row["user_id"] == "bob" and row["department"] == "Finance"
    assert row["policy_clause"] == "10.5" and row["reason_code"] == "tool_not_permitted_for_role"
    assert row["model_requested"] == DEMO and row["endpoint"] == "chat.completions"


async def test_paused_tool_is_permission_denied_with_clause_11_4(aclient: openai.AsyncOpenAI,
                                                                 gateway: RunningGateway,
                                                                 upstream: MockUpstream) -> None:
    before = len(upstream.calls)
    with pytest.raises(openai.PermissionDeniedError) as info:
        await aclient.chat.completions.create(model="paused-model", messages=user("hi"))
    err = info.value
    assert isinstance(err.body, dict)
    assert err.body["policy_clause"] == "11.4"
    assert err.body["code"] == "tool_paused"
    assert PAUSE_REASON in err.body["message"]
    assert not any(c.model == "paused-model" for c in upstream.calls[before:])
    row = gateway.record(err.request_id)
    assert (row["decision"], row["http_status"], row["policy_clause"]) == ("refused", 403, "11.4")
    assert row["user_id"] == "alice"


def test_unknown_model_is_not_found(client: openai.OpenAI, gateway: RunningGateway) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        client.chat.completions.create(model="gpt-unheard-of", messages=user("hi"))
    row = gateway.record(info.value.request_id)
    assert (row["decision"], row["http_status"]) == ("refused", 404)
    assert row["model_requested"] == "gpt-unheard-of"


def test_malformed_request_is_bad_request(client: openai.OpenAI, gateway: RunningGateway) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model=DEMO, messages=user("hi"), extra_body={"messages": "x"})
    err = info.value
    assert err.status_code == 400
    assert isinstance(err.body, dict) and err.body["param"] == "messages"
    assert err.body["type"] == "invalid_request_error"
    row = gateway.record(err.request_id)
    assert (row["decision"], row["http_status"], row["user_id"]) == ("refused", 400, "alice")

    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model=DEMO, messages=user("hi"), stream=True, extra_body={"stream": "yes"})


def test_key_is_checked_before_the_body(gateway: RunningGateway) -> None:
    response = httpx.post(f"{gateway.base_url}/chat/completions", content=b"{not json",
                          headers={"authorization": "Bearer stw_wrong_key"})
    assert response.status_code == 401
    assert "stw_wrong_key" not in response.text


def test_invalid_json_is_400_json(gateway: RunningGateway) -> None:
    response = httpx.post(f"{gateway.base_url}/chat/completions", content=b'{"model": "steward-demo", "mess',
                          headers={"authorization": f"Bearer {ALICE_KEY}", "content-type": "application/json"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["code"] == "invalid_json"
    assert error["request_id"] == response.headers["x-request-id"]


def test_body_over_the_limit_is_bad_request_not_413(upstream: MockUpstream, provider_key_env: str,
                                                    tmp_path: Any) -> None:
    yaml_text = gateway_yaml(upstream.base_url, extra_gateway="  max_body_bytes: 2048")
    with start_gateway(yaml_text, tmp_path) as small:
        with openai.OpenAI(base_url=small.base_url, api_key=ALICE_KEY, max_retries=0) as c:
            ok = c.chat.completions.create(model=DEMO, messages=user("small"))
            assert ok.choices[0].message.content
            with pytest.raises(openai.BadRequestError) as info:
                c.chat.completions.create(model=DEMO, messages=user("x" * 4096))
            # Far over the limit: refused before it is read, and still a clean 400 for the SDK.
            with pytest.raises(openai.BadRequestError) as huge:
                c.chat.completions.create(model=DEMO, messages=user("x" * 3_000_000))
            assert huge.value.status_code == 400
            assert c.chat.completions.create(model=DEMO, messages=user("still fine")).choices
        err = info.value
        assert err.status_code == 400
        assert isinstance(err.body, dict) and err.body["code"] == "request_too_large"
        row = small.record(err.request_id)
        assert (row["decision"], row["http_status"], row["user_id"]) == ("refused", 400, "alice")

        # Without a content-length (chunked upload) the limit still holds.
        def chunks() -> Iterator[bytes]:
            yield b'{"model": "steward-demo", "messages": [{"role": "user", "content": "'
            for _ in range(10):
                yield b"y" * 512
            yield b'"}]}'

        response = httpx.post(f"{small.base_url}/chat/completions", content=chunks(),
                              headers={"authorization": f"Bearer {ALICE_KEY}", "content-type": "application/json"})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "request_too_large"

        # The key is checked before anything else: a bad key with an oversized body is a 401.
        response = httpx.post(f"{small.base_url}/chat/completions", content=b"x" * 5000,
                              headers={"authorization": "Bearer not-a-key"})
        assert response.status_code == 401


def test_upstream_500_is_internal_server_error_with_its_message(client: openai.OpenAI, gateway: RunningGateway,
                                                                nonce: str) -> None:
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(model="mock-error", messages=user(nonce))
    err = info.value
    assert err.status_code == 500
    assert isinstance(err.body, dict)
    assert err.body["message"] == UPSTREAM_ERROR_MESSAGE and err.body["code"] == "mock_boom"
    assert err.message.endswith(UPSTREAM_ERROR_MESSAGE)  # the SDK prefixes "Error code: 500 - "
    row = gateway.record(err.request_id)
    assert (row["decision"], row["http_status"], row["tool"]) == ("error", 500, "mock")
    assert row["reason_code"] == "upstream_http_500"


async def test_upstream_that_stalls_is_a_504(aclient: openai.AsyncOpenAI, gateway: RunningGateway,
                                             upstream: MockUpstream, nonce: str) -> None:
    with pytest.raises(openai.InternalServerError) as info:
        await aclient.chat.completions.create(model="mock-stall", messages=user(nonce))
    err = info.value
    assert err.status_code == 504
    assert isinstance(err.body, dict) and err.body["type"] == "upstream_timeout"
    assert upstream.find(nonce), "the request never reached the stalling upstream"
    row = gateway.record(err.request_id)
    assert (row["decision"], row["http_status"], row["tool"]) == ("error", 504, "mock-stall")


def test_upstream_error_without_openai_body_is_502(client: openai.OpenAI, gateway: RunningGateway,
                                                   nonce: str) -> None:
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(model="mock-html-error", messages=user(nonce))
    err = info.value
    assert err.status_code == 502
    assert err.response.headers["content-type"].startswith("application/json")
    assert isinstance(err.body, dict) and err.body["type"] == "upstream_error"
    assert "<html>" not in err.response.text
    row = gateway.record(err.request_id)
    assert (row["decision"], row["http_status"], row["tool"]) == ("error", 502, "mock")


def test_unreachable_upstream_is_502(client: openai.OpenAI, gateway: RunningGateway) -> None:
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(model="unreachable-model", messages=user("hello"))
    err = info.value
    assert err.status_code == 502
    assert isinstance(err.body, dict) and err.body["type"] == "upstream_error"
    assert "127.0.0.1" not in err.body["message"], "error messages name the tool, never the provider URL"
    assert PROVIDER_KEY not in err.response.text
    row = gateway.record(err.request_id)
    assert (row["decision"], row["http_status"], row["tool"]) == ("error", 502, "unreachable")


def test_refused_streaming_request_raises_before_any_chunk(bob: openai.OpenAI, gateway: RunningGateway) -> None:
    received: list[Any] = []
    with pytest.raises(openai.PermissionDeniedError) as info:
        for chunk in bob.chat.completions.create(model=DEMO, messages=user("hi"), stream=True):
            received.append(chunk)
    assert received == []
    row = gateway.record(info.value.request_id)
    assert row["stream"] is True and row["decision"] == "refused" and row["http_status"] == 403

    # On the wire: an ordinary JSON error, no SSE bytes at all.
    response = httpx.post(f"{gateway.base_url}/chat/completions",
                          json={"model": DEMO, "messages": user("hi"), "stream": True},
                          headers={"authorization": f"Bearer {BOB_KEY}"})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/json")
    assert not response.text.startswith("data:")
    assert response.json()["error"]["policy_clause"] == "10.5"


async def test_refused_streaming_request_raises_before_any_chunk_async(gateway: RunningGateway) -> None:
    async with openai.AsyncOpenAI(base_url=gateway.base_url, api_key=ALICE_KEY, max_retries=0) as c:
        with pytest.raises(openai.PermissionDeniedError) as info:
            await c.responses.create(model="paused-model", input="hi", stream=True)
    assert isinstance(info.value.body, dict) and info.value.body["policy_clause"] == "11.4"


def test_every_request_leaves_an_audit_row(client: openai.OpenAI, bob: openai.OpenAI,
                                           gateway: RunningGateway) -> None:
    request_ids: list[str | None] = []
    request_ids.append(client.chat.completions.create(model=DEMO, messages=user("one"))._request_id)
    request_ids.append(client.embeddings.create(model=DEMO, input="two")._request_id)
    for call in (lambda: bob.chat.completions.create(model=DEMO, messages=user("three")),
                 lambda: client.chat.completions.create(model="nope", messages=user("four"))):
        with pytest.raises(openai.APIStatusError) as info:
            call()
        request_ids.append(info.value.request_id)
    assert len(set(request_ids)) == 4
    rows = [gateway.record(r) for r in request_ids]
    assert [r["decision"] for r in rows] == ["allowed", "allowed", "refused", "refused"]
    assert [r["http_status"] for r in rows] == [200, 200, 403, 404]
    assert all(r["client_meta"].get("lang") == "python" for r in rows)
    assert all(r["policy_version"] and r["policy_version"].startswith("sha256:") for r in rows)
