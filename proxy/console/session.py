"""Console sessions: a sealed cookie (AES-GCM) that names who signed in, until when, and the CSRF token.

    codec = SessionCodec.from_env()                  # STEWARD_CONSOLE_SECRET, or a per-process key
    cookie = codec.seal(ConsoleSession.start(principal_fields, ttl_s=28800))
    session = codec.open(cookie)                     # None when forged, damaged or expired

The cookie holds no key and no secret: the caller's key digest (so every page re-checks the key against
the key store and a revoked key ends its sessions), user, roles, department, expiry and a random CSRF
token. It is encrypted and authenticated with AES-GCM (the `cryptography` package), so it can be neither
read nor altered in the browser. Every replica must share STEWARD_CONSOLE_SECRET (32 bytes, base64 or hex);
without it each process draws its own key and sessions last only as long as that process.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import secrets
import time
from dataclasses import asdict, dataclass
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

COOKIE = "steward_console"
SECRET_ENV = "STEWARD_CONSOLE_SECRET"
DEFAULT_TTL_S = 8 * 3600
_AAD = b"steward-console-session-v1"


class ConsoleSecretError(ValueError):
    """STEWARD_CONSOLE_SECRET is set but is not 32 bytes of base64 or hex."""


@dataclass(frozen=True, slots=True)
class ConsoleSession:
    user_id: str
    display_name: str
    roles: tuple[str, ...]
    department: str
    key_id: str
    digest: str  # the key's SHA-256 digest (never the key): re-checked on every page
    csrf: str
    expires_at: float  # epoch seconds

    @classmethod
    def start(cls, *, user_id: str, display_name: str, roles: tuple[str, ...], department: str, key_id: str,
              digest: str, ttl_s: float = DEFAULT_TTL_S, not_after: float | None = None) -> ConsoleSession:
        expires = time.time() + ttl_s if not_after is None else min(time.time() + ttl_s, not_after)
        return cls(user_id, display_name, tuple(roles), department, key_id, digest, secrets.token_urlsafe(24),
                   expires)

    @property
    def single_sign_on(self) -> bool:
        """Signed in through the identity provider: no key to re-check; it ends when the token would."""
        return not self.digest

    def has(self, role: str) -> bool:
        return role in self.roles

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf.encode(), str(token).encode())

    def expired(self, now: float | None = None) -> bool:
        return (time.time() if now is None else now) >= self.expires_at


class SessionCodec:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> SessionCodec:
        raw = (os.environ if environ is None else environ).get(SECRET_ENV, "").strip()
        return cls(parse_secret(raw) if raw else AESGCM.generate_key(bit_length=256))

    def seal(self, session: ConsoleSession) -> str:
        return self.seal_data(asdict(session))

    def open(self, cookie: str | None, now: float | None = None) -> ConsoleSession | None:
        data = self.open_data(cookie)
        try:
            session = ConsoleSession(**{**data, "roles": tuple(data["roles"])}) if data is not None else None
        except (TypeError, KeyError):
            return None
        return None if session is None or session.expired(now) else session

    def seal_data(self, data: dict[str, Any]) -> str:
        """Any small JSON object, encrypted and authenticated (e.g. a sign-in's state and PKCE verifier)."""
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, orjson.dumps(data), _AAD)
        return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")

    def open_data(self, cookie: str | None) -> dict[str, Any] | None:
        if not cookie or len(cookie) > 4096:
            return None
        try:
            raw = base64.urlsafe_b64decode(cookie + "=" * (-len(cookie) % 4))
            data = orjson.loads(self._aead.decrypt(raw[:12], raw[12:], _AAD))
        except (ValueError, TypeError, InvalidTag, binascii.Error, orjson.JSONDecodeError):
            return None
        return data if isinstance(data, dict) else None


def parse_secret(raw: str) -> bytes:
    """32 bytes from hex (64 characters) or base64 (standard or URL-safe)."""
    for decode in (bytes.fromhex, _b64):
        try:
            key = decode(raw)
        except ValueError:
            continue
        if len(key) == 32:
            return key
    raise ConsoleSecretError(f"{SECRET_ENV} must be 32 random bytes as hex or base64 "
                             "(e.g. `python -c \"import secrets; print(secrets.token_hex(32))\"`).")


def _b64(raw: str) -> bytes:
    try:
        return base64.b64decode(raw.replace("-", "+").replace("_", "/") + "=" * (-len(raw) % 4), validate=True)
    except binascii.Error as exc:
        raise ValueError(str(exc)) from exc
