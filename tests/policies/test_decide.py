"""decide() as a truth table: each row names the inputs and the expected action and first refusal."""

from __future__ import annotations

from datetime import date

import pytest

from config.base import Action
from config.loader import parse_config
from config.models import PolicyConfig
from detectors.base import Finding
from policies.decide import Context, decide
from policies.decision import Subject

TODAY = date(2026, 11, 26)

CONFIG = """
version: 1
policy: {version: "2.1", require_training: true, require_acknowledgement: true, training_valid_days: 365}
tools:
  - {id: internal, provider: demo, models: [m1], category: internal, region: uk,
     classification_ceiling: OFFICIAL-SENSITIVE}
  - {id: chatgpt, provider: openai, base_url: "http://x/v1", models: [m2], category: public, region: us}
  - {id: eu-tool, provider: demo, models: [m3], category: enterprise, region: eu}
roles:
  staff: {tools: [internal, chatgpt, eu-tool]}
  member: {tools: [internal]}
  housing: {tools: [internal, chatgpt], use_cases: [housing-letters, general]}
default_use_case: general
use_cases:
  - id: general
    owner: IT
    purpose: drafting
    tools: [internal, chatgpt]
    allowed_roles: [staff, member, housing]
    review_by: 2027-06-30
    allowed_regions: [uk, us]
  - id: housing-letters
    owner: Housing
    purpose: letters to tenants
    tools: [internal, chatgpt]
    allowed_roles: [housing]
    dpia: {reference: DPIA-2026-014, approved_on: 2026-03-01}
    review_by: 2027-03-01
    allowed_regions: [uk, us]
    data_handling: {personal_data: pseudonymise}
    disclosure: {required: true, append_to_output: true}
    audit: {level: full, retention_days: 2190}
  - id: stale-dpia
    owner: Social care
    purpose: case notes
    tools: [internal]
    allowed_roles: [staff]
    dpia: {reference: DPIA-2024-001, approved_on: 2024-01-10}
    review_by: 2027-01-01
    data_handling: {personal_data: allow}
  - id: overdue
    owner: IT
    purpose: old pilot
    tools: [internal]
    allowed_roles: [staff]
    review_by: 2026-01-01
  - id: paused-uc
    owner: IT
    purpose: chatbot
    tools: [internal]
    allowed_roles: [staff]
    review_by: 2027-01-01
    status: paused
    status_reason: bias found in pilot
  - id: block-secrets-redact
    owner: IT
    purpose: code review
    tools: [internal, eu-tool]
    allowed_roles: [staff]
    review_by: 2027-01-01
    allowed_regions: [uk]
    data_handling: {secrets: redact, security_marking: block}
"""


@pytest.fixture(scope="module")
def config() -> PolicyConfig:
    return parse_config(CONFIG, "t.yaml").config


def f(entity: str, label: str = "") -> Finding:
    return Finding(entity=entity, start=0, end=4, score=0.9, detector="t", label=label)


TRAINED = date(2026, 5, 1)
PERSON, NHS = f("PERSON"), f("UK_NHS")
HEALTH = f("SPECIAL_CATEGORY", "health")
KEY = f("SECRET", "openai_api_key")
OS_MARK, SECRET_MARK, OFFICIAL = (f("SECURITY_MARKING", m) for m in ("OFFICIAL-SENSITIVE", "SECRET", "OFFICIAL"))
HIRE = f("PROHIBITED_USE", "automated_decision_employment")

