"""What a word is, for names in lower case or CAPITALS, where its shape says nothing.

Three published, offline word lists (none derived from any corpus or fake-data generator):

- given names: Jörg Michael's multinational first-name dictionary (`gender-guesser`'s nam_dict,
  about 48,000 names from Britain, Ireland, Europe, South Asia, the Arab world, East Asia, ...);
- surnames: the US Census Bureau's 1990 surname frequency list (`names`' dist.all.last, 88,799
  surnames; the English, Scottish, Irish, Welsh, South Asian and many other surnames common in the UK);
- ordinary English words: the GNU Collaborative International Dictionary of English (GCIDE, via
  `english-words`, about 114,000 headwords), plus spaCy's stop words; an inflected form ("goes",
  "needs", "visited", "calling") counts as the word it inflects. Webster's Second (web2, same
  package) writes proper nouns capitalised, so its lower-case entries that are also names ("rang",
  "said", "green") are names that are first of all everyday words.

A name part that is also an ordinary word ("will", "mark", "rose", "hope", "green", "brown") is
never enough on its own: the callers ask for a name that is no ordinary word or for strong context.

Two facts about spelling hold for every list: a name written with or without its diacritics is the
same name ("émilie" / "emilie", "müller" / "muller"), so every list is also keyed by its folded form;
and a double-barrelled (hyphenated) name is a name when its parts are ("ashworth-lund"): each part a
listed name or a word no dictionary knows, at least one of them a listed name.
Loaded once per process (`lexicon()`), at detector start, never at import, into one packed table
(`detectors.packed_words`): a word in several lists is stored once, with the lists it is in.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from detectors.packed_words import FlagView, PackedWords, merged, pack
from detectors.pii_name_tokens import not_name_word

_MIN_LEN = 2


# letters that Unicode does not decompose into a base letter and a mark
_UNDECOMPOSED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(word: str) -> str:
    """Case-folded, diacritics and apostrophes removed ("Émilie" -> "emilie", "O'Neill" -> "oneill"),
    as name lists and people write the same name either way; ASCII words cost two calls."""
    low = word.casefold().replace("'", "").replace("’", "")
    if low.isascii():
        return low
    low = low.translate(_UNDECOMPOSED)
    return "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))


def _with_folded(words: set[str]) -> set[str]:
    return words | {fold(w) for w in words if not w.isalpha() or not w.isascii()}


def _parts(word: str) -> list[str] | None:
    """The parts of a hyphenated word ("ashworth-lund" -> ["ashworth", "lund"]), or None."""
    if "-" not in word:
        return None
    parts = word.split("-")
    return parts if len(parts) <= 3 and all(len(p) >= _MIN_LEN for p in parts) else None


def _given_names() -> set[str]:
    out: set[str] = set()
    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 30:
                continue
            for variant in _variants(line.split()[1].casefold()):
                if len(variant) >= _MIN_LEN and variant.replace("-", "").replace("'", "").isalpha():
                    out.add(variant)
    return out


def _variants(name: str) -> tuple[str, ...]:
    """nam_dict writes compound names with '+' ("Jean+Luc"): joined, spaced and hyphenated."""
    if "+" not in name:
        return (name,)
    return tuple(name.replace("+", sep) for sep in ("", "-"))


def _surnames() -> set[str]:
    data = resources.files("names") / "dist.all.last"
    with data.open(encoding="ascii") as lines:
        return {row.split(None, 1)[0].casefold() for row in lines if row.strip()}


def _dictionary_words() -> set[str]:
    from english_words import get_english_words_set
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = get_english_words_set(["gcide"], alpha=True, lower=True)
    return words | set(STOP_WORDS)


def _plain_name_words(given: set[str], surnames: set[str]) -> set[str]:
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], alpha=True) if w.islower() and (w in given or w in surnames)}


# Inflectional endings and what they replace: "goes" -> "go", "carries" -> "carry", "visited" -> "visit".
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
            ("ing", "e"), ("ly", ""))


# Which lists a word is in (flags of one packed table: a word in several lists is stored once).
GIVEN, SURNAME, ENGLISH, PLAIN = 1, 2, 4, 8
_NAME = GIVEN | SURNAME


class NameLexicon:
    """The word lists as one packed table (`detectors.packed_words`, about 5 MB instead of 26 MB of sets);
    `given`, `surnames`, `english` and `plain` answer `word in ...` as the lists' sets would."""

    __slots__ = ("_flags", "english", "given", "plain", "surnames")

    def __init__(self, table: PackedWords) -> None:
        self._flags = table.flags
        self.given = FlagView(table, GIVEN)        # each name list also holds the folded form of its entries
        self.surnames = FlagView(table, SURNAME)
        self.english = FlagView(table, ENGLISH)    # dictionary headwords and stop words
        self.plain = FlagView(table, PLAIN)        # names that a dictionary writes in lower case (everyday words)

    def is_given(self, word: str) -> bool:
        return self._in(GIVEN, word) or self._compound(word, GIVEN, every=True)

    def is_surname(self, word: str) -> bool:
        return self._in(SURNAME, word) or self._compound(word, SURNAME, every=False)

    def is_name(self, word: str) -> bool:
        return self._in(_NAME, word) or self._compound(word, _NAME, False)

    def _in(self, lists: int, word: str) -> bool:
        """In any of `lists` (flags), as written or folded."""
        low = word.casefold()
        if self._flags(low) & lists:
            return True
        folded = fold(low)
        return folded != low and bool(self._flags(folded) & lists)

    def _compound(self, word: str, lists: int, every: bool) -> bool:
        """A hyphenated word whose parts are names (of `lists`): every part when `every`, otherwise at
        least one, the others listed names or words no dictionary knows."""
        parts = _parts(word.casefold())
        if parts is None:
            return False
        hits = [self._in(lists, p) for p in parts]
        if every:
            return all(hits)
        return any(hits) and all(h or self._unknown(p) for h, p in zip(hits, parts, strict=True))

    def _unknown(self, part: str) -> bool:
        return fold(part).isalpha() and not self._in(_NAME, part) and not self.is_ordinary(part)

    def _word(self, low: str) -> bool:
        return bool(self._flags(low) & ENGLISH)

    def is_ordinary(self, word: str) -> bool:
        """An ordinary English word (or an inflection of one): as a name it needs more than its spelling.
        A hyphenated word is ordinary when the dictionary has it or all its parts are ordinary."""
        low = word.casefold()
        if self._word(low) or self._stem(low) is not None:
            return True
        parts = _parts(low)
        return parts is not None and all(self._word(p) or self._stem(p) is not None for p in parts)

    def inflected_word(self, word: str) -> bool:
        """An inflected ordinary word ("needs", "goes", "agreed", "visiting"), unless it is a given name
        plus "s" (patronymic surnames: "Pritchards", "Parrys")."""
        found = self._stem(word.casefold())
        return found is not None and not (found[1] == "s" and bool(self._flags(found[0]) & GIVEN))

    def _stem(self, low: str) -> tuple[str, str] | None:
        for ending, replacement in _ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 2:
                stem = low[: -len(ending)] + replacement
                if self._word(stem):
                    return stem, ending
                doubled = ending in ("ed", "ing") and not replacement and stem[-1:] == stem[-2:-1]
                if doubled and self._word(stem[:-1]):
                    return stem[:-1], ending                        # "planning" -> "plan"
        return None

    def everyday_word(self, word: str) -> bool:
        """A name that is first of all an everyday word ("rang", "said", "green", "will")."""
        return bool(self._flags(word.casefold()) & PLAIN)

    def distinctive(self, word: str) -> bool:
        """A name part that is no ordinary word ("priya", "okafor"), so lower case alone cannot hide it."""
        return self.is_name(word) and not self.is_ordinary(word)


