"""Person names: context rules + spaCy NER candidates, cleaned, public figures set aside, then every
later mention of an accepted name's parts (first name alone, surname alone, CAPITALS, possessive)
is marked too, so "Idris" is caught after "Service user: Idris Pellow".

Public figures: a name attached to a public office (`pii_name_public`: "Cllr X", "X, the Leader of
the Council", "X MP") is an office holder in their public role and is not personal data for
redaction; later mentions made only of that figure's name parts are left too.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from detectors.nlp import ner_persons
from detectors.pii_name_case import caseless_names, given_middle_surname, known_pairs
from detectors.pii_name_lexicon import lexicon
from detectors.pii_name_particles import given_with_particle_surname, with_particle_surnames
from detectors.pii_name_places import not_a_person
from detectors.pii_name_public import in_public_role
from detectors.pii_name_rows import list_mates_inline, message_authors, next_name_word, surname_first_rows
from detectors.pii_name_rules import NAME_TOKEN, lower_case_candidates, rule_candidates
from detectors.pii_name_slots import caseless_list_mates, slot_names
from detectors.pii_name_tokens import clean_span, not_name_word, ok_token, strip_word

RULE_SCORE = 0.85
NER_SCORE = 0.7
MENTION_SCORE = 0.75
CASELESS_SCORE = 0.8


class _Cover:
    """Is [s, e) inside any of a set of spans? O(log n) per query (sorted starts + running max end)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _e in ordered]
        self._max_end: list[int] = []
        for _s, e in ordered:
            self._max_end.append(max(e, self._max_end[-1]) if self._max_end else e)

    def contains(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self._starts, s) - 1
        return i >= 0 and self._max_end[i] >= e


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    score: float


class PersonNameFinder:
    """Finds person-name spans in one text; `nlp` is a loaded spaCy pipeline (or None: rules only)."""

    def __init__(self, nlp: Any | None) -> None:
        self.nlp = nlp

    def find(self, text: str, explained: Sequence[tuple[int, int]] = ()) -> list[NameSpan]:
        """Name spans; `explained` are spans other recognizers already claimed (skipped by NER)."""
        scored: dict[tuple[int, int], float] = {}
        _add(text, scored, ((s, e, RULE_SCORE) for s, e, _rule in rule_candidates(text)))
        _add(text, scored, ((s, e, RULE_SCORE) for s, e in _owners_of_addresses(text, explained)))
        _add(text, scored, ((s, e, RULE_SCORE) for s, e in (*message_authors(text), *surname_first_rows(text))))
        by_rule = set(scored)
        if self.nlp is not None:
            wants = _unexplained(text, [*explained, *scored], name_parts(text, scored), explained)
            ner = [span for s, e in ner_persons(self.nlp, text, wants) if (span := clean_span(text, s, e))]
            _add(text, scored, ((s, e, NER_SCORE) for s, e in ner if _person_context(text, s, e)))
        _add(text, scored, ((s, e, RULE_SCORE) for s, e in _list_mates(text, scored)))
        _add(text, scored, ((s, e, RULE_SCORE) for s, e in list_mates_inline(text, scored)))
        _add(text, scored, ((s, e, RULE_SCORE) for s, e in given_with_particle_surname(text)))
        lower = [*((s, e) for s, e, _rule in lower_case_candidates(text)), *slot_names(text)]
        caseless = [*caseless_names(text), *known_pairs(text), *given_middle_surname(text), *lower]
        for span in (*caseless, *caseless_list_mates(text, caseless)):
            scored.setdefault(span, CASELESS_SCORE)
            by_rule.add(span)
        beside = beside_names(text, scored)
        _add(text, scored, ((s, e, RULE_SCORE) for s, e in beside))
        by_rule.update(beside)
        _extend_over_particles(text, scored)
        _extend_over_next_name_word(text, scored, explained)
        _extend_over_previous_word(text, scored, explained)
        public = {sp for sp in scored if in_public_role(text, *sp)}
        public_parts = name_parts(text, public)
        # a model-only mention made of a public figure's name parts is that figure; a rule-backed one
        # ("Mrs Quarrie", "Tenant: ...") is a resident who shares the name
        private = {
            sp: sc for sp, sc in scored.items()
            if sp not in public and not not_a_person(text, *sp)
            and (sp in by_rule or not name_parts(text, [sp]) <= public_parts)
        }
        names = [NameSpan(s, e, sc) for (s, e), sc in private.items()]
        names.extend(self._mentions(text, name_parts(text, private), [*public, *explained], private))
        names = _extended_mentions(text, names, _Cover([*public, *explained]))
        return _join_touching(text, names)

    @staticmethod
    def _mentions(
        text: str, parts: set[str], skip: Sequence[tuple[int, int]], known: dict[tuple[int, int], float]
    ) -> list[NameSpan]:
        pattern = mention_pattern(parts, _lower_words(text, skip))
        if pattern is None:
            return []
        covered = _Cover([*skip, *known])
        return [NameSpan(s, e, MENTION_SCORE) for s, e in pattern.spans(text) if not covered.contains(s, e)]


