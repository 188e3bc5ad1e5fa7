"""A small renderer for the subset of Go templates / Sprig that deploy/helm/steward uses, so CI can render
the chart where no `helm` binary is installed (Debian and PyPI ship none). Anything outside the subset
raises, so a template cannot silently render differently from Helm.

Supported: text with `{{- … -}}` trimming; `define` / `include`; `if` / `else` / `with` / `end`; fields
(`.Values.a.b`, `$.Release.Name`, `.`); string, integer and boolean literals; parenthesised calls;
pipelines into: default, include, indent, nindent, not, printf, quote, sha256sum, toYaml, trimSuffix, trunc.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

import yaml

ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.DOTALL)


class TemplateError(ValueError):
    pass


@dataclass
class Node:
    kind: str  # text | action | if | with | define
    value: str = ""
    body: list[Node] = field(default_factory=list)
    orelse: list[Node] = field(default_factory=list)


def tokenize(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    for m in ACTION.finditer(source):
        text = source[pos:m.start()]
        if m.group(1):
            text = text.rstrip()
        tokens.append(("text", text))
        tokens.append(("action", m.group(2).strip()))
        pos = m.end()
        if m.group(3):
            rest = source[pos:]
            pos += len(rest) - len(rest.lstrip())
    tokens.append(("text", source[pos:]))
    return tokens


def parse(tokens: list[tuple[str, str]]) -> list[Node]:
    root: list[Node] = []
    stack: list[tuple[Node | None, list[Node]]] = [(None, root)]
    for kind, value in tokens:
        current = stack[-1][1]
        if kind == "text":
            if value:
                current.append(Node("text", value))
            continue
        if value.startswith("/*"):
            continue
        word = value.split(None, 1)[0] if value else ""
        if word in ("if", "with", "define"):
            node = Node(word, value[len(word):].strip())
            current.append(node)
            stack.append((node, node.body))
        elif word == "else":
            node = stack[-1][0]
            if node is None or node.kind not in ("if", "with"):
                raise TemplateError("else outside if/with")
            stack[-1] = (node, node.orelse)
        elif word == "end":
            if len(stack) == 1:
                raise TemplateError("unbalanced end")
            stack.pop()
        elif word in ("range", "template", "block", "break", "continue") or ":=" in value:
            raise TemplateError(f"unsupported action: {value}")
        else:
            current.append(Node("action", value))
    if len(stack) != 1:
        raise TemplateError("missing end")
    return root


@dataclass
class Renderer:
    root: dict[str, Any]
    defines: dict[str, list[Node]] = field(default_factory=dict)

    def load(self, source: str) -> list[Node]:
        nodes = parse(tokenize(source))
        for node in nodes:
            if node.kind == "define":
                self.defines[shlex.split(node.value)[0]] = node.body
        return [n for n in nodes if n.kind != "define"]

    def render(self, nodes: list[Node], dot: Any) -> str:
        out: list[str] = []
        for node in nodes:
            if node.kind == "text":
                out.append(node.value)
            elif node.kind == "action":
                out.append(_string(self.pipeline(node.value, dot)))
            elif node.kind == "if":
                out.append(self.render(node.body if _truthy(self.pipeline(node.value, dot)) else node.orelse, dot))
            elif node.kind == "with":
                value = self.pipeline(node.value, dot)
                out.append(self.render(node.body, value) if _truthy(value) else self.render(node.orelse, dot))
        return "".join(out)

    def pipeline(self, source: str, dot: Any) -> Any:
        result: Any = _NOTHING
        for command in _split(source, "|"):
            words = _words(command)
            args = [self.value(w, dot) for w in words[1:]]
            if words[0] in FUNCTIONS or words[0] == "include":
                if result is not _NOTHING:
                    args.append(result)
                result = self.call(words[0], args)
            elif result is _NOTHING and len(words) == 1:
                result = self.value(words[0], dot)
            else:
                raise TemplateError(f"unsupported command: {command}")
        return result

    def call(self, name: str, args: list[Any]) -> Any:
        if name == "include":
            body = self.defines.get(args[0])
            if body is None:
                raise TemplateError(f"include of undefined template {args[0]!r}")
            return self.render(body, args[1])
        return FUNCTIONS[name](*args)

    def value(self, word: str, dot: Any) -> Any:
        if word.startswith("(") and word.endswith(")"):
            return self.pipeline(word[1:-1], dot)
        if word.startswith('"'):
            return str(yaml.safe_load(word))
        if re.fullmatch(r"-?\d+", word):
            return int(word)
        if word in ("true", "false"):
            return word == "true"
        if word == ".":
            return dot
        if word == "$":
            return self.root
        if word.startswith("$."):
            return _field(self.root, word[2:])
        if word.startswith("."):
            return _field(dot, word[1:])
        raise TemplateError(f"unsupported value: {word}")


_NOTHING = object()


def _field(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = obj.get(part) if isinstance(obj, dict) else None
    return obj


def _truthy(value: Any) -> bool:
    return bool(value) and value is not _NOTHING


def _string(value: Any) -> str:
    if value is None:
        raise TemplateError("a field rendered as <no value>")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _split(source: str, sep: str) -> list[str]:
    parts, depth, quote, start = [], 0, False, 0
    for i, ch in enumerate(source):
        if ch == '"' and (i == 0 or source[i - 1] != "\\"):
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        elif not quote and depth == 0 and ch == sep:
            parts.append(source[start:i].strip())
            start = i + 1
    parts.append(source[start:].strip())
    return parts


def _words(command: str) -> list[str]:
    words, current, depth, quote = [], "", 0, False
    for i, ch in enumerate(command):
        if ch == '"' and (i == 0 or command[i - 1] != "\\"):
            quote = not quote
        if not quote and ch == "(":
            depth += 1
        if not quote and ch == ")":
            depth -= 1
        if ch.isspace() and not quote and depth == 0:
            if current:
                words.append(current)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    return words


def _to_yaml(value: Any) -> str:
    if value in (None, {}, []):
        return "{}" if isinstance(value, dict) else ("[]" if isinstance(value, list) else "null")
    return yaml.safe_dump(value, default_flow_style=False, sort_keys=True).rstrip("\n")


def _indent(n: int, text: str) -> str:
    pad = " " * n
    return "\n".join(pad + line if line else line for line in str(text).split("\n"))


FUNCTIONS: dict[str, Any] = {
    "default": lambda fallback, value=None: value if value not in (None, "", [], {}) else fallback,
    "indent": _indent,
    "nindent": lambda n, text: "\n" + _indent(n, text),
    "not": lambda value: not _truthy(value),
    "printf": lambda fmt, *args: fmt.replace("%s", "{}").format(*args),
    "quote": lambda value: '"' + str(value).replace('"', '\\"') + '"',
    "sha256sum": lambda text: hashlib.sha256(str(text).encode()).hexdigest(),
    "toYaml": _to_yaml,
    "trimSuffix": lambda suffix, text: text[: -len(suffix)] if suffix and text.endswith(suffix) else text,
    "trunc": lambda n, text: str(text)[:n],
}


def render_chart(chart_dir: Any, values: dict[str, Any], release: str = "steward",
                 namespace: str = "steward") -> list[dict[str, Any]]:
    """Every manifest the chart renders with these values (Helm's merge of values.yaml is the caller's job)."""
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text())
    root = {"Values": values, "Release": {"Name": release, "Namespace": namespace, "Service": "Helm"},
            "Chart": {"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"]}}
    renderer = Renderer(root)
    templates = sorted((chart_dir / "templates").iterdir())
    bodies = {t.name: renderer.load(t.read_text()) for t in templates}
    docs: list[dict[str, Any]] = []
    for name, nodes in bodies.items():
        if name.startswith("_"):
            continue
        text = renderer.render(nodes, root)
        docs.extend(d for d in yaml.safe_load_all(text) if d)
    return docs


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Helm's values merge: maps merge recursively, anything else is replaced."""
    out = dict(base)
    for key, value in override.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out
