"""Estimated energy (Wh) and emissions (g CO2e) of one request (clause 8.5).

Method (deliberately simple, every factor configurable in `config.audit_config.EnergyFactors`):

    weighted_tokens = tokens_out + input_token_weight × tokens_in
    wh   = weighted_tokens / 1000 × wh_per_1k_output_tokens[size class of the model] × pue
    g    = wh / 1000 × grid_g_per_kwh[region of the tool]

- Energy per output token by size class (small 0.3, medium 1.0, large 3.0 Wh per 1 000 output tokens) is an
  order-of-magnitude assumption anchored on measured inference energy: Samsi et al., "From Words to Watts:
  Benchmarking the Energy Costs of Large Language Model Inference" (IEEE HPEC 2023) measured roughly 3–4 J per
  output token (≈ 1 Wh per 1 000 tokens) for LLaMA-65B on A100/V100 GPUs; Luccioni, Jernite & Strubell, "Power
  Hungry Processing: Watts Driving the Cost of AI Deployment?" (ACM FAccT 2024, arXiv:2311.16863, 2023)
  report a mean of 0.047 kWh per 1 000 text-generation inferences for small task models and show energy
  rising with model size. Classes scale roughly with active parameters; where a provider discloses a
  figure, set `model_wh_per_1k_output_tokens`.
- Input tokens are weighted 0.1 of an output token: prompt processing (prefill) is parallel and far cheaper
  per token than generation (Samsi et al.; Luccioni et al.).
- PUE 1.2: a typical hyperscale data-centre overhead (Uptime Institute's 2023 survey average is ~1.58;
  hyperscalers report ~1.1–1.2).
- Grid intensity (g CO2e/kWh): UK 207 — DESNZ/DEFRA 2024 greenhouse gas conversion factors, UK electricity
  generated; EU 250 and US 370 — approximate 2022–2023 averages (EEA; US EPA eGRID2022 ≈ 373); world 480 —
  IEA global average of electricity generation. Location-based, not market-based: renewable contracts of
  the provider are not credited unless configured.

These are estimates for transparency reporting and comparison between tools, not measurements.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from config.audit_config import EnergyFactors, ModelSize

DIGITS = 6


def size_class(model: str | None, factors: EnergyFactors) -> ModelSize:
    name = (model or "").lower()
    for pattern, size in factors.model_sizes.items():
        if fnmatchcase(name, pattern.lower()):
            return size
    return factors.default_size


def wh_per_1k(model: str | None, factors: EnergyFactors) -> float:
    name = (model or "").lower()
    for pattern, value in factors.model_wh_per_1k_output_tokens.items():
        if fnmatchcase(name, pattern.lower()):
            return value
    return factors.wh_per_1k_output_tokens[size_class(model, factors)]


def estimate(
    tokens_in: int | None,
    tokens_out: int | None,
    model: str | None,
    region: str | None,
    factors: EnergyFactors | None = None,
) -> tuple[float, float]:
    """(Wh, g CO2e) for one request; unknown token counts count as 0, unknown regions use the default."""
    factors = factors or EnergyFactors()
    weighted = max(tokens_out or 0, 0) + factors.input_token_weight * max(tokens_in or 0, 0)
    wh = weighted / 1000 * wh_per_1k(model, factors) * factors.pue
    grids = {name.lower(): value for name, value in factors.grid_g_per_kwh.items()}
    grid = grids.get((region or "").lower(), factors.grid_g_per_kwh[factors.default_region])
    return round(wh, DIGITS), round(wh / 1000 * grid, DIGITS)
