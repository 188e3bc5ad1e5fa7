"""Which use case a request runs under, and which other use cases could serve it (for hints)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from config.base import Action, ToolStatus
from config.models import PolicyConfig, Tool
from config.usecases import AuditLevel, AuditPolicy, RiskClass, UseCase, UseCaseHandling
from policies.refusal import Refusal

GENERAL_ID = "general-drafting"
DPIA_VALID_DAYS = 365  # clause 16: assessments reviewed at least annually


def general_use_case(config: PolicyConfig) -> UseCase:
    """The built-in default when a configuration declares no use cases: low-risk drafting, personal data
    redacted, special-category data and secrets blocked, metadata-only audit."""
    return UseCase(
        id=GENERAL_ID, name="General drafting (built-in default)", owner="GenAI governance authority",
        purpose="Low-risk drafting, summarising and editing without personal data (clause 7.1).",
        tools=[t.id for t in config.tools] or ["none"], allowed_roles=list(config.roles) or ["none"],
        risk_class=RiskClass.STANDARD, review_by=date.max, data_handling=UseCaseHandling(),
        allowed_regions=sorted({t.region for t in config.tools}) or ["uk"],
        audit=AuditPolicy(level=AuditLevel.METADATA),
    )


def default_use_case(config: PolicyConfig) -> UseCase:
    if config.default_use_case:
        found = config.use_case(config.default_use_case)
        if found is not None:
            return found
    return general_use_case(config)


def select_use_case(config: PolicyConfig, requested: str | None, bound: str | None) -> UseCase:
    """Header first, then the key's bound use case, then the configured default."""
    wanted = requested or bound
    if not wanted:
        return default_use_case(config)
    found = config.use_case(wanted)
    if found is None and wanted == GENERAL_ID and not config.use_cases:
        return general_use_case(config)
    if found is None:
        raise Refusal("use_case_unknown", "7",
                      f"There is no approved use case '{wanted}' (policy 7). Ask the GenAI governance authority, "
                      "or omit X-Steward-Use-Case to use the default.")
    return found


def role_may_use(config: PolicyConfig, roles: Iterable[str], uc: UseCase) -> bool:
    for role in roles:
        spec = config.roles.get(role)
        if spec is None or role not in uc.allowed_roles:
            continue
        if not spec.use_cases or uc.id in spec.use_cases:
            return True
    return uc.id == GENERAL_ID and any(r in config.roles for r in roles)


def dpia_valid(uc: UseCase, today: date) -> bool:
    return uc.dpia is not None and uc.dpia.approved_on + timedelta(days=DPIA_VALID_DAYS) >= today


def usable(config: PolicyConfig, roles: Iterable[str], uc: UseCase, tool: Tool, today: date) -> bool:
    return (uc.status is ToolStatus.APPROVED and tool.id in uc.tools and uc.review_by >= today
            and tool.region in uc.allowed_regions and role_may_use(config, roles, uc))


def alternatives(config: PolicyConfig, roles: tuple[str, ...], tool: Tool, current: str, today: date,
                 accepts: Callable[[UseCase], bool]) -> list[str]:
    """Other use cases this caller may use with this tool that would accept what was refused."""
    return [uc.id for uc in config.use_cases
            if uc.id != current and usable(config, roles, uc, tool, today) and accepts(uc)]


def handles(cls: str) -> Callable[[UseCase], bool]:
    def accepts(uc: UseCase) -> bool:
        action = getattr(uc.data_handling, cls, Action.BLOCK)
        needs_dpia = cls in ("personal_data", "special_category") and action in (Action.ALLOW, Action.PSEUDONYMISE)
        return action is not Action.BLOCK and (not needs_dpia or uc.dpia is not None)

    return accepts