# (use case, tool, roles, findings, training date, acknowledged version) -> (action, first blocking code)
ROWS = [
    ("general", "internal", ("staff",), [], TRAINED, "2.1", Action.ALLOW, None),
    ("general", "internal", ("staff",), [PERSON, NHS], TRAINED, "2.1", Action.REDACT, None),
    ("general", "internal", ("staff",), [HEALTH], TRAINED, "2.1", Action.BLOCK, "special_category_blocked"),
    ("general", "internal", ("staff",), [KEY], TRAINED, "2.1", Action.BLOCK, "secrets_blocked"),
    ("general", "internal", ("staff",), [OS_MARK], TRAINED, "2.1", Action.ALLOW, None),
    ("general", "internal", ("staff",), [SECRET_MARK], TRAINED, "2.1", Action.BLOCK, "classification_above_ceiling"),
    ("general", "chatgpt", ("staff",), [OS_MARK], TRAINED, "2.1", Action.BLOCK, "classification_above_ceiling"),
    ("general", "chatgpt", ("staff",), [OFFICIAL], TRAINED, "2.1", Action.ALLOW, None),
    ("general", "internal", ("staff",), [HIRE], TRAINED, "2.1", Action.BLOCK,
     "prohibited_use.automated_decision_employment"),
    ("general", "internal", ("staff",), [HIRE, KEY], TRAINED, "2.1", Action.BLOCK,
     "prohibited_use.automated_decision_employment"),  # most serious content reason first
    ("general", "eu-tool", ("staff",), [], TRAINED, "2.1", Action.BLOCK, "tool_not_in_use_case"),
    ("general", "internal", ("staff",), [], None, "2.1", Action.BLOCK, "training_required"),
    ("general", "internal", ("staff",), [], date(2025, 1, 1), "2.1", Action.BLOCK, "training_required"),
    ("general", "internal", ("staff",), [], TRAINED, "2.0", Action.BLOCK, "acknowledgement_required"),
    ("housing-letters", "internal", ("housing",), [PERSON], TRAINED, "2.1", Action.PSEUDONYMISE, None),
    ("housing-letters", "chatgpt", ("housing",), [PERSON], TRAINED, "2.1", Action.BLOCK,
     "tool_not_approved_for_personal_data"),
    ("housing-letters", "internal", ("staff",), [PERSON], TRAINED, "2.1", Action.BLOCK, "use_case_not_permitted"),
    ("housing-letters", "internal", ("housing",), [PERSON, HEALTH], TRAINED, "2.1", Action.BLOCK,
     "special_category_blocked"),
    ("stale-dpia", "internal", ("staff",), [PERSON], TRAINED, "2.1", Action.BLOCK, "dpia_expired"),
    ("stale-dpia", "internal", ("staff",), [], TRAINED, "2.1", Action.ALLOW, None),
    ("overdue", "internal", ("staff",), [], TRAINED, "2.1", Action.BLOCK, "use_case_review_overdue"),
    ("paused-uc", "internal", ("staff",), [], TRAINED, "2.1", Action.BLOCK, "use_case_paused"),
    ("block-secrets-redact", "internal", ("staff",), [KEY], TRAINED, "2.1", Action.REDACT, None),
    ("block-secrets-redact", "internal", ("staff",), [OFFICIAL], TRAINED, "2.1", Action.BLOCK,
     "security_marking_blocked"),
    ("block-secrets-redact", "eu-tool", ("staff",), [], TRAINED, "2.1", Action.BLOCK, "region_not_allowed"),
]


@pytest.mark.parametrize(("uc", "tool", "roles", "findings", "trained", "ack", "action", "code"), ROWS)
def test_truth_table(config: PolicyConfig, uc: str, tool: str, roles: tuple[str, ...], findings: list[Finding],
                     trained: date | None, ack: str, action: Action, code: str | None) -> None:
    use_case, the_tool = config.use_case(uc), config.tool(tool)
    assert use_case is not None and the_tool is not None
    subject = Subject(user_id="u1", roles=roles, training_completed_on=trained, acknowledged_version=ack)
    decision = decide(Context(config, subject, the_tool, use_case, TODAY), findings)
    assert decision.action is action
    first = decision.first_block
    assert (first.code if first else None) == code
    for reason in decision.reasons:
        assert reason.clause and reason.message


def test_refusal_hints_at_a_use_case_that_would_accept(config: PolicyConfig) -> None:
    use_case, tool = config.use_case("general"), config.tool("internal")
    assert use_case is not None and tool is not None
    strict = use_case.model_copy(update={"data_handling": use_case.data_handling.model_copy(
        update={"personal_data": Action.BLOCK})})
    subject = Subject("u1", ("housing",), TRAINED, "2.1")
    decision = decide(Context(config, subject, tool, strict, TODAY), [PERSON])
    block = decision.first_block
    assert block is not None and block.clause == "7.2"
    assert "X-Steward-Use-Case: housing-letters" in block.message
    assert "1 × PERSON" in block.message


def test_obligations_follow_the_use_case(config: PolicyConfig) -> None:
    use_case, tool = config.use_case("housing-letters"), config.tool("internal")
    assert use_case is not None and tool is not None
    decision = decide(Context(config, Subject("u1", ("housing",), TRAINED, "2.1"), tool, use_case, TODAY))
    ob = decision.obligations
    assert ob is not None
    assert (ob.use_case, ob.audit_level, ob.retention_days, ob.append_disclosure) == (
        "housing-letters", "full", 2190, True)
    assert ob.disclosure and "generative AI" in ob.disclosure


def test_categories_name_classes_never_values(config: PolicyConfig) -> None:
    use_case, tool = config.use_case("general"), config.tool("internal")
    assert use_case is not None and tool is not None
    decision = decide(Context(config, Subject("u1", ("staff",), TRAINED, "2.1"), tool, use_case, TODAY),
                      [PERSON, HEALTH, HIRE])
    assert decision.categories == ("personal_data", "prohibited_use.automated_decision_employment",
                                   "special_category.health")