@cache
def lexicon() -> NameLexicon:
    return NameLexicon(PackedWords(*_packed_lists()))


def _packed_lists() -> tuple[bytes, bytes, int]:
    """The four lists packed; the lists themselves are freed on return (see `PackedWords`)."""
    given, surnames = _given_names(), _surnames()
    plain = _plain_name_words(given, surnames)
    lists = ((GIVEN, _with_folded(given)), (SURNAME, _with_folded(surnames)), (ENGLISH, _dictionary_words()),
             (PLAIN, plain))
    return pack(merged(lists))


# between a value's words: blanks, commas, and the "+", "." and "_" of form encodings and usernames
_VALUE_SEPARATORS = re.compile(r"[\s,+._]+")


def reads_as_name(value: str) -> bool:
    """Does a field value read as a person's name to the name lexicon? Two to four words, the first a
    known given name or every word a name, none an organisation or place word, every word a name or no
    dictionary word, not all of them everyday words ("Grace Hope"), the first a known given name, or
    every word a name, or the last a listed surname that is no dictionary word; or one listed name
    that is no everyday word ("Achterberg", "okafor")."""
    words = [w for w in _VALUE_SEPARATORS.split(value) if w]
    if not 1 <= len(words) <= 4 or any(not_name_word(w) for w in words):
        return False
    lex = lexicon()
    if not all(lex.is_name(w) or (w.isalpha() and not lex.is_ordinary(w)) for w in words):
        return False
    if all(lex.everyday_word(w) or w.casefold() in lex.english for w in words):
        return False
    if len(words) == 1:
        return lex.is_name(words[0])
    # a given name the list lacks is still followed by a listed surname ("Tavita Okonjo-Marsh")
    return lex.is_given(words[0]) or all(lex.is_name(w) for w in words) or (
        lex.is_surname(words[-1]) and not lex.everyday_word(words[-1]) and words[-1].casefold() not in lex.english
    )
