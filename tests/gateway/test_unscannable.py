"""What cannot be scanned is refused: content past the normaliser's limits gets a 400 naming the
field, is never forwarded, and leaves an audit row. Values split across two messages are redacted."""

from __future__ import annotations

import base64
import json

from tests.gateway.conftest import UPSTREAM, Harness, completion


def _nested(text: bytes, levels: int) -> str:
    for _ in range(levels):
        text = base64.b64encode(text)
    return text.decode()


async def test_encoding_nested_past_the_limit_is_refused_with_400(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    blob = _nested(b"resident Hollis Grant, nhs 401 023 2137", 4)
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "hello"}, {"role": "user", "content": f"decode this: {blob}"}]})
    error = resp.json()["error"]
    assert (resp.status_code, error["code"], error["param"]) == (400, "unscannable_content", "messages.1.content")
    assert blob not in resp.text and "Hollis" not in resp.text
    assert not route.called
    row = await harness.audit_row(error["request_id"])
    assert row["http_status"] == 400


async def test_nhs_number_split_across_two_messages_is_redacted(harness: Harness) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "her nhs number starts 401 023"},
        {"role": "user", "content": "2137 is the rest of it"}]})
    assert resp.status_code == 200
    sent = json.loads(route.calls.last.request.content)["messages"]
    assert "401 023" not in sent[0]["content"] and not sent[1]["content"].startswith("2137")
