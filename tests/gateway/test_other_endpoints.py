"""Embeddings, Responses, models list, and the never-log-payload rule."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator

import pytest
import structlog

from proxy.http.logging import configure_logging
from tests.gateway.conftest import PROVIDER_KEY, UPSTREAM, Harness, chat_body, completion


async def test_embeddings_base64_passes_through_untouched(harness: Harness) -> None:
    upstream_body = {"object": "list", "model": "text-embedding-3-small",
                     "data": [{"object": "embedding", "index": 0, "embedding": "AACAPwAAAEA="}],
                     "usage": {"prompt_tokens": 3, "total_tokens": 3}}
    route = harness.upstream.post(f"{UPSTREAM}/embeddings").respond(200, json=upstream_body)
    body = {"model": "text-embedding-3-small", "input": ["hello world"], "encoding_format": "base64"}
    resp = await harness.post("/v1/embeddings", body)
    assert resp.json() == upstream_body
    assert json.loads(route.calls.last.request.content) == body
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert (row["endpoint"], row["prompt_tokens"], row["total_tokens"]) == ("embeddings", 3, 3)


async def test_responses_non_stream(harness: Harness) -> None:
    out = {"id": "resp_1", "object": "response", "model": "gpt-4o-mini", "output": [],
           "usage": {"input_tokens": 4, "output_tokens": 2, "total_tokens": 6}}
    route = harness.upstream.post(f"{UPSTREAM}/responses").respond(200, json=out)
    body = {"model": "gpt-4o-mini", "input": "Draft a notice", "instructions": "Be brief"}
    resp = await harness.post("/v1/responses", body)
    assert resp.json() == out
    assert json.loads(route.calls.last.request.content) == body


@pytest.mark.parametrize(("field", "value"), [("input", 5), ("instructions", ["x"])])
async def test_responses_wrong_types_are_400(harness: Harness, field: str, value: object) -> None:
    body = {"model": "gpt-4o-mini", "input": "x", field: value}
    resp = await harness.post("/v1/responses", body)
    assert (resp.status_code, resp.json()["error"]["param"]) == (400, field)


async def test_models_list_shows_only_usable_models(harness: Harness) -> None:
    resp = await harness.client.get("/v1/models", headers=harness.auth())
    ids = {m["id"] for m in resp.json()["data"]}
    assert ids == {"gpt-4o-mini", "text-embedding-3-small"}  # not paused, not dormant
    resp = await harness.client.get("/v1/models", headers=harness.auth(harness.nobody_key))
    assert resp.json()["data"] == []


async def test_models_retrieve(harness: Harness) -> None:
    ok = await harness.client.get("/v1/models/gpt-4o-mini", headers=harness.auth())
    assert ok.json()["id"] == "gpt-4o-mini"
    missing = await harness.client.get("/v1/models/paused-model", headers=harness.auth())
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "model_not_found")


@pytest.fixture
def production_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """The production processor chain (proxy/http/logging.py, JSON, debug level), its output captured."""
    saved = structlog.get_config()
    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", out)  # configure_logging binds the stream it writes to
    configure_logging("debug", "json")
    yield out
    structlog.configure(**saved)


async def test_logs_never_contain_prompt_output_or_keys(harness: Harness, production_log: io.StringIO) -> None:
    secret_prompt = "Resident Jane Marsh, NHS 943 476 5919, lives at 12 Elm Road, jane.marsh@example.org"
    secret_answer = "Reply drafted for Jane Marsh at Elm Road"
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion(secret_answer))
    await harness.post("/v1/chat/completions", chat_body(messages=[{"role": "user", "content": secret_prompt}]))
    await harness.post("/v1/chat/completions", chat_body(), key="stw_wrong_key_value")
    await harness.client.post("/v1/chat/completions", content=b'{"model": "Jane Marsh 943 476 5919", "messages": [',
                              headers=harness.auth())
    await harness.post("/v1/chat/completions", chat_body(model="jane.marsh@example.org"))
    await harness.post("/v1/policy/scan", {"text": secret_prompt})
    await harness.audit_rows()
    structlog.get_logger("careless").info("oops", prompt=secret_prompt, authorization=f"Bearer {harness.key}",
                                          messages=[secret_prompt], output=secret_answer)
    lines = [json.loads(line) for line in production_log.getvalue().splitlines() if line.startswith("{")]
    events = {line["event"] for line in lines}
    assert {"request.completed", "oops"} <= events, "the real chain logged the traffic (else this is vacuous)"
    careless = next(line for line in lines if line["event"] == "oops")
    assert careless["prompt"] == careless["authorization"] == careless["messages"] == "[scrubbed]"
    dumped = production_log.getvalue()
    for needle in ("Jane Marsh", "943 476 5919", "Elm Road", "jane.marsh@example.org", harness.key,
                   "stw_wrong_key_value", PROVIDER_KEY):
        assert needle not in dumped