def _extend_over_particles(text: str, scored: dict[tuple[int, int], float]) -> None:
    """A name followed by a particle surname ("... de la Tour", "... d'Orval") is the longer name."""
    for span in list(scored):
        longer = with_particle_surnames(text, [span])
        if longer:
            scored[longer[0]] = max(scored.pop(span), scored.get(longer[0], 0.0))


_MAX_NEXT_WORDS = 2      # a middle name and a surname


def _extend_over_next_name_word(
    text: str, scored: dict[tuple[int, int], float], explained: Sequence[tuple[int, int]]
) -> None:
    """A name followed, after one space, by a capitalised word that is no ordinary word is the longer
    name ("<Given> <Surname>" where only the given name was found; see `pii_name_rows`)."""
    lex = lexicon()
    cover = _Cover(explained) if explained else None
    for s, e in list(scored):
        end = e
        for _ in range(_MAX_NEXT_WORDS):
            nxt = next_name_word(text, end, lex)
            if nxt is None or (cover is not None and cover.contains(end + 1, nxt)) or not_a_person(text, s, nxt):
                break
            end = nxt
        if end != e and (s, end) not in scored:
            scored[(s, end)] = scored.pop((s, e))


_PREVIOUS_WORD = regex.compile(r"(?<![\p{L}\d'’.@-])(\p{Ll}{3,})[ \t]\Z")
_PREVIOUS_REACH = 40


def _extend_over_previous_word(
    text: str, scored: dict[tuple[int, int], float], explained: Sequence[tuple[int, int]]
) -> None:
    """A found name straight after a lower-case word that no dictionary knows is the longer name: the
    word is the given name the lexicon lacks, typed without its capital ("<given> <SURNAME>",
    "<given> <surname>" in text typed without capitals)."""
    lex = lexicon()
    cover = _Cover(explained) if explained else None
    for s, e in list(scored):
        m = _PREVIOUS_WORD.search(text, max(0, s - _PREVIOUS_REACH), s)
        if m is None or (s - 1, s) in scored:
            continue
        word = m.group(1)
        if lex.is_ordinary(word) or not_name_word(word) or not ok_token(word[:1].upper() + word[1:]):
            continue
        start = m.start(1)
        if (cover is not None and cover.contains(start, s)) or not_a_person(text, start, e):
            continue
        if (start, e) not in scored:
            scored[(start, e)] = scored.pop((s, e))


def _extended_mentions(text: str, names: list[NameSpan], skip: _Cover) -> list[NameSpan]:
    """Mentions too take the name word that follows them (see `_extend_over_next_name_word`)."""
    lex = lexicon()
    out = []
    for n in names:
        end = n.end
        for _ in range(_MAX_NEXT_WORDS if n.score == MENTION_SCORE else 0):
            nxt = next_name_word(text, end, lex)
            if nxt is None or skip.contains(end + 1, nxt) or not_a_person(text, n.start, nxt):
                break
            end = nxt
        out.append(NameSpan(n.start, end, n.score) if end != n.end else n)
    return out


