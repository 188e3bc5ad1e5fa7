"""Wire models of the audit API, with the examples shown in its OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from audit.api.deps import Storable

_RECORD_EXAMPLE: dict[str, Any] = {
    "id": 4211, "request_id": "req_8f2c1d0e9a7b", "received_at": "2026-11-26T15:30:01.123456Z",
    "completed_at": "2026-11-26T15:30:02.123461Z", "user_id": "u-123", "display_name": "Ada Lovelace",
    "roles": ["caseworker"], "primary_role": "caseworker", "department": "Adult Social Care",
    "key_id": "stw_ab12cd", "tool": "azure-openai-uk", "model_requested": "gpt-4o-mini",
    "model_reported": "gpt-4o-mini-2024-07-18", "endpoint": "chat.completions", "stream": True,
    "decision": "allowed", "outcome": "redacted", "reason_code": "personal_data_redacted",
    "policy_clause": "10.3", "reasons": [{"code": "personal_data_redacted", "clause": "10.3",
                                           "message": "2 UK_NHS numbers were redacted"}],
    "categories": ["personal_data"], "findings": {"UK_NHS": 2},
    "findings_detail": [{"entity": "UK_NHS", "label": "NHS number", "count": 2,
                         "detectors": ["pii_ids"], "max_score": 1.0}],
    "use_case": "casework-summary", "policy_version": "sha256:" + "0" * 64, "audit_level": "redacted",
    "disclosure_shown": True, "session_id": None, "http_status": 200, "prompt_tokens": 12,
    "completion_tokens": 34, "total_tokens": 46, "energy_wh": 0.12, "co2e_g": 0.03,
    "retention_until": "2027-11-26T15:30:01.123456Z", "legal_hold": False, "has_feedback": False,
}


class Record(BaseModel):
    """One audit record: metadata only — content, where stored, comes from `GET /records/{request_id}`."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_RECORD_EXAMPLE]})
    id: int
    request_id: str
    received_at: datetime
    completed_at: datetime | None = None
    user_id: str | None = None
    roles: list[str] = Field(default_factory=list)
    primary_role: str | None = None
    department: str | None = None
    tool: str | None = None
    model_requested: str | None = None
    endpoint: str
    decision: str
    outcome: str | None = None
    reason_code: str | None = None
    policy_clause: str | None = None
    reasons: list[dict[str, Any]] | None = None
    categories: list[str] | None = None
    findings: dict[str, int] = Field(default_factory=dict)
    findings_detail: list[dict[str, Any]] | None = None
    use_case: str | None = None
    audit_level: str | None = None
    total_tokens: int | None = None
    energy_wh: float | None = None
    co2e_g: float | None = None
    legal_hold: bool = False


class RecordPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"records": [_RECORD_EXAMPLE], "next_cursor": "eyJ0IjoiMjAyNi0xMS0yNlQxNTozMDowMSIsImkiOjQyMTF9"}]})
    records: list[Record]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last")


class Content(BaseModel):
    level: Literal["redacted", "full"]
    available: bool = Field(description="False when full content was withheld (ask with include_content=true)")
    prompt: str | None = None
    output: str | None = None


class RecordDetail(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "record": _RECORD_EXAMPLE,
        "content": {"level": "redacted", "available": True, "prompt": "Summarise the case of [PERSON_1]",
                    "output": "[PERSON_1] was referred on ..."},
        "feedback": [{"id": 7, "kind": "challenge", "rating": 2, "comment": "The summary omits the referral",
                      "created_at": "2026-11-26T16:00:00Z"}],
        "review": {"id": 3, "reason": "sampled", "status": "done", "verdict": "appropriate",
                   "note": "Accurate", "reviewer": "u-900", "reviewed_at": "2026-11-27T09:00:00Z"}}]})
    record: Record
    content: Content | None = None
    feedback: list[dict[str, Any]] = Field(default_factory=list)
    review: dict[str, Any] | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"request_id": "req_8f2c1d0e9a7b", "kind": "challenge", "rating": 2,
         "comment": "The summary left out the safeguarding referral; please have a person review it."}]})
    request_id: Annotated[str, Field(min_length=1, max_length=128), Storable]
    kind: Literal["feedback", "challenge"]
    rating: int | None = Field(None, ge=1, le=5)
    comment: Annotated[str, Field(max_length=4000), Storable] = ""


class FeedbackOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": 7, "request_id": "req_8f2c1d0e9a7b", "kind": "challenge", "created_at": "2026-11-26T16:00:00Z"}]})
    id: int
    request_id: str
    kind: str
    created_at: datetime


class ReviewItem(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 3, "request_id": "req_8f2c1d0e9a7b", "use_case": "casework-summary", "reason": "sampled",
        "sampled_at": "2026-11-26T15:30:02Z", "received_at": "2026-11-26T15:30:01Z", "tool": "azure-openai-uk",
        "model_requested": "gpt-4o-mini", "department": "Adult Social Care", "decision": "allowed",
        "outcome": "redacted", "reasons": [], "findings_detail": [], "disclosure_shown": True,
        "prompt": "Summarise the case of [PERSON_1]", "output": "[PERSON_1] was referred on ..."}]})
    id: int
    request_id: str
    use_case: str
    reason: str
    sampled_at: datetime
    received_at: datetime | None = None
    tool: str | None = None
    model_requested: str | None = None
    department: str | None = None
    decision: str | None = None
    outcome: str | None = None
    reasons: list[dict[str, Any]] | None = None
    findings_detail: list[dict[str, Any]] | None = None
    disclosure_shown: bool | None = None
    prompt: str | None = Field(None, description="Redacted prompt, when the use case stores redacted content")
    output: str | None = None


class ReviewQueue(BaseModel):
    items: list[ReviewItem]


class VerdictIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"verdict": "needs_follow_up", "note": "Output states a benefit entitlement as fact; refer to team lead."}]})
    verdict: Literal["appropriate", "inappropriate", "needs_follow_up"]
    note: Annotated[str, Field(max_length=4000), Storable] = ""


class VerdictOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": 3, "request_id": "req_8f2c1d0e9a7b", "status": "done", "verdict": "needs_follow_up",
         "note": "Refer to team lead.", "reviewer": "u-900", "reviewed_at": "2026-11-27T09:00:00Z"}]})
    id: int
    request_id: str
    status: str
    verdict: str
    note: str | None
    reviewer: str
    reviewed_at: datetime


class ErasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "DSAR 2026/041: erasure request upheld by the DPO"}]})
    reason: Annotated[str, Field(min_length=3, max_length=2000, description="The request and its legal basis"),
                      Storable]


class ErasureOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"subject": "u-123", "records_erased": 42, "receipt_ids": [12], "at": "2026-11-27T10:00:00Z"}]})
    subject: str
    records_erased: int
    receipt_ids: list[int] = Field(description="purge_receipts rows of kind `erasure` (chain bridges inside)")
    at: datetime


class ErrorBody(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"error": {
        "message": "There is no audit record 'req_x'.", "type": "invalid_request_error", "param": None,
        "code": "record_not_found"}}]})
    error: dict[str, Any]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Invalid parameters or cursor"},
    401: {"description": "Not authenticated (the gateway's error)"},
    403: {"description": "Authenticated, but without the role this endpoint needs"},
    404: {"model": ErrorBody, "description": "Not found"},
}
