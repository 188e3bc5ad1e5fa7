"""Operators: transform one text given its span findings (detection is done elsewhere).

Only findings with `is_span` are used; record-level findings are policy's business.

Overlap strategy (the only one): the longest span wins; on equal length the higher score; then the
earlier start; then entity and detector name, so the choice never depends on input order. Any span
that overlaps an already chosen span is dropped whole (spans are half-open, so touching is fine).

Placeholders:
    redact          <PERSON>
    mask            ******** (same length)
    hmac_hash       <PERSON:3f2a9c1d>   keyed HMAC-SHA256, first 8 hex digits; never a bare hash
    Pseudonymiser   <PERSON_1>          per request, restorable; the same value keeps its number, and
                                        one person keeps one number (see `policies.people`)

Values are compared after `normalise`: names case- and whitespace-insensitively, identifiers
(NHS number, postcode, card, ...) also ignoring spaces and hyphens, secrets exactly.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, Protocol

from detectors.base import PERSONAL_DATA, Finding, finding_class
from policies.people import People, Person

Operator = Callable[[str, Sequence[Finding]], str]

MIN_HMAC_KEY_BYTES = 16
HMAC_HEX_DIGITS = 8
_TOKEN = re.compile(r"<[A-Z0-9_]+>")
# Identifiers compared without spaces and hyphens ("SW1A 1AA" == "sw1a1aa").
_COMPACT_ENTITIES = frozenset(
    "UK_NHS UK_NINO UK_POSTCODE CREDIT_CARD UK_BANK_SORT_CODE UK_BANK_ACCOUNT IBAN_CODE PHONE_NUMBER"
    " UK_PASSPORT UK_DRIVING_LICENCE VEHICLE_REGISTRATION".split()
)


def resolve_overlaps(text_len: int, findings: Iterable[Finding]) -> list[Finding]:
    """The non-overlapping span findings to apply, in text order (see module docstring)."""
    spans = [f for f in findings if f.is_span]
    for f in spans:
        if not 0 <= f.start <= f.end <= text_len:
            raise ValueError(f"finding {f.entity} [{f.start}, {f.end}) is outside a text of {text_len}")
    ranked = sorted(
        (f for f in spans if f.end > f.start),
        key=lambda f: (f.start - f.end, -f.score, f.start, f.entity, f.detector),
    )
    chosen: list[Finding] = []
    for f in ranked:
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def entity_tag(entity: str) -> str:
    """The entity as it appears inside a placeholder: upper case, letters/digits/underscores."""
    return re.sub(r"[^A-Z0-9_]", "_", entity.upper()) or "ENTITY"


def normalise(entity: str, value: str) -> str:
    """The form of a value used for equality (same placeholder, same HMAC)."""
    if finding_class(entity) != PERSONAL_DATA:
        return value
    if entity in _COMPACT_ENTITIES:
        return re.sub(r"[\s-]", "", value).casefold()
    return " ".join(value.split()).casefold()


def _substitute(text: str, findings: Iterable[Finding], render: Callable[[Finding, str], str]) -> str:
    parts: list[str] = []
    pos = 0
    for f in resolve_overlaps(len(text), findings):
        parts.append(text[pos : f.start])
        parts.append(render(f, text[f.start : f.end]))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Replace each span with its typed placeholder, e.g. `<PERSON>`."""
    return _substitute(text, findings, lambda f, _: f"<{entity_tag(f.entity)}>")


def mask(text: str, findings: Iterable[Finding], char: str = "*", *, keep_card_last4: bool = False) -> str:
    """Same-length masking. With `keep_card_last4`, card numbers keep separators and last 4 digits."""
    if len(char) != 1:
        raise ValueError("mask char must be exactly one character")

    def render(f: Finding, value: str) -> str:
        if not (keep_card_last4 and f.entity == "CREDIT_CARD"):
            return char * len(value)
        digits = [i for i, c in enumerate(value) if c.isdigit()]
        keep = set(digits[-4:])
        return "".join(c if i in keep or not c.isalnum() else char for i, c in enumerate(value))

    return _substitute(text, findings, render)


def hmac_hash(text: str, findings: Iterable[Finding], key: bytes) -> str:
    """Replace each span with `<ENTITY:hhhhhhhh>`, a keyed HMAC-SHA256 of the normalised value."""
    if len(key) < MIN_HMAC_KEY_BYTES:
        raise ValueError(f"HMAC key must be at least {MIN_HMAC_KEY_BYTES} bytes")

    def render(f: Finding, value: str) -> str:
        tag = entity_tag(f.entity)
        message = f"{tag}\x00{normalise(f.entity, value)}".encode("utf-8", "surrogatepass")
        digest = hmac.new(key, message, hashlib.sha256).hexdigest()[:HMAC_HEX_DIGITS]
        return f"<{tag}:{digest}>"

    return _substitute(text, findings, render)


