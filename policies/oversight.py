"""Human oversight of decision support (clause 8.3) and prompts the detectors cannot read, as decision rules.

Pure functions used by `policies/decide.py`:

* `decision_support(ctx, label, found)` -- under a use case with a documented human-review process
  (`human_review`), an automated-decision finding is allowed as decision support and labelled as needing
  human review, unless the request itself says no person will review the answer (the detector's rule
  then ends in `+no_human_review`);
* `language_reasons(ctx)` -- a prompt in a language the detectors cannot read: refused, or allowed with
  a reason that lands on the audit row (`unsupported_language: allow | flag | block`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from config.oversight import UnsupportedLanguage, readable
from detectors.base import NO_HUMAN_REVIEW, Finding
from policies.decision import Reason

if TYPE_CHECKING:
    from policies.decide import Context

DECISION_PREFIX = "automated_decision_"
HUMAN_REVIEW_CODE = "human_review_required"
LANGUAGE_CODE = "language_unsupported"


def decision_support(ctx: Context, label: str, found: Sequence[Finding]) -> Reason | None:
    """A non-blocking reason when this automated-decision finding is allowed as reviewed decision support."""
    process = ctx.use_case.human_review
    if process is None or not label.startswith(DECISION_PREFIX):
        return None
    if any(f.label == label and f.rule.endswith(NO_HUMAN_REVIEW) for f in found):
        return None
    what = label.removeprefix(DECISION_PREFIX).replace("_", " ")
    return Reason(HUMAN_REVIEW_CODE, "8.3", f"Decision support ({what}) allowed under the use case's documented "
                  f"human-oversight process ({process.process}; DPIA {process.dpia_reference}): the "
                  f"{process.reviewer} must review the output before anything is decided (policy 8.3).")


def needs_human_review(reasons: Sequence[Reason]) -> bool:
    return any(r.code == HUMAN_REVIEW_CODE for r in reasons)


def language_reasons(ctx: Context) -> list[Reason]:
    if readable(ctx.language):
        return []
    rule = ctx.use_case.unsupported_language
    name = "a script" if ctx.language == "other" else f"a language ('{ctx.language}')"
    if rule is UnsupportedLanguage.BLOCK:
        return [Reason(LANGUAGE_CODE, "10.3", f"This request is written in {name} that Steward cannot check for "
                       "personal data or prohibited uses, and the use case does not accept unchecked text "
                       "(policy 10.3). Write it in English or Welsh.", blocking=True)]
    return [Reason(LANGUAGE_CODE, "10.3", f"The request is written in {name} that Steward cannot fully check; "
                   f"forwarded under the use case's rule '{rule}' and recorded (policy 10.3).")]


def language_flagged(ctx: Context) -> bool:
    return not readable(ctx.language) and ctx.use_case.unsupported_language is UnsupportedLanguage.FLAG
