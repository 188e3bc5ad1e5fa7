"""Name-shaped phrases that are not people: streets and places built on a name word ("Holly Lane",
"Sutton Heath"), and well-known UK organisations named after their founders ("John Lewis"). A title
before the phrase ("Mrs Holly Lane") still makes it a person."""

from __future__ import annotations

import regex

from detectors.pii_name_facilities import named_facility
from detectors.pii_name_rules import TITLES
from detectors.pii_name_works import cultural_subject, work_title
from detectors.structure_cell import cell_key
from detectors.structure_keys import names_a_thing

# Heads that make a street or a place of the word(s) before them. Those that are never surnames stand
# alone; those that are also surnames (Lane, Heath, Chase, ...) need a place preposition before.
_STREET = (
    r"road|rd|street|st|avenue|ave|drive|crescent|terrace|gardens|grove|mews|parade|boulevard|walk|"
    r"row|square|place|way|court|close|lane|hill|green|park|common|heath|chase|forest|wood|woods|"
    r"moor|vale|valley|fields|field|meadow|meadows|bridge|brook|end|cross|gate|wharf|quay|estate"
)
_NEVER_SURNAME = frozenset(
    {"road", "rd", "street", "avenue", "ave", "drive", "crescent", "terrace", "gardens", "mews", "parade",
     "boulevard", "square", "estate", "quay", "wharf", "meadows", "fields", "woods", "common"}
)
_HEAD = regex.compile(rf"(?i)[ \t]+({_STREET})\b\.?")
_PLACE_PREP = regex.compile(
    r"(?i)\b(?:on|in|at|along|near|off|from|to|into|onto|via|by|around|round|across|through|up|down|"
    r"past|opposite|behind|outside|beside)[ \t]+(?:the[ \t]+)?\Z"
)
_TITLE_BEFORE = regex.compile(rf"\b{TITLES}\.?[ \t]+\Z")

# UK retailers, charities and firms whose names are a person's name.
_ORGANISATIONS = regex.compile(
    r"\b(?:John Lewis|Marks (?:&|and) Spencer|Marie Curie|Sue Ryder|Laura Ashley|Ted Baker|"
    r"Dorothy Perkins|Ernest Jones|Harvey Nichols|Jack Wills|Ann Summers|Miss Selfridge|Kurt Geiger|"
    r"Paul Smith|Fortnum (?:&|and) Mason|Ben (?:&|and) Jerry['’]s|Harry Ramsden['’]s|Thomas Cook|"
    r"Arnold Clark|David Lloyd|Peter Jones|Oliver Bonas|Stanley Gibbons|Joseph Rowntree|Ronald McDonald|"
    r"Bernard Matthews|Warburtons|Sainsbury['’]?s?|Morrisons|WH ?Smith|W ?H Smith|Hugo Boss|"
    r"Calvin Klein|Ralph Lauren|Tommy Hilfiger|Frankie (?:&|and) Benny['’]s|Mamas (?:&|and) Papas|"
    r"Barnardo['’]s|Macmillan|Lloyds|Barclays|Greggs|Wetherspoons?|J ?D Wetherspoon)\b"
)


def _head_after(text: str, start: int, end: int) -> str | None:
    """The street/place head that ends the span or follows it."""
    last = text[start:end].split()[-1]
    if regex.fullmatch(rf"(?i:{_STREET})\.?", last) and len(text[start:end].split()) > 1:
        return last.rstrip(".").lower()
    m = _HEAD.match(text, end)
    return m.group(1).lower() if m else None


def _head_end(text: str, start: int, end: int) -> int:
    m = _HEAD.match(text, end)
    return m.end() if m else end


# Places are listed with places: an item of a list ("A Close, B Lane and C Street") whose neighbour is
# a street or place. A place-type noun after one place or a list of them ("X Grove and Y Hill wards")
# makes all of them place names.
_LINK = r"[ \t]*(?:,|;|&|/|\band\b|\bor\b)[ \t]*"
_CAPS_RUN = r"(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}"
_SIBLING_BEFORE = regex.compile(rf"(?i:{_CAPS_RUN}({_STREET})\.?){_LINK}\Z")
_SIBLING_AFTER = regex.compile(rf"{_LINK}{_CAPS_RUN}(?i:({_STREET}))\b")
_PLACE_NOUN = (
    r"wards?|estates?|areas?|parish(?:es)?|villages?|districts?|neighbourhoods?|localities|suburbs?|"
    r"stations?|librar(?:y|ies)|schools?|primary|academy|surger(?:y|ies)|parks?|roads?|streets?|"
    r"allotments?|depots?|sites?|branch(?:es)?|communit(?:y|ies)|conservation|recreation|playing|"
    r"cemetery|church|chapel|leisure|residents?|households?|addresses|postcodes?|bus|tram|car"
)
_PLACE_NOUN_AFTER = regex.compile(
    rf"(?:{_LINK}(?:\p{{Lu}}[\p{{L}}'’-]*[ \t]+){{0,3}}\p{{Lu}}[\p{{L}}'’-]*){{0,4}}[ \t]+(?i:{_PLACE_NOUN})\b"
)


