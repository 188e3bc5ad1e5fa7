"""Jinja2 rendering for the console: one autoescaping environment over the package's templates.

Templates get `me` (the signed-in person, or None), `csrf` (the form token), `nav` (the sections this
person may open) and `clause_text` (a clause's wording from the policy, for refusal reasons).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request

from config.clauses import clause_text
from proxy.console.session import ConsoleSession
from proxy.identity.auth import Principal

TEMPLATES = Path(__file__).parent / "templates"

# (path, label, roles that see it)
NAV: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("/console/", "Dashboard", frozenset({"auditor", "admin"})),
    ("/console/audit", "Audit log", frozenset({"auditor"})),
    ("/console/review", "Review queue", frozenset({"reviewer"})),
    ("/console/register", "Register", frozenset({"admin", "auditor"})),
    ("/console/reports", "Reports", frozenset({"auditor"})),
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = when
    env.filters["num"] = num
    return env


def render(template: str, request: Request, session: ConsoleSession | None, principal: Principal | None,
           **context: Any) -> str:
    roles = set(principal.roles) if principal is not None else set()
    nav = [(path, label) for path, label, allowed in NAV if roles & allowed]
    policy = getattr(getattr(request.app.state, "gateway", None), "config", None)
    clauses = policy.policy.clauses if policy is not None else {}
    return environment().get_template(template).render(
        me=principal, csrf=session.csrf if session is not None else "", nav=nav, current=request.url.path,
        clause_text=lambda number: clause_text(number, clauses), **context)


def when(value: Any) -> str:
    """A timestamp as people read it: `2026-12-03 10:15:02 UTC`."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return "" if value is None else str(value)


def num(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)
