"""Prompt and output kept with an audit record, per the use case's audit level (clause 9.2, 10.5).

    metadata   nothing is kept (no `audit_content` row, no digest)
    redacted   prompt and output as they left Steward's redaction/pseudonymisation, as plain text
    full       the caller's original content, AES-256-GCM encrypted at rest with STEWARD_AUDIT_KEY

Key: `STEWARD_AUDIT_KEY` holds base64 of 32 random bytes (`python -c "import os,base64;
print(base64.b64encode(os.urandom(32)).decode())"`). Its public id (`key_id`) is the first 8 hex characters of
sha256(key), stored beside each ciphertext so a rotated key is recognisable. Each field is encrypted with a
fresh 96-bit nonce and bound to its record and field by the associated data `"<request_id>:<field>"`, so a
ciphertext moved to another record or swapped between prompt and output fails to decrypt. Stored form:
base64(nonce || ciphertext || tag).

Without the key a `full` record cannot be written: `content_row` raises `ContentKeyError` (fail closed, never
a silent downgrade to plain text). The gateway checks `audit_content_key_available()` at start-up when any use
case asks for `full`.

`content_digest` is sha256 over a canonical JSON of the content *as stored* (ciphertext for `full`), with the
request id and level. It is kept on the record (and in its hash chain) after the content is purged, so purging
never breaks verification, and an edit of stored content is caught (`audit.verify`). Because `full` digests
cover ciphertext with a random nonce, they reveal nothing about the text; a `redacted` digest covers plain,
already-redacted text together with the model's output, which is impractical to guess.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from audit.events import AuditContent

KEY_ENV = "STEWARD_AUDIT_KEY"
NONCE_BYTES = 12
CONTENT_FIELDS = ("prompt", "output")


class ContentKeyError(RuntimeError):
    """No usable content key: `full` records cannot be written or read. Never carries key material."""


@dataclass(frozen=True, slots=True)
class ContentKey:
    key_id: str
    aead: AESGCM

    @classmethod
    def from_base64(cls, value: str) -> ContentKey:
        try:
            raw = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ContentKeyError(f"{KEY_ENV} is not valid base64") from exc
        if len(raw) != 32:
            raise ContentKeyError(f"{KEY_ENV} must decode to 32 bytes, not {len(raw)}")
        return cls(key_id=hashlib.sha256(raw).hexdigest()[:8], aead=AESGCM(raw))

    def __repr__(self) -> str:
        return f"ContentKey(key_id={self.key_id!r})"


def load_key(environ: Mapping[str, str] | None = None) -> ContentKey:
    """The content key from the environment; ContentKeyError when it is missing or malformed."""
    value = (os.environ if environ is None else environ).get(KEY_ENV, "")
    if not value.strip():
        raise ContentKeyError(f"{KEY_ENV} is not set: records at audit level 'full' cannot be written")
    return ContentKey.from_base64(value)


def audit_content_key_available(environ: Mapping[str, str] | None = None) -> bool:
    """True when STEWARD_AUDIT_KEY holds a usable key (start-up check for use cases at level `full`)."""
    try:
        load_key(environ)
    except ContentKeyError:
        return False
    return True


def encrypt(key: ContentKey, request_id: str, field: str, text: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = key.aead.encrypt(nonce, text.encode("utf-8"), _aad(request_id, field))
    return base64.b64encode(nonce + sealed).decode("ascii")


def decrypt(key: ContentKey, request_id: str, field: str, token: str) -> str:
    """Plain text of one stored field; ContentKeyError if it was not sealed by this key for this record."""
    try:
        raw = base64.b64decode(token, validate=True)
        plain = key.aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(request_id, field))
    except (binascii.Error, ValueError, InvalidTag) as exc:
        raise ContentKeyError(f"content of {request_id} does not decrypt with key {key.key_id}") from exc
    return plain.decode("utf-8")


def _aad(request_id: str, field: str) -> bytes:
    return f"{request_id}:{field}".encode()


def content_row(
    request_id: str, level: str, content: AuditContent | None, key: ContentKey | None, now: datetime
) -> dict[str, Any] | None:
    """The `audit_content` row for this level, or None (level `metadata`, or nothing to keep).

    Raises ContentKeyError for level `full` without a key: the record must not be written in the clear.
    """
    if level == "metadata" or content is None or (content.prompt is None and content.output is None):
        return None
    values = {name: getattr(content, name) for name in CONTENT_FIELDS}
    encrypted = level == "full"
    if encrypted:
        if key is None:
            raise ContentKeyError(f"{KEY_ENV} is not set: records at audit level 'full' cannot be written")
        values = {n: None if v is None else encrypt(key, request_id, n, v) for n, v in values.items()}
    return {
        "request_id": request_id,
        "level": level,
        **values,
        "encrypted": encrypted,
        "key_id": key.key_id if encrypted and key is not None else None,
        "created_at": now,
    }


def content_digest(row: Mapping[str, Any]) -> str:
    """sha256 (hex) over the canonical JSON of {request_id, level, prompt, output} as stored."""
    canonical = {name: row.get(name) for name in ("request_id", "level", *CONTENT_FIELDS)}
    return hashlib.sha256(orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS)).hexdigest()


def read_content(row: Mapping[str, Any], key: ContentKey | None) -> AuditContent:
    """The prompt and output of a stored `audit_content` row, decrypted when needed (ContentKeyError if not)."""
    if not row["encrypted"]:
        return AuditContent(prompt=row["prompt"], output=row["output"])
    if key is None:
        raise ContentKeyError(f"{KEY_ENV} is not set: encrypted audit content cannot be read")
    if row.get("key_id") not in (None, key.key_id):
        raise ContentKeyError(f"content of {row['request_id']} was sealed with key {row['key_id']}, not {key.key_id}")
    rid = row["request_id"]
    return AuditContent(
        **{n: None if row[n] is None else decrypt(key, rid, n, row[n]) for n in CONTENT_FIELDS},
    )
