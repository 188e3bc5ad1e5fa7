"""Shared fixtures for the personal-data and engine tests: one detector with the spaCy model per
session (loading it is the slow part), and a helper that returns (entity, matched text) pairs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detectors.pii import PersonalDataDetector

Found = Callable[[str], set[tuple[str, str]]]


@pytest.fixture(scope="session")
def pii() -> PersonalDataDetector:
    detector = PersonalDataDetector()
    detector.start()
    return detector


@pytest.fixture(scope="session")
def found(pii: PersonalDataDetector) -> Found:
    def run(text: str) -> set[tuple[str, str]]:
        return {(f.entity, text[f.start:f.end]) for f in pii.detect(text)}

    return run
