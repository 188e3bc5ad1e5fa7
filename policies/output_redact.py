"""Personal data, secrets and special-category data in the model's answer, per use case (clause 10.3).

`OutputRedactor` is one request's output policy. It has the same text-mapping surface as the
`Pseudonymiser` (`restore`, `restore_json_string`, `stream_restorer`: a `TextMapper`), so the dialects'
restore points (`proxy/dialects/`) carry it through whole bodies and streams of every wire format
unchanged.

Streams: `OutputWindow` (one per streamed field) releases text as soon as it cannot be part of a value
still arriving. It holds back (at most `MAX_HOLD` characters):
- a trailing run of identifier characters (letters, digits and the punctuation identifiers are written
  with, spaces only next to a digit) that has a digit or such punctuation in it;
- a trailing run of capitalised words that may be a person's name or a street address: one that has a
  personal title, a house number or flat in front, or a word that is a given name or no ordinary English
  word (`detectors.output_names.might_be_name`); a run of ordinary words ("Kind regards", "The") is
  released at once. The run is released when a lower-case word, punctuation or a sentence end follows.
Released text is screened with the field's own last `LOOKBACK`..2x`LOOKBACK` characters (cue words,
titles) and, when another field released last, again with the last characters released by any field in
arrival order (values split between fields). A value split across any number of deltas -- one
character each -- is scanned whole before it is released; a finding that starts in already-released
text (an email's local part before its first `.`, `_` or `@`; a first name that is an ordinary word)
has the rest of it redacted, so the value as a whole never reaches the caller.

Cost: memory is bounded and nothing buffers the answer. Most deltas are a lower-case word: one regex
match releases them, and the screen is skipped unless the released text has a digit, `@`, `%`, a long
token or a capitalised word that may be a name; the secrets scan runs only with one of its hint words
in the window. Each released character is scanned a bounded number of times (as new text, then as
look-back context).

Values the caller sent stay: a finding whose value (compared on letters and digits, case-folded) occurs
in the request's text is not acted on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from string import ascii_letters, ascii_lowercase, digits
from urllib.parse import unquote

from config.output_handling import OutputAction, OutputHandling
from config.public_figures import PublicFigures
from config.usecases import UseCase
from detectors.base import PERSONAL_DATA, SECRETS, SPECIAL_CATEGORY, Finding
from detectors.output_names import PERSONAL_TITLES, OutputNameScanner, has_name_candidate, might_be_name
from detectors.output_pii import OutputDataScanner, personal_shaped, secret_hinted, triggered
from policies.operators import entity_tag, resolve_overlaps

MAX_HOLD = 96  # the longest run held back (an email address, a spaced IBAN, a passport MRZ line fit)
LOOKBACK = 48  # released characters kept as context at least (a cue word or title before a value)
_TRIM_AT = 2 * LOOKBACK  # look-back is trimmed back to LOOKBACK once it grows past this
_RUN_PUNCTUATION = frozenset("@._%+-/#()'")
# a delta of ASCII words, spaces and light punctuation: unless a capitalised word in it may be a name,
# no value this policy looks for can start or end in it
_PLAIN_DELTA = re.compile(r"[ \na-zA-Z,;:!?]+")
_LOWER_PLAIN = " \n" + ascii_lowercase + ",;:!?"  # `_PLAIN_DELTA` without capitals: nothing in it may be a name
_CAPITALISED_END = re.compile(r"[A-Z][A-Za-z]*\Z")  # a capitalised word that may still be growing
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[^\W\d_a-z]")  # a letter that is not ASCII lower-case (upper case, or to be checked)
_WORD_BREAK = frozenset(" \t\n\r,;:!?\"[]{}<>*")
_WORD_CHARS = frozenset("'’-.")
_ASCII_WORD_CHARS = ascii_letters + "'’-."
_ASCII_RUN_CHARS = ascii_letters + digits + "@._%+-/#()'"
_PARTICLES = frozenset({"de", "da", "di", "dos", "das", "du", "van", "von", "der", "den", "le", "la", "al", "el",
                        "bin", "ibn", "ben"})
_FLAT = r"(?<![A-Za-z])(?:Flat|Apartment|Apt|Unit|Room|Suite)\.? "
_FLAT_BEFORE = re.compile(_FLAT + r"\d{1,4}[A-Za-z]?,? \Z")
_FLAT_WORD = re.compile(_FLAT + r"\Z")
_NUMBER_BEFORE = re.compile(r"(?<![\w.,/-])\d{1,4}[A-Za-z]?,? \Z")
# One token, nothing held before it, that `held_from` always holds whole (after its leading space): a
# capitalised word (it may grow into a name: "Th" of "Thistlewood") or a run of digits (an identifier's).
_LONE_WORD = re.compile(r" ?([A-Z][a-z]*)")
_LONE_NUMBER = re.compile(r" ?([0-9]+)")
_LONE_CAPITAL = re.compile(r"[A-Z][a-z]*")  # one capitalised ASCII word (one `has_name_candidate` word)
# Lower-case words ending in a full stop ("the flat."): `held_from` holds the last word with its stop (a run
# with identifier punctuation that may continue: "j.moreau") and releases what is before it.
_WORD_STOP = re.compile(r"(?:[ \na-z,;:!?]*[ \n,;:!?])?([a-z]+\.)")


class OutputWithheld(Exception):
    """The answer carried a finding class the use case blocks in output."""

    def __init__(self, labels: list[str], clause: str) -> None:
        super().__init__(", ".join(labels))
        self.labels = labels
        self.clause = clause


@lru_cache(maxsize=16)
def _scanner(disabled: frozenset[str], special_category: bool) -> OutputDataScanner:
    return OutputDataScanner(disabled, special_category=special_category)


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is exactly str.isalnum() or "_"


def _letters_digits(text: str) -> str:
    return _NOT_ALNUM.sub("", text).casefold()


class OutputRedactor:
    """One request's output policy: what to redact or block in the answer, and what the caller sent."""

    def __init__(self, handling: OutputHandling, resident_facing: bool, request_texts: Sequence[str],
                 disabled_entities: frozenset[str] = frozenset(),
                 public_figures: PublicFigures | None = None) -> None:
        self.actions = {
            PERSONAL_DATA: handling.personal_data_action(resident_facing),
            SECRETS: handling.secrets,
            SPECIAL_CATEGORY: handling.special_category,
        }
        self.clause = handling.refusal_clause
        self._personal = self.actions[PERSONAL_DATA] is not OutputAction.ALLOW
        self._secrets = self.actions[SECRETS] is not OutputAction.ALLOW
        self._special = self.actions[SPECIAL_CATEGORY] is not OutputAction.ALLOW
        # the last characters released by any streamed field, in arrival order: the look-back every field
        # screens with, so a value split between fields (content and tool arguments, Responses event types)
        # is still seen whole
        self.released_tail = ""
        self.last_field: object = None  # the field that released last
        self._request_texts = [*request_texts, *handling.keep]
        self._request: str | None = None  # letters and digits of the request, built on first need
        self._scanner = _scanner(disabled_entities, self._special)
        self._names = OutputNameScanner(public_figures) if self._personal and "PERSON" not in disabled_entities \
            else None
        self._register_words: set[str] | None = None

    @property
    def screens_names(self) -> bool:
        return self._names is not None

    @property
    def screens_special(self) -> bool:
        return self._special

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
        if self._special or triggered(text):
            return False
        return self._names is None or not has_name_candidate(text)

    def screen(self, text: str, start: int, end: int, *, streamed: bool = False) -> str:
        """`text[start:end]` with the findings to act on replaced; `text[:start]` is context only.
        Raises `OutputWithheld` if the use case blocks a class found there. `streamed`: special-category
        findings (whole statements, part of which may have been sent already) are withheld, not redacted."""
        piece = text[start:end]
        hot = triggered(piece)
        named = self._names is not None and has_name_candidate(piece)
        if not (hot or named or self._special):
            return piece
        acted = [f for f in self._findings(text, start, hot, named) if f.end > start and f.start < end]
        if not acted:
            return piece
        blocked = sorted({f.entity if not f.label else f.label for f in acted
                          if self.actions[f.finding_class] is OutputAction.BLOCK
                          or (streamed and f.finding_class == SPECIAL_CATEGORY)})
        if blocked:
            raise OutputWithheld(blocked, self.clause)
        spans = [f for f in acted if f.is_span or f.finding_class == SPECIAL_CATEGORY]
        return _replace(text, resolve_overlaps(len(text), [_as_span(f) for f in spans]), start, end)

    def _findings(self, text: str, start: int, hot: bool, named: bool) -> list[Finding]:
        """Each scan runs only past its own cheap gate: `hot` (a digit, `@`, `%` or long token in the new
        text), `named` (a capitalised word in it that may be a name)."""
        found: list[Finding] = []
        if self._personal and hot and personal_shaped(text, start):
            found += self._scanner.personal_data(text, start)
        if self._names is not None and (hot or named):
            found += self._names.addresses(text, start)
        if named and self._names is not None:
            found += self._names.names(text, start, self._present())
        if self._secrets and hot and secret_hinted(text):
            found += self._scanner.secrets(text)
        if self._special:
            found += self._scanner.special_category(text)
        if not found:
            return found
        return [f for f in found if not self._in_request(text[f.start:f.end])]

    def _present(self) -> set[str]:
        if self._register_words is None:
            self._register_words = self._names.register_words(self._request_texts) if self._names else set()
        return self._register_words

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


