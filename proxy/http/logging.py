"""structlog set-up: JSON in production, console in development, and a last-line scrubber.

The scrubber drops keys that could carry prompt/output text or credentials, whatever code logged
them, so a careless `log.info("x", messages=...)` cannot leak a prompt into the application log.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

SENSITIVE_KEYS = frozenset(
    {
        "messages", "prompt", "content", "input", "instructions", "text", "output", "body", "arguments",
        "authorization", "api_key", "key", "password", "secret", "token", "value", "values", "headers",
    }
)


def scrub_sensitive(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for name in [k for k in event_dict if k.lower() in SENSITIVE_KEYS]:
        event_dict[name] = "[scrubbed]"
    return event_dict


def configure_logging(level: str = "info", fmt: str = "json") -> None:
    numeric = logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
    renderer: Any = (
        structlog.dev.ConsoleRenderer(colors=False) if fmt == "console" else structlog.processors.JSONRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            scrub_sensitive,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    # Route stdlib loggers (uvicorn, sqlalchemy, httpx) to stderr at the same level, without payloads.
    logging.basicConfig(level=max(numeric, logging.WARNING), stream=sys.stderr, format="%(name)s %(message)s")
    logging.getLogger("uvicorn.access").disabled = True
