"""The governance console: server-rendered pages under `/console` for auditors, reviewers and the GenAI
governance authority (clauses 7, 8.3.3, 9.2, 9.3, 10.2, 11.4). No build step and no CDN: templates and
the stylesheet ship in this package, so the console works offline.

    mount_console(app)     # in create_app, when gateway.console.enabled
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from proxy.console import views_audit, views_auth, views_register, views_reports, views_review, views_sso
from proxy.console.session import SessionCodec

STATIC = Path(__file__).parent / "static"


def mount_console(app: FastAPI, codec: SessionCodec | None = None) -> None:
    app.state.console_codec = codec or SessionCodec.from_env()
    for module in (views_auth, views_sso, views_audit, views_review, views_register, views_reports):
        app.include_router(module.router)
    app.mount("/console/static", StaticFiles(directory=STATIC), name="console-static")
