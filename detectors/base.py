"""Shared types for every detector: a Finding, the Detector protocol, and finding classes.

A finding names *what* was found and *where*; it never carries the matched value, so a finding
(or a list of them) is always safe to log, audit and return in an error message.

Finding classes group entities for policy decisions (clause 7.2 / 10.3):

    personal_data      PERSON, EMAIL_ADDRESS, PHONE_NUMBER, UK_NHS, UK_NINO, UK_POSTCODE, ...
    secrets            SECRET                     (label: kind, e.g. "aws_access_key")
    special_category   SPECIAL_CATEGORY           (label: "health", "religious_philosophical_belief", ...,
                                                   "criminal_offence" for UK GDPR Art. 10 data)
    security_marking   SECURITY_MARKING           (label: "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")
    prohibited_use     PROHIBITED_USE             (label: "automated_decision_employment", ...)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

PERSONAL_DATA = "personal_data"
SECRETS = "secrets"
SPECIAL_CATEGORY = "special_category"
SECURITY_MARKING = "security_marking"
PROHIBITED_USE = "prohibited_use"

FINDING_CLASSES: tuple[str, ...] = (PERSONAL_DATA, SECRETS, SPECIAL_CATEGORY, SECURITY_MARKING, PROHIBITED_USE)

_CLASS_BY_ENTITY = {
    "SECRET": SECRETS,
    "SPECIAL_CATEGORY": SPECIAL_CATEGORY,
    "SECURITY_MARKING": SECURITY_MARKING,
    "PROHIBITED_USE": PROHIBITED_USE,
}

# Suffix of a prohibited-use finding's rule when the text says no person will review the answer.
NO_HUMAN_REVIEW = "+no_human_review"

PERSONAL_DATA_ENTITIES: frozenset[str] = frozenset(
    {
        "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_NHS", "UK_NINO", "UK_POSTCODE", "STREET_ADDRESS",
        "DATE_OF_BIRTH", "CREDIT_CARD", "UK_BANK_SORT_CODE", "UK_BANK_ACCOUNT", "IBAN_CODE", "IP_ADDRESS",
        "UK_PASSPORT", "UK_DRIVING_LICENCE", "VEHICLE_REGISTRATION",
    }
)


def finding_class(entity: str) -> str:
    """The policy class of an entity; anything not listed as another class is personal data."""
    return _CLASS_BY_ENTITY.get(entity, PERSONAL_DATA)


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected thing in one text. Offsets are Python string indices into that text."""

    entity: str
    start: int
    end: int
    score: float
    detector: str
    label: str = ""
    rule: str = ""  # which rule fired (prohibited uses), shown by /v1/policy/explain

    @property
    def finding_class(self) -> str:
        return finding_class(self.entity)

    @property
    def category(self) -> str:
        """`personal_data`, `special_category.health`, `prohibited_use.discriminatory_content`, ..."""
        cls = self.finding_class
        if cls in (SPECIAL_CATEGORY, PROHIBITED_USE) and self.label:
            return f"{cls}.{self.label}"
        return cls

    @property
    def is_span(self) -> bool:
        """True when the finding marks text to transform (redact/pseudonymise); False for
        record-level classifications (special category, prohibited use) that policy acts on whole."""
        return self.finding_class not in (SPECIAL_CATEGORY, PROHIBITED_USE)


class Detector(Protocol):
    """A small, pure, synchronous scanner. CPU-bound: callers run it off the event loop."""

    name: str
    entities: frozenset[str]

    def detect(self, text: str) -> Sequence[Finding]: ...


class DetectorError(RuntimeError):
    """A detector failed. The message names the detector only, never the text (fail closed)."""