def _join_touching(text: str, names: list[NameSpan]) -> list[NameSpan]:
    """Name spans separated only by one space or tab are one name ("<Given> <Middle>" + "<Surname>")."""
    if len(names) < 2:
        return names
    ordered = sorted(names, key=lambda n: (n.start, -n.end))
    out = [ordered[0]]
    for n in ordered[1:]:
        last = out[-1]
        gap = text[last.end:n.start]
        if n.start >= last.end and len(gap) == 1 and gap in " \t":
            out[-1] = NameSpan(last.start, n.end, max(last.score, n.score))
        else:
            out.append(n)
    return out


def _add(
    text: str, scored: dict[tuple[int, int], float], candidates: Iterable[tuple[int, int, float]]
) -> None:
    for s, e, score in candidates:
        span = clean_span(text, s, e)
        if span and scored.get(span, 0.0) < score:
            scored[span] = score


_PREV_PERSON_WORD = regex.compile(
    r"(?i:\b(?:told|asked|ask|tell|contact|contacted|named|thank|thanks|hi|dear|hello|met|visited|emailed|"
    r"phoned|rang|(?:spoke|spoken|talked|speak|talk|write|wrote|chatted|meet|meeting|visit) (?:to|with))"
    r"[ \t]+)\Z"
)
_NEXT_PERSON_WORD = regex.compile(
    r"\A[ \t]+(?:said|says|asked|asks|rang|agreed|explained|told|reported|wants|wanted|needs|needed|"
    r"visited|emailed|phoned|mentioned|confirmed|felt|feels|thinks|thought|stated|answered|lives|lived|"
    r"attended|declined|refused|missed|came|went|called)\b"
)


def _person_context(text: str, start: int, end: int) -> bool:
    """A multi-word NER name stands on its own; a single word needs a person cue next to it ("asked
    Dave", "Dave said"), which keeps one-word places, products and organisations out. (Table rows
    never reach the model; see `detectors.nlp`.)"""
    if len(text[start:end].split()) > 1:
        return True
    before = _PREV_PERSON_WORD.search(text, max(0, start - 20), start)
    return bool(before or _NEXT_PERSON_WORD.match(text, end))


# Two facts of how names sit next to each other: a surname typed in CAPITALS and set off by a comma
# before a given name is the surname-first order of registers and call logs ("FENWICK, Ada"); a
# capitalised word joined by "and"/"&" to a person's name is, in the same coordination, another person
# ("Ada and Tobiah", "Tobiah & Ada Fenwick"), unless it ends a longer capitalised phrase (a place or a
# body: "Oak Dene and ..."). The word must be able to be a name: no ordinary English
# word unless a listed name, no acronym; places and organisations are set aside later (`not_a_person`).
_CAPS_SURNAME_BEFORE = regex.compile(r"(?<![\p{L}'’-])(\p{Lu}{2,}[\p{Lu}'’]*(?:-\p{Lu}{2,}[\p{Lu}'’]*)?),[ \t]*\Z")
_JOINED_BEFORE = regex.compile(
    rf"(?<![\p{{L}}'’-])(?<!\p{{Lu}}[\p{{L}}'’-]*[ \t]+)({NAME_TOKEN})[ \t]+(?:and|&)[ \t]+\Z"
)
_JOINED_AFTER = regex.compile(rf"[ \t]+(?:and|&)[ \t]+({NAME_TOKEN})")


