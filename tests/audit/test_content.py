"""Records fields and content by audit level: metadata (none), redacted (plain), full (AES-GCM, fail closed)."""

from __future__ import annotations

import base64
import os
from datetime import timedelta
from typing import Any

import pytest
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from audit.content import (
    KEY_ENV,
    ContentKey,
    ContentKeyError,
    audit_content_key_available,
    content_digest,
    decrypt,
    load_key,
    read_content,
)
from audit.events import AuditContent, AuditEvent
from audit.reader import get_record
from audit.records_schema import audit_content
from audit.writer import AuditWriter
from tests.audit.support import FAST_RETRY, flushed, minimal_event, record_event

PROMPT = "Draft a letter to Mrs Canary-Q9 at 7 Canary Street about her NHS number 943 476 5919"
OUTPUT = "Dear Mrs Canary-Q9, ..."


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@pytest.fixture
def key() -> ContentKey:
    return ContentKey.from_base64(new_key())


async def _content(engine: AsyncEngine, request_id: str) -> dict[str, Any] | None:
    async with engine.connect() as conn:
        row = (await conn.execute(select(audit_content).where(audit_content.c.request_id == request_id))).mappings()
        first = row.first()
    return dict(first) if first is not None else None


def _event(request_id: str, level: str) -> AuditEvent:
    ev = record_event(request_id, level=level)
    ev.content = AuditContent(prompt=PROMPT, output=OUTPUT)
    return ev


# --- records fields -----------------------------------------------------------------------------------


async def test_records_fields_round_trip(engine: AsyncEngine, writer: AuditWriter) -> None:
    ev = record_event("req-fields")
    writer.submit(ev)
    await flushed(writer)
    record = await get_record(engine, "req-fields")
    assert record is not None
    assert AuditEvent.from_row(record) == ev
    assert record["retention_until"] == ev.received_at + timedelta(days=30)
    assert record["primary_role"] == "caseworker"
    assert record["findings_detail"][0] == {
        "entity": "UK_NHS",
        "label": "NHS number",
        "count": 2,
        "detectors": ["pii_ids"],
        "max_score": 0.95,
    }
    assert record["reasons"][0]["clause"] == "10.3" and record["outcome"] == "redacted"
    assert (record["energy_wh"], record["co2e_g"], record["session_id"]) == (0.123, 0.0256, "sess-42")
    assert record["legal_hold"] is False and record["audit_level"] == "metadata"


def test_reason_objects_are_accepted() -> None:
    class Reason:
        code, clause, message, blocking = "special_category", "10.3", "Health data was found.", True

    ev = record_event("r")
    ev.reasons = [Reason()]
    row = ev.to_row()
    assert row["reasons"] == [{"code": "special_category", "clause": "10.3", "message": "Health data was found."}]


@pytest.mark.parametrize(("name", "value"), [("outcome", "maybe"), ("audit_level", "everything")])
def test_unknown_outcome_or_level_is_rejected_at_submit(name: str, value: str) -> None:
    ev = minimal_event("r")
    setattr(ev, name, value)
    with pytest.raises(ValueError, match=name):
        ev.to_row()


def test_content_is_never_in_the_row_the_dict_or_the_repr() -> None:
    ev = _event("r", "full")
    for text in (repr(ev), repr(ev.to_row()), repr(ev.to_dict()), repr(ev.content)):
        assert "Canary" not in text
    assert "content" not in ev.to_row() and "content" not in ev.to_dict()


def test_scores_and_numbers_are_normalised_to_what_the_store_returns() -> None:
    ev = record_event("r")
    ev.findings_detail = [{"entity": "PERSON", "count": 1, "detectors": ["nlp"], "max_score": 0.123456789}]
    ev.prompt_tokens, ev.latency_ms, ev.energy_wh = 12.6, 5, float("nan")  # type: ignore[assignment]
    row = ev.to_row()
    assert row["findings_detail"][0]["max_score"] == 0.1235 and row["findings_detail"][0]["label"] is None
    assert (row["prompt_tokens"], row["latency_ms"], row["energy_wh"]) == (13, 5.0, None)


# --- levels ------------------------------------------------------------------------------------------


