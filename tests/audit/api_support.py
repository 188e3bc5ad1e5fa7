"""Helpers for the auditor API tests: an in-process app with a fake `authorize`, and seeded records.

The fake authorize maps bearer tokens to actors (`TOKENS`), answers 401 for anything else and 403 when the
actor holds none of the roles the route asks for — the contract the gateway's real implementation keeps.
Records are inserted directly (every column of migration 0003), so the tests control every field.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, HTTPException, Request
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

import audit.records_schema  # noqa: F401  (adds the records columns to audit_records)
from audit.api import Actor, AuditDeps, build_audit_router, build_feedback_router
from audit.records_schema import audit_content, audit_feedback, review_queue
from audit.schema import audit_records
from config.loader import load_config
from config.models import PolicyConfig

COUNCIL_YAML = Path(__file__).resolve().parents[2] / "config" / "examples" / "council.yaml"
POLICY: PolicyConfig = load_config(COUNCIL_YAML).config
T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)

TOKENS: dict[str, Actor] = {
    "auditor-token": Actor("a.auditor", ("auditor",), "Internal Audit"),
    "reviewer-token": Actor("r.reviewer", ("reviewer",), "Quality"),
    "caller-token": Actor("u-1", ("staff",), "Housing"),
    "caller2-token": Actor("u-2", ("staff",), "Housing"),
    "admin-token": Actor("i.admin", ("admin",), "IT"),
    "both-token": Actor("b.both", ("auditor", "reviewer"), "Internal Audit"),
}


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def fake_authorize(request: Request, roles: set[str]) -> Actor:
    header = request.headers.get("authorization", "")
    actor = TOKENS.get(header.removeprefix("Bearer ").strip())
    if actor is None:
        raise HTTPException(401, "invalid key")
    if roles and not roles.intersection(actor.roles):
        raise HTTPException(403, "role not permitted")
    return actor


@dataclass
class Switches:
    erasure_allowed: bool = False


def make_app(engine: AsyncEngine, switches: Switches | None = None) -> FastAPI:
    flags = switches or Switches()
    deps = AuditDeps(engine_provider=lambda: engine, authorize=fake_authorize, policy_snapshot=lambda: POLICY,
                     erasure_allowed=lambda: flags.erasure_allowed)
    app = FastAPI(title="Steward audit API (test)")
    app.include_router(build_audit_router(deps))
    app.include_router(build_feedback_router(deps))
    return app


@pytest.fixture(name="client")
async def client_fixture(engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the audit API app over `engine` (import `client_fixture` to use `client`)."""
    transport = httpx.ASGITransport(app=make_app(engine))
    async with httpx.AsyncClient(transport=transport, base_url="http://steward.test") as c:
        yield c


def record_row(i: int, **overrides: Any) -> dict[str, Any]:
    """A complete audit_records row; `i` varies user, tool, use case, decision and time deterministically."""
    tools = ("azure-openai-uk", "openai-public", "minute-local")
    use_cases = ("general-drafting", "housing-letters", "asc-case-summaries")
    refused = i % 7 == 0
    findings = {"UK_NHS": 1 + i % 2} if i % 3 == 0 else ({"PERSON": 2} if i % 5 == 0 else {})
    received = T0 + timedelta(minutes=10 * i)
    row: dict[str, Any] = {
        "request_id": f"req-{i:05d}", "received_at": received, "completed_at": received + timedelta(seconds=2),
        "user_id": f"u-{i % 4}", "display_name": f"User {i % 4}", "roles": ["staff"], "primary_role": "staff",
        "department": ("Housing", "Adult Social Care")[i % 2], "key_id": "stw_test", "client_ip": "192.0.2.1",
        "user_agent": "OpenAI/Python 3.51.0", "client_meta": {}, "tool": tools[i % 3],
        "model_requested": "gpt-4o-mini", "model_reported": "gpt-4o-mini-2024-07-18",
        "endpoint": "chat.completions", "stream": False, "decision": "refused" if refused else "allowed",
        "outcome": "blocked" if refused else ("redacted" if findings else "allowed"),
        "reason_code": "special_category" if refused else None, "policy_clause": "10.3" if refused else "7.2",
        "reasons": [{"code": "x", "clause": "10.3", "message": "m"}] if refused else [],
        "categories": ["personal_data"] if findings else [], "findings": findings,
        "findings_detail": [{"entity": k, "label": k, "count": v, "detectors": ["d"], "max_score": 0.9}
                            for k, v in findings.items()],
        "http_status": 403 if refused else 200, "prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30,
        "latency_ms": 100.0, "use_case": use_cases[i % 3], "policy_version": "sha256:" + "0" * 64,
        "audit_level": "redacted", "disclosure_shown": False, "session_id": None,
        "retention_until": received + timedelta(days=365), "energy_wh": 0.5, "co2e_g": 0.1, "legal_hold": False,
    }
    row.update(overrides)
    return row


async def seed(engine: AsyncEngine, n: int, **overrides: Any) -> list[dict[str, Any]]:
    rows = [record_row(i, **overrides) for i in range(1, n + 1)]
    async with engine.begin() as conn:
        await conn.execute(insert(audit_records), rows)
    return rows


async def add_content(engine: AsyncEngine, request_id: str, level: str, prompt: str, output: str,
                      encrypted: bool = False, key_id: str | None = None) -> None:
    async with engine.begin() as conn:
        await conn.execute(insert(audit_content), [{
            "request_id": request_id, "level": level, "prompt": prompt, "output": output,
            "encrypted": encrypted, "key_id": key_id, "created_at": datetime.now(UTC)}])


async def add_feedback(engine: AsyncEngine, request_id: str, user_id: str, kind: str = "feedback",
                       rating: int | None = 4) -> None:
    async with engine.begin() as conn:
        await conn.execute(insert(audit_feedback), [{
            "request_id": request_id, "user_id": user_id, "kind": kind, "rating": rating, "comment": "c",
            "created_at": T0 + timedelta(hours=1)}])


async def add_review(engine: AsyncEngine, request_id: str, use_case: str, **values: Any) -> None:
    row = {"request_id": request_id, "use_case": use_case, "reason": "sampled",
           "sampled_at": T0 + timedelta(hours=1), "status": "pending", **values}
    async with engine.begin() as conn:
        await conn.execute(insert(review_queue), [row])
