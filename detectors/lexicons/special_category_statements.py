"""More special-category cues: how people say a person's politics, sex life or faith in everyday UK English.

Regex fragments in the shape of `detectors.lexicons.special_category` (compiled case-insensitively, with the
same `<PLACEHOLDER>` fillers), merged into its STRONG and WEAK tables by `detectors/special_category.py`.
Each still needs the sentence to be about one individual; aggregates, policy and organisations stay out.

* Political opinion: party membership and activity with the party named in any case ("a labour party
  member", "joined the snp last year", "delivers ukip leaflets"), rallies and marches, party office.
* Sex life and orientation: an ex-partner of the same sex, orientation words said in short forms ("he's bi",
  "she's ace"), gender history ("transitioned", "gender recognition certificate"), dating-app and sex-life words.
* Religion: worship and study groups, religious festivals kept by the person, religious office, a faith
  stated without an article ("is hindu"), praying.
"""

from __future__ import annotations

from detectors.lexicons import special_category as lex

# fmt: off

# Party names that are no ordinary word when typed in lower case next to a membership or activity word.
_PARTY_ANY_CASE = (
    r"(?:labour|conservative|tory|green|lib(?:eral)?[- ]?dem(?:ocrat)?s?|reform(?: uk)?|snp|plaid(?: cymru)?|ukip"
    r"|bnp|sinn f[eé]in|dup|sdlp|alba|britain first|socialist workers?|communist)"
)

_POLITICAL_STRONG = (
    _PARTY_ANY_CASE + r" party (?:member|membership|activist|supporter|volunteer|canvasser|campaigner|agent"
    r"|official|delegate|branch|card)s?",
    r"member of (?:the )?" + _PARTY_ANY_CASE + r" party",
    r"(?:member|secretary|chair|treasurer) of (?:the |a |their |his |her )?(?:local )?" + _PARTY_ANY_CASE
    + r" (?:branch|group|association|club|constituency party|ward party)",
    r"(?:joined|joins|rejoined|left|quit) (?:the )?" + _PARTY_ANY_CASE + r" party",
    _PARTY_ANY_CASE + r" (?:activist|canvasser|campaigner|voter|supporter)s?",
    r"(?:delivers?|delivered|delivering|distributes?|distributed|distributing|hands? out|handed out|handing out)"
    r" (?:the )?" + _PARTY_ANY_CASE + r" (?:leaflets|literature|flyers|newsletters)",
    r"(?:attends?|attended|attending|goes to|went to|joins?|joined|organises|organised|speaks? at|spoke at)"
    r" (?:a |the |an )?(?:[\w-]+ ){0,2}(?:protests|demonstrations|marches|rallies|vigils)",
    r"(?:his|her|their|my) (?:party|political) (?:membership|affiliation|allegiance|activism)",
    r"(?:branch|constituency|ward) (?:party )?(?:secretary|chair|treasurer|organiser) (?:for|of) (?:the )?"
    r"(?:local )?" + _PARTY_ANY_CASE,
)

_POLITICAL_WEAK = (
    # a party's election campaign work for whoever the sentence is about
    r"(?:canvass(?:es|ed|ing)?|leaflet(?:s|ed|ing)?|door[- ]knock(?:s|ed|ing)?) for (?:the )?" + _PARTY_ANY_CASE,
    r"(?:far|hard)[- ](?:right|left) (?:rallies|groups?|marches|views|politics|activist)",
)

_RELIGION_WEAK = (
    # a faith stated without an article ("is hindu", "she's catholic"); needs the person in the sentence
    r"(?:is|was|(?<=['’])s|are|were) (?:(?:devout|practising|practicing|observant|strict|committed) )?(?:<RELIGION>)\b"
    r"(?! (?:school|church|charity|faith|community|communities|festival|cemetery|hall|centre|organisation))",
    # praying as something the person does or needs time and a place for
    r"(?:to|and|can|cannot|can't|will|must|wants? to|needs? to|goes? to|time to|place to|room to) pray\b",
    r"\bprays\b", r"\bpraying\b",
)

_SEXUAL_STRONG = (
    r"his ex[- ]?(?:husband|boyfriend)", r"her ex[- ]?(?:wife|girlfriend)",
    # a titled man's husband or boyfriend, a titled woman's wife or girlfriend
    r"(?-i:Mr\.? [A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)['’]s (?:ex[- ]?)?(?:husband|boyfriend)",
    r"(?-i:(?:Mrs|Ms|Miss)\.? [A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)['’]s (?:ex[- ]?)?(?:wife|girlfriend)",
    r"(?:gender recognition certificate|grc)\b", r"transitioned", r"deadnam(?:e|ed|ing)",
    r"(?:grindr|chemsex)", r"(?:civil partnership|married) (?:to|with) (?:a )?(?:man|woman) (?:called|named)?",
    r"(?:he|she|they)(?:'s| is| are) (?:openly )?(?:bi|ace|pan)\b(?!-)",
)

_SEXUAL_WEAK = (
    r"(?:sleeping|slept|sleeps) with", r"one[- ]night stand", r"extra[- ]?marital", r"(?:his|her|their) lover",
    r"gender identity", r"pronouns? (?:are|is) (?:she/her|he/him|they/them)",
)

_RELIGION_STRONG = (
    r"(?:attends?|attended|attending|goes to|went to|teaches|teaching|leads?|led|runs?) (?:a |the |her |his |their )?"
    r"(?:local )?(?:bible study|prayer (?:group|meeting)|madrass?a|qur'?an class(?:es)?|sunday school|house group"
    r"|satsang|kirtan|alpha course)",
    r"(?:is|was|as) (?:an? |the )?(?:lay reader|altar server|sunday school teacher|elder at (?:the|her|his) church"
    r"|church elder|deaconess|muezzin|sevadar|cantor)",
    r"(?:celebrates?|celebrated|keeps?|kept|observes?|observed) (?:eid|diwali|passover|hanukkah|vaisakhi|navratri"
    r"|yom kippur|rosh hashanah|lent)",
)

# fmt: on

STRONG: dict[str, tuple[str, ...]] = {
    lex.POLITICAL: _POLITICAL_STRONG,
    lex.SEXUAL: _SEXUAL_STRONG,
    lex.RELIGION: _RELIGION_STRONG,
}

WEAK: dict[str, tuple[str, ...]] = {
    lex.RELIGION: _RELIGION_WEAK,
    lex.POLITICAL: _POLITICAL_WEAK,
    lex.SEXUAL: _SEXUAL_WEAK,
}
