"""The auditor API (`/audit/v1`) and the caller's feedback endpoint (`POST /v1/feedback`), as routers the
gateway mounts:

    deps = AuditDeps(engine_provider=..., authorize=..., policy_snapshot=...)
    app.include_router(build_audit_router(deps))
    app.include_router(build_feedback_router(deps))

Roles: `auditor` reads records, exports, subject access, reports and verification (read-only; every access
is logged in audit_access_log, clause 10.2); `reviewer` uses the review queue only (clause 8.3.3). No route
edits or deletes a record; erasure (policy permitting) pseudonymises and leaves a receipt.
"""

from __future__ import annotations

from fastapi import APIRouter

from audit.api.deps import Actor, ApiError, AuditDeps
from audit.api.feedback import build_feedback_router
from audit.api.records import records_router
from audit.api.reports import reports_router
from audit.api.review import review_router
from audit.api.subjects import subjects_router

__all__ = ["Actor", "ApiError", "AuditDeps", "build_audit_router", "build_feedback_router"]


def build_audit_router(deps: AuditDeps) -> APIRouter:
    router = APIRouter(prefix="/audit/v1")
    router.include_router(records_router(deps), tags=["audit records"])
    router.include_router(subjects_router(deps))
    router.include_router(reports_router(deps), tags=["audit reports"])
    router.include_router(review_router(deps))
    return router