def _json_escape(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


class Pseudonymiser:
    """Per-request, in-memory placeholder mapping. Never log, persist or share it across requests.

    Call `reserve` with every text of the request before pseudonymising, so a placeholder-like string
    the user typed (e.g. a literal "<PERSON_1>") is never issued and is left alone by `restore`.
    """

    __slots__ = ("_by_key", "_originals", "_counts", "_reserved", "_prefixes", "_prefixes_for", "_people")

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], str] = {}
        self._people = People()
        self._originals: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._reserved: set[str] = set()
        self._prefixes: frozenset[str] = frozenset()
        self._prefixes_for = 0

    def __repr__(self) -> str:
        counts = ", ".join(f"{tag}={n}" for tag, n in sorted(self._counts.items()))
        return f"Pseudonymiser({counts})"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Pseudonymiser holds personal data and must not be pickled or persisted")

    def counts(self) -> dict[str, int]:
        """Placeholders issued per entity tag (safe to log and audit)."""
        return dict(self._counts)

    def reserve(self, text: str) -> None:
        self._reserved.update(_TOKEN.findall(text))

    def pseudonymise(self, text: str, findings: Iterable[Finding]) -> str:
        self.reserve(text)
        return _substitute(text, findings, lambda f, value: self._placeholder(f.entity, value))

    def introduce_people(self, names: Iterable[str]) -> None:
        """Every person-name value of the request, before pseudonymising any of it, so each person
        gets one placeholder whatever order the fields are transformed in (`policies.people`)."""
        self._people.introduce(names)

    def _placeholder(self, entity: str, value: str) -> str:
        tag = entity_tag(entity)
        key = (tag, normalise(entity, value))
        token = self._by_key.get(key)
        if token is None:
            person = self._people.person(value) if tag == "PERSON" else None
            token = self._issue(tag, value) if person is None else self._person_token(tag, person, value)
            self._by_key[key] = token
        return token

    def _person_token(self, tag: str, person: Person, value: str) -> str:
        """The person's placeholder (restoring to their fullest name), or a form of it for a part."""
        if person.token is None:
            person.token = self._issue(tag, person.fullest)
        self._originals[person.token] = person.fullest
        form = person.form(value)
        if not form:
            return person.token
        token = f"{person.token[:-1]}_{form}>"
        if token in self._reserved:
            return self._issue(tag, value)
        self._originals.setdefault(token, value)
        return token

    def _issue(self, tag: str, value: str) -> str:
        number = self._counts.get(tag, 0)
        token = ""
        while not token or token in self._reserved:
            number += 1
            token = f"<{tag}_{number}>"
        self._counts[tag] = number
        self._originals[token] = value
        return token

    def restore(self, text: str) -> str:
        """Replace placeholders this instance issued with their originals; others stay as they are."""
        return self._restore(text, json_string=False)

    def restore_json_string(self, args: str) -> str:
        """Restore inside a JSON document (tool-call arguments): values are JSON-escaped.

        Keeps the document's formatting unless a placeholder was itself escaped (e.g. `\\u003c`),
        in which case the decoded document is restored value by value and re-encoded.
        """
        textual = self._restore(args, json_string=True)
        try:
            restored = self._restore_value(json.loads(args))
            if json.loads(textual) == restored:
                return textual
        except ValueError:
            return textual
        return json.dumps(restored, ensure_ascii=False, separators=(",", ":"))

    def _restore_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.restore(value)
        if isinstance(value, list):
            return [self._restore_value(v) for v in value]
        if isinstance(value, dict):
            return {self.restore(k): self._restore_value(v) for k, v in value.items()}
        return value

    def _restore(self, text: str, *, json_string: bool) -> str:
        if not self._originals or "<" not in text:
            return text

        def lookup(match: re.Match[str]) -> str:
            original = self._originals.get(match.group(0))
            if original is None:
                return match.group(0)
            return _json_escape(original) if json_string else original

        return _TOKEN.sub(lookup, text)

    def _held_from(self, buffer: str) -> int:
        """Where the tail that may still become an issued placeholder starts (len(buffer) if none)."""
        start = buffer.rfind("<")
        if start < 0:
            return len(buffer)
        if self._prefixes_for != len(self._originals):
            self._prefixes = frozenset(t[:i] for t in self._originals for i in range(1, len(t)))
            self._prefixes_for = len(self._originals)
        return start if buffer[start:] in self._prefixes else len(buffer)

    def stream_restorer(self, *, json_string: bool = False) -> StreamRestorer:
        """A restorer for one streamed field; `json_string=True` for tool-call argument deltas."""
        return StreamRestorer(self, json_string=json_string)


class StreamRestorer:
    """Restores placeholders in a stream of deltas, however the placeholders are split.

    Text is emitted as soon as it cannot be part of an issued placeholder; the held-back tail is
    always a proper prefix of an issued placeholder, so it is shorter than the longest placeholder.
    """

    __slots__ = ("_pseudonymiser", "_json_string", "_held")

    def __init__(self, pseudonymiser: Pseudonymiser, *, json_string: bool = False) -> None:
        self._pseudonymiser = pseudonymiser
        self._json_string = json_string
        self._held = ""

    def __repr__(self) -> str:
        return f"StreamRestorer(held_chars={len(self._held)})"

    def feed(self, delta: str) -> str:
        buffer = self._held + delta
        cut = self._pseudonymiser._held_from(buffer)
        self._held = buffer[cut:]
        return self._pseudonymiser._restore(buffer[:cut], json_string=self._json_string)

    def flush(self) -> str:
        held, self._held = self._held, ""
        return self._pseudonymiser._restore(held, json_string=self._json_string)


class FieldStream(Protocol):
    """One streamed field's text mapper: what it may release now, and what it held at the end."""

    def feed(self, delta: str) -> str: ...

    def flush(self) -> str: ...


class TextMapper(Protocol):
    """What the dialects' restore points map answer text with: `Pseudonymiser` (pseudonyms back), or
    `policies.output_redact.OutputRedactor` (personal data the caller did not send, out)."""

    def restore(self, text: str) -> str: ...

    def restore_json_string(self, args: str) -> str: ...

    def stream_restorer(self, *, json_string: bool = False) -> FieldStream: ...
