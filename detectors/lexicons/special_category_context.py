"""Context patterns for special-category detection: is a sentence about one individual, or aggregate,
policy, generic or organisational text? Regular-expression fragments, compiled case-insensitively."""

from __future__ import annotations

# Packed tables of regex fragments: keep ruff format from putting one per line.
# fmt: off

_ROLES = (
    r"tenant|resident|applicant|claimant|service user|client|customer|patient|employee|staff member|"
    r"child|young person|pupil|student|complainant|caller|individual|gentleman|lady|man|woman|boy|girl|"
    r"mother|father|mum|dad|victim|occupant|householder|homeowner|leaseholder|carer|family member|"
    r"person|baby|infant|teenager|learner|parent|grandmother|grandfather|neighbour|member of staff|"
    r"family|couple|deceased|adult|young man|young woman|caretaker|cleaner|receptionist|colleague|carer|"
    r"support worker|care worker|social worker|line manager|apprentice"
)

_PEOPLE = (
    r"residents|people|staff|employees|tenants|applicants|pupils|children|households|users|customers|"
    r"borrowers|clients|patients|members|respondents|families|individuals|workers|colleagues|adults|"
    r"claimants|service users|learners|students|parents|carers|women|men|girls|boys|victims|officers|"
    r"veterans|refugees|asylum seekers|migrants|pensioners|older people|young people|visitors|volunteers|"
    r"drivers|owners|occupiers|survivors|offenders|users|groups"
)

# Capitalised words that open institutions, places and conditions rather than names.
_NOT_NAME = (
    r"The|A|An|This|That|Our|Their|His|Her|St|Saint|Church|Mental|Social|Adult|Children|Day|Town|City|County|"
    r"Borough|District|Council|Housing|Green|Labour|Reform|Plaid|Liberal|Conservative|Scottish|Welsh|"
    r"British|English|Irish|Black|White|Asian|Sickle|Cancer|Sexual|Health|Care|Human|Equality|Data|Trade|"
    r"General|Primary|High|Royal|National|United|New|North|South|East|West|Greater|Unison|Unite|Jehovah|"
    r"Orthodox|Roman|Latter|Seventh|Christian|Muslim|Jewish|Hindu|Sikh|Buddhist|Facial|Face|Road|Street|Lane|"
    r"Avenue|Close|Drive|Way|Park|Hall|Centre|Center|Court|House|School|Hospital|Surgery|Library|Square|Hill|"
    r"Friday|Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|January|February|March|April|June|July|August|"
    r"September|October|November|December"
)

# A singular, definite person: third-person pronouns, a titled name, "your son", ...
PERSON = (
    r"\b(?:he|she|him|his|her|hers|himself|herself)\b",
    r"\b(?-i:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z][a-z'-]+)",
    # a title typed in lower case before a lower-case name ("mrs jones"): "mrs", "mr", "ms" are nothing else
    r"\b(?-i:(?:mr|mrs|ms|mx)\.? [a-z][a-z'-]{2,})",
    r"\byour (?:son|daughter|partner|husband|wife|mother|father|child|children|brother|sister|baby|"
    r"mum|dad)\b",
    # an anonymised or described individual: "Child A", "Service user 2", "aged 9", "a 34-year-old"
    r"(?-i:\b(?:Child|Adult|Person|Client|Patient|Service [Uu]ser|Tenant|Resident|Pupil|"
    r"Young [Pp]erson|Applicant|Claimant|Employee|Mr|Mrs|Ms|Miss|Mx) [A-Z0-9]\b)",
    r"(?<!s )\baged \d{1,3}\b", r"\b\d{1,3}[- ]year[- ]old\b(?!s)",
    # a full name inside the sentence, as the subject of a verb or after a preposition ("showed that Ana
    # Silva carries ...", "enrolled for Dawn Reid", "Context: Ana Silva has ..."); title-case institution words
    # are not names
    r"(?-i:(?<=[a-z,:;\u2013\u2014-] )(?!(?:" + _NOT_NAME + r")\b)[A-Z][a-z'-]+ (?!(?:" + _NOT_NAME
    + r")\b)[A-Z][a-z'-]+)"
    r"(?= (?:has|had|is|was|carries|carried|takes|took|uses|used|attends|attended|says|said|told|joined)\b)",
    r"(?-i:\b(?:for|of|from|with|to|by) (?!(?:" + _NOT_NAME + r")\b)[A-Z][a-z'-]+ (?!(?:" + _NOT_NAME
    + r")\b)[A-Z][a-z'-]+)(?! [A-Z])",
    # a care-note heading: the note is about the person or family it was written for
    r"^\W*(?:[\w'-]+ ){0,3}notes?\b[^:\n]{0,30}:",
    # a person identified by a number or a room ("employee 3391", "tenant in flat 9") or a name in brackets
    r"\b(?:employee|staff member|client|patient|tenant|resident|service user|pupil|child|applicant)"
    r"(?: (?:in|at|of) (?:flat|room|unit|bed|no\.?|number))? ?(?:no\.? ?|number |#)?\d{1,6}\b",
    r"(?-i:\((?:Mr|Mrs|Ms|Miss|Mx|Dr)?\.? ?[A-Z][a-z'-]+ [A-Z][a-z'-]+\))",
    # a list line that is a name and a bracketed team or role, in any case ("- jo bell (parks)")
    r"^\s*(?:[-*\u2022]|\d{1,3}[.)])\s*[^\W\d_][\w'-]+(?: [^\W\d_][\w'-]+){1,2} \([\w &/,'-]{2,40}\)\s*$",
    # a first name's possessive before an ordinary word: "Tegan's epilepsy" (not "Alzheimer's", "Council's", nor
    # any eponymous "X's disease / syndrome")
    # a person role said of the subject ("gail from stores is a party member", "is an active canvasser");
    # generic ("anyone who is a member") and aggregate sentences are blocked before this counts
    r"(?<!\bwho )(?<!\bif )(?<!\bwhether )\b(?:is|was)(?: also| now| still)? an? (?:[\w-]+ ){0,3}"
    r"(?:member|supporter|activist|voter|canvasser|campaigner|rep|steward|convenor|worshipper|believer"
    r"|convert|churchgoer)\b(?! (?:organisation|body|group|council|authority|state|country|nation)s?\b)",
    r"(?-i:\b(?!(?:Alzheimer|Parkinson|Crohn|Down|Huntington|Jehovah|Tourette|Asperger|Hodgkin|Bell|"
    r"St|Council|Government|Trust|Authority|Board|Department|Service|Team|Children|Women|Men|People|"
    r"Today|Year|Week|Month|Everyone|Nobody|Anyone|Someone|It|That|There|What|Here|Where|Who|Let|He|She"
    r"|This|Which|How|When|Why)\b)[A-Z][a-z]+'s) (?!(?:disease|syndrome|palsy|disorder|an?aemia|chorea|ataxia)\b)"
    r"(?-i:[a-z])",
)

