"""AuditEvent.to_row(): the snapshot and sanitiser every audit row goes through (no database needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from audit.events import (
    FIELD_NAMES,
    MAX_ID,
    MAX_LONG_TEXT,
    MAX_META_ITEMS,
    MAX_TEXT,
    NUMBER_FIELDS,
    TEXT_LIMITS,
    TIME_FIELDS,
    AuditEvent,
    clean_text,
)
from audit.schema import audit_records

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


def event(**changes: Any) -> AuditEvent:
    ev = AuditEvent(request_id="r1", received_at=NOW)
    for name, value in changes.items():
        setattr(ev, name, value)
    return ev


def test_every_field_is_converted_and_is_a_column() -> None:
    row = event().to_row()
    assert set(row) == set(FIELD_NAMES)
    assert set(FIELD_NAMES) == {c.name for c in audit_records.columns} - {"id"}


def test_string_limits_match_the_column_lengths() -> None:
    for name, limit in TEXT_LIMITS.items():
        length = getattr(audit_records.c[name].type, "length", None)
        assert length in (limit, None), name  # None: TEXT (user_agent), clipped in the application
    assert TEXT_LIMITS["request_id"] == MAX_ID and TEXT_LIMITS["user_agent"] == MAX_LONG_TEXT


def test_datetimes_are_normalised_to_utc() -> None:
    local = NOW.astimezone(timezone(timedelta(hours=-5)))
    row = event(received_at=local, completed_at=local).to_row()
    assert row["received_at"] == NOW and row["received_at"].tzinfo is UTC
    assert row["upstream_first_byte_at"] is None


@pytest.mark.parametrize("name", TIME_FIELDS)
def test_naive_datetimes_are_rejected(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        event(**{name: datetime(2026, 1, 1)}).to_row()


@pytest.mark.parametrize(
    ("name", "value"),
    [("user_id", 42), ("decision", b"allowed"), ("http_status", "200"), ("latency_ms", True)],
)
def test_wrong_types_are_rejected_at_submit_not_at_write(name: str, value: object) -> None:
    with pytest.raises(TypeError, match=name):
        event(**{name: value}).to_row()


def test_numbers_pass_through() -> None:
    row = event(**{name: 7 for name in NUMBER_FIELDS}).to_row()
    assert all(row[name] == 7 for name in NUMBER_FIELDS)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain", "plain"),
        ("nul\x00byte", "nulbyte"),
        ("lone \ud83d surrogate", "lone ? surrogate"),
        ("naïve café ✓", "naïve café ✓"),
        ("x" * 600, "x" * MAX_TEXT),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw, MAX_TEXT) == clean


def test_collections_are_copied_cleaned_and_bounded() -> None:
    ev = event(
        roles=tuple(f"role{i}" for i in range(40)),
        client_meta={f"k{i}": f"v{i}" for i in range(40)},
        findings={"UK_NHS": 2, "PERSON": 1},
    )
    row = ev.to_row()
    assert len(row["roles"]) == len(row["client_meta"]) == MAX_META_ITEMS
    assert isinstance(row["roles"], list) and row["findings"] == {"UK_NHS": 2, "PERSON": 1}
    ev.findings["UK_NHS"] = 99
    assert row["findings"]["UK_NHS"] == 2


def test_from_row_inverts_to_dict() -> None:
    ev = event(roles=("a", "b"), client_meta={"os": "Linux"}, findings={"PERSON": 1}, stream=True)
    assert AuditEvent.from_row({**ev.to_dict(), "id": 5}) == ev
