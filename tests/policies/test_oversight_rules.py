"""Human oversight (8.3) and unsupported languages as rows of the decision table."""

from __future__ import annotations

import dataclasses

import pytest

from config.base import Action
from config.loader import parse_config
from config.models import PolicyConfig
from config.oversight import HumanReviewProcess, UnsupportedLanguage
from detectors.base import NO_HUMAN_REVIEW, Finding
from policies.decide import Context, decide
from policies.decision import Subject
from tests.policies.test_decide import CONFIG, TODAY, TRAINED

SUBJECT = Subject("u1", ("staff",), TRAINED, "2.1")
@pytest.fixture
def policy() -> PolicyConfig:
    return parse_config(CONFIG, "policy.yaml").config


PROCESS = HumanReviewProcess(reviewer="HR partner", process="HR-14", dpia_reference="DPIA-9", sampling_rate=0.5)


def _finding(label: str, rule: str = "decision_frame.verdict") -> Finding:
    return Finding("PROHIBITED_USE", 0, 10, 0.85, "prohibited_use", label, rule)


def _ctx(policy: PolicyConfig, process: HumanReviewProcess | None = None, language: str = "en",
         rule: UnsupportedLanguage = UnsupportedLanguage.FLAG) -> Context:
    use_case, tool = policy.use_case("general"), policy.tool("internal")
    assert use_case is not None and tool is not None
    use_case = use_case.model_copy(update={"human_review": process, "unsupported_language": rule})
    return dataclasses.replace(Context(policy, SUBJECT, tool, use_case, TODAY), language=language)


@pytest.mark.parametrize(("process", "finding", "action", "review"), [
    (None, _finding("automated_decision_legal"), Action.BLOCK, False),
    (PROCESS, _finding("automated_decision_legal"), Action.ALLOW, True),
    (PROCESS, _finding("automated_decision_legal", "decision_ask" + NO_HUMAN_REVIEW), Action.BLOCK, False),
    (PROCESS, _finding("discriminatory_content", "discriminatory.exclusion_or_criterion"), Action.BLOCK, False),
])
def test_oversight_allows_only_reviewed_decision_support(policy: PolicyConfig, process: HumanReviewProcess | None,
                                                         finding: Finding, action: Action, review: bool) -> None:
    decision = decide(_ctx(policy, process), [finding])
    assert decision.action is action
    assert decision.obligations is not None
    assert decision.obligations.human_review_required is review
    if review:
        assert decision.obligations.review_sampling_rate == 0.5
        assert [r.clause for r in decision.reasons] == ["8.3"]


@pytest.mark.parametrize(("language", "rule", "action", "flagged", "reason"), [
    ("en", UnsupportedLanguage.BLOCK, Action.ALLOW, False, False),
    ("cy", UnsupportedLanguage.BLOCK, Action.ALLOW, False, False),
    ("und", UnsupportedLanguage.BLOCK, Action.ALLOW, False, False),
    ("pl", UnsupportedLanguage.ALLOW, Action.ALLOW, False, True),
    ("pl", UnsupportedLanguage.FLAG, Action.ALLOW, True, True),
    ("other", UnsupportedLanguage.BLOCK, Action.BLOCK, False, True),
])
def test_unsupported_language_rule(policy: PolicyConfig, language: str, rule: UnsupportedLanguage, action: Action,
                                   flagged: bool, reason: bool) -> None:
    decision = decide(_ctx(policy, language=language, rule=rule))
    assert decision.action is action
    assert decision.obligations is not None and decision.obligations.language_flagged is flagged
    assert ("language_unsupported" in [r.code for r in decision.reasons]) is reason
