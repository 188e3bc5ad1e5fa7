"""The one detector registry: every detector the engine runs by default, in this order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detectors.base import Detector
from detectors.markings import SecurityMarkingDetector
from detectors.pii import PersonalDataDetector
from detectors.prohibited import ProhibitedUseDetector
from detectors.secrets import SecretsDetector
from detectors.special_category import SpecialCategoryDetector
from detectors.structure import StructuredDataDetector

if TYPE_CHECKING:
    from detectors.engine import EngineOptions


def default_detectors(options: EngineOptions) -> list[Detector]:
    return [
        PersonalDataDetector(options.spacy_model),
        SecretsDetector(),
        SecurityMarkingDetector(),
        SpecialCategoryDetector(),
        ProhibitedUseDetector(),
        StructuredDataDetector(),
    ]
