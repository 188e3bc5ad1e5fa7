"""The decision: (subject, tool, use case, findings, today) -> Decision. Pure: no I/O, no clock, no text.

Most restrictive wins: block > redact > pseudonymise > allow. Every rule that fires adds a Reason
with its clause; the refusal shown to the caller is the first blocking reason in this order:

    order  rule                                                         clause  code
    1      use case paused or withdrawn                                 11.4    use_case_paused / _withdrawn
    2      caller's role may not use the use case                       10.5    use_case_not_permitted
    3      tool not approved for the use case                           4       tool_not_in_use_case
    4      use case past its review-by date                             16      use_case_review_overdue
    5      tool's region not allowed by the use case                    10.6    region_not_allowed
    6      required training missing or out of date                     15      training_required
    7      current policy version not acknowledged                      17      acknowledgement_required
    8      prohibited use detected (per `prohibited_uses`)              7.2     prohibited_use.<category>
    9      security marking above the tool's classification ceiling     10.5    classification_above_ceiling
    10     a finding class whose use-case action is `block`             10.3/7.2 <class>_blocked
    11     personal/special-category data sent (allow/pseudonymise)     10.4    dpia_missing / dpia_expired
           under a use case without an in-date DPIA
    12     ... to a tool not approved for personal data (public tools)  4       tool_not_approved_for_personal_data
    13     prompt in a language the detectors cannot read, use case     10.3    language_unsupported
           says `unsupported_language: block` (allow/flag: a non-blocking reason)

An automated-decision finding under a use case with a `human_review` process is a non-blocking
`human_review_required` reason (8.3) instead of rule 8, unless the request says no one will review.

Non-blocking reasons record redaction/pseudonymisation (clauses 7.2 / 10.3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from config.base import Action, ToolStatus
from config.models import Classification, PolicyConfig, Tool
from config.usecases import UseCase
from detectors.base import PERSONAL_DATA, PROHIBITED_USE, SECRETS, SECURITY_MARKING, SPECIAL_CATEGORY, Finding
from policies.decision import Decision, Obligations, Reason, Subject, most_restrictive
from policies.oversight import decision_support, language_flagged, language_reasons, needs_human_review
from policies.usecases import alternatives, dpia_valid, handles, role_may_use

CLAUSE = {SECRETS: "10.3", SECURITY_MARKING: "10.3", SPECIAL_CATEGORY: "10.3", PERSONAL_DATA: "7.2"}
NOUN = {PROHIBITED_USE: "a prohibited use", SECRETS: "secrets or credentials",
        SECURITY_MARKING: "security-marked material", SPECIAL_CATEGORY: "special-category data",
        PERSONAL_DATA: "personal data"}
SPAN_CLASSES = (SECRETS, SECURITY_MARKING, SPECIAL_CATEGORY, PERSONAL_DATA)
USE_CASE_HEADER = "X-Steward-Use-Case"


@dataclass(frozen=True, slots=True)
class Context:
    config: PolicyConfig
    subject: Subject
    tool: Tool
    use_case: UseCase
    today: date
    language: str = "und"  # of the request's text (detectors.langid); "und" before scanning


def decide(ctx: Context, findings: Sequence[Finding] = ()) -> Decision:
    reasons = [*access_reasons(ctx), *content_reasons(ctx, findings), *language_reasons(ctx)]
    class_actions = _class_actions(ctx, findings)
    actions = list(class_actions.values()) + [Action.BLOCK] * any(r.blocking for r in reasons)
    return Decision(action=most_restrictive(actions), reasons=tuple(reasons), class_actions=class_actions,
                    categories=tuple(sorted({f.category for f in findings})),
                    obligations=obligations(ctx.use_case, needs_human_review(reasons), language_flagged(ctx)))


def obligations(uc: UseCase, human_review: bool = False, language_flag: bool = False) -> Obligations:
    rate = max(uc.review_sampling_rate, uc.human_review.sampling_rate) if human_review and uc.human_review else None
    return Obligations(use_case=uc.id, audit_level=uc.audit.level, retention_days=uc.audit.retention_days,
                       disclosure=uc.disclosure.text if uc.disclosure.required or uc.resident_facing else None,
                       append_disclosure=uc.disclosure.append_to_output,
                       review_sampling_rate=uc.review_sampling_rate if rate is None else rate,
                       risk_class=str(uc.risk_class), human_review_required=human_review,
                       language_flagged=language_flag)


def access_reasons(ctx: Context) -> list[Reason]:
    uc, tool, subject = ctx.use_case, ctx.tool, ctx.subject
    out: list[Reason] = []
    if uc.status is not ToolStatus.APPROVED:
        why = f" Reason: {uc.status_reason}." if uc.status_reason else ""
        out.append(_block(f"use_case_{uc.status}", "11.4", f"The use case '{uc.id}' has been {uc.status} by the "
                          f"GenAI governance authority (policy 11.4).{why}"))
    if not role_may_use(ctx.config, subject.roles, uc):
        out.append(_block("use_case_not_permitted", "10.5", f"Your role ({', '.join(subject.roles) or 'none'}) may "
                          f"not use the use case '{uc.id}' (policy 10.5)."))
    if tool.id not in uc.tools:
        out.append(_block("tool_not_in_use_case", "4", f"The tool '{tool.id}' is not approved for the use case "
                          f"'{uc.id}' (policy 4). Approved tools for it: {', '.join(uc.tools)}."))
    if uc.review_by < ctx.today:
        out.append(_block("use_case_review_overdue", "16", f"The use case '{uc.id}' was due for review by "
                          f"{uc.review_by.isoformat()} and may not be used until it is reviewed (policy 16)."))
    if tool.region not in uc.allowed_regions:
        out.append(_block("region_not_allowed", "10.6", f"The tool '{tool.id}' processes data in region "
                          f"'{tool.region}', which the use case '{uc.id}' does not allow (policy 10.6)."))
    out.extend(_user_reasons(ctx))
    return out


def _user_reasons(ctx: Context) -> list[Reason]:
    policy, subject = ctx.config.policy, ctx.subject
    out: list[Reason] = []
    trained = subject.training_completed_on
    if policy.require_training and (trained is None or trained + timedelta(days=policy.training_valid_days)
                                    < ctx.today):
        out.append(_block("training_required", "15", "Your GenAI training is missing or out of date (policy 15). "
                          "Complete the training, then try again."))
    if policy.require_acknowledgement and subject.acknowledged_version != policy.version:
        out.append(_block("acknowledgement_required", "17", f"You have not acknowledged version {policy.version} "
                          "of the GenAI usage policy (policy 17). Read it and acknowledge it with "
                          "POST /v1/policy/acknowledge, then try again."))
    return out


def content_reasons(ctx: Context, findings: Sequence[Finding]) -> list[Reason]:
    by_class: dict[str, list[Finding]] = {}
    for f in findings:
        by_class.setdefault(f.finding_class, []).append(f)
    out = _prohibited(ctx, by_class.get(PROHIBITED_USE, []))
    out += _ceiling(ctx, by_class.get(SECURITY_MARKING, []))
    for cls in SPAN_CLASSES:
        if cls in by_class:
            out += _class_reasons(ctx, cls, by_class[cls])
    return out


def _prohibited(ctx: Context, found: list[Finding]) -> list[Reason]:
    out = []
    for label in sorted({f.label for f in found}):
        rule = ctx.config.prohibited_uses.get(label)
        if rule is None or rule.action is not Action.BLOCK:
            continue
        support = decision_support(ctx, label, found)
        if support is not None:
            out.append(support)
            continue
        what = rule.description or label.replace("_", " ")
        fired = sorted({f.rule for f in found if f.label == label and f.rule})
        why = f" Detected by: {', '.join(fired)}." if fired else ""
        out.append(_block(f"prohibited_use.{label}", rule.clause, f"This looks like a prohibited use: {what} "
                          f"without human oversight or in breach of equality duties (policy {rule.clause}). "
                          f"GenAI may support, but not make, such decisions.{why}"))
    return out


def _ceiling(ctx: Context, found: list[Finding]) -> list[Reason]:
    ranks = [Classification(f.label).rank for f in found if f.label in Classification._value2member_map_]
    ceiling = ctx.tool.classification_ceiling
    if not ranks or max(ranks) <= ceiling.rank:
        return []
    top = list(Classification)[max(ranks) - 1]
    return [_block("classification_above_ceiling", "10.5", f"This request contains material marked {top}; the "
                   f"tool '{ctx.tool.id}' may receive at most {ceiling} (policy 10.5).")]


def _class_reasons(ctx: Context, cls: str, found: list[Finding]) -> list[Reason]:
    action = _class_actions(ctx, found).get(cls, Action.ALLOW)
    what = _summary(found)
    if action is Action.BLOCK:
        return [_block(f"{cls}_blocked", CLAUSE[cls], f"This request contains {NOUN[cls]} ({what}), which the use "
                       f"case '{ctx.use_case.id}' does not allow for the tool '{ctx.tool.id}' (policy {CLAUSE[cls]})."
                       + _hint(ctx, cls))]
    if cls in (PERSONAL_DATA, SPECIAL_CATEGORY) and action in (Action.ALLOW, Action.PSEUDONYMISE):
        return _authorisation(ctx, cls, what)
    if action is Action.REDACT:
        return [Reason(f"{cls}_redacted", CLAUSE[cls], f"{NOUN[cls].capitalize()} ({what}) was redacted before "
                       f"it was sent (policy {CLAUSE[cls]}).")]
    return []


def _authorisation(ctx: Context, cls: str, what: str) -> list[Reason]:
    uc, tool = ctx.use_case, ctx.tool
    if not dpia_valid(uc, ctx.today):
        code = "dpia_missing" if uc.dpia is None else "dpia_expired"
        return [_block(code, "10.4", f"Sending {NOUN[cls]} ({what}) needs a DPIA on record and in date for the use "
                       f"case '{uc.id}' (policy 10.4).{_hint(ctx, cls)}")]
    if not tool.accepts_personal_data:
        return [_block("tool_not_approved_for_personal_data", "4", f"The tool '{tool.id}' is not approved for "
                       f"{NOUN[cls]} (policy 4).{_hint(ctx, cls)}")]
    verb = "pseudonymised" if _class_action(ctx, cls) is Action.PSEUDONYMISE else "sent"
    return [Reason(f"{cls}_{verb}", "10.3", f"{NOUN[cls].capitalize()} ({what}) was {verb} under use case "
                   f"'{uc.id}' (DPIA {uc.dpia.reference if uc.dpia else ''}; policy 10.3).")]


def _hint(ctx: Context, cls: str) -> str:
    options = alternatives(ctx.config, ctx.subject.roles, ctx.tool, ctx.use_case.id, ctx.today, handles(cls))
    if not options:
        return " Remove it, or ask the GenAI governance authority for an approved use case."
    return f" Use case '{options[0]}' is approved for it: send {USE_CASE_HEADER}: {options[0]}."


def _class_action(ctx: Context, cls: str) -> Action:
    if cls == PROHIBITED_USE:
        return Action.ALLOW  # handled by _prohibited
    return Action(getattr(ctx.use_case.data_handling, cls, Action.BLOCK))


def _class_actions(ctx: Context, findings: Sequence[Finding]) -> dict[str, Action]:
    """What to do to the spans of each class present. Record-level findings have no span: non-block -> allow.
    Security markings are allowed through unless the use case blocks them: the ceiling rule decides."""
    out: dict[str, Action] = {}
    for f in findings:
        cls = f.finding_class
        action = _class_action(ctx, cls)
        if (cls == SECURITY_MARKING or not f.is_span) and action is not Action.BLOCK:
            action = Action.ALLOW
        out[cls] = most_restrictive([out.get(cls, Action.ALLOW), action])
    return out


def _summary(found: Sequence[Finding]) -> str:
    counts = Counter(f.entity if f.is_span else (f.label or f.entity) for f in found)
    return ", ".join(f"{n} × {name}" for name, n in sorted(counts.items()))


def _block(code: str, clause: str, message: str) -> Reason:
    return Reason(code=code, clause=clause, message=message, blocking=True)
