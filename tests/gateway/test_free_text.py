"""Caller free text (model name, session id, use-case and tool names, SDK metadata) is bounded and never
reaches the audit row or the caller-facing echo as sent when it is not a plain identifier."""

from __future__ import annotations

from proxy.http.free_text import bounded_text, caller_identifier, is_identifier
from tests.gateway.conftest import UPSTREAM, Harness, chat_body, completion

EMAIL = "jo.bloggs@example.org"


def test_plain_identifiers_pass_and_anything_else_becomes_a_stable_tag() -> None:
    for name in ("gpt-4o-mini", "mock/gpt-4o-mini", "llama3:8b", "sess_4f9a2b"):
        assert is_identifier(name) and caller_identifier(name) == name
    for text in (EMAIL, "call 07700900123", "Mrs Jane Smith", "x" * 300, "a\nb", "NHS 9434765919"):
        tag = caller_identifier(text)
        assert tag is not None and tag.startswith("hmac:") and tag == caller_identifier(text)
    dated = "claude-3-5-sonnet-20241022"
    assert caller_identifier(dated) != dated and caller_identifier(dated, {dated}) == dated
    assert bounded_text("agent\x00\x1b[31m" + "y" * 500, 20) == "agent[31m" + "y" * 11


async def test_a_model_name_carrying_personal_data_is_not_audited_or_echoed(harness: Harness) -> None:
    response = await harness.post("/v1/chat/completions", chat_body(model=f"please email {EMAIL} the file"))
    assert response.status_code == 404
    assert EMAIL not in response.text
    row = await harness.audit_row(response.headers["x-request-id"])
    assert EMAIL not in str(row) and row["model_requested"].startswith("hmac:")


async def test_session_ids_and_use_case_names_are_tagged_but_still_correlate(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    rows = []
    for _ in range(2):
        response = await harness.post("/v1/chat/completions", chat_body(metadata={"session_id": "07700 900123"}))
        rows.append(await harness.audit_row(response.headers["x-request-id"]))
    assert rows[0]["session_id"] == rows[1]["session_id"] and rows[0]["session_id"].startswith("hmac:")
    refused = await harness.post("/v1/chat/completions", chat_body(), headers={"x-steward-use-case": EMAIL})
    assert EMAIL not in refused.text
    assert EMAIL not in str(await harness.audit_row(refused.headers["x-request-id"]))