# "The tenant", "this young person": one individual in a case note, but often a generic one in policy or
# procedure text ("the employee must provide a fit note"), so it does not count next to a duty or a rule.
PERSON_ROLE = rf"\b(?:the|this|our|that) (?:{_ROLES})\b(?!s)"
DUTY = (
    r"\b(?:must|should|shall|is required to|are required to|will be expected|is entitled to|are entitled to|"
    r"will need to|needs to provide|may be asked)\b"
)

# A full name right before the cue, as in "Anne Cole (Unison steward)" or "Anne Cole, a wheelchair user".
NAME_BEFORE = r"(?-i:\b[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+)\s*(?:\(|,|\u2013|-)\s*(?:the |an? |her |his )?$"

# A capitalised name opening the sentence as its subject ("Amira has ..."); checked not to be the cue itself.
NAMED_SUBJECT = (
    r"^\W*((?-i:[A-ZÀ-ÞŴŶ][a-zß-ÿŵŷ'-]+(?: [A-ZÀ-ÞŴŶ][a-zß-ÿŵŷ'-]+)?)) (?:has|had|is|was|says|said|told|tells|reports"
    r"|reported|"
    r"attends|attended|takes|took|uses|used|lives|identifies|describes|explained|mentioned|disclosed|"
    r"receives|needs|wears|goes|went|sees|collects|became|joined|voted|stood)\b"
)

# The same frame with the name typed in lower case ("joan price has ..."): two name-shaped words; the
# detector rejects the match when either word is a stop word or an organisation/document word.
NAMED_SUBJECT_LOWER = (
    r"^\W*(?:(?:client|tenant|resident|patient|pupil|applicant|service user|employee|customer|claimant|"
    r"child|learner|student|member|worker) )?"
    r"((?-i:[a-zß-ÿāăąćčďđēėęěğīįıķļľłńņňōőœŕřśşšţťūůűųźżž][a-zß-ÿāăąćčďđēėęěğīįıķļľłńņňōőœŕřśşšţťūůűųźżž'-]{1,14}"
    r" [a-zß-ÿāăąćčďđēėęěğīįıķļľłńņňōőœŕřśşšţťūůűųźżž][a-zß-ÿāăąćčďđēėęěğīįıķļľłńņňōőœŕřśşšţťūůűųźżž'-]{1,19}))"
    r" (?:has|had|is|was|says|said|told|tells|reports|"
    r"reported|attends|attended|takes|took|uses|used|lives|identifies|describes|explained|mentioned|"
    r"disclosed|receives|needs|wears|goes|went|sees|became|joined|voted|stood|suffers|suffered|"
    r"practises|practices|prays|worships|observes|supports|belongs|came)\b"
)

