"""The public-figures register: people whose names are kept when they appear in their public role.

A council names its elected members, senior officers and local MPs in committee reports, minutes and
press releases; those names are public in that capacity and should reach the model, while a
resident's name in the same text is still removed. The register lists them (name + role) and is
maintained by the council; general role-context rules (a public office or title attached to a name:
"Cllr", "the Leader of the Council", "MP for ...") cover people not on it.

    public_figures:
      people:
        - {name: Amara Whitfield, role: Leader of the Council}
        - {name: Tomasz Brennan, role: Chief Executive, aliases: [Tom Brennan]}
      role_context: true
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from config.base import Strict

_NAME = Annotated[str, Field(min_length=2, max_length=120)]


class PublicFigure(Strict):
    name: _NAME                                         # as usually written: "Amara Whitfield"
    role: Annotated[str, Field(min_length=2, max_length=200)]   # "Leader of the Council", "MP for Eastwick"
    aliases: list[_NAME] = Field(default_factory=list)  # other written forms: "Tom Brennan"

    @field_validator("name", "aliases")
    @classmethod
    def _has_words(cls, value: str | list[str]) -> str | list[str]:
        for item in [value] if isinstance(value, str) else value:
            if not any(ch.isalpha() for ch in item):
                raise ValueError("a name needs letters")
        return value


class PublicFigures(Strict):
    """Names kept in their public role (clause 7.2 applies to residents, not to office holders acting
    in office). A register entry is kept when its full name appears, and so is a part of it (surname,
    title + surname) in a text where the full name appears or after a public title ("Cllr")."""

    people: list[PublicFigure] = Field(default_factory=list)
    role_context: bool = True       # also keep names attached to a public office in the text itself
