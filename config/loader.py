"""Load the policy YAML into `PolicyConfig`, reporting errors with file, line and field path."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from config.models import PolicyConfig
from config.references import CrossReferenceError

DEFAULT_CONFIG_NAME = "default.yaml"

Loc = tuple[str | int, ...]


class ConfigError(ValueError):
    """The configuration is invalid. `problems` holds one `file:line: field: message` per error."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    config: PolicyConfig
    source: str
    digest: str  # "sha256:<hex>" of the file bytes: the policy version stamped on audit rows


def default_config_text() -> str:
    return resources.files("config").joinpath(DEFAULT_CONFIG_NAME).read_text(encoding="utf-8")


def load_config(path: str | Path | None = None) -> LoadedConfig:
    """Load `path`, or the embedded default when `path` is None."""
    if path is None:
        return parse_config(default_config_text(), source=f"<embedded {DEFAULT_CONFIG_NAME}>")
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(file), [f"{file}: cannot read: {exc.strerror}"]) from exc
    return parse_config(text, source=str(file))


def load_replacement(path: str | Path | None, current: PolicyConfig) -> LoadedConfig:
    """Load a policy to replace `current` (a reload). Besides everything `load_config` checks, refuse what
    looks like an editor's empty, truncated or half-written file, so the last good policy keeps serving:
    an empty file, a file that changed while it was read, and one whose tools or use cases would drop to
    none while the policy in force has some."""
    if path is None:
        return load_config(None)
    file = Path(path)
    try:
        before = file.stat()
        loaded = load_config(file)
        after = file.stat()
    except OSError as exc:
        raise ConfigError(str(file), [f"{file}: cannot read: {exc.strerror}"]) from exc
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise ConfigError(str(file), [f"{file}: the file changed while it was read (still being written?)"])
    problems = _shrinkage(str(file), file.read_text(encoding="utf-8"), loaded.config, current)
    if problems:
        raise ConfigError(str(file), problems)
    return loaded


def _shrinkage(source: str, text: str, fresh: PolicyConfig, current: PolicyConfig) -> list[str]:
    if not text.strip():
        return [f"{source}:1: the file is empty (truncated or half-written?); the policy in force stays"]
    problems = []
    for name, now, new in (("tools", current.tools, fresh.tools), ("use_cases", current.use_cases, fresh.use_cases)):
        if now and not new:
            problems.append(f"{source}: {name}: the new file has none (the policy in force has {len(now)}); "
                            "a truncated file? Withdraw them explicitly instead")
    return problems


def parse_config(text: str, source: str) -> LoadedConfig:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{source}:{line + 1}" if line is not None else source
        raise ConfigError(source, [f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}"]) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(source, [f"{source}:1: the top level must be a mapping"])
    lines = _line_index(node) if node is not None else {}
    try:
        config = PolicyConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, [p for err in exc.errors() for p in _problems(source, err, lines)]) from exc
    digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    return LoadedConfig(config=config, source=source, digest=digest)


def _problems(source: str, err: Any, lines: dict[Loc, int]) -> list[str]:
    """One line per problem; a cross-reference error carries several, each at its own path (and line)."""
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, CrossReferenceError):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        return [f"{source}:{_nearest_line((*loc, *path), lines)}: {'.'.join(map(str, (*loc, *path)))}: {message}"
                for path, message in cause.problems]
    return [_describe(source, err, lines)]


def _describe(source: str, err: Any, lines: dict[Loc, int]) -> str:
    loc: Loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    field = ".".join(str(p) for p in loc) or "(top level)"
    line = _nearest_line(loc, lines)
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{source}:{line}: {field}: {message}"


def _nearest_line(loc: Loc, lines: dict[Loc, int]) -> int:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


def _line_index(node: yaml.Node, prefix: Loc = ()) -> dict[Loc, int]:
    """Map every mapping key / sequence item path to its 1-based line in the file."""
    index: dict[Loc, int] = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, key_node.value)
            index.update(_line_index(value_node, path))
            index[path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            index.update(_line_index(item, (*prefix, i)))
    return index
