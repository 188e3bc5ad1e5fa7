"""Caller free text that Steward echoes, logs or audits (model name, tool and use-case names, session id,
SDK metadata) is bounded and cannot smuggle personal data or secrets into logs and audit rows.

An identifier is kept as sent when it looks like one: at most 128 characters of letters, digits and
`. _ : / + -`, no `@`, and no run of 7 or more digits (phone, NHS and account numbers). Anything else is
replaced by a keyed digest, `hmac:<16 hex>`, so equal values still correlate (one session's requests) but
the value itself is never stored or logged. The key is `STEWARD_HMAC_KEY` when set (stable across
restarts and replicas), else random per process. Other free text (user agent, SDK metadata) is stripped
of control characters and cut to a bound.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections.abc import Container

from config.models import PolicyConfig

IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}")
_LONG_NUMBER = re.compile(r"\d{7,}")
HMAC_ENV = "STEWARD_HMAC_KEY"


@functools.cache
def _key() -> bytes:
    configured = os.environ.get(HMAC_ENV)
    return configured.encode() if configured else secrets.token_bytes(32)


def is_identifier(value: str) -> bool:
    return IDENTIFIER.fullmatch(value) is not None and not _LONG_NUMBER.search(value)


def digest_tag(value: str) -> str:
    return "hmac:" + hmac.new(_key(), value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:16]


def caller_identifier(value: str | None, known: Container[str] = ()) -> str | None:
    """`value` when it is a configured name (`known`) or a plain identifier, else its keyed digest tag."""
    if value is None:
        return None
    return value if value in known or is_identifier(value) else digest_tag(value)


def model_names(config: PolicyConfig) -> set[str]:
    """Every model name the policy offers, bare and as `tool-id/model`."""
    return {name for tool in config.tools for model in tool.models for name in (model, f"{tool.id}/{model}")}


def bounded_text(value: str | None, limit: int = 256) -> str | None:
    """Printable text only (control and format characters dropped), at most `limit` characters."""
    if value is None:
        return None
    kept = "".join(ch for ch in value[: limit * 2] if unicodedata.category(ch)[0] != "C")
    return kept[:limit]
