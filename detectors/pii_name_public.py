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
crime commissioners), the head of a public body (chief executive, chief constable), statutory
officers whom the law names in public (director of public health, monitoring officer, returning
officer, coroner), judicial and ceremonial offices, and national office holders; the vocabulary is
ordinary UK public-sector usage. Other officers (directors, heads of service) are public only
through the council's own register (`config.public_figures`), applied on top of this by policy:
their job title alone does not say whether a text treats them as staff.
"""

from __future__ import annotations

import regex

from detectors.pii_name_lexicon import lexicon

_WINDOW = 120
# Office words are matched in any case: reports capitalise offices ("Leader of the Council"), the
# press and emails often do not ("council leader X", "the mayor, X", "X, who chairs the committee").
_CAP = r"\p{Lu}[\p{L}'’&-]*"
_BODY = r"(?:council|committee|board|panel|cabinet|authority|commission|assembly|parliament|senedd)"
_WORDS = r"[\p{L}'’&-]+(?:[ \t]+(?:(?:of|and|for|the|&)[ \t]+)*[\p{L}'’&-]+){0,4}"     # "children's services"
_PARTY = (
    r"(?:labour|conservative|tory|liberal[ \t]+democrat|lib[ \t]+dem|green|reform(?:[ \t]+uk)?|snp|plaid(?:[ \t]+"
    r"cymru)?|independent|alliance|dup|sinn[ \t]+f[eé]in|ukip|lab[ \t]+co-op)"
)
_DEPUTY = r"(?:(?:deputy|vice|acting|interim|shadow|former|outgoing|incoming|new|local|ward)[ \t-]+)?"

# Offices of local government: elected members, the head of the authority (and of the police and fire
# services) and its statutory
# director of public health (named on the statutory annual report).
_LOCAL = (
    rf"leader[ \t]+of[ \t]+(?:the[ \t]+)?(?:{_WORDS}[ \t]+)?(?:{_BODY}|opposition|group|party)|"
    rf"(?:council(?:['’]s)?|opposition|{_PARTY})[ \t]+(?:group[ \t]+)?leader|deputy[ \t]+leader|"
    rf"chief[ \t]+executive(?:[ \t]+officer)?|chief[ \t]+constable|chief[ \t]+fire[ \t]+officer|"
    rf"police,?[ \t]+(?:fire[ \t]+)?and[ \t]+crime[ \t]+commissioner|"
    rf"(?:cabinet|executive|lead)[ \t]+member(?:[ \t]+(?:for|of)[ \t]+{_WORDS})?|"
    rf"portfolio[ \t]+holder(?:[ \t]+(?:for|of)[ \t]+{_WORDS})?|"
    rf"chair(?:man|woman|person)?[ \t]+of[ \t]+(?:the[ \t]+)?(?:{_WORDS}[ \t]+)?{_BODY}|"
    rf"(?:{_WORDS}[ \t]+)?{_BODY}[ \t]+chair(?:man|woman|person)?|"
    rf"(?:lord[ \t]+|civic[ \t]+|metro[ \t]+)?mayor(?:[ \t]+of[ \t]+{_WORDS})?|"
    rf"(?:{_PARTY}[ \t]+)?councillor(?:[ \t]+for[ \t]+{_WORDS})?|ward[ \t]+member|"
    rf"member[ \t]+of[ \t]+parliament(?:[ \t]+for[ \t]+{_WORDS})?|(?:{_PARTY}[ \t]+)?MP(?:[ \t]+for[ \t]+{_WORDS})?|"
    rf"member[ \t]+(?:of[ \t]+the[ \t]+(?:scottish[ \t]+parliament|senedd|welsh[ \t]+parliament|"
    rf"{_WORDS}[ \t]+assembly)|for[ \t]+{_WORDS})|(?:assembly|senedd)[ \t]+member|"
    rf"director[ \t]+of[ \t]+public[ \t]+health|"
    # statutory officers whom the law names in public reports and notices
    rf"monitoring[ \t]+officer|section[ \t]+151[ \t]+officer|(?:acting[ \t]+)?returning[ \t]+officer|"
    rf"electoral[ \t]+registration[ \t]+officer|head[ \t]+of[ \t]+paid[ \t]+service|"
    rf"(?:senior[ \t]+|area[ \t]+|assistant[ \t]+)?coroner(?:[ \t]+for[ \t]+{_WORDS})?"
)
# National offices.
_NATIONAL = (
    rf"prime[ \t]+minister|chancellor(?:[ \t]+of[ \t]+the[ \t]+{_WORDS})?|"
    rf"(?:home|foreign|health(?:[ \t]+and[ \t]+social[ \t]+care)?|education|justice|defence|"
    rf"culture|business|transport|environment|housing|work[ \t]+and[ \t]+pensions|levelling[ -]up|cabinet|"
    rf"scottish|welsh|northern[ \t]+ireland|energy|science|trade)[ \t]+secretary|"
    rf"secretary[ \t]+of[ \t]+state(?:[ \t]+for[ \t]+{_WORDS})?|"
    rf"(?:first[ \t]+|{_WORDS}[ \t]+)?minister(?:[ \t]+(?:for|of)[ \t]+{_WORDS})?|"
    rf"chief[ \t]+(?:medical|scientific|nursing)[ \t]+(?:officer|adviser)(?:[ \t]+for[ \t]+{_WORDS})?|"
    rf"speaker[ \t]+of[ \t]+the[ \t]+{_WORDS}|attorney[ \t]+general|solicitor[ \t]+general|"
    rf"governor[ \t]+of[ \t]+the[ \t]+{_WORDS}|archbishop[ \t]+of[ \t]+{_WORDS}|"
    rf"(?:information|children's|victims'?|domestic[ \t]+abuse|local[ \t]+government)[ \t]+commissioner|"
    rf"chief[ \t]+executive[ \t]+of[ \t]+{_WORDS}|lord[ \t]+chancellor|president(?:[ \t]+of[ \t]+{_WORDS})?|"
    rf"(?:high[ \t]+)?sheriff(?:[ \t]+of[ \t]+{_WORDS})?|(?:lord|deputy)[ \t-]+lieutenant(?:[ \t]+of[ \t]+{_WORDS})?|"
    rf"(?:{_WORDS}[ \t]+)?ombudsman|(?:district|circuit|high[ \t]+court|tribunal)[ \t]+judge"
)
# The same offices in Welsh, the other official language of Welsh councils and the Senedd (Welsh puts
# the determiner "y"/"yr" before a title): Arweinydd y Cyngor (Leader of the Council), Prif Weithredwr
# (Chief Executive), Aelod Cabinet dros X (Cabinet Member for X), Aelod o'r Senedd / AS (MS), Maer
# (Mayor), Cadeirydd y Pwyllgor (Chair of the Committee), Dirprwy (Deputy).
_WELSH = (
    r"(?:dirprwy[ \t]+)?(?:arweinydd[ \t]+(?:y|yr)[ \t]+(?:cyngor|wrthblaid|grŵp|grwp)|prif[ \t]+weithredwr|"
    r"aelod[ \t]+cabinet(?:[ \t]+dros[ \t]+[\p{L}'’-]+(?:[ \t]+[\p{L}'’-]+){0,3})?|aelod[ \t]+o['’]r[ \t]+senedd|"
    r"maer(?:[ \t]+[\p{L}'’-]+)?|cadeirydd[ \t]+(?:y|yr)[ \t]+(?:pwyllgor|cyngor|bwrdd)(?:[ \t]+[\p{L}'’-]+){0,3}|"
    r"prif[ \t]+weinidog|gweinidog(?:[ \t]+[\p{L}'’-]+){0,3}|cynghorydd|cynghorwyr|aelod[ \t]+seneddol)"
)
_OFFICE = rf"(?i:{_DEPUTY}(?:{_LOCAL}|{_NATIONAL}|{_WELSH}))"
_TITLE = (
    r"(?:(?i:cllrs?\.?|councillors?|alderman|alderwoman|minister|(?:lord[ \t]+|deputy[ \t]+)?mayor|"
    r"(?:y[ \t]+)?(?:cynghorydd|cynghorwyr|maer)|"
    r"(?:his|her)[ \t]+honour[ \t]+judge)|Judge|"
    r"(?:The[ \t]+)?Rt\.?[ \t]+Hon\.?|Baroness|King|Queen|Prince|Princess)"
)
_QUALIFIER = r"(?i:(?:current|former|then|new|interim|acting|outgoing|incoming|local)[ \t]+)?"
# a possessive may give the body or the place the office serves ("Westmarsh's council leader")
_DETERMINER = (
    r"(?:(?i:the|our|their|its|his|her|a|an)[ \t]+|(?:\p{Lu}[\p{L}]*[ \t]+){0,3}(?i:council)['’]s[ \t]+"
    r"|\p{Lu}[\p{L}-]*['’]s[ \t]+)?"
)
# a relative clause giving the office: "X, who chairs the planning committee", "X, who represents Abbey ward"
_WHO = (
    rf"(?i:,?[ \t]+who[ \t]+(?:is|was|has[ \t]+been|chairs|chaired|leads|led|represents|represented)"
    rf"[ \t]+(?:the[ \t]+)?(?:{_WORDS}[ \t]+)?(?:{_BODY}|ward|constituency|division|opposition|{_OFFICE}))"
)

# a plural title distributes over the names it lists: "Councillors A, B and C"
# (an item may carry its post in brackets: "Councillors A (Chair), B and C")
_LISTED = (
    r"(?:(?:\p{Lu}[\p{L}'’-]*[ \t]+){0,2}\p{Lu}[\p{L}'’-]*(?:[ \t]*\([^()\n]{1,30}\))?"
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+)){1,8}"
)
_BEFORE = regex.compile(          # searched backwards from the name (REVERSE): it must end there
    rf"(?r)(?:\b(?i:councillors|cllrs\.?)[ \t]+{_LISTED}|\b{_TITLE}[ \t]+(?:{_TITLE}[ \t]+)?"
    rf"|\b{_OFFICE}[ \t]*(?:,|:|[-–—]|\))?[ \t]+(?:{_TITLE}[ \t]+)?)"
    rf"(?:\p{{Lu}}[\p{{L}}'’-]*[ \t]+)?(?:\p{{Lu}}\.?[ \t]+)?\Z"
)
_AFTER = regex.compile(
    rf"\A(?:[ \t]*(?:,|\(|[-–—]|\bas\b)[ \t]*{_DETERMINER}{_QUALIFIER}{_OFFICE}\b|{_WHO}"
    r"|[ \t]+(?:MP|MSP|MEP|MLA|MS|AS|AoS)\b"
    # a constituency before the post-nominal: "X, Westmarsh MP"
    r"|[ \t]*,[ \t]*(?:the[ \t]+)?(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}(?:MP|MSP|MEP|MLA|MS)\b"
    r"|[ \t]*\((?:Lab(?:our)?|Con(?:servative)?|LD|Lib[ \t]+Dem|Liberal[ \t]+Democrats?|Green|Ind(?:ependent)?|"
    r"Reform(?:[ \t]+UK)?|SNP|Plaid(?:[ \t]+Cymru)?|PC|UKIP|Lab[ \t]+Co-op)\b)"
)


# every office and title above holds one of these words: windows without one are not searched
_OFFICE_WORD = regex.compile(
    r"(?i)leader|executive|constable|commissioner|member|holder|chair|mayor|councillor|cllr|alder|parliament"
    r"|\bMPs?\b|\bM[SL]A?P?\b|\bMEP\b|minister|secretary|chancellor|speaker|general|governor|archbishop"
    r"|president|director|officer|adviser|\bhon\b|baroness|king|queen|prince|\bwho\b|coroner|sheriff"
    r"|lieutenant|ombudsman|judge|assembly|senedd|paid"
    r"|arweinydd|weithredwr|aelod|maer|cadeirydd|weinidog|cynghor|\bAS\b"
    r"|\((?:lab|con|ld|lib|green|ind|reform|snp"
    r"|plaid|pc|ukip)"
)


# A signature block puts the office on the line under the name ("<Name>\nLeader of the Council"); the
# name's line holds nothing else but punctuation, and the next line is the office (optionally followed,
# after a comma, "at" or "of", by the body it serves; a name there would make it another person's line).
_REST_OF_LINE = regex.compile(r"[ \t,.]*\r?\n")
_OFFICE_LINE = regex.compile(
    rf"[ \t]*{_DETERMINER}{_QUALIFIER}{_OFFICE}[ \t.]*(?:(?:,|\b(?i:at|of)\b)[^\n]*?\b(?i:{_BODY}|borough|county|"
    rf"city|district|government|police|constabulary|trust|cyngor)\b[^\n]*)?(?:\r?\n|\Z)"
)
_LINE_START = regex.compile(r"(?:\A|\n)[ \t]*(?:(?:\p{Lu}[\p{L}'’-]*\.?|[-–—*•>])[ \t]+){0,2}\Z")


def _office_on_next_line(text: str, start: int, end: int) -> bool:
    gap = _REST_OF_LINE.match(text, end)
    if gap is None or not _LINE_START.search(text, max(0, start - 40), start):
        return False
    line_end = text.find("\n", gap.end())
    line = text[gap.end():len(text) if line_end < 0 else line_end + 1]
    return bool(_OFFICE_WORD.search(line) and _OFFICE_LINE.match(line))


# Chief officers and heads of service. Councils publish their senior officers by name and post (Local
# Government Transparency Code 2015: the organisation chart of the top tiers), and such officers present
# reports to committees and cabinet, sign the council's letters and are minuted by name. A post in an
# apposition *closed* on both sides ("X, Director of Y, will present ...", "the Licensing Manager, X,
# presented", "X (Head of Z)") reports the officer acting in that post, which is a public capacity when the
# text is itself council business (a committee, cabinet or scrutiny, an elected member, a named council).
# A post that merely ends a line or a label ("Approved by: X, Director of Y", "Contact: X, Head of
# Service – <email>") gives the officer's own sign-off or contact details, and outside council business
# the post alone does not say the text treats them as a public figure.
_OFFICER = (
    r"(?:(?:(?i:(?:corporate|strategic|executive|assistant|deputy|service|operational|interim|acting|group)"
    rf"[ \t]+)?(?i:director(?:[ \t]+(?:of|for)[ \t]+{_WORDS})?|head[ \t]+of[ \t]+{_WORDS}))"
    r"|(?:\p{Lu}[\p{L}'’&-]*[ \t]+){1,3}(?i:manager))"
)
_OFFICER_BEFORE = regex.compile(
    rf"(?r)\b{_OFFICER}[ \t]*,[ \t]+(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?[ \t]+)?"
    r"(?:\p{Lu}[\p{L}'’-]*[ \t]+)?(?:\p{Lu}\.?[ \t]+)?\Z"
)
_CLOSES_AFTER_NAME = regex.compile(r"\A(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}[ \t]*,")
_OFFICER_AFTER = regex.compile(
    rf"\A[ \t]*(?:,[ \t]*(?i:the[ \t]+)?{_OFFICER}[ \t]*,|\([ \t]*(?i:the[ \t]+)?{_OFFICER}[ \t]*\))"
)
_OFFICER_WORD = regex.compile(r"(?i)director|head[ \t]+of|manager")
_COUNCIL_BUSINESS = regex.compile(
    r"(?i:\bcllrs?\b|\bcouncillors?\b|\bcabinet\b|\bscrutiny\b|\b(?:sub-)?committee\b(?![ \t]+room)"
    r"|\bfull[ \t]+council\b"
    # the minutes of a meeting, and its elected members ("Members" capitalised is council usage)
    r"|\b(?:the|these|those|draft|approved|signed|meeting|committee|board)[ \t]+minutes\b"
    r"|\bminutes[ \t]+of[ \t]+(?:the[ \t]+)?(?:\w+[ \t]+)?meeting\b|\belected[ \t]+members?\b)"
    r"|\b(?:Borough|County|City|District|Town|Parish|Metropolitan|Community)[ \t]+Council\b|\bMembers\b"
)


def _officer_in_council_business(text: str, before: str, after: str) -> bool:
    if not (_OFFICER_WORD.search(before) or _OFFICER_WORD.search(after)):
        return False
    attached = bool(
        (_OFFICER_BEFORE.search(before) and _CLOSES_AFTER_NAME.match(after)) or _OFFICER_AFTER.match(after)
    )
    return attached and _COUNCIL_BUSINESS.search(text) is not None


_OFFICE_RE = regex.compile(rf"\b{_OFFICE}\b")
_WORD = regex.compile(r"\S+")


def _inside_office(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Are [start, end) ordinary words inside an office title ("Fire" in "Chief Fire Officer")? (Offices
    may open with free words, "<X> minister": a name's own words are no ordinary words.)"""
    if not _OFFICE_WORD.search(text, lo, hi):
        return False
    lex = lexicon()
    if not all(lex.is_ordinary(w.strip(",.;:")) for w in text[start:end].split()):
        return False
    return any(m.start() <= start and end <= m.end() for m in _OFFICE_RE.finditer(text, lo, hi))


def in_public_role(text: str, start: int, end: int) -> bool:
    """Is the name at [start, end) attached to a public office or title (see module docstring)? A span
    that is, or opens with, words of the office title itself ("Constable <Name>" after "Chief") is
    judged without those words: they are the office, not the name."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - _WINDOW)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + _WINDOW)
    if _inside_office(text, start, end, line_start, line_end):
        return True
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    for (_ws, we), (ns, _ne) in zip(words[:2], words[1:3], strict=False):
        if _inside_office(text, start, we, line_start, line_end):
            return _attached(text, ns, end, line_start, line_end)
    return _attached(text, start, end, line_start, line_end)


def _attached(text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
    before, after = text[line_start:start], text[end:line_end]
    return bool(
        (_OFFICE_WORD.search(before) and _BEFORE.search(before))
        or (_OFFICE_WORD.search(after) and _AFTER.match(after))
        or (line_end < len(text) and _office_on_next_line(text, start, end))
        or _officer_in_council_business(text, before, after)
    )
