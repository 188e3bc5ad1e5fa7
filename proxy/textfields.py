"""Every text field a provider reads, per endpoint, found on (and written back to) a parsed JSON body.

    chat.completions  messages[*].content (string, or parts of type text / refusal), messages[*].refusal,
                      messages[*].tool_calls[*].function.arguments (JSON), .custom.input,
                      messages[*].function_call.arguments (JSON), prediction.content
    responses         instructions, input (string or items): message content (input_text, output_text,
                      refusal parts), function_call.arguments (JSON), custom_tool_call.input,
                      function_call_output / custom_tool_call_output .output (string or parts),
                      reasoning summary/content text, prompt.variables values
    embeddings        input (string or list of strings; token arrays are not text)
    completions       prompt (string or list of strings), suffix

Identifiers (`name`, ids), tool schemas, metadata and media parts are left alone. A path is the list
of keys and indices from the body root, e.g. ("messages", 2, "content", 0, "text").

`apply` runs an operator on one field. For JSON fields (tool-call arguments) it works literal by
literal: findings made on the raw JSON text are mapped onto the decoded string (or number) they
fall in, the operator runs on the decoded value and the value is re-encoded, so a span that covers
an escape such as `\\"` or crosses a literal boundary can never break the JSON or hide data.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from detectors.base import Finding
from policies.operators import Operator

Path = tuple[str | int, ...]

# Parts whose text a provider reads, by part type: the key holding the text.
_TEXT_PARTS = {
    "text": "text",
    "input_text": "text",
    "output_text": "text",
    "refusal": "refusal",
    "summary_text": "text",
    "reasoning_text": "text",
}
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?', re.DOTALL)


@dataclass(frozen=True, slots=True)
class TextField:
    path: Path
    text: str
    is_json: bool = False  # the text is a JSON document (tool-call arguments)


def _items(value: object) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _field(obj: object, key: str, path: Path, *, is_json: bool = False) -> Iterator[TextField]:
    if isinstance(obj, dict) and isinstance(obj.get(key), str):
        yield TextField((*path, key), obj[key], is_json)


# Media parts carry no text a detector could read; any other part type with a `text` string is scanned,
# so a part type this gateway does not know yet fails safe instead of passing unscanned.
_MEDIA_PARTS = frozenset({"image_url", "input_image", "input_audio", "audio", "file", "input_file"})


def _content(value: object, path: Path) -> Iterator[TextField]:
    """A string, or a list of typed parts of which the text-bearing ones count."""
    if isinstance(value, str):
        yield TextField(path, value)
    for k, part in _items(value):
        kind = part.get("type", "")
        key = _TEXT_PARTS.get(kind) or (None if kind in _MEDIA_PARTS else "text")
        if key is not None:
            yield from _field(part, key, (*path, k))


def _strings(value: object, path: Path) -> Iterator[TextField]:
    if isinstance(value, str):
        yield TextField(path, value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield TextField((*path, i), item)


def _chat(body: dict[str, Any]) -> Iterator[TextField]:
    for i, msg in _items(body.get("messages")):
        base: Path = ("messages", i)
        yield from _content(msg.get("content"), (*base, "content"))
        yield from _field(msg, "refusal", base)
        for j, call in _items(msg.get("tool_calls")):
            call_path: Path = (*base, "tool_calls", j)
            yield from _field(call.get("function"), "arguments", (*call_path, "function"), is_json=True)
            yield from _field(call.get("custom"), "input", (*call_path, "custom"))
        yield from _field(msg.get("function_call"), "arguments", (*base, "function_call"), is_json=True)
    prediction = body.get("prediction")
    if isinstance(prediction, dict):
        yield from _content(prediction.get("content"), ("prediction", "content"))


def _input_item(item: dict[str, Any], path: Path) -> Iterator[TextField]:
    kind = item.get("type", "message" if "role" in item else None)
    if kind == "message":
        yield from _content(item.get("content"), (*path, "content"))
    elif kind == "function_call":
        yield from _field(item, "arguments", path, is_json=True)
    elif kind == "custom_tool_call":
        yield from _field(item, "input", path)
    elif kind in ("function_call_output", "custom_tool_call_output"):
        yield from _content(item.get("output"), (*path, "output"))
    elif kind == "reasoning":
        yield from _content(item.get("summary"), (*path, "summary"))
        yield from _content(item.get("content"), (*path, "content"))


def _input(value: object, path: Path) -> Iterator[TextField]:
    if isinstance(value, str):
        yield TextField(path, value)
    for i, item in _items(value):
        yield from _input_item(item, (*path, i))


def _responses(body: dict[str, Any]) -> Iterator[TextField]:
    yield from _input(body.get("instructions"), ("instructions",))
    yield from _input(body.get("input"), ("input",))
    prompt = body.get("prompt")
    variables = prompt.get("variables") if isinstance(prompt, dict) else None
    if isinstance(variables, dict):
        for name, value in variables.items():
            path: Path = ("prompt", "variables", name)
            if isinstance(value, str):
                yield TextField(path, value)
            elif isinstance(value, dict) and value.get("type") == "input_text":
                yield from _field(value, "text", path)


def _embeddings(body: dict[str, Any]) -> Iterator[TextField]:
    yield from _strings(body.get("input"), ("input",))


def _completions(body: dict[str, Any]) -> Iterator[TextField]:
    yield from _strings(body.get("prompt"), ("prompt",))
    yield from _field(body, "suffix", ())


def _models(body: dict[str, Any]) -> Iterator[TextField]:
    return iter(())


_WALKERS: dict[str, Callable[[dict[str, Any]], Iterator[TextField]]] = {
    "chat.completions": _chat,
    "responses": _responses,
    "embeddings": _embeddings,
    "completions": _completions,
    "models": _models,
}


def extract(endpoint: str, body: dict[str, Any]) -> list[TextField]:
    """Every text field of `body` a provider would read, in document order."""
    walker = _WALKERS.get(str(endpoint))
    if walker is None:
        raise ValueError(f"no text-field walker for endpoint {endpoint!r}")
    return list(walker(body))


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
