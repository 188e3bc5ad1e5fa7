"""Name-shaped phrases that are works or the subjects of public culture, not residents.

Two facts of English usage:

- A capitalised phrase straight after a capitalised possessive is a work or a thing the possessor made
  or owns ("Hardy's Tess of the d'Urbervilles", "Turner's Fighting Temeraire"): a person after a
  possessive is introduced by a relation noun ("Ann's son Tom"), which the name rules read.
- A person named as the subject or maker of a cultural work or public commemoration ("a lecture on X",
  "an exhibition about X", "novels by X", "a statue of X", "the X centenary") is a public or
  historical figure in that role, as "Cllr X" is an office holder: not a resident's personal data.
"""

from __future__ import annotations

import regex

from detectors.pii_name_tokens import not_name_word, ok_token

# a word in quotes ("'Bobby' ") ends in a closing quote, not a possessive apostrophe
_POSSESSOR = regex.compile(r"(?<![\"'‘“\p{L}])(\p{Lu}[\p{L}'’-]*)['’]s?[ \t]+\Z")
_WORK_BEFORE = regex.compile(
    r"(?i)\b(?:talks?|lectures?|exhibitions?|biograph(?:y|ies)|documentar(?:y|ies)|plays?|novels?|poems?|"
    r"poetry|works|paintings?|sculptures?|statues?|busts?|portraits?|centenary|bicentenary|"
    r"anniversary|festival|books?|films?|musicals?|operas?|songs?|symphon(?:y|ies)|letters|diaries|"
    r"study|studies|essays?|readings?|quotes?|quotations?)[ \t]+(?:on|about|of|by|celebrating|honouring|"
    r"honoring|featuring)[ \t]+(?:the[ \t]+(?:late[ \t]+|great[ \t]+)?)?\Z"
)


def work_title(text: str, start: int) -> bool:
    """A capitalised phrase after a capitalised possessive name ("Hardy's ...")."""
    m = _POSSESSOR.search(text, max(0, start - 40), start)
    if m is None:
        return False
    owner = m.group(1)
    # "It's", "That's", "Here's" are a pronoun and "is"; the possessor of a work is a name
    return ok_token(owner) and not not_name_word(owner) and owner.casefold() != "let"


def cultural_subject(text: str, start: int) -> bool:
    """The name is the subject or maker of a work or commemoration ("a talk on ...", "poems by ...")."""
    return bool(_WORK_BEFORE.search(text, max(0, start - 40), start))
