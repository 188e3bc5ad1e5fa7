"""Typed settings of the audit records (issue 5): energy factors, retention scheduler, durable journal.

Meant to hang under `gateway.audit` in the policy config (see config/models.py `AuditSettings`):

    gateway:
      audit:
        energy:    {pue: 1.2, default_region: uk, grid_g_per_kwh: {uk: 207}, model_sizes: {"*mini*": small}}
        retention: {purge_interval_s: 3600, delete_records: false}
        journal:   {path: audit-journal.jsonl, fsync: false, on_store_down: refuse}

Energy defaults and their sources are documented in `audit/energy.py`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from config.base import Strict


class ModelSize(StrEnum):
    """Size class of a model, by active parameters: small ≤ ~15B, medium ≤ ~100B, large beyond."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


Positive = Annotated[float, Field(gt=0)]


def _default_wh() -> dict[ModelSize, float]:
    return {ModelSize.SMALL: 0.3, ModelSize.MEDIUM: 1.0, ModelSize.LARGE: 3.0}


def _default_grid() -> dict[str, float]:
    return {"uk": 207.0, "eu": 250.0, "us": 370.0, "world": 480.0}


def _default_sizes() -> dict[str, ModelSize]:
    small, large = ModelSize.SMALL, ModelSize.LARGE
    return {
        "*mini*": small,
        "*nano*": small,
        "*haiku*": small,
        "*flash*": small,
        "*-7b*": small,
        "*-8b*": small,
        "gpt-4o*": large,
        "gpt-4.1*": large,
        "gpt-5*": large,
        "o1*": large,
        "o3*": large,
        "*opus*": large,
        "*sonnet*": large,
        "*-70b*": ModelSize.MEDIUM,
    }


class EnergyFactors(Strict):
    """Factors of `audit.energy.estimate` (clause 8.5). Every default is an assumption; override it."""

    # Wh per 1 000 output tokens at the accelerator, per size class.
    wh_per_1k_output_tokens: dict[ModelSize, Positive] = Field(default_factory=_default_wh)
    # An input (prompt) token costs this fraction of an output token (prefill is batched and parallel).
    input_token_weight: Annotated[float, Field(ge=0, le=1)] = 0.1
    # Data-centre overhead (power usage effectiveness): facility energy / IT energy.
    pue: Annotated[float, Field(ge=1, le=3)] = 1.2
    # Grid carbon intensity, g CO2e per kWh, per region name (as given by the tool's region).
    grid_g_per_kwh: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=_default_grid)
    default_region: str = "uk"
    # Model name glob (case-insensitive, first match wins) → size class; unmatched models get default_size.
    model_sizes: dict[str, ModelSize] = Field(default_factory=_default_sizes)
    default_size: ModelSize = ModelSize.MEDIUM
    # Model name glob → Wh per 1 000 output tokens, when a provider discloses a figure (checked first).
    model_wh_per_1k_output_tokens: dict[str, Positive] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete(self) -> EnergyFactors:
        if self.default_region not in self.grid_g_per_kwh:
            raise ValueError(f"default_region '{self.default_region}' is not in grid_g_per_kwh")
        missing = set(ModelSize) - set(self.wh_per_1k_output_tokens)
        if missing:
            raise ValueError(f"wh_per_1k_output_tokens lacks {', '.join(sorted(missing))}")
        return self


class RetentionSettings(Strict):
    """The background purge (`audit.retention.purge_loop`)."""

    enabled: bool = True
    purge_interval_s: Annotated[float, Field(ge=1, le=7 * 86400)] = 3600.0
    delete_records: bool = False  # also delete whole expired records (receipted; the chain stays verifiable)
    actor: str = "steward-retention"
    chunk: Annotated[int, Field(ge=1, le=100_000)] = 2000


class JournalSettings(Strict):
    """The local durable journal (`audit.journal`); relative paths are resolved against the data directory."""

    path: str | None = "audit-journal.jsonl"  # None: no journal (rows wait in memory only)
    fsync: bool = False  # fsync each entry: survives power loss, not just a killed process
    on_store_down: Literal["refuse", "spool"] = "refuse"

    @model_validator(mode="after")
    def _spool_needs_journal(self) -> JournalSettings:
        if self.on_store_down == "spool" and self.path is None:
            raise ValueError("on_store_down 'spool' needs a journal path")
        return self
