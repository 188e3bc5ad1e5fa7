"""Personal data, secrets and special-category data in the model's answer, per use case (clause 10.3).

`OutputRedactor` is one request's output policy. It has the same text-mapping surface as the
`Pseudonymiser` (`restore`, `restore_json_string`, `stream_restorer`: a `TextMapper`), so the dialects'
restore points (`proxy/dialects/`) carry it through whole bodies and streams of every wire format
unchanged.

Streams: `OutputWindow` (one per streamed field) releases text as soon as it cannot be part of a value
still arriving: it holds back only a trailing run of identifier characters (letters, digits and the
punctuation identifiers are written with, spaces only next to a digit) that has a digit or such
punctuation in it, at most `MAX_HOLD` characters. Released text is screened with the field's own last
`LOOKBACK` characters (cue words) and, when another field released last, again with the last `LOOKBACK`
characters released by any field in arrival order (values split between fields). A value split across
any number of deltas -- one character each -- is scanned whole before its digits are released; a
finding that starts in already-released text (the letters of an email's local part before its first
`.`, `_` or `@`) has the rest of it redacted, so the value as a whole never reaches the caller.
Memory is bounded; nothing buffers the answer; the scan runs only when released text could hold a
finding (see `detectors.output_pii.triggered`).

Values the caller sent stay: a finding whose value (compared on letters and digits, case-folded) occurs
in the request's text is not acted on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import unquote

from config.output_handling import OutputAction, OutputHandling
from config.usecases import UseCase
from detectors.base import PERSONAL_DATA, SECRETS, SPECIAL_CATEGORY, Finding
from detectors.output_pii import OutputDataScanner, triggered
from policies.operators import entity_tag, resolve_overlaps

MAX_HOLD = 96  # the longest run held back (an email address, a spaced IBAN, a passport MRZ line fit)
LOOKBACK = 48  # released characters kept as context (a cue word before a number)
_RUN_PUNCTUATION = frozenset("@._%+-/#()'")
_PLAIN_WORD_TAIL = re.compile(r"(?:^|(?<=[\s,;:!?\"\]\[{}<>*]))(?:[^\W\d_][^\W\d_A-Z]*)?[^\W\d_A-Z]\Z")


class OutputWithheld(Exception):
    """The answer carried a finding class the use case blocks in output."""

    def __init__(self, labels: list[str], clause: str) -> None:
        super().__init__(", ".join(labels))
        self.labels = labels
        self.clause = clause


@lru_cache(maxsize=16)
def _scanner(disabled: frozenset[str], special_category: bool) -> OutputDataScanner:
    return OutputDataScanner(disabled, special_category=special_category)


def _letters_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).casefold()


class OutputRedactor:
    """One request's output policy: what to redact or block in the answer, and what the caller sent."""

    def __init__(self, handling: OutputHandling, resident_facing: bool, request_texts: Sequence[str],
                 disabled_entities: frozenset[str] = frozenset()) -> None:
        self.actions = {
            PERSONAL_DATA: handling.personal_data_action(resident_facing),
            SECRETS: handling.secrets,
            SPECIAL_CATEGORY: handling.special_category,
        }
        self.clause = handling.refusal_clause
        self._special_allowed = handling.special_category is OutputAction.ALLOW
        # the last characters released by any streamed field, in arrival order: the look-back every field
        # screens with, so a value split between fields (content and tool arguments, Responses event types)
        # is still seen whole
        self.released_tail = ""
        self.last_field: object = None  # the field that released last
        self._request_texts = [*request_texts, *handling.keep]
        self._request: str | None = None  # letters and digits of the request, built on first need
        self._scanner = _scanner(disabled_entities, handling.special_category is not OutputAction.ALLOW)

    @property
    def active(self) -> bool:
        return any(action is not OutputAction.ALLOW for action in self.actions.values())

    # -- the Pseudonymiser-shaped surface the dialects' restore points use (TextMapper) ---------------

    def restore(self, text: str) -> str:
        """A whole text (non-streamed answer, or a `.done` event's full value), screened."""
        return self.screen(text, 0, len(text))

    def restore_json_string(self, args: str) -> str:
        return self.screen(args, 0, len(args))

    def stream_restorer(self, *, json_string: bool = False) -> OutputWindow:
        return OutputWindow(self)

    # -- screening -------------------------------------------------------------------------------------

    def quiet(self, text: str) -> bool:
        """Text that cannot hold anything this policy acts on (the cheap gate before `screen`)."""
        return self._special_allowed and not triggered(text)

    def screen(self, text: str, start: int, end: int, *, streamed: bool = False) -> str:
        """`text[start:end]` with the findings to act on replaced; `text[:start]` is context only.
        Raises `OutputWithheld` if the use case blocks a class found there. `streamed`: special-category
        findings (whole statements, part of which may have been sent already) are withheld, not redacted."""
        if self.quiet(text[start:end]):
            return text[start:end]
        acted = [f for f in self._findings(text, start) if f.end > start and f.start < end]
        blocked = sorted({f.entity if not f.label else f.label for f in acted
                          if self.actions[f.finding_class] is OutputAction.BLOCK
                          or (streamed and f.finding_class == SPECIAL_CATEGORY)})
        if blocked:
            raise OutputWithheld(blocked, self.clause)
        spans = [f for f in acted if f.is_span or f.finding_class == SPECIAL_CATEGORY]
        return _replace(text, resolve_overlaps(len(text), [_as_span(f) for f in spans]), start, end)

    def _findings(self, text: str, start: int) -> list[Finding]:
        found: list[Finding] = []
        if self.actions[PERSONAL_DATA] is not OutputAction.ALLOW:
            found += self._scanner.personal_data(text, start)
        if self.actions[SECRETS] is not OutputAction.ALLOW and triggered(text[start:]):
            found += self._scanner.secrets(text)
        if self.actions[SPECIAL_CATEGORY] is not OutputAction.ALLOW:
            found += self._scanner.special_category(text)
        return [f for f in found if not self._in_request(text[f.start:f.end])]

    def _in_request(self, value: str) -> bool:
        needle = _letters_digits(unquote(value) if "%" in value else value)
        if not needle:
            return False
        if self._request is None:
            self._request = "|".join(_letters_digits(t) for t in self._request_texts)
        return needle in self._request


