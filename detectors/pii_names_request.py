"""Person names across the fields of one request, after each field has been scanned on its own.

Two facts about a request as a whole:

- **Coreference.** A request is one conversation or one document split into fields (messages, tool
  arguments, form fields); a name part standing alone in one field ("Pellow", "idris") after the full
  name appeared in another field is the same person. Every field is searched for the parts of every
  person name found anywhere in the request, in the forms `pii_names` accepts for later mentions.
- **The council's register of public figures** (`config.public_figures`): a register entry's full name
  is kept wherever it appears; a part of it (surname alone, "Cllr" + surname) is kept where the full
  name appears in the request or where it is in a public role, unless a personal title ("Mrs",
  "Mr") marks a resident who shares it.

Before both, `pii_names_fields` adds what a field's key or whole value gives away. Runs on the
findings of the per-field scan (any detector's PERSON findings, including structure-aware
ones), so it needs no model and costs one regex pass per field.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from config.public_figures import PublicFigures
from detectors.base import Finding
from detectors.pii_name_public import in_public_role
from detectors.pii_names import MENTION_SCORE, RULE_SCORE, beside_names, mention_pattern, name_parts
from detectors.pii_names_fields import Path, field_findings

_WORD = regex.compile(r"[\p{L}][\p{L}'’-]*")
_PERSONAL_TITLE = regex.compile(r"(?i:\b(?:mr|mrs|ms|miss|mx|master)\.?[ \t]+)\Z")
DETECTOR = "personal_data"


def _words(value: str) -> tuple[str, ...]:
    return tuple(w.casefold().rstrip("'’") for w in _WORD.findall(value))


class Register:
    """The written forms of the register's names, by their words."""

    def __init__(self, config: PublicFigures) -> None:
        self.full = {_words(form) for p in config.people for form in (p.name, *p.aliases)}
        self.full.discard(())
        self.parts = {w for words in self.full for w in words if len(w) > 1}

    def __bool__(self) -> bool:
        return bool(self.full)

    def present(self, texts: Sequence[str]) -> set[str]:
        """Words of the register names whose full form appears somewhere in the request."""
        joined = [" ".join(_words(t)) for t in texts]
        return {w for words in self.full if any(_contains(j, words) for j in joined) for w in words}

    def keeps(self, text: str, start: int, end: int, present: set[str]) -> bool:
        words = _words(text[start:end])
        if not words:
            return False
        if words in self.full:
            return True
        if not set(words) <= self.parts or _PERSONAL_TITLE.search(text[max(0, start - 12):start]):
            return False
        return set(words) <= present or in_public_role(text, start, end)


def _contains(joined: str, words: tuple[str, ...]) -> bool:
    return regex.search(rf"(?<!\S){regex.escape(' '.join(words))}(?!\S)", joined) is not None


def settle_names(
    texts: Sequence[str], per_text: Sequence[Sequence[Finding]], public_figures: PublicFigures,
    paths: Sequence[Path] | None = None,
) -> list[list[Finding]]:
    """Per-text findings with what the fields' keys and whole values say added (`pii_names_fields`;
    `paths` are the fields' places in the request, e.g. ("metadata", "client")), register figures
    kept out and name parts marked across fields."""
    register = Register(public_figures)
    out = field_findings(texts, paths if paths is not None else [()] * len(texts), per_text)
    for i, text in enumerate(texts):
        _add_beside(text, out[i])
    kept: list[list[tuple[int, int]]] = [[] for _ in texts]
    if register:
        present = register.present(texts)
        for i, text in enumerate(texts):
            public = [f for f in out[i] if f.entity == "PERSON" and register.keeps(text, f.start, f.end, present)]
            kept[i] = [(f.start, f.end) for f in public]
            out[i] = [f for f in out[i] if f not in public]
    if len(texts) > 1:
        _mark_mentions(texts, out, kept)
    return out


def _add_beside(text: str, found: list[Finding]) -> None:
    """Names beside a name a field's key or value gave away ("SURNAME, Given"; "X and Given")."""
    names = [(f.start, f.end) for f in found if f.entity == "PERSON" and f.is_span]
    if not names:
        return
    taken = [(f.start, f.end) for f in found if f.is_span]
    for s, e in beside_names(text, names):
        if not any(s < te and ts < e for ts, te in taken):
            found.append(Finding("PERSON", s, e, RULE_SCORE, DETECTOR))
            taken.append((s, e))


def _mark_mentions(texts: Sequence[str], out: list[list[Finding]], kept: list[list[tuple[int, int]]]) -> None:
    parts: set[str] = set()
    for text, found in zip(texts, out, strict=True):
        parts |= name_parts(text, [(f.start, f.end) for f in found if f.entity == "PERSON"])
    pattern = mention_pattern(parts)
    if pattern is None:
        return
    for i, text in enumerate(texts):
        taken = [(f.start, f.end) for f in out[i] if f.is_span] + kept[i]
        for s, e in pattern.spans(text):
            if any(s < te and ts < e for ts, te in taken) or in_public_role(text, s, e):
                continue
            out[i].append(Finding("PERSON", s, e, MENTION_SCORE, DETECTOR))
            taken.append((s, e))
        out[i].sort(key=lambda f: (not f.is_span, f.start, f.end))
