"""In-process gateway harness: the real app (lifespan, SQLite audit store) driven over httpx.ASGITransport,
with the provider faked by respx so each test can assert the exact request the provider received."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from audit.reader import get_record, list_records
from config.loader import parse_config
from config.settings import Settings
from detectors.engine import EngineOptions, ScanEngine
from proxy.app import create_app
from proxy.gateway import Gateway

UPSTREAM = "http://upstream.test/v1"

CONFIG = """
version: 1
gateway:
  max_body_bytes: 4096
tools:
  - id: mock
    provider: openai_compatible
    base_url: http://upstream.test/v1
    api_key_env: STEWARD_TEST_PROVIDER_KEY
    models: [gpt-4o-mini, text-embedding-3-small]
    category: internal
    region: uk
  - id: paused-tool
    provider: openai_compatible
    base_url: http://paused.test/v1
    models: [paused-model]
    category: public
    status: paused
    status_reason: under review after an incident
  - id: dormant
    provider: openai
    base_url: http://dormant.test/v1
    api_key_env: STEWARD_TEST_UNSET_KEY
    models: [dormant-model]
    category: public
roles:
  staff: {tools: [mock, paused-tool, dormant]}
  nobody: {tools: []}
"""

PROVIDER_KEY = "provider-secret-key-123"


@dataclass
class Harness:
    client: httpx.AsyncClient
    gateway: Gateway
    key: str
    nobody_key: str
    upstream: respx.MockRouter
    pipeline: Any = None

    def auth(self, key: str | None = None) -> dict[str, str]:
        return {"authorization": f"Bearer {key or self.key}"}

    async def post(self, path: str, body: Any, key: str | None = None, **kw: Any) -> httpx.Response:
        return await self.client.post(path, json=body, headers={**self.auth(key), **kw.pop("headers", {})}, **kw)

    async def audit_row(self, request_id: str) -> dict[str, Any]:
        await self.pipeline.output_redaction.settle()
        await self.gateway.audit.flush()
        row = await get_record(self.gateway.engine, request_id)
        assert row is not None, f"no audit row for {request_id}"
        return row

    async def app_pipeline_review_drain(self) -> None:
        await self.pipeline.review.drain()

    async def audit_rows(self) -> list[dict[str, Any]]:
        await self.pipeline.output_redaction.settle()
        await self.gateway.audit.flush()
        return await list_records(self.gateway.engine, limit=1000)


def chat_body(**extra: Any) -> dict[str, Any]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Summarise the bin collection policy."}],
            **extra}


def completion(content: str = "Bins are collected weekly.", model: str = "gpt-4o-mini-2024-07-18") -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}}


@pytest.fixture
def config_text() -> str:
    return CONFIG


@pytest.fixture(scope="session")
def shared_scanner() -> Iterator[ScanEngine]:
    """One detection engine for the whole session (loading the NLP model costs seconds)."""
    engine = ScanEngine(EngineOptions())
    engine.start()
    yield engine
    engine.close()


@pytest.fixture
async def harness(tmp_path: Path, config_text: str, monkeypatch: pytest.MonkeyPatch,
                  shared_scanner: ScanEngine) -> AsyncIterator[Harness]:
    monkeypatch.setenv("STEWARD_TEST_PROVIDER_KEY", PROVIDER_KEY)
    monkeypatch.delenv("STEWARD_TEST_UNSET_KEY", raising=False)
    app = create_app(Settings(data_dir=tmp_path), parse_config(config_text, "test.yaml"), scanner=shared_scanner)
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as upstream:
        async with app.router.lifespan_context(app):
            gateway: Gateway = app.state.gateway
            key = (await gateway.keys.create("alice", ["staff"], department="Housing", name="Alice")).secret
            nobody = (await gateway.keys.create("bob", ["nobody"], department="Parks")).secret
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://steward.test") as client:
                yield Harness(client, gateway, key, nobody, upstream, app.state.pipeline)


def sse(*payloads: Any, done: bool = True) -> bytes:
    frames = [p if isinstance(p, bytes) else b"data: " + json.dumps(p).encode() + b"\n\n" for p in payloads]
    return b"".join(frames) + (b"data: [DONE]\n\n" if done else b"")