def _as_span(f: Finding) -> Finding:
    """Special-category findings are record-level; in output they are redacted as the span they cover."""
    return f if f.is_span else Finding("PERSONAL_DATA", f.start, f.end, f.score, f.detector, f.label)


def _replace(text: str, spans: list[Finding], start: int, end: int) -> str:
    """`text[start:end]` with each span (clipped to the range) replaced by its typed placeholder."""
    parts, pos = [], start
    for f in spans:
        lo, hi = max(f.start, start), min(f.end, end)
        if hi <= lo or lo < pos:
            continue
        tag = "SPECIAL_CATEGORY" if f.entity == "PERSONAL_DATA" and f.label else entity_tag(f.entity)
        parts += [text[pos:lo], f"<{tag}>"]
        pos = hi
    parts.append(text[pos:end])
    return "".join(parts)


def held_from(text: str) -> int:
    """Where the trailing run that may still grow into an identifier starts (len(text) if none).

    A run of letters alone is released (holding every word would delay each token) unless it is a short
    upper-case run (an IBAN's country, a NINO's prefix); a run with a digit or identifier punctuation is
    held, so every identifier with digits, and every email address from its
    first punctuation or `@` on, is scanned whole.

    A trailing space keeps the run before it held when that run has a digit: the next delta may carry
    the next group of a spaced number (`GB82 WEST 1234 ...`, `(020) 7946 ...`)."""
    end = len(text)
    if _PLAIN_WORD_TAIL.search(text, max(0, end - 40)):
        return end  # the common token: a word of lower-case or capitalised letters after a space
    if text.endswith(" "):
        start = _run_start(text, end - 1)
        return start if any(ch.isdigit() for ch in text[start:end - 1]) else end
    start = _run_start(text, end)
    run = text[start:end]
    held = run.isupper() and len(run) <= 8 or any(ch.isdigit() or ch in _RUN_PUNCTUATION for ch in run)
    return start if held else end


def _run_start(text: str, end: int) -> int:
    i, floor = end, max(0, end - MAX_HOLD)
    while i > floor:
        ch = text[i - 1]
        if ch.isalnum() or ch in _RUN_PUNCTUATION:
            i -= 1
        elif ch == " " and 1 < i < end and _joins(text[i - 2], text[i]):
            i -= 1
        else:
            break
    return i


def _joins(before: str, after: str) -> bool:
    """A space inside an identifier: between digit groups, or a digit group and an alphanumeric one."""
    return ((before.isdigit() or before == ")") and (after.isalnum() or after == "(")) or (
        before.isalnum() and after.isdigit())


class OutputWindow:
    """Screens one streamed field with a bounded hold-back and look-back (see module docstring)."""

    __slots__ = ("_redactor", "_held", "_context")

    def __init__(self, redactor: OutputRedactor) -> None:
        self._redactor = redactor
        self._held = ""
        self._context = ""  # this field's own look-back

    def feed(self, delta: str) -> str:
        buffer = self._held + delta if self._held else delta
        cut = held_from(buffer)
        if cut == 0:
            self._held = buffer
            return ""
        self._held = buffer[cut:]
        return self._release(buffer[:cut])

    def flush(self) -> str:
        held, self._held = self._held, ""
        return self._release(held)

    def _release(self, text: str) -> str:
        if not text:
            return ""
        redactor = self._redactor
        own, joint, previous = self._context, redactor.released_tail, redactor.last_field
        self._context = (own + text)[-LOOKBACK:]
        redactor.released_tail, redactor.last_field = (joint + text)[-LOOKBACK:], self
        if redactor.quiet(text) and (previous is self or not joint):
            return text
        out = redactor.screen(own + text, len(own), len(own) + len(text), streamed=True)
        if previous is not self and joint:  # another field spoke last: a value may span the two
            out = redactor.screen(joint + out, len(joint), len(joint) + len(out), streamed=True)
        return out


def without_disabled(per_field: list[list[Finding]], use_case: UseCase) -> list[list[Finding]]:
    """The request's findings less the identifier types the use case switched off."""
    disabled = use_case.data_handling.identifiers.disabled_entities()
    if not disabled:
        return per_field
    return [[f for f in found if f.entity not in disabled] for found in per_field]


def request_strings(body: object) -> tuple[str, ...]:
    """Every string in the caller's request body (scanned fields or not): what the caller sent."""
    out: list[str] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return tuple(out)
