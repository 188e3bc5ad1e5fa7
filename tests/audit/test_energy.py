"""Energy and CO2e estimates (clause 8.5): the documented formula, configurable factors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from audit.energy import estimate, size_class
from config.audit_config import EnergyFactors, JournalSettings, ModelSize, RetentionSettings


@pytest.mark.parametrize(
    ("model", "size"),
    [
        ("gpt-4o-mini", ModelSize.SMALL),
        ("GPT-4o-MINI-2024-07-18", ModelSize.SMALL),
        ("gpt-4o", ModelSize.LARGE),
        ("llama-3-70b-instruct", ModelSize.MEDIUM),
        ("some-unknown-model", ModelSize.MEDIUM),
        (None, ModelSize.MEDIUM),
    ],
)
def test_size_classes(model: str | None, size: ModelSize) -> None:
    assert size_class(model, EnergyFactors()) == size


def test_the_documented_formula() -> None:
    # (1000 out + 0.1 × 2000 in) / 1000 × 1.0 Wh (medium) × 1.2 PUE = 1.44 Wh; × 207 g/kWh = 0.29808 g
    assert estimate(2000, 1000, "unknown-model", "uk") == (1.44, 0.29808)


def test_regions_and_defaults() -> None:
    wh, g_uk = estimate(0, 1000, "gpt-4o", "UK")
    _, g_us = estimate(0, 1000, "gpt-4o", "us")
    _, g_unknown = estimate(0, 1000, "gpt-4o", "mars")
    assert wh == 3.6 and g_us > g_uk == g_unknown


def test_missing_tokens_count_as_zero() -> None:
    assert estimate(None, None, "gpt-4o", None) == (0.0, 0.0)


def test_factors_are_configurable() -> None:
    factors = EnergyFactors.model_validate(
        {
            "pue": 1.0,
            "input_token_weight": 0,
            "grid_g_per_kwh": {"nordic": 30},
            "default_region": "nordic",
            "model_wh_per_1k_output_tokens": {"acme-*": 2.0},
        }
    )
    assert estimate(500, 1000, "acme-large", "nordic", factors) == (2.0, 0.06)


@pytest.mark.parametrize(
    "data",
    [
        {"default_region": "atlantis"},
        {"pue": 0.5},
        {"unknown": 1},
        {"wh_per_1k_output_tokens": {"small": 1}},
    ],
)
def test_invalid_factors_are_rejected(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EnergyFactors.model_validate(data)


def test_retention_and_journal_settings() -> None:
    assert RetentionSettings().purge_interval_s == 3600 and not RetentionSettings().delete_records
    assert JournalSettings().on_store_down == "refuse"
    with pytest.raises(ValidationError, match="spool"):
        JournalSettings(path=None, on_store_down="spool")
    with pytest.raises(ValidationError):
        RetentionSettings.model_validate({"interval": 5})