def beside_names(text: str, known: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Name words next to a found name: a CAPITALS surname before it, or a name joined to it by "and"."""
    lex = lexicon()
    found: list[tuple[int, int]] = []
    for s, e in known:
        if not_a_person(text, s, e):
            continue
        first = text[s:e].split()[0]
        caps = _CAPS_SURNAME_BEFORE.search(text, max(0, s - 40), s)
        if caps and lex.is_given(first) and len(caps.group(1)) > 3 and _may_be_name(caps.group(1), lex):
            found.append(caps.span(1))
        # "X and Given Surname": given names sharing one surname; "... and X": X a listed given name
        before = _JOINED_BEFORE.search(text, max(0, s - 40), s) if lex.is_given(first) and " " in text[s:e] else None
        after = _JOINED_AFTER.match(text, e)
        if before and not before.group(1).isupper() and _may_be_name(before.group(1), lex):
            found.append(before.span(1))
        if after and _listed_given(after.group(1), lex) and not _names_thing(text, after.end()):
            found.append(after.span(1))
    return found


_NEXT = regex.compile(r"[ \t]+(\p{L}+)")


def _names_thing(text: str, end: int) -> bool:
    m = _NEXT.match(text, end)
    return m is not None and (m.group(1)[0].isupper() or not_name_word(m.group(1)))


def _listed_given(word: str, lex: Any) -> bool:
    return bool(lex.is_given(word)) and not lex.is_ordinary(word)


def _may_be_name(word: str, lex: Any) -> bool:
    return lex.is_name(word) or not (lex.is_ordinary(word) or lex.is_ordinary(word.lower()))


_ADDRESS_WINDOW = 80
_RUN = regex.compile(rf"{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{1,3}}")


def _owners_of_addresses(text: str, explained: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A capitalised name next to an email address whose local part spells it ("Ann Lee" beside
    ann.lee@..., a.lee@..., annlee@...) is that address's owner: a person, whatever NER makes of it."""
    found: list[tuple[int, int]] = []
    for s, e in explained:
        local = text[s:e].partition("@")[0].casefold()
        if "@" not in text[s:e] or not local:
            continue
        lo, hi = max(0, s - _ADDRESS_WINDOW), min(len(text), e + _ADDRESS_WINDOW)
        for m in _RUN.finditer(text, lo, hi):
            words = [(w.start(), w.end()) for w in regex.finditer(r"\S+", text[:m.end()], pos=m.start())]
            found.extend(
                (words[i][0], words[j - 1][1])
                for i in range(len(words)) for j in range(i + 2, min(len(words), i + 4) + 1)
                if _spells(local, text[words[i][0]:words[j - 1][1]].casefold().split())
            )
    return found


def _spells(local: str, words: list[str]) -> bool:
    letters = regex.sub(r"[^\p{L}]", "", local)
    words = [regex.sub(r"[^\p{L}]", "", w) for w in words]
    first, last = words[0], words[-1]
    if not first:
        return False
    return len(last) > 1 and letters in (first + last, first[0] + last, "".join(words), last + first, last + first[0])


# (a row may be written surname first, set off by a comma: "<SURNAME>, <Given>")
_LIST_LINE = regex.compile(
    rf"(?m)^[ \t]*(?:[-*•]|\d{{1,2}}[.)])?[ \t]*({NAME_TOKEN}(?:,?[ \t]{NAME_TOKEN}){{1,2}})"
)


def _list_mates(text: str, known: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names listed one per line: a line opening with two or three name-like words, next to a line
    that opens with a known name, is a name too. One pass down and one up spread it along the list."""
    lines = [(m.start(1), m.end(1)) for m in _LIST_LINE.finditer(text)]
    starts = sorted(s for s, _e in known)
    named = [bisect.bisect_left(starts, s) < bisect.bisect_left(starts, e) for s, e in lines]
    found: list[tuple[int, int]] = []
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if named[i] or not _adjacent_named(text, lines, named, i):
                continue
            s, e = lines[i]
            words = list(regex.finditer(r"[^\s,]+", text[s:e]))
            while words and not all(ok_token(w.group()) for w in words):
                words.pop()
            if len(words) >= 2:
                found.extend(_comma_parts(s, words))
                named[i] = True
    return found


def _comma_parts(start: int, words: list[regex.Match[str]]) -> list[tuple[int, int]]:
    """The words of a row as name spans: one span, or two when the row is "<Surname>, <Given>"."""
    cut = next((i + 1 for i, w in enumerate(words[:-1]) if w.string[w.end():w.end() + 1] == ","), 0)
    parts = [words[:cut], words[cut:]] if cut else [words]
    return [(start + p[0].start(), start + p[-1].end()) for p in parts]


def _adjacent_named(text: str, lines: list[tuple[int, int]], named: list[bool], i: int) -> bool:
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and named[j]:
            lo, hi = sorted((lines[i][0], lines[j][0]))
            if text.count("\n", lo, hi) == 1:
                return True
    return False


_LOWER_WORD = regex.compile(r"\b\p{Ll}[\p{Ll}'’-]+\b")
_CONTRACTION = regex.compile(r"(?i)n['’]t$|['’](?:m|re|ll|ve|d)$")


def _lower_words(text: str, explained: Sequence[tuple[int, int]]) -> set[str]:
    """Lower-case words of the text outside other findings: an email address spells its owner's name
    in lower case ("ann.lee@..."), which says nothing about whether "Ann" is an ordinary word."""
    words: set[str] = set()
    pos = 0
    for s, e in sorted(explained):
        if s > pos:
            words.update(_LOWER_WORD.findall(text, pos, s))
        pos = max(pos, e)
    words.update(_LOWER_WORD.findall(text, pos))
    return words


def _unexplained(
    text: str, covered: Iterable[tuple[int, int]], known: set[str], explained: Sequence[tuple[int, int]] = ()
) -> Callable[[int, int], bool]:
    """Predicate: could the capitalised word at [s, e) be a name part nothing has explained yet?

    Not if it is a function/organisation word, in CAPITALS (a heading), a contraction, a known name
    part (later mentions are found without the model), inside another finding, a label ("Impact:"),
    or a word this same text also uses in lower case ("Risk" ... "the risk"), or an ordinary English
    word that is no known name part ("Medium", "Support"): such a word only heads a sentence or a
    title, and the model still sees it as context around any real name next to it."""
    cover = _Cover(covered)
    lower = _lower_words(text, explained)
    lex = lexicon()

    def wants(s: int, e: int) -> bool:
        word = strip_word(text, s, e)
        if not ok_token(word) or word in known or (word.isupper() and len(word) > 1):
            return False
        if word.lower() in lower or _CONTRACTION.search(word) or text.startswith(":", e):
            return False
        if lex.is_ordinary(word) and not lex.is_name(word):
            return False
        return not cover.contains(s, e)

    return wants


class MentionFinder:
    """Later mentions of name parts as whole words (not inside a longer run of letters and digits),
    the longest written form first, without matches overlapping: what a whole-word regex alternation
    of the forms finds, without compiling a pattern per request.
    Every form starts with a letter, so a mention starts where a run of letters/digits starts and
    that whole first run is the form's first segment."""

    def __init__(self, forms: Iterable[str]) -> None:
        self._by_head: dict[str, list[str]] = {}
        for form in sorted(forms, key=len, reverse=True):
            head = _WORD_RUN.match(form)
            if head is not None:
                self._by_head.setdefault(head.group(), []).append(form)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        end_of_last = 0
        for run in _WORD_RUN.finditer(text):
            start = run.start()
            if start < end_of_last:
                continue
            for form in self._by_head.get(run.group(), ()):
                end = start + len(form)
                if text.startswith(form, start) and (end == len(text) or not _word_char(text[end])):
                    yield start, end
                    end_of_last = end
                    break


_WORD_RUN = regex.compile(r"[\p{L}\d]+")


def _word_char(ch: str) -> bool:
    return ch.isalpha() or ch.isdecimal()


def mention_pattern(parts: set[str], lower_words: set[str] | None = None) -> MentionFinder | None:
    """A finder of later mentions of these name parts, as whole words in any of their written forms."""
    if not parts:
        return None
    return MentionFinder(_written_forms(parts, lower_words))


def name_parts(text: str, spans: Iterable[tuple[int, int]]) -> set[str]:
    """Name parts of the spans, title-cased ("idris" and "IDRIS" are the part "Idris")."""
    out = set()
    for s, e in spans:
        for tok in text[s:e].split():
            part = tok if not (tok.islower() or tok.isupper()) else tok[:1].upper() + tok[1:].lower()
            if len(part) == len(tok) and ok_token(part):
                out.add(part)
    return out


def _written_forms(parts: set[str], lower_words: set[str] | None) -> set[str]:
    """How a later mention of a part may be written: as found, in CAPITALS, and in lower case when the
    part is no ordinary word ("okafor", or a name the lexicon lacks; "mark", "rose", "will" no) and, if
    `lower_words` are given, the text uses it in lower case at all."""
    lex = lexicon()
    forms = set(parts) | {p.upper() for p in parts}
    lower = {p.lower() for p in parts if lex.distinctive(p) or not lex.is_ordinary(p)}
    return forms | (lower if lower_words is None else lower & lower_words)
