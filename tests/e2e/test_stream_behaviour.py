"""SSE on the wire: byte-correct frames, upstream failure mid-stream, client disconnect mid-stream."""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import openai
import pytest

from tests.e2e.conftest import ALICE_KEY, SLOW_CHUNKS, SPLIT_TEXT, MockUpstream, RunningGateway

AUTH = {"authorization": f"Bearer {ALICE_KEY}"}


def chat_body(model: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": text}], "stream": True, **extra}


def raw_stream(gateway: RunningGateway, path: str, body: dict[str, Any]) -> tuple[httpx.Response, bytes]:
    with httpx.Client(base_url=gateway.base_url, timeout=20) as client:
        with client.stream("POST", path, json=body, headers=AUTH) as response:
            data = b"".join(response.iter_raw())
    return response, data


def split_frames(data: bytes) -> list[bytes]:
    """Split an SSE body into frames, asserting the framing itself is exact."""
    assert b"\r" not in data, "frames must use bare \\n line endings"
    assert data.endswith(b"\n\n"), f"the stream must end with a blank line: {data[-60:]!r}"
    frames = data[:-2].split(b"\n\n")
    assert all(frames), "empty frame (three or more newlines in a row)"
    return frames


def assert_chat_frames(data: bytes) -> list[dict[str, Any]]:
    """Every frame is `data: <json>` or a `: comment`; the stream ends with exactly one `data: [DONE]`."""
    frames = split_frames(data)
    assert frames[-1] == b"data: [DONE]"
    assert data.endswith(b"\n\ndata: [DONE]\n\n")
    assert data.count(b"[DONE]") == 1
    payloads = []
    for frame in frames[:-1]:
        if frame.startswith(b":"):
            assert b"\n" not in frame, f"a comment frame must be a single line: {frame!r}"
            continue
        assert frame.startswith(b"data: "), f"unexpected frame {frame!r}"
        assert b"\n" not in frame, f"a chat frame must be one data line: {frame!r}"
        payloads.append(json.loads(frame[len(b"data: "):]))
    return payloads


def test_demo_chat_stream_is_byte_correct(gateway: RunningGateway) -> None:
    response, data = raw_stream(gateway, "/chat/completions", chat_body("steward-demo", "bytes please"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-request-id"].startswith("req_")
    payloads = assert_chat_frames(data)
    assert payloads and all(p["object"] == "chat.completion.chunk" for p in payloads)
    assert all(p["choices"] for p in payloads), "no usage chunk unless the caller asked for it"
    assert "bytes please" in "".join(p["choices"][0]["delta"].get("content") or "" for p in payloads)


def test_upstream_stream_with_comments_is_byte_correct(gateway: RunningGateway, upstream: MockUpstream,
                                                       nonce: str) -> None:
    response, data = raw_stream(gateway, "/chat/completions",
                                chat_body("mock-chat", nonce, stream_options={"include_usage": True}))

    assert response.status_code == 200
    assert b"\n\n: keep-alive\n\n" in data  # the provider's keep-alive is relayed as a comment line
    payloads = assert_chat_frames(data)
    assert payloads[-1]["choices"] == [] and payloads[-1]["usage"]["total_tokens"] > 0
    assert all(p["choices"] for p in payloads[:-1])
    assert upstream.wait_for(nonce).body["stream_options"] == {"include_usage": True}


def test_crlf_and_split_utf8_upstream_is_reframed_exactly(gateway: RunningGateway, nonce: str) -> None:
    response, data = raw_stream(gateway, "/chat/completions", chat_body("mock-split", nonce))
    assert response.status_code == 200
    payloads = assert_chat_frames(data)  # \r\n from the provider becomes \n; frames are whole again
    text = "".join(p["choices"][0]["delta"].get("content") or "" for p in payloads)
    assert text.strip() == SPLIT_TEXT
    assert "\ufffd" not in text

    with openai.OpenAI(base_url=gateway.base_url, api_key=ALICE_KEY, max_retries=0) as client:
        chunks = list(client.chat.completions.create(model="mock-split", messages=[{"role": "user", "content": "x"}],
                                                     stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks).strip() == SPLIT_TEXT


def test_responses_stream_is_byte_correct(gateway: RunningGateway) -> None:
    body = {"model": "steward-demo", "input": "event frames", "stream": True}
    response, data = raw_stream(gateway, "/responses", body)

    assert response.status_code == 200
    frames = split_frames(data)
    types = []
    for frame in frames:
        if frame == b"data: [DONE]":
            continue
        lines = frame.split(b"\n")
        assert len(lines) == 2 and lines[0].startswith(b"event: ") and lines[1].startswith(b"data: "), frame
        payload = json.loads(lines[1][len(b"data: "):])
        assert payload["type"] == lines[0][len(b"event: "):].decode()
        types.append(payload["type"])
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert data.count(b"[DONE]") <= 1


def test_upstream_drop_mid_stream_ends_with_error_then_done(gateway: RunningGateway, nonce: str) -> None:
    response, data = raw_stream(gateway, "/chat/completions", chat_body("mock-drop", nonce))

    assert response.status_code == 200  # the headers had already gone out
    frames = split_frames(data)
    assert frames[-1] == b"data: [DONE]"
    assert data.count(b"[DONE]") == 1
    assert frames[-2].startswith(b"data: ")
    error = json.loads(frames[-2][len(b"data: "):])["error"]
    assert error["code"] == "upstream_stream_failed"
    assert error["request_id"] == response.headers["x-request-id"]
    assert any(b"chat.completion.chunk" in f for f in frames[:-2]), "the chunks before the drop were relayed"

    row = gateway.record(response.headers["x-request-id"])
    assert row["decision"] == "error" and row["reason_code"] == "upstream_stream_failed"
    assert row["stream"] is True and row["tool"] == "mock"


@pytest.mark.parametrize("model", ["mock-drop", "mock-reset"])
def test_every_provider_reset_mid_stream_is_an_in_band_error_and_an_audit_row(gateway: RunningGateway,
                                                                             model: str) -> None:
    """Repeated drops and resets (FIN and RST): each one ends its stream with one in-band error then [DONE],
    and each leaves its own audit row saying so (no leak of state from one failed stream to the next)."""
    ids = []
    for _ in range(8):
        response, data = raw_stream(gateway, "/chat/completions", chat_body(model, "nonce-" + os.urandom(6).hex()))
        frames = split_frames(data)
        assert response.status_code == 200 and frames[-1] == b"data: [DONE]" and data.count(b"[DONE]") == 1
        error = json.loads(frames[-2][len(b"data: "):])["error"]
        assert error["code"] == "upstream_stream_failed"
        ids.append(response.headers["x-request-id"])
    assert len(set(ids)) == len(ids)
    for request_id in ids:
        row = gateway.record(request_id)
        assert (row["decision"], row["reason_code"], row["stream"]) == ("error", "upstream_stream_failed", True)


def test_upstream_drop_mid_stream_raises_in_the_python_sdk(gateway: RunningGateway, nonce: str) -> None:
    seen: list[Any] = []
    with openai.OpenAI(base_url=gateway.base_url, api_key=ALICE_KEY, max_retries=0) as client:
        stream = client.chat.completions.create(model="mock-drop", messages=[{"role": "user", "content": nonce}],
                                                stream=True)
        with pytest.raises(openai.APIError) as info:
            for chunk in stream:
                seen.append(chunk)
    assert seen, "chunks before the failure reach the caller"
    assert "stream failed" in info.value.message


CLOSE_DEADLINE_S = 3.0  # the slow upstream would otherwise keep streaming for 20 s


def assert_upstream_closed_promptly(upstream: MockUpstream, nonce: str) -> None:
    call = upstream.wait_for(nonce)
    assert call.closed_by_peer.wait(CLOSE_DEADLINE_S), (
        f"the gateway kept the upstream stream open for {CLOSE_DEADLINE_S}s after the client left")
    assert not call.completed and call.chunks_sent < SLOW_CHUNKS


def test_client_disconnect_closes_upstream_and_is_audited_cancelled(gateway: RunningGateway,
                                                                    upstream: MockUpstream, nonce: str) -> None:
    with httpx.Client(base_url=gateway.base_url, timeout=20) as client:
        with client.stream("POST", "/chat/completions", json=chat_body("mock-slow", nonce), headers=AUTH) as response:
            assert response.status_code == 200
            request_id = response.headers["x-request-id"]
            first = next(response.iter_raw())
            assert first.startswith(b"data: ")
            upstream.wait_for(nonce)
        # leaving the block closes the response before the body was read: the connection is dropped
    assert_upstream_closed_promptly(upstream, nonce)

    row = gateway.record(request_id, until=lambda r: r["decision"] == "cancelled")
    assert row["reason_code"] == "client_disconnected"
    assert row["stream"] is True and row["tool"] == "mock" and row["user_id"] == "alice"


async def test_client_disconnect_via_async_sdk(gateway: RunningGateway, upstream: MockUpstream,
                                               nonce: str) -> None:
    async with openai.AsyncOpenAI(base_url=gateway.base_url, api_key=ALICE_KEY, max_retries=0) as client:
        stream = await client.chat.completions.create(model="mock-slow", stream=True,
                                                      messages=[{"role": "user", "content": nonce}])
        request_id = stream.response.headers["x-request-id"]
        count = 0
        async for _chunk in stream:
            count += 1
            if count == 2:
                break
        await stream.close()
    assert_upstream_closed_promptly(upstream, nonce)
    row = gateway.record(request_id, until=lambda r: r["decision"] == "cancelled")
    assert row["client_meta"]["lang"] == "python"


def test_client_giving_up_before_the_first_byte_closes_upstream(gateway: RunningGateway, upstream: MockUpstream,
                                                                nonce: str) -> None:
    """A slow-to-start provider (long reasoning): the caller leaves before any byte arrived.

    The provider request must be abandoned promptly (not held for the tool's 15 s timeout) and the
    audit row must say the caller cancelled it.
    """
    with httpx.Client(base_url=gateway.base_url, timeout=httpx.Timeout(20, read=0.5)) as client:
        with pytest.raises(httpx.ReadTimeout):
            with client.stream("POST", "/chat/completions", json=chat_body("mock-stall-long", nonce),
                               headers=AUTH) as response:
                response.read()
    call = upstream.wait_for(nonce)
    assert call.closed_by_peer.wait(CLOSE_DEADLINE_S), (
        "the gateway kept waiting on the provider after the caller had gone (until the tool timeout)")
    rows = [r for r in gateway.records(200) if r["model_requested"] == "mock-stall-long"]
    assert rows and rows[0]["decision"] == "cancelled", rows[:1]
