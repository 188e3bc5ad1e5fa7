"""Refuse, before scanning, a request with more text than its use case's scan budget (clause 10.3).

413 is final for the OpenAI SDKs (they retry 408, 409, 429 and 5xx, not 413): the same request would be
refused again, so it is not worth retrying. The message names the limit and how far over it the request is,
never the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from config.models import PolicyConfig
from config.scan_budget import ScanBudget
from config.usecases import UseCase
from proxy.http.errors import StewardError


class ScanBudgetExceeded(StewardError):
    status = 413
    type = "invalid_request_error"
    code = "scan_budget_exceeded"


def budget_for(config: PolicyConfig, use_case: UseCase | None) -> ScanBudget:
    if use_case is not None and use_case.scan_budget is not None:
        return use_case.scan_budget
    return config.gateway.detection.budget


def check_scan_budget(config: PolicyConfig, use_case: UseCase | None, texts: Sequence[str]) -> None:
    budget = budget_for(config, use_case)
    where = f"use case '{use_case.id}'" if use_case is not None else "this gateway"
    if len(texts) > budget.max_texts:
        raise _refusal(f"{len(texts)} separate texts to scan; {where} allows at most {budget.max_texts}")
    chars = sum(len(t) for t in texts)
    if chars > budget.max_chars:
        raise _refusal(f"{chars} characters of text to scan; {where} allows at most {budget.max_chars}")


def _refusal(detail: str) -> ScanBudgetExceeded:
    return ScanBudgetExceeded(
        f"The request has {detail} (scan budget, policy 10.3: text that cannot be checked for personal and "
        "sensitive data is not sent). Split the document or send less; retrying the same request will not help.",
        policy_clause="10.3")
