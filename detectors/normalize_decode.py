"""Encoded segments whose decoded form is text: base64 / base64url runs and percent-encoded tokens.

A segment is only reported when it decodes to UTF-8 text that is almost all printable, so images,
compressed data, hashes and random keys (which decode to binary) are left alone; a long run is first
tested on a short prefix, so a large image costs one small decode. The caller scans the decoded text
and attributes whatever it finds there to the whole encoded segment.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus

_B64_RUN = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])")
_PCT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_TOKEN_END = re.compile(r"[\s<>\"'`]")
_TOKEN_REACH = 4096
_PROBE = 256           # base64 characters decoded first to tell text from binary
_MIN_PRINTABLE = 0.95


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    decoded: str
    kind: str          # "base64" | "percent"


def encoded_segments(text: str) -> list[Segment]:
    """Encoded segments of `text` that decode to text, in order, non-overlapping."""
    found = []
    if "%" in text:
        for start, end in _escaped_tokens(text):
            decoded = _percent(text[start:end])
            if decoded is not None:
                found.append(Segment(start, end, decoded, "percent"))
    for m in _B64_RUN.finditer(text):
        if any(s.start <= m.start() < s.end for s in found):
            continue
        decoded = _base64(m.group())
        if decoded is not None:
            found.append(Segment(m.start(), m.end(), decoded, "base64"))
    found.sort(key=lambda s: s.start)
    return found


def _escaped_tokens(text: str) -> list[tuple[int, int]]:
    """Whitespace/quote-delimited tokens holding at least one %XX escape."""
    tokens: list[tuple[int, int]] = []
    for m in _PCT_ESCAPE.finditer(text):
        if tokens and m.start() < tokens[-1][1]:
            continue
        start = m.start()
        while start > 0 and m.start() - start < _TOKEN_REACH and not _TOKEN_END.match(text, start - 1):
            start -= 1
        after = _TOKEN_END.search(text, m.end(), m.end() + _TOKEN_REACH)
        tokens.append((start, after.start() if after else min(len(text), m.end() + _TOKEN_REACH)))
    return tokens


def _percent(token: str) -> str | None:
    decoded = unquote_plus(token) if "=" in token else unquote(token)
    if decoded == token or not _is_text(decoded):
        return None
    return decoded


def _has_mixed_classes(run: str) -> bool:
    return any(c.isupper() for c in run) and (any(c.islower() for c in run) or any(c.isdigit() for c in run))


def _b64decode(run: str) -> bytes | None:
    body = run.rstrip("=")
    if len(body) % 4 == 1:
        return None
    padded = body + "=" * (-len(body) % 4)
    url_safe = "-" in body or "_" in body
    if url_safe and ("+" in body or "/" in body):
        return None
    try:
        if url_safe:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def _base64(run: str) -> str | None:
    if not _has_mixed_classes(run):
        return None
    probe = run[: _PROBE - _PROBE % 4] if len(run) > _PROBE else run
    raw = _b64decode(probe)
    if raw is None or not _is_text(raw.decode("utf-8", "ignore")):
        return None
    if probe is not run:
        raw = _b64decode(run)
        if raw is None:
            return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return decoded if _is_text(decoded) else None


def _is_text(value: str) -> bool:
    if len(value) < 4:
        return False
    printable = sum(1 for c in value if c.isprintable() or c in "\n\r\t")
    letters = sum(1 for c in value if c.isalpha())
    return printable >= _MIN_PRINTABLE * len(value) and letters >= 2
