"""Structured personal data and secrets in the model's answer: the fast, pattern-only scan the output
path runs on its bounded look-back window (never the whole answer, never NER).

It reuses the request path's validated recognizers (UK identifiers, international identifiers, email,
IP, phone numbers) so a value is recognised the same way in both directions, and adds one shape that
answers carry and prompts rarely do: an email address percent-encoded in a link (`name%40host.tld`).
Person names and street addresses are not looked for here: finding them needs the NER model, whose cost
per streamed chunk would break the streaming budget (the request path still finds them).

`triggered(text)` is the cheap gate: text without a digit, an `@`, a `%` or a long token cannot hold
anything this scan reports, so the recognizers are not run on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import PatternRecognizer

from detectors.base import Finding
from detectors.pii_contact import StewardEmailRecognizer, StewardIpAddressRecognizer, StewardPhoneRecognizer
from detectors.pii_ids import id_recognizers
from detectors.pii_intl import intl_recognizers
from detectors.secrets import SecretsDetector
from detectors.special_category import SpecialCategoryDetector

# A postcode alone names an area, and answers quote organisations' own addresses; number plates in
# answers are rarely a person's. Neither is screened in output.
_NOT_IN_OUTPUT = frozenset({"UK_POSTCODE", "VEHICLE_REGISTRATION"})
_PERCENT_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._+'-]+%40(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}\b")
_TRIGGER = re.compile(r"[\d@%]|[A-Za-z0-9_+/=-]{20}")
NAME = "output_personal_data"


def triggered(text: str) -> bool:
    return _TRIGGER.search(text) is not None


class OutputDataScanner:
    """Finds personal data (structured identifiers and contact details), secrets and, when asked,
    special-category statements in a piece of answer text. Stateless apart from compiled patterns."""

    def __init__(self, disabled: Iterable[str] = (), special_category: bool = False) -> None:
        skip = _NOT_IN_OUTPUT | frozenset(disabled)
        recognizers: list[PatternRecognizer] = [*id_recognizers(), *intl_recognizers(), StewardEmailRecognizer(),
                                                StewardIpAddressRecognizer()]
        self._recognizers = [r for r in recognizers if r.supported_entities[0] not in skip]
        self._phone = StewardPhoneRecognizer() if "PHONE_NUMBER" not in skip else None
        self._secrets = SecretsDetector()
        self._special = SpecialCategoryDetector() if special_category else None

    def personal_data(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for recognizer in self._recognizers:
            entity = recognizer.supported_entities[0]
            found.extend(Finding(entity, r.start, r.end, float(r.score), NAME)
                         for r in recognizer.analyze(text, entities=[entity]))
        if self._phone is not None:
            found.extend(Finding(r.entity_type, r.start, r.end, float(r.score), NAME)
                         for r in self._phone.analyze(text))
        if "%40" in text:
            found.extend(Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.5, NAME) for m in _PERCENT_EMAIL.finditer(text))
        return found

    def secrets(self, text: str) -> list[Finding]:
        return self._secrets.detect(text)

    def special_category(self, text: str) -> list[Finding]:
        return self._special.detect(text) if self._special is not None else []
