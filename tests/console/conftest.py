"""A gateway with the console, driven in-process over HTTPS-looking URLs (so the Secure session cookie
is sent), with an auditor, a reviewer, an admin and a plain caller, and a seeded audit trail."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from config.loader import parse_config
from config.settings import Settings
from detectors.engine import ScanEngine
from proxy.app import create_app
from proxy.gateway import Gateway
from tests.gateway.conftest import (
    CONFIG,
    PROVIDER_KEY,
    UPSTREAM,
    completion,
    shared_scanner,  # noqa: F401  (session fixture)
)

CONSOLE_CONFIG = CONFIG + """
  auditor: {tools: []}
  reviewer: {tools: []}
  admin: {tools: []}
default_use_case: notes
use_cases:
  - id: notes
    name: Meeting notes
    owner: IT
    purpose: notes
    tools: [mock]
    allowed_roles: [staff]
    review_by: 2099-01-01
    review_sampling_rate: 1.0
    audit: {level: redacted, retention_days: 30}
  - id: casework
    owner: Social care
    purpose: case summaries
    tools: [mock]
    allowed_roles: [staff]
    dpia: {reference: DPIA-9, approved_on: 2026-06-01}
    review_by: 2099-01-01
    data_handling: {personal_data: pseudonymise}
    audit: {level: full, retention_days: 2190}
  - id: old-pilot
    owner: Housing
    purpose: a pilot nobody reviewed
    tools: [mock]
    allowed_roles: [staff]
    eqia: {reference: EQIA-3, approved_on: 2020-01-01}
    review_by: 2020-01-01
"""

BASE = "https://steward.test"


@dataclass
class Console:
    client: httpx.AsyncClient
    gateway: Gateway
    keys: dict[str, str]
    upstream: respx.MockRouter
    pipeline: Any = None

    async def sign_in(self, who: str) -> httpx.Response:
        form = await self.client.get("/console/login")
        token = re.search(r'name="login_token" value="([^"]+)"', form.text)
        assert token is not None
        return await self.client.post("/console/login", data={
            "key": self.keys[who], "login_token": token.group(1), "next": "/console/"})

    async def csrf(self, path: str = "/console/register") -> str:
        page = await self.client.get(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert match is not None, page.text[:500]
        return match.group(1)

    async def chat(self, who: str = "caller", model: str = "gpt-4o-mini", use_case: str | None = None,
                   text: str = "Summarise the bin collection policy.") -> httpx.Response:
        headers = {"authorization": f"Bearer {self.keys[who]}"}
        if use_case:
            headers["x-steward-use-case"] = use_case
        body = {"model": model, "messages": [{"role": "user", "content": text}]}
        async with httpx.AsyncClient(transport=self.client._transport, base_url=BASE) as api:
            return await api.post("/v1/chat/completions", json=body, headers=headers)

    async def rows(self) -> list[dict[str, Any]]:
        from audit.reader import list_records

        await self.gateway.audit.flush()
        return await list_records(self.gateway.engine, limit=1000)


@pytest.fixture
async def console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  shared_scanner: ScanEngine) -> AsyncIterator[Console]:  # noqa: F811
    monkeypatch.setenv("STEWARD_TEST_PROVIDER_KEY", PROVIDER_KEY)
    monkeypatch.setenv("STEWARD_AUDIT_KEY", base64.b64encode(os.urandom(32)).decode())
    monkeypatch.delenv("STEWARD_CONSOLE_SECRET", raising=False)
    app = create_app(Settings(data_dir=tmp_path), parse_config(CONSOLE_CONFIG, "test.yaml"), scanner=shared_scanner)
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as upstream:
        upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion("Noted."))
        async with app.router.lifespan_context(app):
            gateway: Gateway = app.state.gateway
            keys = {}
            for who, roles, dept in (("caller", ["staff"], "Housing"), ("auditor", ["auditor"], "Audit"),
                                     ("reviewer", ["reviewer"], "Quality"), ("admin", ["admin"], "IT")):
                keys[who] = (await gateway.keys.create(f"{who}-1", roles, department=dept, name=who.title())).secret
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
                yield Console(client, gateway, keys, upstream, app.state.pipeline)
