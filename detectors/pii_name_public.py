"""Public role, not public syntax: is a name attached to a public office in this text?

An office holder named in their office (a councillor in committee minutes, the council's chief
executive signing a report, an MP, a minister) acts in a public role, and that mention is not a
resident's personal data. The fact encoded here: a public office or title is *attached* to the name,
in any of the ways English attaches a role to a person:

- a title of office in front of it:     Cllr / Councillor / Alderman / Mayor / Minister / Rt Hon ...
- an office before it, in apposition:   "the Leader of the Council, X", "Chief Executive X",
                                        "Cabinet Member for Housing – X"
- an office after it:                   "X, the Leader of the Council", "X (Cabinet Member for ...)",
                                        "X as Mayor", "X, who is the MP for ..."
- a post-nominal of an elected body:    "X MP", "X MSP", "X MEP", "X MLA"
- a party label after it (minutes):     "X (Lab)", "Cllr X (Lib Dem)"

Offices are those of elected members (councillors, leaders, cabinet members, mayors, MPs, police and
crime commissioners), the head of a public body (chief executive, chief constable) and national
office holders; the vocabulary is ordinary UK public-sector usage. Other officers (directors, heads of
service) are public only through the council's own register (`config.public_figures`), applied on
top of this by policy: their job title alone does not say whether a text treats them as staff.
"""

from __future__ import annotations

import regex

_WINDOW = 120
_CAP = r"\p{Lu}[\p{L}'’&-]*"
_BODY = r"(?:Council|Committee|Board|Panel|Cabinet|Authority|Commission|Assembly|Parliament|Senedd)"
_PROPER = rf"{_CAP}(?:[ \t]+(?:(?:of|and|for|the|&)[ \t]+)*{_CAP}){{0,5}}"     # "Children's Services"

