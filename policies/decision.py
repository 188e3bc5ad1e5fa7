"""Decision types: what the policy engine concluded, why (with clauses), and what it obliges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from config.base import Action
from config.usecases import AuditLevel

_RANK = {Action.ALLOW: 0, Action.PSEUDONYMISE: 1, Action.REDACT: 2, Action.BLOCK: 3}
OUTCOME = {Action.ALLOW: "allowed", Action.PSEUDONYMISE: "pseudonymised", Action.REDACT: "redacted",
           Action.BLOCK: "blocked"}


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired. `message` is plain English for a council officer, never payload text."""

    code: str
    clause: str
    message: str
    blocking: bool = False


@dataclass(frozen=True, slots=True)
class Obligations:
    use_case: str
    audit_level: AuditLevel = AuditLevel.METADATA
    retention_days: int = 365
    disclosure: str | None = None  # text to disclose (clause 9.1), None when not required
    append_disclosure: bool = False
    review_sampling_rate: float = 0.0
    risk_class: str = "standard"
    human_review_required: bool = False  # decision support under a documented oversight process (8.3)
    language_flagged: bool = False  # the prompt's language could not be read and the use case flags it


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    reasons: tuple[Reason, ...] = ()
    class_actions: Mapping[str, Action] = field(default_factory=dict)
    categories: tuple[str, ...] = ()
    obligations: Obligations | None = None

    @property
    def blocked(self) -> bool:
        return self.action is Action.BLOCK

    @property
    def outcome(self) -> str:
        return OUTCOME[self.action]

    @property
    def first_block(self) -> Reason | None:
        return next((r for r in self.reasons if r.blocking), None)


@dataclass(frozen=True, slots=True)
class Subject:
    """The caller as policy sees them (no key material)."""

    user_id: str
    roles: tuple[str, ...]
    training_completed_on: date | None = None
    acknowledged_version: str | None = None


def most_restrictive(actions: Sequence[Action]) -> Action:
    return max(actions, key=_RANK.__getitem__, default=Action.ALLOW)