def _listed_with_places(text: str, start: int, head_end: int, head: str) -> bool:
    before = _SIBLING_BEFORE.search(text, max(0, start - 60), start)
    after = _SIBLING_AFTER.match(text, head_end)
    heads = [m.group(1).lower() for m in (before, after) if m is not None]
    if any(h in _NEVER_SURNAME for h in heads):
        return True
    return bool(_PLACE_NOUN_AFTER.match(text, head_end))


def street_or_place(text: str, start: int, end: int) -> bool:
    """"Holly Lane", "on Mercer Road", "at Hatfield Chase", "Ivy Close, Lark Lane", "X Grove and Y
    Hill wards": a street or a place, not a person."""
    head = _head_after(text, start, end)
    if head is None:
        return False
    before = text[max(0, start - 24):start]
    if _TITLE_BEFORE.search(before):
        return False
    if head in _NEVER_SURNAME or _PLACE_PREP.search(before):
        return True
    return _listed_with_places(text, start, _head_end(text, start, end), head)


# prepositions that take a place and hardly ever a person ("to", "from", "by" take either)
_ONLY_PLACE_PREP = regex.compile(
    r"(?i)\b(?:in|at|near|via|around|across|outside|inside|into|towards|throughout)[ \t]+(?:the[ \t]+)?\Z"
)


def after_place_preposition(text: str, start: int) -> bool:
    """"in ...", "near the ...": what follows names a place."""
    return bool(_ONLY_PLACE_PREP.search(text[max(0, start - 24):start]))


def organisation(text: str, start: int, end: int) -> bool:
    """The span lies inside a well-known organisation's name (and no title makes it a person)."""
    if _TITLE_BEFORE.search(text[max(0, start - 24):start]):
        return False
    lo = max(0, start - 30)
    return any(m.start() <= start and end <= m.end() for m in _ORGANISATIONS.finditer(text, lo, end + 30))


def in_thing_column(text: str, start: int, end: int) -> bool:
    """The span is the whole value of a column or key that names places or organisations ("venue",
    "site", "employer"), so a name-shaped value there ("Victoria Hall") is that place."""
    if "\n" not in text and ":" not in text and "=" not in text:
        return False
    key = cell_key(text, start, end)
    return key is not None and names_a_thing(key)


# An elected office "for" somewhere names the area it represents: "Member of Parliament for <X>",
# "<X>" after "Senedd Member for", "councillor for", "MSP for". What follows is a constituency, ward
# or region, not a person (a person is never what an office holder is "member for").
_OFFICE_FOR = regex.compile(
    r"(?i:\b(?:member(?:[ \t]+of[ \t]+(?:the[ \t]+)?[\p{L}'’ \t]{2,40}?)?|councillor|representative|"
    r"candidate|senedd[ \t]+member|assembly[ \t]+member|MPs?|MSPs?|MSs?|MLAs?|MEPs?)[ \t]+for[ \t]+(?:the[ \t]+)?)\Z"
)
# A lower-case electoral or civic area noun straight after a capitalised run makes the run that area's
# name ("<X> ward", "<X> division", "<X> constituency"); a surname would be capitalised ("Ward").
_AREA_NOUN_AFTER = regex.compile(r"[ \t]+(?:wards?|division|constituency|parish|electoral[ \t]+ward)\b")


def represented_area(text: str, start: int, end: int) -> bool:
    """"Member of Parliament for <X>", "<X> ward": the span names an area an office represents."""
    return bool(_OFFICE_FOR.search(text, max(0, start - 70), start) or _AREA_NOUN_AFTER.match(text, end))


def not_a_person(text: str, start: int, end: int) -> bool:
    return (
        street_or_place(text, start, end) or organisation(text, start, end) or in_thing_column(text, start, end)
        or represented_area(text, start, end)
        or work_title(text, start) or cultural_subject(text, start) or named_facility(text, start, end)
    )