def held_from(text: str, names: bool = True) -> int:
    """Where the trailing run that may still grow into a value starts (len(text) if none).

    Identifiers: a run of letters alone is released (holding every word would delay each token) unless
    it is a short upper-case run (an IBAN's country, a NINO's prefix); a run with a digit or identifier
    punctuation is held, so every identifier with digits, and every email address from its first
    punctuation or `@` on, is scanned whole. A trailing space keeps the run before it held when that run
    has a digit: the next delta may carry the next group of a spaced number (`GB82 WEST 1234 ...`).

    Names and addresses (`names`): a trailing run of capitalised words is held while it may be a name
    or a numbered street address (see the module docstring)."""
    end = len(text)
    if _plain_word_tail(text):
        return end  # the common token: a lower-case word after a space
    if text.endswith(" "):
        start = _run_start(text, end - 1)
        held = start if any(ch.isdigit() for ch in text[start:end - 1]) else end
    else:
        start = _run_start(text, end)
        run = text[start:end]
        held = run.isupper() and len(run) <= 8 or any(ch.isdigit() or ch in _RUN_PUNCTUATION for ch in run)
        held = start if held else end
    return min(held, _proper_run_start(text)) if names and _UPPER.search(text, max(0, end - MAX_HOLD)) else held


def _name_may_start(text: str) -> bool:
    """Plain text in which a name may start: a capitalised word that may be a name part or a title, or
    a capitalised word at the end that may still grow."""
    return has_name_candidate(text) or _CAPITALISED_END.search(text) is not None


