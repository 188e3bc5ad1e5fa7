"""Named facilities and organisations: a person's name used as the name of a building, school, trust or
business is not that person.

The fact encoded: English (and Welsh) name an institution by putting a capitalised *head noun* of
the institution's kind after the honoured name ("<Name> House", "<Name> Primary School",
"<Name> Leisure Centre", "<Name> Health Board", "<Name> Trust", "<Name> & Sons", "<Name> Cymru") or,
in Welsh and for named storms and ships, before it ("Ysgol <Name>", "Canolfan <Name>", "Storm <Name>",
"HMS <Name>"). The head is part of the same capitalised run as the name, joined only by spaces (a comma
or a lower-case word between them is a list or a sentence: "<resident>, <school>" keeps the resident).
A title inside the run does not make it a person here: facilities are often named after a titled
person ("Sir <Name> School"). Heads that are also common surnames (Hall, Court, Park, Ward) are not
used: "<given> Hall" is as likely to be a resident.
"""

from __future__ import annotations

import regex

# Head nouns of institutions, buildings and organisations that are not (common) surnames.
_HEAD_AFTER = (
    r"house|centre|center|trust|foundation|school|primary|infants?|juniors?|academy|college|university|"
    r"hospital|hospice|surgery|clinic|library|museum|gallery|theatre|stadium|institute|society|"
    r"association|fund|charity|partnership|cymru|scotland|ltd|limited|plc|llp|homes|nursery|"
    r"building|buildings|tower|towers|memorial|arena|pavilion|chambers|appeal|bursary|scholarship|"
    r"lecture|prize|award|almshouses|estate|gardens|board|pharmacy|church|"
    r"chapel|mosque|synagogue|temple|gurdwara|cathedral|federation|"
    r"sons|daughters|brothers|bros|hub|lodge|grange|manor|cottages|barns|studios|works|depot|"
    r"sanctuary|retreat|lido|baths|workshop|lounge|club|clubhouse"
)
_HEAD_AFTER_RE = regex.compile(rf"(?i:{_HEAD_AFTER})\.?")
# Run-on words that continue a capitalised run after the name before its head ("<Name> Leisure Centre",
# "<Name> RC Primary", "<Name> & Sons").
_RUN_AFTER = regex.compile(r"\A(?:[ \t]+(?:&|and[ \t]+(?=Sons|Daughters)|\p{Lu}[\p{L}'’.-]*)){1,3}")
# Head words that open the name of a Welsh institution or another named thing.
_HEAD_BEFORE = regex.compile(
    r"(?i:ysgol|ysbyty|canolfan|coleg|prifysgol|cartref|capel|eglwys|neuadd|parc|theatr|amgueddfa|"
    r"llyfrgell|storm|hurricane|hms|rms|hmy|mv)"
)
_RUN_BEFORE = regex.compile(
    rf"\b(?=\p{{Lu}}){_HEAD_BEFORE.pattern}[ \t]+(?:(?:\p{{Lu}}[\p{{L}}'’.-]*|y|yr|'r|ap|ab)[ \t]+){{0,3}}\Z"
)


# A job after the run makes the head part of a job title ("<Name> School Nurse", "<Name> Library
# Assistant"): the name is then the person holding it.
_JOB = regex.compile(
    r"(?i)[ \t]*(?:nurse|officer|manager|team|lead|governor|teacher|worker|administrator|secretary|director|"
    r"head|caretaker|co-?ordinator|assistant|adviser|advisor|liaison|staff|volunteer|trustee|clerk|"
    r"receptionist|pharmacist|doctor|gp|chaplain|librarian|curator|member|employee|tenant|resident|pupil|"
    r"student|patient)\b"
)


def _head_in_run_after(text: str, start: int, end: int) -> bool:
    words = text[start:end].split()
    if len(words) > 1 and _HEAD_AFTER_RE.fullmatch(words[-1]):
        return not _JOB.match(text, end)
    run = _RUN_AFTER.match(text[end:end + 60])
    if run is None:
        return False
    tail = [w.rstrip(".") for w in run.group().replace("&", " ").split()]
    if _JOB.match(text, end + run.end()) or any(_JOB.fullmatch(w) for w in tail):
        return False
    return any(_HEAD_AFTER_RE.fullmatch(w) and w[0].isupper() for w in tail)


def _head_in_run_before(text: str, start: int, end: int) -> bool:
    first = text[start:end].split(maxsplit=1)
    if first and _HEAD_BEFORE.fullmatch(first[0]) and first[0][0].isupper() and len(first) > 1:
        return True
    return _RUN_BEFORE.search(text, max(0, start - 60), start) is not None


def named_facility(text: str, start: int, end: int) -> bool:
    """"<Name> House", "<Name> Primary School", "Ysgol <Name>", "Storm <Name>": the name of a place,
    institution, organisation or named event, not a person."""
    return _head_in_run_after(text, start, end) or _head_in_run_before(text, start, end)
