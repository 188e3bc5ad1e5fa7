"""Apply a decision's per-class actions to one text: redact to `<ENTITY>`, pseudonymise to `<ENTITY_n>`.

Only spans whose class is to be transformed take part in overlap resolution, so an allowed span can
never shadow one that must be removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from config.base import Action
from detectors.base import Finding
from policies.operators import Pseudonymiser, entity_tag, resolve_overlaps

TRANSFORMING = (Action.REDACT, Action.PSEUDONYMISE)


def preview_actions(actions: Mapping[str, Action]) -> dict[str, Action]:
    """For dry runs: what would be blocked is shown redacted, so a preview never echoes it."""
    return {cls: Action.REDACT if action is Action.BLOCK else action for cls, action in actions.items()}


def to_transform(findings: Sequence[Finding], class_actions: Mapping[str, Action]) -> list[Finding]:
    return [f for f in findings if f.is_span and class_actions.get(f.finding_class) in TRANSFORMING]


def transform(text: str, findings: Sequence[Finding], class_actions: Mapping[str, Action],
              pseudonymiser: Pseudonymiser) -> str:
    parts: list[str] = []
    pos = 0
    for f in resolve_overlaps(len(text), to_transform(findings, class_actions)):
        parts.append(text[pos:f.start])
        value = text[f.start:f.end]
        if class_actions[f.finding_class] is Action.PSEUDONYMISE:
            whole = Finding(f.entity, 0, len(value), f.score, f.detector, f.label)
            parts.append(pseudonymiser.pseudonymise(value, [whole]))
        else:
            parts.append(f"<{entity_tag(f.entity)}>")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def introduce_people(pseudonymiser: Pseudonymiser, texts: Iterable[str],
                     per_text: Iterable[Sequence[Finding]]) -> None:
    """Tell the pseudonymiser every person name in the request before any field is transformed, so one
    person gets one placeholder across all fields (full name, given name, surname, title + surname)."""
    pseudonymiser.introduce_people(
        text[f.start:f.end] for text, found in zip(texts, per_text, strict=True)
        for f in found if f.entity == "PERSON"
    )