# The writer: an individual, unless the sentence is policy or guidance text ("I am updating our EqIA on ...").
PERSON_FIRST = (
    r"\b(?:me|my|myself|mine)\b", r"\b(?-i:I)(?:'m|'ve|'d|'ll)?\b(?![.&])",
)

# A request to the assistant: its "me"/"my" is usually the member of staff, not the subject.
REQUEST = (
    r"\b(?:can|could|would|will) you\b", r"\b(?:help|give|tell|show|send|get|find) me\b",
    r"^\W*(?:please|pls|draft|write|summarise|summarize|rewrite|explain|list|create|make|check|"
    r"translate|suggest|review|produce|prepare|turn)\b",
)

# Weaker evidence: an addressed reader, or singular "they".
PERSON_WEAK = (
    r"\b(?:you|your|yourself)\b", r"\b(?:they|them|their|themselves)\b",
)

# A record header naming the one person a note is about (opens a window for the sentences after it).
RECORD_HEADER = (
    r"^\W*(?:name|service user|client|patient|employee|tenant|applicant|lead applicant|resident|child|"
    r"young person|claimant|customer|pupil|subject|re|from)\s*[:\-\u2013]",
)

# Statistics about many people.
AGGREGATE = (
    r"\d\s?%", r"\bper ?cent\b", r"\brespondents?\b", r"\bproportion\b", r"\bmajority\b",
    r"\bnumber of\b", r"\bcensus\b", r"\bsurvey(?:s|ed)?\b", r"\bworkforce\b", r"\bdemographics?\b",
    r"\bbreakdown\s+(?:by|of|per|across)\b", r"\bprevalence\b",
    r"\bstatistic(?:s|al)\b", r"\bpopulation\b", r"\bcohort\b",
    r"\b\d+ (?:in|out of) (?:every )?\d+\b", r"\b(?:rates?|levels?) of\b", r"\bon average\b",
    r"\baggregate\b", r"\bno individual", r"\bgroups\b", r"\bcommunities\b",
    r"\b(?:many|most|several|few|all|fewer|more|no|any) "
    rf"(?:of (?:the|our) )?(?:{_PEOPLE})\b",
    rf"\b[\d,]+ (?:{_PEOPLE}|cases|referrals|households)\b",
    # ... unless one person's or a counted pair's ("both children are ...", "her sons were ...")
    rf"(?<!\bboth )(?<!\bhis )(?<!\bher )(?<!\bmy )\b(?:{_PEOPLE}) (?:\w+ )?(?:who|with|from|are|were|identifying|that"
    r"|living with)\b",
)

# Policy, equality and guidance text.
POLICY = (
    r"\bprotected characteristics?\b", r"\bequalit(?:y|ies)\b", r"\beq?ia\b", r"\bdiversity\b",
    r"\bregardless of\b", r"\birrespective of\b", r"\bon the grounds of\b", r"\bdiscriminat\w*",
    r"\b(?:the council|we|the service|the employer|managers?) (?:will|must|should|may|can|aims?)\b",
    r"\bpolic(?:y|ies)\b", r"\bguidance\b", r"\bprocedures?\b", r"\bapplies to\b", r"\btraining\b",
    r"\bawareness\b", r"\binclusive\b", r"\b(?:such as|including|for example|e\.g\.)\b",
)

# A cue describing a hypothetical person: "a risk assessment for a pregnant worker", "any disabled tenant".
INDEFINITE_BEFORE = (
    r"\b(?:for|to|about|supporting|support|helping|help|employ\w*|recruit\w*|manag\w*|any|every|each|if|when|"
    r"whether|how) (?:an?|any|every|each) (?:[\w-]+ )?$"
)
ROLE_AFTER = rf"\s+(?:[\w-]+\s+)?(?:{_ROLES}|colleague|staff|worker)s?\b"

# Statements about a generic, hypothetical person.
GENERIC = (
    r"\b(?:any|every|each) (?:employee|applicant|tenant|resident|person|individual|member of staff|"
    r"officer|child|pupil|customer|claimant|service user|client|worker|patient|student|parent)\b",
    r"\b(?:anyone|someone|somebody|anybody|whoever)\b",
    r"\b(?:any|some|none|all|each|either|neither|most|many) of (?:them|you|us|those|these)\b",
    r"\b(?:guess|infer|predict|work out|deduce|determine|estimate|flag|mark|identify|sort|rank|tag|"
    r"score|spot)\w* (?:\w+ )?(?:which|who|whether|if|how likely)\b",
)

