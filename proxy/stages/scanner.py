"""The content scanner the gateway uses: the detection engine, or none when scanning is switched off."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from config.models import DetectionSettings
from detectors.base import Finding
from detectors.engine import EngineOptions, ScanEngine
from detectors.output_meaning import warm as warm_output_parser


class Scanner(Protocol):
    async def scan(self, texts: Sequence[str]) -> list[list[Finding]]: ...

    def close(self) -> None: ...


class NoScanner:
    """`gateway.detection.enabled: false`: policy access rules still apply; content is not scanned."""

    async def scan(self, texts: Sequence[str]) -> list[list[Finding]]:
        return [[] for _ in texts]

    def close(self) -> None:
        return None


def build_scanner(settings: DetectionSettings) -> Scanner:
    if not settings.enabled:
        return NoScanner()
    engine = ScanEngine(EngineOptions(spacy_model=settings.spacy_model, workers=settings.workers,
                                      timeout_s=settings.timeout_s, cache_size=settings.cache_size))
    engine.start()
    warm_output_parser()  # the output screen's parser (detectors.output_meaning), after NER so it shares its vocab
    return engine
