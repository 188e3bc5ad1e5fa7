"""How much text one request may ask the gateway to scan (clause 10.3: what cannot be scanned is not sent).

Set a default under `gateway.detection.budget` and override it per use case with `scan_budget`. A request
over its budget is refused up front with 413 `scan_budget_exceeded`, before any scanning. Size the budget
to what the detectors get through within `gateway.detection.timeout_s` on the machine (see README).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.base import Strict


class ScanBudget(Strict):
    max_chars: Annotated[int, Field(ge=1, description="characters of text to scan, over every field")] = 1_000_000
    max_texts: Annotated[int, Field(ge=1, description="separate text fields (messages, parts, inputs)")] = 5_000
