"""What `steward serve` would refuse, found before it starts: one line per problem, each with its fix.

    problems = config_problems(config)        # also reported by `steward config check`
    warnings = config_warnings(config)        # served anyway, said once at start-up
    problem = await database_problem(settings, config)   # serve only: can the audit store be reached?
    problem = bind_problem(host, port)        # serve only: is the address free?
"""

from __future__ import annotations

import os
import socket

from sqlalchemy.engine import make_url

from audit.content import KEY_ENV, ContentKeyError, load_key
from audit.outage import error_kind, is_store_error
from config.models import PolicyConfig
from config.settings import Settings

KEY_FIX = (f"set {KEY_ENV} to 32 random bytes in base64, e.g. `export {KEY_ENV}=$(openssl rand -base64 32)` "
           "(keep it safe: without it the stored content cannot be read)")


def config_problems(config: PolicyConfig) -> list[str]:
    full = [uc.id for uc in config.use_cases if str(uc.audit.level) == "full"]
    if not full:
        return []
    try:
        load_key()
    except ContentKeyError as exc:
        return [f"use cases {full} keep full audit content but {exc}; fix: {KEY_FIX}"]
    return []


def config_warnings(config: PolicyConfig) -> list[str]:
    return [f"tool '{t.id}': {t.api_key_env} is not set, so its models answer 503 tool_not_configured; "
            f"fix: set {t.api_key_env} in the gateway's environment"
            for t in config.tools if t.api_key_env and not os.environ.get(t.api_key_env)]


async def database_problem(settings: Settings, config: PolicyConfig) -> str | None:
    from proxy.gateway import open_database

    url = settings.resolve_database_url(config.gateway.audit.url)
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        engine = await open_database(settings, config)
    except Exception as exc:
        if not is_store_error(exc):
            raise
        return (f"cannot open the audit database {shown} ({error_kind(exc)}); fix: start it or point "
                "gateway.audit.url / STEWARD_DATABASE_URL at a reachable one (default: SQLite in the data folder)")
    await engine.dispose()
    return None


def bind_problem(host: str, port: int) -> str | None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"cannot resolve --host {host} ({error_kind(exc)}); fix: use an address of this machine"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            return f"cannot listen on {host}:{port} ({error_kind(exc)}); fix: stop what uses it or pass --port"
    return None
