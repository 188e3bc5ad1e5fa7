"""Light, offline language identification for routing text to the detectors that can read it.

Function words identify a language from a handful of tokens: every language's most frequent words are
short closed-class words (articles, pronouns, prepositions, auxiliaries), and they barely overlap between
languages. `language(text)` counts them over at most the first `_MAX_TOKENS` words and returns an ISO 639-1
code, `"other"` for scripts with no Latin letters the detectors read (Arabic, Cyrillic, CJK, ...), or
`"und"` when there are too few words to tell. No model file, no network; cost is one regex pass.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from config.oversight import readable
from detectors.scan_scope import shared

_MAX_TOKENS = 400
_MIN_HITS = 3
_EARLY = 60  # tokens after which plainly English text stops counting
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to is are was were be been it that this with for on not you he she they we his her"
        " their have has had will would should can could do does did what which who a an in at by from or but",
        "cy": "y yr a ac ei eu yn yng ym mae oedd roedd bydd fydd ydy ydw oes gyda gan ar am i o wedi ddim"
        " dim hyn hynny fe fo hi nhw chi ni mi fy dy ein eich neu ond os pan sydd bod fod ynghylch hefyd"
        " iddo iddi ganddo ganddi atebwch dylem dylai gellir",
        "fr": "le la les un une des du de et est sont il elle ils elles nous vous je que qui dans pour pas"
        " avec sur au aux ce cette ces son sa ses leur mais ou par si ne été être avoir fait",
        "de": "der die das und ist sind nicht ein eine einen dem den des mit von zu für auf ich du er sie wir"
        " ihr auch aber oder wenn dass wie was wird werden hat haben",
        "es": "el la los las un una unos y es son no que de del en con por para se su sus lo al pero como"
        " más está están yo tú él ella nosotros",
        "it": "il lo la gli le un una uno e è sono non che di del della in con per su si suo sua ma come"
        " anche io tu lui lei noi voi loro questo",
        "pt": "o a os as um uma e é são não que de do da em com por para se seu sua mas como também eu"
        " você ele ela nós isso este esta",
        "nl": "de het een en is zijn niet van te in op met voor dat die ik je hij zij wij ook maar of als"
        " wat wordt worden heeft hebben",
        "pl": "i w na z że nie jest są do się to jak co ale czy od po ten ta jego jej ich mnie jestem być"
        " oraz dla przez",
        "ro": "și în la cu de pe nu este sunt un o că ce care mai pentru din ei ea noi voi dar sau fost",
        "tr": "ve bir bu da de için ile ne değil var yok çok ama gibi daha olarak ben sen o biz siz onlar",
        "so": "iyo waa ka ku ee in uu ay la aan waxaa wuxuu ayaa oo si ah u",
        "ur": "aur hai hain ka ki ke ko se mein nahi yeh woh kya",
    }.items()
}

_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)



def _latin_share(text: str) -> float:
    head = text[:2000]
    if head.isascii():  # every ASCII letter is Latin: most prompts end here, at C speed
        return 1.0
    # ASCII letters counted at C speed; only the (usually few) other characters are looked at one by one
    ascii_letters = len(head.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    others = [c for c in _NON_ASCII.findall(head) if c.isalpha()]
    if not (ascii_letters or others):
        return 1.0
    latin = ascii_letters + sum(1 for c in others if _is_latin(c))
    return latin / (ascii_letters + len(others))


_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def _others(counts: dict[str, int]) -> int:
    return max(n for lang, n in counts.items() if lang != "en")


def language(text: str) -> str:
    """ISO 639-1 code of the text's main language, "other" for non-Latin scripts, "und" if unknown."""
    return shared("langid.language", text, _remembered)


_MEMO: dict[bytes, str] = {}
_MEMO_SIZE = 512
_MEMO_LOCK = threading.Lock()


def _remembered(text: str) -> str:
    """`_language`, remembered per process by the text's digest (the text itself is not kept): the request
    path asks for the language of the same text more than once (the glossed views of two detectors, and the
    audit row's `request_language`), not always inside one scan scope."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    found = _MEMO.get(key)
    if found is not None:
        return found
    lang = _language(text)
    with _MEMO_LOCK:
        if len(_MEMO) >= _MEMO_SIZE:
            del _MEMO[next(iter(_MEMO))]  # oldest first: dicts keep insertion order
        _MEMO[key] = lang
    return lang


def _lowered_words(text: str) -> Iterator[str]:
    """The text's words, lower-cased, in order: read from the lower-cased text a stretch at a time (cut at a
    space, so no word is split), which is the same words when lower-casing kept every character one."""
    low = text.lower()
    if len(low) != len(text) or "\u03a3" in text:  # capital sigma lower-cases by its neighbours
        yield from (m.group().lower() for m in _WORD.finditer(text))
        return
    pos = 0
    while pos < len(low):
        end = low.find(" ", pos + _STRETCH)
        end = len(low) if end < 0 else end
        yield from _WORD.findall(low, pos, end)
        pos = end


_STRETCH = 1500  # characters of text tokenised at a time (most prompts stop after 60 words)


def _count(words: list[str], counts: dict[str, int]) -> None:
    """Add each language's function-word hits among `words` (tallied at C speed, then once per distinct word)."""
    for word, n in Counter(filter(_LANGS_OF.__contains__, words)).items():
        for lang in _LANGS_OF[word]:
            counts[lang] += n


def _language(text: str) -> str:
    if _latin_share(text) < 0.5:
        return "other"
    words = list(islice(_lowered_words(text), _MAX_TOKENS))
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    _count(words[:_EARLY], counts)
    # plainly English after the first _EARLY words: most prompts stop here
    if not (len(words) > _EARLY and counts["en"] >= 10 and counts["en"] >= 4 * _others(counts)):
        _count(words[_EARLY:], counts)
    best = max(counts, key=lambda lang: counts[lang])
    if counts[best] < (_MIN_HITS if counts["en"] else 2):
        return "und"
    # English text quoting a little Welsh stays English: a language must beat English clearly
    if best != "en" and counts[best] < 1.2 * counts["en"]:
        return "en"
    return best


def request_language(texts: list[str]) -> str:
    """The first language among the texts (of four words or more) that the detectors cannot read, else the
    language of the longest text: one unreadable message is enough to matter."""
    langs = [(len(t), language(t)) for t in texts if len(_WORD.findall(t[:200])) >= 4]
    for _, lang in langs:
        if not readable(lang):
            return lang
    return max(langs)[1] if langs else "und"
