"""The wording of the policy clauses Steward cites, so refusals and the console can quote them.

The defaults are the headings of the clauses of the GenAI usage-policy template that councils adopt;
an organisation that words its policy differently sets `policy.clauses` in the YAML (clause number →
text), which takes precedence clause by clause.
"""

from __future__ import annotations

from collections.abc import Mapping

TEMPLATE_CLAUSES: dict[str, str] = {
    "4": "Tools and services: only approved GenAI tools and services may be used; any tool not listed is "
         "presumed unauthorised.",
    "7": "Use of GenAI: new tools and uses are approved by the GenAI governance authority before use.",
    "7.1": "Permitted uses.",
    "7.2": "Prohibited uses: no critical decisions about people without human oversight, and no "
           "discriminatory or offensive content.",
    "8.1": "Bias, fairness and inclusion.",
    "8.2": "Equality impact assessment (EqIA).",
    "8.3": "Human oversight.",
    "8.3.3": "Assurance and oversight methods: outputs are sampled and reviewed by people.",
    "8.3.4": "Automated or agent-based systems.",
    "9.1": "Disclosure: people are told when GenAI was used and its role.",
    "9.2": "Documentation and audit logs.",
    "9.3": "Public communication and stakeholder engagement.",
    "9.3.1": "Algorithmic transparency recording standard (ATRS).",
    "10.2": "Data quality and labelling; records of access.",
    "10.3": "Data protection and privacy: personal data is minimised, redacted or pseudonymised.",
    "10.4": "Data protection impact assessment (DPIA) before personal data is processed.",
    "10.5": "Data security: access by role and least privilege; security classification respected.",
    "10.6": "Retention of data and records.",
    "11.4": "Withdrawal or pause conditions: the governance authority may pause or withdraw a tool.",
    "15": "Training and awareness.",
    "16": "Review.",
    "17": "Acknowledgment of the policy.",
}


def clause_text(number: str | None, overrides: Mapping[str, str] | None = None) -> str:
    """The clause's wording (the organisation's own if configured), or "" for an unknown clause."""
    if not number:
        return ""
    if overrides and number in overrides:
        return overrides[number]
    return TEMPLATE_CLAUSES.get(number, "")
