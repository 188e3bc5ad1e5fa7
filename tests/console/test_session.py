"""Console session cookies: sealed (cannot be read or altered), expiring, CSRF-bound, with a shared
secret that every replica can use and a clear error for a malformed one."""

from __future__ import annotations

import base64
import secrets

import pytest

from proxy.console.session import ConsoleSecretError, ConsoleSession, SessionCodec, parse_secret


def _session(ttl: float = 60) -> ConsoleSession:
    return ConsoleSession.start(user_id="u-7", display_name="Priya Shah", roles=("auditor",), department="Audit",
                                key_id="k1", digest="sha256:" + "ab" * 32, ttl_s=ttl)


def test_round_trip_and_nothing_readable_in_the_cookie() -> None:
    codec = SessionCodec(secrets.token_bytes(32))
    session = _session()
    cookie = codec.seal(session)
    assert codec.open(cookie) == session
    assert "u-7" not in cookie and "Priya" not in cookie and "auditor" not in cookie


def test_altered_forged_or_foreign_cookies_are_rejected() -> None:
    codec = SessionCodec(secrets.token_bytes(32))
    cookie = codec.seal(_session())
    flipped = cookie[:-2] + ("A" if cookie[-2] != "A" else "B") + cookie[-1]
    assert codec.open(flipped) is None
    assert codec.open("not-base64-!!") is None and codec.open("") is None and codec.open("x" * 5000) is None
    assert SessionCodec(secrets.token_bytes(32)).open(cookie) is None  # another replica's secret


def test_expired_sessions_are_rejected() -> None:
    codec = SessionCodec(secrets.token_bytes(32))
    session = _session(ttl=60)
    assert codec.open(codec.seal(session), now=session.expires_at + 1) is None


def test_csrf_token_must_match() -> None:
    session = _session()
    assert session.csrf_ok(session.csrf)
    assert not session.csrf_ok(None) and not session.csrf_ok("") and not session.csrf_ok(session.csrf + "x")


def test_shared_secret_from_hex_or_base64_and_clear_error_otherwise() -> None:
    raw = secrets.token_bytes(32)
    assert parse_secret(raw.hex()) == raw
    assert parse_secret(base64.b64encode(raw).decode()) == raw
    assert parse_secret(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == raw
    with pytest.raises(ConsoleSecretError, match="STEWARD_CONSOLE_SECRET must be 32 random bytes"):
        parse_secret("too-short")
    one = SessionCodec.from_env({"STEWARD_CONSOLE_SECRET": raw.hex()})
    two = SessionCodec.from_env({"STEWARD_CONSOLE_SECRET": base64.b64encode(raw).decode()})
    assert two.open(one.seal(_session())) is not None  # replicas sharing the secret share sessions
