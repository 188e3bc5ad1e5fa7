"""Special-category cues read from the shape of a statement rather than from a list of values.

Regex fragments in the shape of `detectors.lexicons.special_category` (compiled case-insensitively, same
`<PLACEHOLDER>` fillers), merged into its STRONG and WEAK tables by `detectors/special_category.py`. Each
still needs the sentence to be about one individual (or one household); aggregates, policy, organisations and
hypothetical people stay out.

* Health: no lexicon lists every condition, but English names them with a small set of head nouns and
  word endings. A person *has / is living with / was diagnosed with* "a rare blood disorder", "X's disease",
  "Y syndrome", "Z deficiency"; tested *positive for* something; has a condition ending in the Greek-derived
  medical suffixes (-itis, -osis, -aemia, -oma, -pathy, -plegia, -algia, -trophy).
* Ethnic origin said of a plural or described subject ("the family at number 4 are Irish Travellers",
  "the Nowaks, next door, are Roma"): descriptors that name nothing but an ethnic group, after any subject.
* Plural holders of a union role ("are Unison reps", "both are GMB members"), and a faith said of a plural
  subject ("are practising Sikhs"), and an orientation said of one ("are lesbians").
"""

from __future__ import annotations

from detectors.lexicons import special_category as lex

# fmt: off

# Verbs and prepositions that attach a condition to the person ("has", "is living with", "suffers from").
_HAVING = (
    r"(?:has|had|have|having|with|diagnosed with|living with|lives with|lived with|suffers? from|suffering from"
    r"|suffered from|developed|develops|developing|contracted|caught|battling|treated for|treatment for"
    r"|recovering from|recovered from|died of|died from)"
)

# Head nouns that end the name of a condition ("sickle cell disease", "a rare connective tissue disorder").
# Not "condition", "defect", "failure" or "virus": flats, boilers and laptops have those too.
_HEAD = (
    r"(?:diseases?|(?<!violent )(?<!public )(?<!civil )(?<!crowd )disorders?|syndromes?|dystroph(?:y|ies)"
    r"|deficienc(?:y|ies)(?! (?:in|of) (?:the|his|her|their|our|its)\b)|palsy|sclerosis|an?aemia|infections?"
    r"|fever|illness(?:es)?|impairments?|tumou?rs?|cancers?)"
)

# Medical words built on Greek suffixes; ordinary words with the same endings are excluded.
_SUFFIXED = (
    r"(?!(?:diagnosis|prognosis|hypnosis|osmosis|symbiosis|metamorphosis|apotheosis|diploma|aroma|sympathy"
    r"|empathy|apathy|antipathy|telepathy|nostalgia|academia|trophy)\b)"
    r"[a-z]{2,}(?:itis|osis|aemia|emia|oma|pathy|plegia|algia|trophy)"
)

# "Condition" is a condition of health only after a body system or a medical qualifier ("an autoimmune
# condition"; not "a condition of his tenancy").
_CONDITION = (
    r"(?:autoimmune|metabolic|respiratory|cardiac|renal|blood|bone|nerve|brain|bowel|digestive|hormonal"
    r"|congenital|psychiatric|neurological|skin|lung|heart|kidney|liver|eye|spinal|joint"
    r"|muscle|muscular|rare|serious|incurable|life[- ]threatening|life[- ]limiting|chronic|terminal|degenerative"
    r"|progressive|long[- ]term) conditions?"
)

_HEALTH_STRONG = (
    # an eponymous disease or syndrome ("Addison's disease", "Sjogren's syndrome", "Bell's palsy")
    r"[a-z]+['’]s (?:disease|syndrome|palsy|disorder|an?aemia|chorea|ataxia)",
)

_HEALTH_WEAK = (
    _HAVING + r" (?:an? |the )?(?:[\w'’-]+ ){0,3}?(?:" + _HEAD + "|" + _CONDITION + ")",
    _HAVING + r" (?:an? )?(?:acute |chronic |severe |mild |early |late |advanced )?(?:[\w-]+ )?" + _SUFFIXED,
    # tested or found positive for an infection or a marker
    # (a positive gene or variant test is the genetic category's)
    r"(?:tested|tests|testing|screened|swabbed|came back|comes back|returned|found to be) positive for"
    r"(?!(?: [\w-]+){0,3} (?:genes?|mutations?|variants?|markers?)\b)",
    r"(?:is|was|are|were) positive for (?!(?:the|a|an|this|that|these|those|our|your|their|his|her|my|us|them"
    r"|everyone|people|all|both|each|business|growth|change|residents|staff)\b)",
)

# Names of an ethnic group and nothing else (not colours, places, foods or languages on their own).
_ETHNIC_ONLY = (
    r"(?:(?:irish|romany|scottish|welsh|english) )?(?:roma|romany|romanies|gyps(?:y|ies)(?: travell?ers?)?)",
    r"(?:irish|romany|scottish|welsh|new) travell?ers?",
    r"black (?:british|caribbean|african)", r"white (?:british|irish|english|scottish|welsh|european)",
    r"british (?:asian|indian|pakistani|bangladeshi|chinese|african|caribbean|arab|somali)",
    r"mixed[- ](?:race|heritage|ethnicity)", r"dual heritage", r"afro[- ]caribbean", r"(?:south|east) asian",
)

_RACIAL_STRONG = tuple(
    # the cue starts at the verb, after any word (a subject with a post-modifier: "the family at number 9 are",
    # "the Nowaks, upstairs, are"); things and places are not an ethnic group
    verb + rf"(?:(?<=\w {verb})|(?<=\w, {verb}))"
    + "".join(rf"(?<!\b{w} {verb})" for w in "it site sites area areas camp camps music food dish dishes name"
              " names word words term terms this that these those tomatoes".split())
    + r" (?:all |both |also |now )?(?:an? )?(?:" + "|".join(_ETHNIC_ONLY) + r")"
    + r"(?! (?:community|communities|people|residents|groups?|heritage month|history|culture|music|food)\b)"
    for verb in ("is", "was", "are", "were")
)

_UNION_STRONG = (
    # plural holders of a union role, the union named in any case ("are unison reps", "both gmb members")
    r"(?:unison|unite|gmb|nasuwt|naht|neu|rcn|rmt|usdaw|ucu|aslef|cwu|fbu|pcs|bma|nuj) (?:members|reps"
    r"|representatives|stewards|officials|convenors|organisers)",
    r"(?:trade )?union (?:members|stewards|activists|organisers|officials|representatives)",
)

# An orientation said of a plural subject ("are lesbians", "are both gay men").
_SEXUAL_STRONG = (
    r"(?:are|were) (?:all |both |also )?(?:lesbians|gay men|bisexuals|bi men|bi women)",
)

# fmt: on

STRONG: dict[str, tuple[str, ...]] = {
    lex.HEALTH: _HEALTH_STRONG,
    lex.RACIAL: _RACIAL_STRONG,
    lex.UNION: _UNION_STRONG,
    lex.SEXUAL: _SEXUAL_STRONG,
}

# A faith said of a plural subject ("the Hendersons are Quakers", "both are practising Sikhs").
_RELIGION_WEAK = (
    r"(?:are|were) (?:all |both |also )?(?:devout |practising |practicing |observant |strict )?(?:<RELIGION>)s\b",
)

WEAK: dict[str, tuple[str, ...]] = {
    lex.HEALTH: _HEALTH_WEAK,
    lex.RELIGION: _RELIGION_WEAK,
}