def _name_may_start_after(held: str, delta: str) -> bool:
    """`_name_may_start(held + delta)` for plain `held` and `delta` (`delta` opening with a word break).
    The common case, one held capitalised ASCII word and lower-case words after it, is that word's own
    verdict: no other word can be a name part and nothing capitalised ends the text."""
    if _LONE_CAPITAL.fullmatch(held) and not delta.strip(_LOWER_PLAIN):
        return might_be_name(held) or held.casefold() in PERSONAL_TITLES
    return _name_may_start(held + delta)


def _plain_word_tail(text: str) -> bool:
    """Does `text` end with a word of lower-case letters that follows a space or punctuation (or starts it)?"""
    i = len(text.rstrip(ascii_lowercase))
    while i and text[i - 1].isalpha() and text[i - 1].islower():  # beyond ASCII
        i -= 1
    return i < len(text) and (i == 0 or text[i - 1] in _WORD_BREAK)


def _proper_run_start(text: str) -> int:
    """Start of a trailing run of capitalised words that may be a name or street address (len if none)."""
    end = len(text)
    floor = max(0, end - MAX_HOLD)
    i = end - 1 if text.endswith(" ") else end
    first = -1
    words: list[str] = []
    while i > floor:
        j = len(text[floor:i].rstrip(_ASCII_WORD_CHARS)) + floor
        while j > floor and (text[j - 1].isalpha() or text[j - 1] in _WORD_CHARS):
            j -= 1
        word = text[j:i]
        if not word:
            break
        last = not words
        if word[0].isupper() and not (word.isupper() and len(word.rstrip(".")) > 1):
            if word.endswith(".") and not _initial_or_title(word) and not last:
                break  # a sentence ended before this run (one ending with it is held until the next word)
            words.append(word)
            first = j
        elif not (words and word in _PARTICLES):
            break
        if j > floor and text[j - 1] == " " and j - 1 > floor and not text[j - 2].isspace():
            i = j - 1
        else:
            break
    if first < 0:
        return end
    number = _NUMBER_BEFORE.search(text, max(0, first - 8), first)
    if number is not None:  # a house or flat number: a street address may be arriving
        lo = number.start()
        flat = _FLAT_BEFORE.search(text, max(0, lo - 24), lo) or _FLAT_WORD.search(text, max(0, lo - 12), lo)
        return flat.start() if flat else lo
    if text[-1].isalpha():
        return first  # the last word may be the start of a longer one ("Th" of "Thistlewood"): wait for its end
    lex_words = [w.rstrip(".") for w in reversed(words)]
    if any(w.casefold() in PERSONAL_TITLES or might_be_name(w) for w in lex_words):
        return first
    return end


