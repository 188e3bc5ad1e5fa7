"""Shared building blocks of the configuration models."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"


class Strict(BaseModel):
    """Unknown fields are errors; loaded configuration is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolStatus(StrEnum):
    """Clause 11.4: a tool or use case can be paused or withdrawn."""

    APPROVED = "approved"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    """What to do with a finding class (clause 7.2 / 10.3), ordered from least to most restrictive."""

    ALLOW = "allow"
    PSEUDONYMISE = "pseudonymise"
    REDACT = "redact"
    BLOCK = "block"
