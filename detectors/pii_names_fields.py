"""Personal data that a field's place in the request gives away, not its text.

A request is structured data too. Two facts about its fields, after each has been scanned alone:

- **The key names the field.** A string under a key that labels a personal field (`metadata.
  client_name`, `metadata.dob`, a message's `name`) is that field's value, whatever its text looks
  like: the key is the context a table header would be (`detectors.structure_keys`). A bare `name`
  key or an abbreviation (`nm`, `fn`) counts when the name lexicon reads the value as a person's
  name; identifier-shaped values ("ann_lee", "AnnLee", "ann-lee", as OpenAI's message `name` must be)
  are read by their words. A message's `name` names its participant: a person, unless its words say
  it is a program or a role ("triage_bot"), whether or not the lexicon knows the name.
- **A field that holds nothing but a name is a name.** A short field whose whole value reads as a
  person's name (a known given name and surname: `{"ref": "Cosmo Pellow"}`) needs no context; fields
  whose key says they hold a place, a team or an organisation are left.

Both add findings only where no finding is yet; neither needs the model.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from detectors.base import Finding
from detectors.pii_name_lexicon import reads_as_name
from detectors.pii_name_tokens import not_name_word
from detectors.structure_keys import classify_key, fit, key_words

SCORE = 0.75
DETECTOR = "personal_data.field"
_MAX_WHOLE = 60
_IDENTIFIER = regex.compile(r"[A-Za-z][A-Za-z'’]*(?:[_.-][A-Za-z][A-Za-z'’]*)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+")
_NOT_A_PERSON_KEY = frozenset(
    "city town location office site area region place ward borough county district village country street"
    " road locality venue building team department dept service org organisation organization company"
    " employer school hospital surgery practice model tool function title subject heading label category"
    " tag tags topic product project".split()
)

_TURNS = frozenset({"messages", "input"})      # the lists of turns in chat and Responses bodies
_PROGRAM_WORDS = frozenset(
    "bot assistant agent system tool function helper gpt ai llm model user admin support team service api"
    " app client server test demo example default copilot chatbot".split()
)

Path = Sequence[str | int]


def field_findings(texts: Sequence[str], paths: Sequence[Path], per_text: Sequence[Sequence[Finding]]
                   ) -> list[list[Finding]]:
    """Per-text findings with the findings the fields' keys and whole values give added."""
    out = [list(found) for found in per_text]
    for i, (text, path) in enumerate(zip(texts, paths, strict=True)):
        span = _participant(text, path) or _keyed(text, path) or _whole_name(text, path)
        if span is None:
            continue
        entity, start, end = span
        if any(f.is_span and f.start < end and start < f.end for f in out[i]):
            continue
        out[i].append(Finding(entity, start, end, SCORE, DETECTOR))
    return out


def _key(path: Path) -> str | None:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _participant(text: str, path: Path) -> tuple[str, int, int] | None:
    """A message's `name` is its participant's name: a person's, unless it names a program or a role
    ("helper_bot", "system", "triage-agent") or holds digits."""
    if len(path) < 3 or path[-1] != "name" or not isinstance(path[-2], int) or path[-3] not in _TURNS:
        return None
    stripped = text.strip()
    words = _words(stripped).split()
    if not 1 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return None
    if any(w.casefold() in _PROGRAM_WORDS for w in words) or not_name_word(words[-1]):
        return None
    lead = len(text) - len(text.lstrip())
    return "PERSON", lead, lead + len(stripped)


def _keyed(text: str, path: Path) -> tuple[str, int, int] | None:
    key = _key(path)
    field = classify_key(key) if key else None
    if field is None or len(text) > 200:
        return None
    span = fit(field, text) or _identifier_name(text, field.entity)
    if span is None:
        return None
    value = _words(text[span[0]:span[1]])
    if field.entity == "PERSON" and (field.strict or field.abbreviated) and not reads_as_name(value):
        return None
    return field.entity, span[0], span[1]


def _identifier_name(text: str, entity: str) -> tuple[int, int] | None:
    """A name written as an identifier ("ann_lee", "AnnLee") under a name key: the whole value."""
    stripped = text.strip()
    if entity != "PERSON" or not _IDENTIFIER.fullmatch(stripped):
        return None
    lead = len(text) - len(text.lstrip())
    return lead, lead + len(stripped)


def _words(value: str) -> str:
    """The words of a value, identifier-shaped values split ("ann_lee" -> "ann lee")."""
    stripped = value.strip()
    if _IDENTIFIER.fullmatch(stripped):
        return " ".join(key_words(stripped))
    return stripped


def _whole_name(text: str, path: Path) -> tuple[str, int, int] | None:
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_WHOLE or "\n" in stripped:
        return None
    key = _key(path)
    if key and set(key_words(key)) & _NOT_A_PERSON_KEY:
        return None
    words = _words(stripped)
    if not 2 <= len(words.split()) <= 4 or not reads_as_name(words):
        return None
    lead = len(text) - len(text.lstrip())
    return "PERSON", lead, lead + len(stripped)