def _initial_or_title(word: str) -> bool:
    core = word.rstrip(".")
    return len(core) == 1 or core.casefold() in PERSONAL_TITLES


def _run_start(text: str, end: int) -> int:
    floor = max(0, end - MAX_HOLD)
    window = text[floor:end]
    i = len(window.rstrip(_ASCII_RUN_CHARS)) + floor  # the common characters at C speed, then one by one
    while i > floor:
        ch = text[i - 1]
        if ch.isalnum() or ch in _RUN_PUNCTUATION:
            i -= 1
        elif ch == " " and 1 < i < end and _joins(text[i - 2], text[i]):
            i -= 1
        else:
            break
        if i > floor and text[i - 1] in _ASCII_RUN_CHARS:
            i = len(text[floor:i].rstrip(_ASCII_RUN_CHARS)) + floor
    return i


def _joins(before: str, after: str) -> bool:
    """A space inside an identifier: between digit groups, or a digit group and an alphanumeric one."""
    return ((before.isdigit() or before == ")") and (after.isalnum() or after == "(")) or (
        before.isalnum() and after.isdigit())


class OutputWindow:
    """Screens one streamed field with a bounded hold-back and look-back (see module docstring)."""

    __slots__ = ("_redactor", "_held", "_context", "_names", "_plain_ok")

    def __init__(self, redactor: OutputRedactor) -> None:
        self._redactor = redactor
        self._held = ""
        self._context = ""  # this field's own look-back
        self._names = redactor.screens_names
        self._plain_ok = not redactor.screens_special  # special-category statements need every word screened

    def feed(self, delta: str) -> str:
        held = self._held
        if not held and self._plain_ok and delta and not delta.strip(_LOWER_PLAIN):
            # the common token: lower-case words, spaces and light punctuation with nothing held. No value can
            # start or end in it (what the general path below decides for it, found with one C-speed strip)
            redactor = self._redactor
            if redactor.last_field is not self:
                return self._release_text(delta)
            mine = self._context + delta
            self._context = mine if len(mine) <= _TRIM_AT else mine[-LOOKBACK:]
            both = redactor.released_tail + delta
            redactor.released_tail = both if len(both) <= _TRIM_AT else both[-LOOKBACK:]
            return delta
        if self._plain_ok and _PLAIN_DELTA.fullmatch(delta):
            if not held:
                if self._names and not delta.islower() and (lone := _LONE_WORD.fullmatch(delta)):
                    return self._hold(delta, lone.start(1))  # what `held_from` decides for it, found directly
                if delta.islower() or not (self._names and _name_may_start(delta)):
                    redactor = self._redactor
                    if redactor.last_field is not self:
                        return self._release_text(delta)
                    # `_release_plain` inlined: this is the path of most tokens
                    mine = self._context + delta
                    self._context = mine if len(mine) <= _TRIM_AT else mine[-LOOKBACK:]
                    both = redactor.released_tail + delta
                    redactor.released_tail = both if len(both) <= _TRIM_AT else both[-LOOKBACK:]
                    return delta
            elif delta[0] in _WORD_BREAK and _PLAIN_DELTA.fullmatch(held) and not (
                    self._names and _name_may_start_after(held, delta)):
                self._held = ""  # a held capitalised word turned out complete and ordinary ("We" + " have")
                return self._release_plain(held + delta)
        if held and delta[:1] in (" ", "\n") and not (held[:1].isupper() or _DIGIT.search(held)):
            # a held run without digits or capitals ("flat.", "j.mor") cannot continue past a space: it is
            # complete, and screened on its own before the new text is looked at
            self._held = ""
            return self._release(held) + self.feed(delta)
        if not held and (lone := _LONE_NUMBER.fullmatch(delta) or _WORD_STOP.fullmatch(delta)):
            return self._hold(delta, lone.start(1))  # what `held_from` decides for it, found directly
        buffer = held + delta if held else delta
        cut = held_from(buffer, self._names)
        if cut == 0:
            self._held = buffer
            return ""
        self._held = buffer[cut:] if cut < len(buffer) else ""
        return self._release(buffer[:cut] if self._held else buffer)

    def flush(self) -> str:
        held, self._held = self._held, ""
        return self._release(held)

    def _hold(self, delta: str, cut: int) -> str:
        """Nothing was held and `delta` is one word that may still grow: hold it from `cut`, release the rest."""
        self._held = delta[cut:]
        return self._release(delta[:cut])

    def _release_plain(self, text: str) -> str:
        """Words that cannot be part of a value and light punctuation, nothing held: nothing to look for
        in it; if this field spoke last, it is released as it is (kept as look-back only)."""
        redactor = self._redactor
        if redactor.last_field is not self:
            return self._release_text(text)
        mine = self._context + text
        self._context = mine if len(mine) <= 2 * LOOKBACK else mine[-LOOKBACK:]
        both = redactor.released_tail + text
        redactor.released_tail = both if len(both) <= 2 * LOOKBACK else both[-LOOKBACK:]
        return text

    def _release(self, text: str) -> str:
        if not text:
            return ""
        if text.isspace():
            return self._release_plain(text) if self._redactor.last_field is self else self._release_text(text)
        return self._release_text(text)

    def _release_text(self, text: str) -> str:
        redactor = self._redactor
        own, joint, previous = self._context, redactor.released_tail, redactor.last_field
        # look-back kept between LOOKBACK and 2 x LOOKBACK characters: trimmed once per LOOKBACK released
        mine = own + text
        self._context = mine if len(mine) <= 2 * LOOKBACK else mine[-LOOKBACK:]
        both = joint + text
        redactor.released_tail, redactor.last_field = both if len(both) <= 2 * LOOKBACK else both[-LOOKBACK:], self
        out = redactor.screen(mine, len(own), len(mine), streamed=True)  # gated: quiet text costs two checks
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
