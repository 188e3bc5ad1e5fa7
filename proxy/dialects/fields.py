"""Text fields of a wire-format body: find every string a model reads, write transformed text back.

Every dialect (proxy/dialects/*) walks its bodies with `walk`: every string leaf is scanned unless the
dialect's `Rules` say it is structural (`model`, `role`, `type`, ids, tool names, ...) or media (images,
audio). A field Steward does not know yet is therefore scanned, never skipped. Subtrees that are the
caller's own data (`metadata`, tool-call inputs, prompt variables) are scanned whole, keys included in
no skip list. What cannot be scanned (token arrays, binary file data) is returned as `Opaque` so the
inspector refuses it unless the use case allows it.

A path is the list of keys and indices from the body root, e.g. ("messages", 2, "content", 0, "text").

`apply` runs an operator on one field. For JSON fields (tool-call arguments) it works literal by
literal: findings made on the raw JSON text are mapped onto the decoded string (or number) they
fall in, the operator runs on the decoded value and the value is re-encoded, so a span that covers
an escape such as `\\"` or crosses a literal boundary can never break the JSON or hide data.
"""

from __future__ import annotations

import base64
import bisect
import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from detectors.base import Finding
from policies.operators import Operator

Path = tuple[str | int, ...]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?', re.DOTALL)


class Kind(Enum):
    """How a dialect's `classify` hook treats one key (None: the default rules decide)."""

    TEXT = "text"  # a string the model reads
    JSON = "json"  # a string holding a JSON document the model reads (tool-call arguments)
    FILE = "file"  # base64 file data: scanned when it decodes to text, otherwise opaque
    BINARY = "binary"  # file data declared binary (e.g. media_type application/pdf): opaque
    FREE = "free"  # the caller's own data: every string below is scanned, no key is structural
    SKIP = "skip"  # structural or media: not text a detector can read


class TextField(NamedTuple):  # a tuple: one is made per string of every request, so creation must be cheap
    path: Path
    text: str
    is_json: bool = False  # the text is a JSON document (tool-call arguments)
    encode: Callable[[str], str] | None = None  # text -> wire form (base64 files)

    def wire(self, text: str) -> str:
        """The value to write back at `path` for (transformed) `text`."""
        return self.encode(text) if self.encode is not None else text


@dataclass(frozen=True, slots=True)
class Opaque:
    """A part the model reads that no detector can: refused unless the use case allows it unscanned."""

    path: Path
    kind: str  # "token_array" | "binary_file"


@dataclass(slots=True)
class Fields:
    texts: list[TextField] = field(default_factory=list)
    opaque: list[Opaque] = field(default_factory=list)


Classify = Callable[[Path, dict[str, Any]], Kind | None]


@dataclass(frozen=True, slots=True)
class Rules:
    """What a dialect's bodies hold besides text. `skip` keys are skipped when their value is a string or a
    list of strings (a dict under them is still walked); `media` keys are skipped whole."""

    skip: frozenset[str]
    media: frozenset[str] = frozenset()
    json: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()
    free: frozenset[str] = frozenset()
    classify: Classify | None = None  # path of the key, the object holding it -> Kind, or None for the default
    special: frozenset[str] = frozenset()  # the keys `classify` is asked about (all others take the default)
    kinds: dict[str, Kind] = field(init=False, repr=False, compare=False)  # key -> kind, whatever the value

    def __post_init__(self) -> None:
        kinds = {k: Kind.FILE for k in self.files} | {k: Kind.JSON for k in self.json}
        kinds |= {k: Kind.FREE for k in self.free} | {k: Kind.SKIP for k in self.media}
        object.__setattr__(self, "kinds", kinds)


