"""Cross-references in the policy file (roles -> tools, keys -> roles, use cases -> tools/roles, …), checked
together so `steward config check` reports every broken reference in one run, each at its own line.

    problems = cross_reference_problems(config)   # [(("roles", "staff", "tools", 1), "unknown tool 'x'"), …]
    raise CrossReferenceError(problems)           # from a model validator; config.loader expands it
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Loc = tuple[str | int, ...]


class CrossReferenceError(ValueError):
    def __init__(self, problems: list[tuple[Loc, str]]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems))
        self.problems = problems


def cross_reference_problems(config: Any) -> list[tuple[Loc, str]]:
    tools = [t.id for t in config.tools]
    use_cases = [u.id for u in config.use_cases]
    problems = _duplicates("tools", tools, "tool") + _duplicates("use_cases", use_cases, "use case")
    for name, role in config.roles.items():
        problems += _unknown(("roles", name, "tools"), role.tools, tools, "tool")
        problems += _unknown(("roles", name, "use_cases"), role.use_cases, use_cases, "use case")
    for i, key in enumerate(config.keys):
        problems += _unknown(("keys", i, "roles"), key.roles, config.roles, "role")
        if key.use_case and key.use_case not in use_cases:
            problems.append((("keys", i, "use_case"), f"key '{key.id}' names unknown use case '{key.use_case}'"))
    for i, uc in enumerate(config.use_cases):
        problems += _unknown(("use_cases", i, "tools"), uc.tools, tools, "tool")
        problems += _unknown(("use_cases", i, "allowed_roles"), uc.allowed_roles, config.roles, "role")
    if config.default_use_case and config.default_use_case not in use_cases:
        problems.append((("default_use_case",), f"default_use_case names unknown use case "
                                                 f"'{config.default_use_case}'"))
    return problems


def _duplicates(field: str, ids: Sequence[str], what: str) -> list[tuple[Loc, str]]:
    return [((field, i, "id"), f"duplicate {what} id '{value}'") for i, value in enumerate(ids) if value in ids[:i]]


def _unknown(loc: Loc, refs: Sequence[str], known: Any, what: str) -> list[tuple[Loc, str]]:
    return [((*loc, i), f"unknown {what} '{ref}'") for i, ref in enumerate(refs) if ref not in known]