# Offices of local government: elected members and the head of the authority.
_LOCAL = (
    rf"(?:Deputy[ \t]+)?Leader[ \t]+of[ \t]+(?:the[ \t]+)?(?:{_PROPER}[ \t]+)?(?:{_BODY}|Opposition|Group|Party)|"
    rf"(?:Deputy[ \t]+)?Council[ \t]+Leader|"
    rf"(?:Interim[ \t]+|Acting[ \t]+|Deputy[ \t]+)?Chief[ \t]+Executive(?:[ \t]+Officer)?|"
    rf"Chief[ \t]+Constable|Police,?[ \t]+(?:Fire[ \t]+)?and[ \t]+Crime[ \t]+Commissioner|"
    rf"(?:Cabinet|Executive|Lead)[ \t]+Member(?:[ \t]+(?:for|of)[ \t]+{_PROPER})?|"
    rf"Portfolio[ \t]+Holder(?:[ \t]+(?:for|of)[ \t]+{_PROPER})?|"
    rf"(?:Vice[ \t]+|Deputy[ \t]+)?Chair(?:man|woman|person)?[ \t]+of[ \t]+(?:the[ \t]+)?(?:{_PROPER}[ \t]+)?{_BODY}|"
    rf"(?:Lord[ \t]+|Deputy[ \t]+|Civic[ \t]+|Metro[ \t]+)?Mayor(?:[ \t]+of[ \t]+{_PROPER})?|"
    rf"(?:Ward[ \t]+)?Councillor(?:[ \t]+for[ \t]+{_PROPER})?|Ward[ \t]+Member|"
    rf"Member[ \t]+of[ \t]+Parliament(?:[ \t]+for[ \t]+{_PROPER})?|MP[ \t]+for[ \t]+{_PROPER}"
)
# National offices.
_NATIONAL = (
    rf"(?:Deputy[ \t]+)?Prime[ \t]+Minister|Chancellor(?:[ \t]+of[ \t]+the[ \t]+{_PROPER})?|"
    rf"(?:Shadow[ \t]+)?(?:Home|Foreign|Health(?:[ \t]+and[ \t]+Social[ \t]+Care)?|Education|Justice|Defence|"
    rf"Culture|Business|Transport|Environment|Housing|Work[ \t]+and[ \t]+Pensions|Levelling[ -]Up|Cabinet|"
    rf"Scottish|Welsh|Northern[ \t]+Ireland|Energy|Science|Trade)[ \t]+Secretary|"
    rf"Secretary[ \t]+of[ \t]+State(?:[ \t]+for[ \t]+{_PROPER})?|"
    rf"(?:Shadow[ \t]+|First[ \t]+)?Minister(?:[ \t]+(?:for|of)[ \t]+{_PROPER})?|"
    rf"Chief[ \t]+(?:Medical|Scientific|Nursing)[ \t]+(?:Officer|Adviser)(?:[ \t]+for[ \t]+{_PROPER})?|"
    rf"Speaker[ \t]+of[ \t]+the[ \t]+{_PROPER}|Attorney[ \t]+General|Solicitor[ \t]+General|"
    rf"Governor[ \t]+of[ \t]+the[ \t]+{_PROPER}|Archbishop[ \t]+of[ \t]+{_PROPER}|"
    rf"(?:Information|Children's|Victims'?|Domestic[ \t]+Abuse|Local[ \t]+Government)[ \t]+Commissioner|"
    rf"Chief[ \t]+Executive[ \t]+of[ \t]+{_PROPER}|Lord[ \t]+Chancellor|President(?:[ \t]+of[ \t]+{_PROPER})?|"
    rf"Leader[ \t]+of[ \t]+the[ \t]+{_PROPER}"
)
_OFFICE = rf"(?:{_LOCAL}|{_NATIONAL})"
_TITLE = (
    r"(?:(?i:cllrs?\.?|councillors?|alderman|alderwoman)|(?:Lord[ \t]+|Deputy[ \t]+)?Mayor|Minister|"
    r"(?:The[ \t]+)?Rt\.?[ \t]+Hon\.?|Baroness|King|Queen|Prince|Princess)"
)
_QUALIFIER = r"(?:(?:current|former|then|new|interim|acting|outgoing|incoming)[ \t]+)?"
_DETERMINER = r"(?:(?:the|our|their|its|his|her|(?:\p{Lu}[\p{L}]*[ \t]+){0,3}Council['’]s)[ \t]+)?"

_BEFORE = regex.compile(
    rf"(?:\b{_TITLE}[ \t]+(?:{_TITLE}[ \t]+)?|\b{_OFFICE}[ \t]*(?:,|:|[-–—]|\))?[ \t]+(?:{_TITLE}[ \t]+)?)"
    rf"(?:\p{{Lu}}[\p{{L}}'’-]*[ \t]+)?(?:\p{{Lu}}\.?[ \t]+)?\Z"
)
_AFTER = regex.compile(
    rf"\A(?:[ \t]*(?:,|\(|[-–—]|\bas\b|,?[ \t]+who[ \t]+is)[ \t]*{_DETERMINER}{_QUALIFIER}{_OFFICE}\b"
    r"|[ \t]+(?:MP|MSP|MEP|MLA|MS)\b"
    r"|[ \t]*\((?:Lab(?:our)?|Con(?:servative)?|LD|Lib[ \t]+Dem|Liberal[ \t]+Democrats?|Green|Ind(?:ependent)?|"
    r"Reform(?:[ \t]+UK)?|SNP|Plaid(?:[ \t]+Cymru)?|PC|UKIP|Lab[ \t]+Co-op)\b)"
)


def in_public_role(text: str, start: int, end: int) -> bool:
    """Is the name at [start, end) attached to a public office or title (see module docstring)?"""
    line_start = max(text.rfind("\n", 0, start) + 1, start - _WINDOW)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + _WINDOW)
    return bool(_BEFORE.search(text[line_start:start]) or _AFTER.match(text[end:line_end]))
