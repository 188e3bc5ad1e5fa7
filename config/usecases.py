"""The use-case register (clauses 8.1, 9.1, 9.2, 10.4, 10.6, 16), prohibited uses (7.2) and users (15, 17)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from config.base import ID_PATTERN, Action, Strict, ToolStatus
from config.output_handling import IdentifierTypes, OutputHandling
from config.oversight import HumanReviewProcess, UnsupportedLanguage
from config.scan_budget import ScanBudget
from config.unscanned import UnscannedInput


class RiskClass(StrEnum):
    """Clause 8.1: standard, sensitive or restricted, by impact on residents, staff and the organisation."""

    STANDARD = "standard"
    SENSITIVE = "sensitive"
    RESTRICTED = "restricted"


class AuditLevel(StrEnum):
    METADATA = "metadata"
    REDACTED = "redacted"
    FULL = "full"


class Assessment(Strict):
    """A DPIA or EqIA on record: its reference and approval date (clause 10.4, 8.2)."""

    reference: str
    approved_on: date


class UseCaseHandling(Strict):
    """Per finding class: allow, pseudonymise, redact or block. Security markings at or below the tool's
    classification ceiling pass unless this says `block`; above the ceiling they are always refused."""

    personal_data: Action = Action.REDACT
    secrets: Action = Action.BLOCK
    special_category: Action = Action.BLOCK
    security_marking: Action = Action.ALLOW
    output: OutputHandling = Field(default_factory=OutputHandling)  # the answer (config/output_handling.py)
    identifiers: IdentifierTypes = Field(default_factory=IdentifierTypes)


class AuditPolicy(Strict):
    level: AuditLevel = AuditLevel.REDACTED
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 365


class Disclosure(Strict):
    """Clause 9.1: tell people when GenAI is involved."""

    required: bool = False
    text: str = (
        "Note: this content was produced with the help of generative AI and must be reviewed by a person "
        "before it is used or shared."
    )
    append_to_output: bool = False


class UseCase(Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    name: str = ""
    owner: str
    purpose: str
    tools: Annotated[list[str], Field(min_length=1)]
    allowed_roles: Annotated[list[str], Field(min_length=1)]
    risk_class: RiskClass = RiskClass.STANDARD
    dpia: Assessment | None = None
    eqia: Assessment | None = None
    review_by: date
    data_handling: UseCaseHandling = Field(default_factory=UseCaseHandling)
    allowed_regions: Annotated[list[str], Field(min_length=1)] = Field(default_factory=lambda: ["uk"])
    audit: AuditPolicy = Field(default_factory=AuditPolicy)
    disclosure: Disclosure = Field(default_factory=Disclosure)
    review_sampling_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    resident_facing: bool = False
    human_oversight: str = ""
    human_review: HumanReviewProcess | None = None
    unsupported_language: UnsupportedLanguage = UnsupportedLanguage.FLAG
    status: ToolStatus = ToolStatus.APPROVED
    status_reason: str = ""
    scan_budget: ScanBudget | None = None  # None: gateway.detection.budget
    unscanned_input: UnscannedInput = Field(default_factory=UnscannedInput)


class ProhibitedUse(Strict):
    action: Action = Action.BLOCK
    clause: str = "7.2"
    description: str = ""


def default_prohibited_uses() -> dict[str, ProhibitedUse]:
    return {
        "automated_decision_employment": ProhibitedUse(description="employment decisions about a person"),
        "automated_decision_benefits_housing": ProhibitedUse(description="benefit or housing allocation decisions"),
        "automated_decision_legal": ProhibitedUse(description="legal decisions about a person"),
        "automated_decision_financial": ProhibitedUse(description="financial decisions about a person"),
        "discriminatory_content": ProhibitedUse(description="discriminatory or offensive content"),
        "profiling_protected_characteristics": ProhibitedUse(description="profiling by protected characteristics"),
        "covert_surveillance": ProhibitedUse(description="covert surveillance of individuals"),
    }


class UserRecord(Strict):
    """What IT knows about a user beyond their key: training (clause 15)."""

    training_completed_on: date | None = None


class PolicyDocument(Strict):
    """The organisation's policy as adopted: its version, and what users must have done (15, 17)."""

    title: str = "Policy for the use of generative artificial intelligence"
    version: str = "1.0"
    require_training: bool = False
    require_acknowledgement: bool = False
    training_valid_days: Annotated[int, Field(ge=1)] = 365
    clauses: dict[str, str] = Field(default_factory=dict)  # clause number -> the organisation's wording