# Keys that are structure, not text, in every OpenAI and Anthropic body.
STRUCTURAL = frozenset({
    "model", "role", "type", "id", "object", "status", "call_id", "tool_call_id", "tool_use_id", "item_id",
    "response_id", "previous_response_id", "conversation", "name", "tool_choice", "service_tier",
    "reasoning_effort", "effort", "modalities", "voice", "format", "encoding_format", "detail", "media_type",
    "mime_type", "file_id", "truncation", "include", "signature", "encrypted_content", "version", "$schema",
    "$ref", "$id", "pattern", "required", "container", "stop_reason", "ttl", "anthropic_version",
})  # fmt: skip
MEDIA = frozenset({"image_url", "input_audio", "audio", "file_url", "url"})


def walk(body: dict[str, Any], rules: Rules) -> Fields:
    """Every string of `body` a model reads, in document order, and the parts no detector can read."""
    out = Fields()
    _walk_object(body, (), rules, out)
    return out


def _walk_object(obj: dict[str, Any], path: Path, rules: Rules, out: Fields) -> None:
    texts, kinds, skip = out.texts, rules.kinds, rules.skip
    for key, value in obj.items():
        kind = None
        if key in rules.special and rules.classify is not None:
            kind = rules.classify((*path, key), obj)
        if kind is None:
            kind = kinds.get(key)
        if kind is None:  # the common case: plain text, structure, or a container to walk
            if key in skip and _is_strings(value):
                continue
            if isinstance(value, str):
                texts.append(TextField((*path, key), value))
            elif isinstance(value, dict | list):
                _walk_value(value, (*path, key), rules, out)
        elif kind is Kind.FREE:
            _walk_free(value, (*path, key), out)
        elif kind is not Kind.SKIP:
            if isinstance(value, str):
                _leaf(value, (*path, key), kind, out)
            else:
                _walk_value(value, (*path, key), rules, out)


