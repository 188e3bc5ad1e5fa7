"""Per-use-case human oversight of decision support (clause 8.3) and prompts in unsupported languages.

    use_cases:
      - id: hr-casework
        human_review:                       # a documented human-oversight process (8.3.1, 8.3.3)
          reviewer: "HR business partner"   # who reviews every output before it is used
          process: "HR-PROC-14 section 3"   # where the process is written down
          dpia_reference: "DPIA-2026-031"
          sampling_rate: 0.2                # share of these requests queued for assurance review (8.3.3)
        unsupported_language: flag          # allow | flag | block (prompts the detectors cannot read)

With `human_review`, a request the detectors read as an automated decision about a person is allowed as
decision support -- unless it says no person will review the answer -- and is labelled as requiring human
review (response header `X-Steward-Human-Review: required`, a reason on the audit row) and sampled for
review at `sampling_rate` (or the use case's own rate, whichever is higher).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from config.base import Strict


class HumanReviewProcess(Strict):
    """A documented process in which a named role reviews every decision-support output before use."""

    reviewer: Annotated[str, Field(min_length=1, description="the role that reviews each output")]
    process: Annotated[str, Field(min_length=1, description="reference to the written review process")]
    dpia_reference: Annotated[str, Field(min_length=1)]
    sampling_rate: Annotated[float, Field(ge=0, le=1)] = 0.1


class UnsupportedLanguage(StrEnum):
    """What to do with a prompt in a language the detectors cannot read (English and Welsh are read)."""

    ALLOW = "allow"  # forward; the audit row records the language
    FLAG = "flag"  # forward; the audit row records it, the response says so, the request is sampled for review
    BLOCK = "block"  # refuse: what cannot be scanned is not forwarded


READ_LANGUAGES = frozenset({"en", "cy"})  # what the detectors read (Welsh through a gloss lexicon)


def readable(language: str) -> bool:
    """Whether the detectors read text in this language ("und": too little text to tell, read as English)."""
    return language in READ_LANGUAGES or language == "und"