async def test_metadata_level_keeps_no_content(engine: AsyncEngine, writer: AuditWriter) -> None:
    writer.submit(_event("req-meta", "metadata"))
    await flushed(writer)
    record = await get_record(engine, "req-meta")
    assert record is not None and record["content_digest"] is None
    assert await _content(engine, "req-meta") is None


async def test_redacted_level_keeps_plain_text_with_its_digest(engine: AsyncEngine, writer: AuditWriter) -> None:
    ev = record_event("req-red", level="redacted")
    ev.content = AuditContent(prompt="Summarise [PERSON_1]'s case", output=None)
    writer.submit(ev)
    await flushed(writer)
    stored = await _content(engine, "req-red")
    record = await get_record(engine, "req-red")
    assert stored is not None and record is not None
    assert (stored["prompt"], stored["output"], stored["encrypted"], stored["key_id"]) == (
        "Summarise [PERSON_1]'s case",
        None,
        False,
        None,
    )
    assert record["content_digest"] == content_digest(stored)
    assert read_content(stored, None) == AuditContent(prompt="Summarise [PERSON_1]'s case")


async def test_full_level_is_ciphertext_at_rest_and_decrypts_with_the_key(engine: AsyncEngine, key: ContentKey) -> None:
    writer = AuditWriter(engine, FAST_RETRY, content_key=key)
    await writer.start()
    writer.submit(_event("req-full", "full"))
    await writer.close()
    stored = await _content(engine, "req-full")
    assert stored is not None and stored["encrypted"] is True and stored["key_id"] == key.key_id
    assert len(key.key_id) == 8
    for name in ("prompt", "output"):
        assert "Canary" not in stored[name] and "943" not in stored[name]
        base64.b64decode(stored[name], validate=True)
    assert read_content(stored, key) == AuditContent(prompt=PROMPT, output=OUTPUT)
    with pytest.raises(ContentKeyError):  # another key
        read_content(stored, ContentKey.from_base64(new_key()))
    with pytest.raises(ContentKeyError):  # bound to its record and field: no swapping prompt and output
        decrypt(key, "req-full", "prompt", stored["output"])
    with pytest.raises(ContentKeyError):
        decrypt(key, "req-other", "prompt", stored["prompt"])


async def test_full_level_without_a_key_fails_closed(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    writer = AuditWriter(engine, FAST_RETRY)
    await writer.start()
    with pytest.raises(ContentKeyError, match=KEY_ENV):
        writer.submit(_event("req-nokey", "full"))
    assert writer.pending == 0
    writer.submit(_event("req-red", "redacted"))  # levels that need no key still work
    await writer.close()
    assert await get_record(engine, "req-nokey") is None
    assert await get_record(engine, "req-red") is not None


async def test_the_key_comes_from_the_environment(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = new_key()
    monkeypatch.setenv(KEY_ENV, raw)
    assert audit_content_key_available()
    writer = AuditWriter(engine, FAST_RETRY)
    await writer.start()
    writer.submit(_event("req-env", "full"))
    await writer.close()
    stored = await _content(engine, "req-env")
    assert stored is not None and read_content(stored, load_key()).prompt == PROMPT


@pytest.mark.parametrize(
    ("value", "available"),
    [(None, False), ("", False), ("not base64!", False), (base64.b64encode(b"short").decode(), False)],
)
def test_key_availability(value: str | None, available: bool) -> None:
    environ = {} if value is None else {KEY_ENV: value}
    assert audit_content_key_available(environ) is available
    if value:
        with pytest.raises(ContentKeyError) as info:
            load_key(environ)
        assert value not in str(info.value) or value == ""
    assert audit_content_key_available({KEY_ENV: new_key()})


async def test_content_never_reaches_the_logs(engine: AsyncEngine, key: ContentKey) -> None:
    writer = AuditWriter(engine, FAST_RETRY, content_key=key)
    with structlog.testing.capture_logs() as logs:
        await writer.start()
        writer.submit(_event("req-a", "full"))
        writer.submit(_event("req-b", "redacted"))
        await writer.close()
    assert "Canary" not in repr(logs)