def _is_strings(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _walk_value(value: object, path: Path, rules: Rules, out: Fields) -> None:
    if isinstance(value, dict):
        _walk_object(value, path, rules, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.texts.append(TextField((*path, i), item))
            else:
                _walk_value(item, (*path, i), rules, out)


def _walk_free(value: object, path: Path, out: Fields) -> None:
    if isinstance(value, str):
        out.texts.append(TextField(path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk_free(item, (*path, key), out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk_free(item, (*path, i), out)


def _leaf(value: str, path: Path, kind: Kind, out: Fields) -> None:
    if kind is Kind.JSON:
        out.texts.append(TextField(path, value, is_json=True))
    elif kind is Kind.BINARY:
        out.opaque.append(Opaque(path, "binary_file"))
    elif kind is Kind.FILE:
        decoded = decode_text_file(value)
        if decoded is None:
            out.opaque.append(Opaque(path, "binary_file"))
        else:
            out.texts.append(TextField(path, decoded[0], encode=decoded[1]))
    else:
        out.texts.append(TextField(path, value))


_DATA_URL = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?:;[\w-]+=[^;,]*)*;base64,", re.IGNORECASE)
TEXT_MIME = re.compile(r"^(text/|application/(json|xml|csv|x-yaml|yaml|x-ndjson|sql|javascript)\b)", re.I)


def decode_text_file(value: str) -> tuple[str, Callable[[str], str]] | None:
    """(text, encoder back to the same wire form) when base64 file data is UTF-8 text, else None.

    A value that is not base64 at all is returned as it is (it is text the provider will read)."""
    match = _DATA_URL.match(value)
    prefix, data = (value[: match.end()], value[match.end():]) if match else ("", value)
    mime = match.group("mime") if match else None
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        return (value, lambda text: text) if not match else None
    if mime is not None and not TEXT_MIME.match(mime):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return text, lambda new: prefix + base64.b64encode(new.encode("utf-8")).decode("ascii")


def items(value: object) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, object) for each object of a list (anything else yields nothing)."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _child(node: object, key: str | int) -> object:
    if isinstance(node, dict) and isinstance(key, str):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _set(node: object, key: str | int, value: object) -> None:
    if isinstance(node, dict) and isinstance(key, str):
        node[key] = value
    elif isinstance(node, list) and isinstance(key, int):
        node[key] = value


def _assign(root: dict[str, Any], path: Path, text: str, fresh: set[int]) -> None:
    """Set the string at `path`, copying each container on the way that is not a copy already."""
    node: object = root
    for key in path[:-1]:
        child = _child(node, key)
        if not isinstance(child, dict | list):
            raise ValueError(f"no text field at path {path!r}")
        if id(child) not in fresh:
            child = dict(child) if isinstance(child, dict) else list(child)
            fresh.add(id(child))
            _set(node, key, child)
        node = child
    if not isinstance(_child(node, path[-1]), str):
        raise ValueError(f"no text field at path {path!r}")
    _set(node, path[-1], text)


def replace(body: dict[str, Any], replacements: Mapping[Path, str]) -> dict[str, Any]:
    """A new body with the text at each path replaced; the input and everything else is untouched
    (unchanged branches are shared with the input, not copied)."""
    root = dict(body)
    fresh = {id(root)}
    for path, text in replacements.items():
        if not path:
            raise ValueError("empty text-field path")
        _assign(root, path, text, fresh)
    return root


def apply(field: TextField, findings: Sequence[Finding], operator: Operator) -> str:
    """Run `operator` on one field's text; JSON fields are transformed literal by literal."""
    spans = [f for f in findings if f.is_span]
    if not spans:
        return field.text
    for f in spans:
        if not 0 <= f.start <= f.end <= len(field.text):
            raise ValueError(f"finding {f.entity} [{f.start}, {f.end}) is outside the field at {field.path!r}")
    if field.is_json:
        rewritten = _apply_json(field.text, spans, operator)
        if rewritten is not None:
            return rewritten
    return operator(field.text, spans)


def _decoded_units(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(raw start, raw end, decoded char) for each character of a JSON string literal's body."""
    i = start
    while i < end:
        if text[i] != "\\":
            j = i + 1
        elif text[i + 1] != "u":
            j = i + 2
        else:
            j = i + 6
            if 0xD800 <= int(text[i + 2 : j], 16) < 0xDC00 and text.startswith("\\u", j):
                low = int(text[j + 2 : j + 6], 16)
                j += 6 if 0xDC00 <= low < 0xE000 else 0
        yield i, j, json.loads(f'"{text[i:j]}"') if j - i > 1 else text[i]
        i = j


def _rewrite_token(token: re.Match[str], spans: Sequence[Finding], operator: Operator) -> str | None:
    """The token re-encoded after `operator`, or None when no span touches it."""
    is_string = token.group().startswith('"')
    lo, hi = (token.start() + 1, token.end() - 1) if is_string else (token.start(), token.end())
    touching = [f for f in spans if f.start < hi and f.end > lo]
    if not touching:
        return None
    units = list(_decoded_units(token.string, lo, hi)) if is_string else []
    if not is_string:
        units = [(i, i + 1, token.string[i]) for i in range(lo, hi)]
    raw_ends = [u[1] for u in units]
    raw_starts = [u[0] for u in units]
    local = []
    for f in touching:
        start, end = bisect.bisect_right(raw_ends, f.start), bisect.bisect_left(raw_starts, f.end)
        if start < end:
            local.append(dataclasses.replace(f, start=start, end=end))
    return json.dumps(operator("".join(u[2] for u in units), local), ensure_ascii=False)


def _apply_json(text: str, spans: Sequence[Finding], operator: Operator) -> str | None:
    try:
        json.loads(text)
    except ValueError:
        return None
    parts: list[str] = []
    pos = 0
    for token in _JSON_TOKEN.finditer(text):
        rewritten = _rewrite_token(token, spans, operator)
        if rewritten is not None:
            parts += [text[pos : token.start()], rewritten]
            pos = token.end()
    parts.append(text[pos:])
    return "".join(parts)
