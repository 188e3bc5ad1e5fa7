"""Context-dependent recognizers: dates of birth (a date in a birth context) and street addresses.

An ordinary date is never a finding; only a date that follows a birth cue ("DOB", "born", "date of
birth") is. A street address is a house number or flat/building prefix followed by capitalised
words ending in a street-type word; a bare street name only counts when a postcode follows it.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer

from detectors.pii_ids import cued

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# every way UK records write a date: 12/3/87, 12.03.1987, 1987-03-12, 1987/03/12, 3rd March 1987,
# 12-Mar-87, 12 Mar 87, March 3rd, 1987, 19870312
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    rf"|{_DAY}(?: of)?[ -]{_MONTH},?[ -](?:\d{{4}}|\d{{2}}(?!\d))"
    rf"|{_MONTH} {_DAY},? \d{{4}}"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
)
_BIRTH_CUE = r"\b(?:DOB|D\.O\.B|date of birth|birth ?date|birthday|born(?: on)?|b\.)[^\n\d]{0,12}"


class StewardDateOfBirthRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="DATE_OF_BIRTH", name="StewardDateOfBirthRecognizer",
            patterns=[Pattern("dob", cued(_BIRTH_CUE, _DATE + r"(?!\d)"), 0.85)],
            global_regex_flags=regex.IGNORECASE | regex.MULTILINE,
        )


_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Rise|Mount|Grove|Place|Court|"
    "Gardens|Gdns|Terrace|Walk|Hill|Row|Square|Parade|View|Mews|Green|Park|Vale|Gate|Fold|Croft|Wharf|"
    "Yard|Lea|Meadows?|Brow|Bank|Chase|End|Heights|Boulevard|Approach|Quay|Path|Dene|Garth|Glade|Glen|"
    "Nook|Orchard|Ridge|Villas|Wynd|Circus|Embankment|Broadway|Promenade|Crossway|Close|Fields?|Side"
)
_BUILDING_TYPES = (
    "House|Court|Tower|Lodge|Buildings?|Mansions|Cottages?|Apartments|Point|Hall|Heights|Place|Works|"
    "Mill|Chambers|Block|Rectory|Vicarage|Farm|Farmhouse|Barn|Manor|Grange"
)
_CAP = r"\p{Lu}[\p{Ll}'’-]+"
_NAME_WORDS = rf"{_CAP}(?: {_CAP}){{0,2}}"
_FLAT = r"(?:(?:Flat|Apartment|Apt|Unit|Room|Suite)\.? \d+[A-Za-z]?,? )"
_BUILDING = rf"(?:{_NAME_WORDS} (?:{_BUILDING_TYPES}),? )"
_NUMBER = r"(?:\d{1,4}[A-Za-z]?(?:-\d{1,4})?,? )"
_STREET = rf"{_NAME_WORDS} (?:{_STREET_TYPES})\b"
_POSTCODE_AHEAD = r"(?=(?:,? [\p{L} ]{2,30})?,? [A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b)"

_ADDRESS_PATTERNS = [
    Pattern("numbered", rf"\b{_FLAT}?{_BUILDING}?{_NUMBER}{_STREET}", 0.8),
    Pattern("flat_or_building", rf"\b(?:{_FLAT}{_BUILDING}?|{_BUILDING}){_NUMBER}?{_STREET}", 0.75),
    Pattern("street_then_postcode", rf"\b{_STREET}{_POSTCODE_AHEAD}", 0.6),
    Pattern("flat_building_only", rf"\b{_FLAT}{_NAME_WORDS} (?:{_BUILDING_TYPES})\b", 0.6),
]


class StewardStreetAddressRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS", name="StewardStreetAddressRecognizer",
            patterns=list(_ADDRESS_PATTERNS), global_regex_flags=regex.MULTILINE,
        )


def context_recognizers() -> list[PatternRecognizer]:
    return [StewardDateOfBirthRecognizer(), StewardStreetAddressRecognizer()]
