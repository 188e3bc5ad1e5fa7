"""Per-use-case handling of what the model writes (clauses 9.1, 10.3, 10.4) and of international identifiers.

`data_handling.output` says, per finding class, what happens to it in the answer:

    allow    the answer passes unchanged
    redact   the value is replaced by its typed placeholder (`<EMAIL_ADDRESS>`) as the answer streams
             (a special-category statement in a stream withholds the answer: part of it may be sent)
    block    the answer is withdrawn with a refusal naming clause 10.3

Values the caller itself sent (including pseudonyms the gateway restores) always stay, and so do the
values listed in `keep` (the organisation's own contact numbers and mailboxes, which answers to residents
quote): only personal data that was not in the request is acted on. Defaults: secrets are redacted in every use case;
personal data is redacted in resident-facing use cases and allowed otherwise (unless set here).

`data_handling.identifiers` switches the international identifier types (US SSN, EU national IDs,
passport numbers) off for a use case whose staff handle them routinely; they are on by default.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from config.base import Strict


class OutputAction(StrEnum):
    ALLOW = "allow"
    REDACT = "redact"
    BLOCK = "block"


class OutputHandling(Strict):
    """What to do with each finding class in the model's answer (personal data: when it was not in the
    request). `personal_data` unset means: redact for resident-facing use cases, allow otherwise."""

    personal_data: OutputAction | None = None
    special_category: OutputAction = OutputAction.ALLOW
    secrets: OutputAction = OutputAction.REDACT
    refusal_clause: str = "10.3"
    keep: list[str] = Field(default_factory=list)  # e.g. the organisation's own phone numbers and mailboxes

    def personal_data_action(self, resident_facing: bool) -> OutputAction:
        if self.personal_data is not None:
            return self.personal_data
        return OutputAction.REDACT if resident_facing else OutputAction.ALLOW


class IdentifierTypes(Strict):
    """International identifier types scanned for this use case (request and answer)."""

    us_ssn: bool = True
    eu_national_id: bool = True
    passport: bool = True

    def disabled_entities(self) -> frozenset[str]:
        names = {"us_ssn": "US_SSN", "eu_national_id": "EU_NATIONAL_ID", "passport": "PASSPORT"}
        return frozenset(entity for key, entity in names.items() if not getattr(self, key))