# A condition clause about a hypothetical person ("if you have ...", "when a tenant discloses ..."). It makes
# hypothetical only what follows it: "Tell the school Ana Reis has asthma so staff know what to do when they
# see an attack" still says Ana Reis has asthma.
CONDITIONAL = (
    r"\bif (?:you|an?|any) \w+", r"\b(?:if|when|where|unless|whether|once) (?:they|you)\b",
    rf"\b(?:if|when|where|unless|once) (?:the|a|an) (?:{_ROLES})\b", r"\bwhere (?:an?|any) \w+",
)

# Public office: a councillor's party is public-role information, not a resident's political opinion.
PUBLIC_ROLE = (
    r"\b(?:councillors?|cllrs?|mps?|member of parliament|ministers?|cabinet member|mayor|"
    r"leader of the (?:council|opposition)|group leader|party group|shadow|prime minister|member for|"
    r"ward members?|elected|portfolio holder|spokesperson)\b",
)

# A private individual named between an office holder and a political cue: the cue is theirs, not the office
# holder's ("a councillor writing on behalf of a resident, Mr X, who is a party member").
PRIVATE_PERSON = (
    r"\b(?:residents?|constituents?|tenants?|applicants?|claimants?|complainants?|callers?|customers?|neighbours?"
    r"|members? of the public|service users?|employees?|staff members?|officers?|clients?|pupils?|parents?"
    r"|(?:his|her|their) (?:wife|husband|partner|son|daughter|mother|father|mum|dad|brother|sister)"
    r"|on behalf of|(?-i:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z]))\b"
)

# Text right after a cue that makes it name a place or an event: never a person's trait.
VENUE_AFTER = (
    r"\s+(?:(?!(?:a|per|every|each|this|next|last|that)\s)[\w'-]+\s+)?(?:hall|halls|street|road|lane|avenue|close|view|rise|drive|crescent|terrace|"
    r"car park|flag|jack|building|premises|booking|hire|cemetery|graveyard|festival|week|month|day|fair|"
    r"fun run|research|foundation|uk|alliance|federation|café|cafe|shop|store|restaurant|market|supplier|"
    r"permit|card|passport)\b"
)

# Text right after a cue that makes it name an organisation or service; counts only if the person uses it
# ("she attends the autism support group", not "she manages the autism support group").
ORG_AFTER = (
    r"\s+(?:[\w'-]+\s+)?(?:team|services?|units?|centres?|charity|charities|group|association|society|"
    r"council|schools?|college|academy|trust|board|committee|partnership|network|forum|strategy|policy|"
    r"act|officers?|workers?|practitioners?|nurses?|budget|funding|contracts?|provider|project|scheme|"
    r"programme|campaign|lead|champions?|leaflets?|grant|pathway|awareness|hub|nursery|clinic|ward|support|"
    r"village|club)\b"
)

# A cue opening a definition or general statement: "Dementia is ...", "Diabetes can ...".
DEFINITION_AFTER = r"\s+(?:is|are|can|may|affects?|causes?|means|refers|describes|remains)\b"

# Text right before a cue that makes it the topic of a document or task rather than a person's trait.
TOPIC_BEFORE = (
    r"\b(?:leaflets?|factsheets?|guides?|information|advice|tips|articles?|reports?|briefings?|training|"
    r"polic(?:y|ies)|strateg(?:y|ies)|presentations?|webinars?|courses?|sessions?|talks?|posts?|blogs?|"
    r"explainers?|summary|research|statistics|data|services?|support|awareness|funding|"
    r"provision|pathways?|questions?|quiz|lessons?|modules?|resources?|documentary|film|books?|podcast|"
    r"news|story|stories) (?:on|about|for|regarding|around|"
    r"covering|into|of)(?: (?!(?:his|her|my|their|your)\b)[\w'-]+){0,2} $"
)

# Using a service, place or technology as its patient, worshipper or data subject.
PERSONAL_USE = (
    r"\b(?:attends?|attending|attended|sees|seeing|seen by|saw|known to|referred|referral|"
    r"under the care of|open to|on the caseload|supported by|receives?|receiving|received|"
    r"waiting (?:list )?for|appointments?|discharged|admitted|visits? from|visited by|treated|"
    r"treatment|care of|in contact with|engag(?:es|ed|ing) with|allocated|collects?|goes to|go to|"
    r"went to|worships?|prays?|enrolled|enrol(?:s|led|ment)?|registered|stored|captured|taken|scanned|"
    r"held|holds|set up|signed up|logs? in|log(?:ged)? on|unlocks?|verified|matched|identified|"
    r"recorded|uses|used)\b",
)

NEGATION = (
    r"\b(?:no|not|never|denies|denied|without|nor|none|isn't|wasn't|doesn't|don't|hasn't)\b"
    r"(?:\W+\w+){0,2}\W*$"
)
