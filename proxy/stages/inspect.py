"""Stage 5: choose the use case, scan every text field, decide, and transform the request.

Access rules are checked before scanning (a refused request is not scanned). Scanning failures
refuse the request (fail closed). The pseudonym mapping lives on the exchange, in memory, for this
request only; the answer is restored from it and it is never logged or stored.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import structlog

from audit.content import audit_content_key_available
from config.base import Action
from config.models import PolicyConfig
from detectors.base import DetectorError, Finding
from detectors.langid import request_language
from detectors.normalize import UnscannableText, unscannable_index
from detectors.pii_names_request import settle_names
from policies.decide import Context, decide
from policies.decision import Decision, Obligations, Subject
from policies.operators import Pseudonymiser
from policies.output_redact import request_strings, without_disabled
from policies.transform import introduce_people, to_transform, transform
from policies.usecases import select_use_case
from proxy.dialects import dialect_for
from proxy.dialects.fields import TextField, apply, replace
from proxy.exchange import Exchange
from proxy.http.errors import BadRequest, PolicyRefusal, ServiceUnavailable
from proxy.http.free_text import caller_identifier
from proxy.stages.audit_capture import capture_prompt
from proxy.stages.scan_budget import check_scan_budget
from proxy.stages.unscannable import refuse_unscannable

log = structlog.get_logger("steward.inspect")

Scan = Callable[[Sequence[str]], Awaitable[list[list[Finding]]]]
AckLookup = Callable[[str], Awaitable[str | None]]
USE_CASE_HEADER = "x-steward-use-case"


def today_utc() -> date:
    return datetime.now(UTC).date()


class PolicyInspector:
    def __init__(self, scan: Scan, acknowledged: AckLookup, today: Callable[[], date] = today_utc) -> None:
        self._scan = scan
        self._acknowledged = acknowledged
        self._today = today

    async def context(self, ex: Exchange, config: PolicyConfig, requested_use_case: str | None = None) -> Context:
        assert ex.principal is not None and ex.tool is not None
        principal = ex.principal
        requested = caller_identifier(requested_use_case or ex.request.headers.get(USE_CASE_HEADER))
        use_case = select_use_case(config, requested, principal.use_case)
        ex.event.use_case = use_case.id
        user = config.users.get(principal.user_id)
        ack = await self._acknowledged(principal.user_id) if config.policy.require_acknowledgement else None
        subject = Subject(principal.user_id, principal.roles, user.training_completed_on if user else None, ack)
        return Context(config, subject, ex.tool, use_case, self._today())

    async def inspect(self, ex: Exchange, body: dict[str, Any]) -> dict[str, Any]:
        assert ex.config is not None
        ctx = await self.context(ex, ex.config)
        enforce(ex, decide(ctx))
        dialect = dialect_for(ex.endpoint)
        scanned = dialect.fields(body)
        refuse_unscannable(scanned.opaque, ctx.use_case)
        fields = scanned.texts
        check_scan_budget(ex.config, ctx.use_case, [f.text for f in fields])
        per_field = settle_names([f.text for f in fields], await self._scan_fields(ex, fields),
                                 ex.config.public_figures, [f.path for f in fields])
        per_field = without_disabled(per_field, ctx.use_case)
        findings = [f for found in per_field for f in found]
        if ex.config.gateway.detection.enabled:  # with detection off nothing reads the text (language, answer)
            ex.request_texts = request_strings(body)
            ctx = dataclasses.replace(ctx, language=request_language([f.text for f in fields]))
        decision = decide(ctx, findings)
        enforce(ex, decision, findings)
        forwarded = self._transform(ex, body, fields, per_field, decision)
        capture_prompt(ex, dialect, fields, forwarded)
        return forwarded

    async def _scan_fields(self, ex: Exchange, fields: list[TextField]) -> list[list[Finding]]:
        if not fields:
            return []
        try:
            return await self._scan([f.text for f in fields])
        except UnscannableText as exc:
            raise unscannable_field(fields, exc) from exc
        except DetectorError as exc:
            log.error("scan.failed", error=type(exc).__name__)
            raise ServiceUnavailable("Content scanning failed, so the request was not forwarded (fail closed). "
                                     "Try again; if it persists, contact IT.", code="scanner_unavailable") from exc

    def _transform(self, ex: Exchange, body: dict[str, Any], fields: list[TextField],
                   per_field: list[list[Finding]], decision: Decision) -> dict[str, Any]:
        actions = decision.class_actions
        if not any(to_transform(found, actions) for found in per_field):
            return body
        pseudonymiser = Pseudonymiser()
        for field in fields:
            pseudonymiser.reserve(field.text)
        introduce_people(pseudonymiser, [f.text for f in fields], per_field)
        replacements = {}
        for field, found in zip(fields, per_field, strict=True):
            if to_transform(found, actions):
                replacements[field.path] = field.wire(apply(
                    field, found, lambda text, spans: transform(text, spans, actions, pseudonymiser)))
        if Action.PSEUDONYMISE in actions.values():
            ex.pseudonymiser = pseudonymiser
        return replace(body, replacements)


def oversight_headers(ob: Obligations) -> dict[str, str]:
    """Decision support that a person must review (8.3), and prompts in a language Steward could not read."""
    out = {"x-steward-human-review": "required"} if ob.human_review_required else {}
    if ob.language_flagged:
        out["x-steward-language"] = "unsupported"
    return out


def unscannable_field(fields: Sequence[TextField], exc: UnscannableText) -> BadRequest:
    """What cannot be scanned is refused (400), naming the field and the limit, never the content."""
    index = unscannable_index([f.text for f in fields])
    param = ".".join(map(str, fields[index].path)) if index is not None else None
    return BadRequest(f"Content could not be fully scanned ({exc}), so it was not forwarded.",
                      code="unscannable_content", param=param)


def findings_detail(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Entity types, counts, detectors and best score for the audit row; never values or offsets."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.entity, f.label), []).append(f)
    return [{"entity": entity, "label": label or None, "count": len(found),
             "detectors": sorted({f.detector for f in found}), "max_score": max(f.score for f in found)}
            for (entity, label), found in sorted(groups.items())]


def categories_header(categories: Sequence[str]) -> str:
    """Finding classes and their categories: `personal_data,special_category,special_category.health`."""
    return ",".join(sorted({c.split(".", 1)[0] for c in categories} | set(categories)))


def enforce(ex: Exchange, decision: Decision, findings: Sequence[Finding] = ()) -> None:
    """Record the decision on the exchange (headers, audit) and raise if it blocks."""
    ex.decision = decision
    ev = ex.event
    ev.findings = dict(Counter(f.entity if f.is_span else f"{f.entity}.{f.label}" for f in findings))
    ev.findings_detail = findings_detail(findings)
    ev.categories = list(decision.categories)
    ev.outcome = decision.outcome
    ev.reasons = [{"code": r.code, "clause": r.clause, "message": r.message} for r in decision.reasons]
    if decision.obligations is not None:
        ev.audit_level = str(decision.obligations.audit_level)
        ev.retention_days = decision.obligations.retention_days
        if ev.audit_level == "full" and not audit_content_key_available():
            raise ServiceUnavailable("This use case keeps full audit records, but the audit encryption key "
                                     "(STEWARD_AUDIT_KEY) is not configured, so the request was refused "
                                     "(fail closed).", code="audit_key_missing")
    headers = ex.response_headers
    headers["x-steward-decision"] = decision.outcome
    headers["x-steward-categories"] = categories_header(decision.categories)
    headers["x-policy-categories"] = headers["x-steward-categories"]  # the name generic eval tools read
    if decision.obligations is not None:
        headers["x-steward-use-case"] = decision.obligations.use_case
        headers.update(oversight_headers(decision.obligations))
    first = decision.first_block or (decision.reasons[0] if decision.reasons else None)
    if first is not None:
        ev.reason_code, ev.policy_clause = first.code, first.clause
    block = decision.first_block
    if block is not None:
        raise PolicyRefusal(block.message, code=block.code, policy_clause=block.clause)
