"""Word lists for reading discriminatory meaning in a parsed sentence (clause 7.2), used by
`detectors/output_meaning.py`. Data only: single lower-case words (or lemmas), never sentences.

What they encode:

* who a protected group is: the Equality Act 2010's nine characteristics plus nationality and ethnic
  origin, as the words that name members (demonyms, adherents, conditions, ages, family status), the
  nouns for people they modify ("Romanian *cleaners*", "older *staff*") and the characteristics themselves
  ("because of her *age*");
* how bad a trait is: the maintained VADER sentiment lexicon (read from the installed package) plus the
  trait words VADER does not score (`TRAIT_VALENCE`), so a predicate's polarity is looked up, not listed;
* which predicates report harm *to* a group rather than attribute a trait *to* it (`SUFFERED`, `EXPERIENCE`),
  and which embed a claim as someone else's (`REPORTING`, `STANCE`);
* which actions are treatment of people (`EXCLUDE`, `INCLUDE`, `PREFER`), which verbs are competences a
  claim of inability denies (`COMPETENCE`), and which are ordinary roles a restriction bars (`ROLE`).
"""

from __future__ import annotations

_DEMONYM_STEMS = (
    "afghan albanian algerian american angolan argentinian armenian australian austrian azerbaijani"
    " bangladeshi belarusian belgian bengali bolivian bosnian brazilian bulgarian burundian cameroonian"
    " canadian chilean colombian congolese croatian cuban cypriot czech egyptian eritrean estonian"
    " ethiopian filipino gambian georgian ghanaian guinean gujarati haitian hungarian indian indonesian"
    " iranian iraqi israeli italian ivorian jamaican jordanian kashmiri kazakh kenyan kosovan kurd kuwaiti"
    " latvian lebanese libyan lithuanian macedonian malawian malaysian malian mexican moldovan mongolian"
    " montenegrin moroccan namibian nepali nepalese nigerian pakistani palestinian persian peruvian"
    " punjabi qatari romanian russian rwandan saudi senegalese serbian slovak slovakian slovenian somali"
    " sri lankan sudanese syrian tajik tamil tanzanian thai tibetan tunisian turk ugandan ukrainian"
    " uzbek venezuelan vietnamese yemeni zambian zimbabwean arab african asian european caribbean"
    " latino latina hispanic slav romani roma gypsy traveller gurkha aboriginal oriental afro"
    " scot welsh irish english british polish pole dutch french german spanish spaniard portuguese greek"
    " swiss swedish danish dane norwegian finnish chinese japanese korean burmese turkish kurdish scottish"
)
_RELIGION = (
    "muslim islamic jew jewish christian catholic protestant hindu sikh buddhist atheist mormon evangelical"
    " pagan rastafarian jain zoroastrian quaker baptist methodist anglican orthodox sunni shia shiite"
    " ahmadi"
)
_RACE = "black white brown bame non-white nonwhite mixed-race biracial coloured ethnic minority minorities"
_SEX = "women woman female females ladies lady girls girl men male males mothers mums mum fathers dads wives"
_GENDER = (
    "trans transgender transsexual transsexuals non-binary nonbinary binary transwomen transmen genderqueer"
    " reassignment transitioned transitioning"
)
_ORIENTATION = "gay gays lesbian lesbians bisexual bisexuals homosexual homosexuals queer lgbt lgbtq lgbtq+"
_DISABILITY = (
    "disabled disability disabilities handicapped wheelchair wheelchairs deaf blind autistic autism dyslexic dyslexia"
    " dyspraxic adhd epileptic epilepsy schizophrenic schizophrenics bipolar dementia neurodivergent"
    " neurodiverse amputee amputees paraplegic paraplegics diabetic diabetics hiv impaired spectrum"
    " depression anxiety ptsd ocd psychosis cancer sclerosis down's"
    " mentally cripples cripple invalids diabetes arthritis stammer stutter tourette's"
)
_AGE = (
    "old older elderly aged young younger youngsters youths teenagers pensioners oaps boomers millennials"
    " over-50s over-60s over-40s over-65s under-25s middle-aged retirees"
)
_PREGNANCY = "pregnant pregnancy maternity expectant breastfeeding"
_MARRIAGE = "married unmarried divorced widowed same-sex civil newlyweds newlywed"
_MIGRATION = "immigrant immigrants migrant migrants refugee refugees asylum foreigner foreigners foreign"
_DRESS = "hijab hijabs headscarf headscarves turban turbans kippah veil veils burka burqa niqab"


def _demonyms() -> frozenset[str]:
    words: set[str] = set()
    for stem in _DEMONYM_STEMS.split():
        words.add(stem)
        if stem.endswith("y"):
            words.add(stem[:-1] + "ies")
        elif not stem.endswith(("ese", "ish", "ch", "ss", "s")):
            words.add(stem + "s")
    return frozenset(words)


def _with_plurals(text: str) -> frozenset[str]:
    return frozenset(text.split()) | frozenset(w + "s" for w in text.split() if not w.endswith("s"))


# Words naming members of a protected group, on their own or modifying a people noun.
GROUP_WORDS = (
    _demonyms() | _with_plurals(_RELIGION) | frozenset((_RACE + " " + _SEX + " " + _GENDER).split())
    | frozenset((_ORIENTATION + " " + _AGE + " " + _PREGNANCY).split()) | _with_plurals(_DISABILITY)
    | frozenset((_MARRIAGE + " " + _MIGRATION + " " + _DRESS).split()) | frozenset({"single", "lone", "seekers"})
)

# Words that name a group only as a modifier of a people noun ("older staff", "black residents", "single
# mothers"), because alone they are everyday words ("the old system", "a white wall", "a single form").
MODIFIER_ONLY = frozenset((
    "old older young younger aged black white brown single lone married unmarried divorced widowed blind"
    " foreign impaired mentally spectrum wheelchair wheelchairs binary civil depression anxiety cancer asylum"
    " expectant same-sex minority ethnic english british welsh irish scottish polish french german dutch reassignment"
    " transitioned transitioning"
    " spanish greek swiss danish swedish finnish " + _DRESS).split()
)

# ... of which these name a group only before a word for people from the list above (not any "-ers" noun):
# "older staff" but not "older computers", "black residents" but not "black markers".
STRICT_MODIFIERS = frozenset((
    "old older young younger aged black white brown single lone married unmarried divorced widowed blind"
    " foreign impaired mentally spectrum wheelchair wheelchairs civil asylum expectant minority " + _DRESS).split()
)

# Characteristics themselves, for reasons given about one person ("because of her age").
CHARACTERISTICS = frozenset(
    "age race religion faith belief beliefs sex gender sexuality orientation disability disabilities pregnancy"
    " maternity ethnicity nationality colour color accent origin origins background heritage culture skin"
    " transition condition accent hijab headscarf turban kippah veil wheelchair".split()
)

# Nouns for people that a group word can modify; other heads ("Polish food") are not people.
PEOPLE = frozenset(
    "people persons person folk folks staff worker workers employee employees candidate candidates applicant"
    " applicants tenant tenants resident residents family families neighbour neighbours kid kids child"
    " children pupil pupils student students customer customers client clients claimant claimants patient"
    " patients parent parents mother mothers father fathers couple couples household households community"
    " communities colleague colleagues driver drivers manager managers nurse nurses doctor doctors teacher"
    " teachers cleaner cleaners carer carers builder builders lads lad girls boys youths guys blokes ones lot"
    " individual individuals adult adults user users member members volunteer volunteers recruit recruits"
    " graduate graduates trainee trainees apprentice apprentices contractor contractors labourer labourers"
    " officer officers visitor visitors passenger passengers guest guests buyer buyers borrower borrowers"
    " lodger lodgers shopper shoppers citizen citizens nationals men women man woman lady ladies gentleman"
    " boy girl guy bloke anyone anybody someone somebody everyone everybody those population populations"
    " mums dads wives husbands partners seekers hires starters leavers carers cleaners porters"
    " labour engineers developers programmers nurses surgeons mechanics electricians plumbers"
    " pensioners voters sufferers victims immigrants migrants refugees users landlord landlords owners bosses"
    " shopkeepers traders dealers bankers lawyers personnel workforce youth clerks clerk cashiers receptionists"
    " waiters waitresses chefs cooks porters caretakers gardeners drivers cabbies pilots soldiers police"
    " officers constables firefighters paramedics midwives nannies childminders teachers lecturers tutors"
    " accountants solicitors barristers judges councillors politicians ministers vicars priests imams rabbis"
    " footballers players athletes artists musicians writers journalists farmers fishermen miners"
    " tradesmen tradespeople handymen joiners roofers painters decorators cleaners couriers riders"
    " speakers sellers vendors entrepreneurs executives directors supervisors leaders bosses staffers".split()
)

# Determiners and quantifiers that make a group the subject of a generalisation ("all", "most", "these").
GENERIC_DET = frozenset("all most many these those the every such typical no".split())
# ... and those that make it about some members only.
PARTIAL_DET = frozenset("some few several certain one two three a_few couple".split())
# Singular nouns that name a whole set of people ("staff are ...").
COLLECTIVE = frozenset("staff people folk personnel workforce community lot population youth".split())
POSSESSIVE = frozenset("my our your his her their its".split())

# Trait words VADER leaves unscored, with a VADER-like valence (-4 .. 4): stereotypes of competence,
# character, hygiene, threat and worth, and the good traits whose denial is a stereotype.
TRAIT_VALENCE: dict[str, float] = {
    **dict.fromkeys(
        "unreliable smelly unhygienic unclean slow thick backward primitive uncivilised uncivilized hysterical"
        " irrational feeble untrustworthy sly sneaky devious cunning scroungers scrounger spongers sponger"
        " freeloaders freeloader leeches parasites vermin savages animals cockroaches rats unemployable"
        " inferior deviants deviant perverts pervert groomers groomer predators unnatural abnormal thugs"
        " crooks druggies layabouts wasters troublemakers fraudsters scammers conmen shoplifters pickpockets"
        " beggars degenerates lowlifes riff-raff incompetent incapable useless worthless hopeless unfit"
        " unsuited unsuitable lazy idle dirty filthy criminals thieves liars cheats drunks alcoholics addicts"
        " extremists fanatics terrorists rapists paedophiles promiscuous immoral sinful deluded delusional"
        " malingerers malingering confused drain burden menace liability nuisance problem problems"
        " unintelligent dim dense ignorant noisy rude arrogant manipulative greedy grasping mean tight-fisted"
        " bogus fake fakes dangerous violent aggressive weak fragile needy clingy moody bossy emotional"
        " difficult demanding entitled bigots bigoted hypocrites zealots sloppy shoddy careless attention-seekers"
        " attention-seeking tight-fisted con-artists con-men drama chaos friction tension disruption havoc"
        " hassle headache headaches absent-fathers deadbeat feckless economic-migrants handouts pigs dogs apes monkeys"
        " snakes beasts swine locusts pests leeches benefit-tourists benefit-cheats health-tourists cowboys"
        " heavy-drinkers boozers expensive costly false-economy creepy clannish stoners robots snowflakes"
        " hard-work gang-members distracted spoilt spoiled brainwashed radicalised radicalized indoctrinated"
        " unhinged deranged warped uneducated unqualified untrained unskilled inbred theft smuggling trafficking"
        " fraud".split(),
        -2.0,
    ),
    **dict.fromkeys(
        "trustworthy reliable dependable capable competent employable hardworking hard-working productive"
        " intelligent clever bright honest loyal clean safe suitable suited fit committed responsible normal"
        " rational logical decisive ambitious skilled able qualified moral morals conscience integrity ambition"
        " manners decency loyalty discipline initiative drive assertive confident energetic dynamic adaptable"
        " flexible motivated punctual efficient diligent conscientious articulate creative".split(),
        2.0,
    ),
}
# VADER scores these nouns and adjectives, but as words for harm a group suffers, not a trait it has.
SUFFERED = frozenset(
    "victim victims vulnerable disadvantaged underrepresented under-represented overrepresented"
    " over-represented marginalised marginalized excluded isolated lonely unemployed poor poorer homeless"
    " underpaid overlooked affected targeted bullied harassed discriminated abused exploited injured killed"
    " hurt harmed detained stopped searched stereotyped ill sick poverty debt deprived"
    " worse-off unequal inequality inequalities barriers barrier hardship disadvantage disadvantages"
    " discrimination prejudice racism sexism ageism homophobia transphobia abuse hate harassment"
    " unfavourable unfairly unfair unlawful illegal favourably adverse".split()
)
# Verbs whose subject undergoes something: a negative object is harm done to the group, not its trait.
EXPERIENCE = frozenset(
    "face experience suffer encounter endure receive report need require deserve qualify benefit lose"
    " wait earn die live lack struggle risk fear feel worry seek ask apply claim request access use get"
    " have hold remain become".split()
)
# Verbs of obtaining or reaching, which a claim of inability states as a barrier ("cannot access").
ACCESS = frozenset("access afford get find obtain enter reach claim use rent buy see hear walk climb".split())

# Verbs whose complement is someone else's claim, and nouns / adjectives that disown a claim.
REPORTING = frozenset(
    "say claim believe think assume suggest argue allege insist assert feel maintain complain tell write"
    " post tweet shout chant call describe portray depict stereotype perceive view label paint brand accuse"
    " imply hear read report repeat dispute deny debunk counter rebut question ask wonder mean".split()
)
STANCE = frozenset(
    "myth myths stereotype stereotypes claim claims idea ideas belief beliefs assumption assumptions notion"
    " notions misconception misconceptions trope tropes prejudice prejudices view views perception"
    " perceptions narrative rhetoric comment comments remark remarks statement statements slogan quote"
    " caricature generalisation generalisations generalization canard lie lies false untrue wrong unfounded"
    " baseless inaccurate offensive discriminatory unlawful illegal prejudiced racist sexist ageist"
    " homophobic transphobic ableist harmful unacceptable bias biased fallacy trope example abuse"
    " insult insults slur slurs language phrase phrases question questions".split()
)
# Matrix subjects that make a believing verb an assertion by the writer ("I think", "everyone knows").
FIRST_PERSON = frozenset("i we everyone everybody".split())
FACTIVE = frozenset("know realise realize admit accept understand".split())

# Adverbs that make any trait an essence of the group ("naturally", "by nature").
ESSENTIAL = frozenset("naturally inherently innately genetically biologically instinctively".split())

# Actions on people: excluding them, giving them something, choosing between them.
EXCLUDE = frozenset(
    "reject refuse decline exclude avoid bar ban dismiss sack fire evict fail deny drop demote bin ignore"
    " discard overlook screen filter weed rule cross strike steer turn pass disqualify blacklist penalise skip"
    " penalize downgrade deprioritise deprioritize sideline segregate separate deport remove expel"
    " exclude".split()
)
INCLUDE = frozenset(
    "hire employ let rent sell serve admit shortlist promote offer give accept interview appoint recruit"
    " allocate lend house consider approve select invite grant place register trust take keep insure"
    " enrol enroll train mentor sponsor".split()
)
PREFER = frozenset("prefer favour favor prioritise prioritize choose pick".split())
# Verbs under "avoid", "stop", "refuse to": choosing *not* to include.
NEGATING_VERBS = frozenset("avoid stop refuse refrain".split())
# Words that make a preference lawful positive action or an adjustment, not a discriminatory choice.
POSITIVE_ACTION = frozenset(
    "under-represented underrepresented equally tie tie-break adjustment adjustments adapted accessible"
    " guaranteed disability-confident positive eligible".split()
)
# Pronouns that name one person (the target of a decision) rather than a class.
PERSON_PRONOUNS = frozenset("he she they him her them".split())

# Competences a claim of inability denies (inability of these is a stereotype, not a barrier or a rule).
COMPETENCE = frozenset(
    "lead manage cope learn think handle concentrate focus adapt understand decide judge keep perform"
    " integrate fit control trust rely compete succeed reason plan organise organize multitask improve"
    " change work teach follow hold commit drive do cook raise parent supervise count write speak behave"
    " function contribute last".split()
)
# Ordinary roles and rights a restriction ("should not ...", "must never ...") bars a group from.
ROLE = frozenset(
    "work teach lead manage adopt foster marry vote serve hold run live rent buy own enter come stay be"
    " become join apply study attend practise practice worship drive care look supervise raise have mix"
    " sit stand play train".split()
)
# Passives that shut a group out (bad when affirmed: "should be deported").
SHUT_OUT = frozenset(
    "deport deported ban banned bar barred exclude excluded sack sacked fire fired segregate segregated"
    " sterilise sterilised sterilize sterilized lock locked send sent remove removed expel expelled keep"
    " kept refuse refused reject rejected pay paid turn turned deny denied".split()
)
# Passives that let a group in (bad when denied: "should not be allowed to").
LET_IN = frozenset(
    "allowed permitted trusted let given hired employed housed promoted admitted appointed considered"
    " accepted selected chosen recruited registered licensed placed shortlisted interviewed relied approved".split()
)
# Active verbs that send a group away (bad when affirmed of a group: "should go home").
SEND_AWAY = frozenset("go leave return stay know keep".split())
# Verbs a group should not be stopped from (bad habits they are said to refuse) and habits said of it.
CIVIC = frozenset("pay wash clean respect integrate learn fit contribute mix speak work tell pull follow".split())
# Idioms that pin a trait on their subject, which word-by-word sentiment misses ("set in their ways").
TRAIT_IDIOMS = (
    r"past\s+it", r"over\s+the\s+hill", r"(?:set|stuck)\s+in\s+(?:their|his|her)\s+ways", r"a\s+waste\s+of\s+space",
    r"not\s+(?:all\s+)?there", r"a\s+law\s+unto\s+themselves", r"out\s+of\s+touch", r"behind\s+the\s+times",
    r"(?:good|fit)\s+for\s+nothing",
    r"(?:just\s+)?men\s+in\s+(?:dresses|frocks|wigs|skirts|make-?up)",
    r"(?:take|taking)\s+advantage\s+of", r"(?:play|game|milk|work|playing|gaming|milking)\s+the\s+system",
    r"(?:make|making|made)\s+it\s+(?:all\s+)?up", r"only\s+(?:good|fit)\s+for",
    r"asking\s+for\s+trouble", r"a\s+false\s+economy",
    r"all\s+(?:the\s+same|alike)\b(?!\s+[a-z])",
    r"more\s+trouble\s+than\s+(?:they\s+are|they're)\s+worth",
)
# Nouns of judgement a claim of inability denies ("can't make decisions").
COMPETENCE_NOUNS = frozenset("decisions decision choices choice judgements judgments judgement sense progress".split())
# Countries, for people described by where they come from ("the applicant from ...").
COUNTRIES = frozenset(
    "afghanistan albania algeria angola bangladesh brazil bulgaria cameroon china colombia congo eritrea"
    " ethiopia gambia ghana india iran iraq ireland jamaica kenya kosovo kurdistan latvia lithuania libya"
    " morocco nepal nigeria pakistan palestine poland portugal romania russia rwanda senegal serbia slovakia"
    " somalia sudan syria tanzania turkey uganda ukraine vietnam yemen zimbabwe africa asia".split()
)
# Words that gate a sentence for the parse besides group words: characteristics said of one person
# ("... she is in her sixties", "because of his religion").
GATE_WORDS = frozenset(
    "forties fifties sixties seventies eighties religion faith pregnancy disability ethnicity nationality"
    " sexuality hijab headscarf turban kippah accent".split()
) | COUNTRIES
# Verbs of bad habits VADER leaves unscored (as verbs; "lie low" and "lie down" are not lying).
HABIT_VALENCE: dict[str, float] = dict.fromkeys(
    "lie scrounge sponge freeload skive shirk malinger beat hit attack rob con groom molest prey stab bully"
    " intimidate scare frighten swindle defraud exploit infest invade overrun forge falsify fabricate fiddle"
    " smuggle traffic poach".split(),
    -2.0,
)
# Institutions a conspiracy trope says a group controls ("... run the media").
INSTITUTIONS = frozenset(
    "banks bank media press government governments world money finance hollywood business businesses"
    " economy courts police council councils system".split()
)
# Passive verbs of fitness, whose denial says the group is unfit ("are not built for leadership").
FITNESS = frozenset("built made cut designed meant wired suited equipped programmed".split())
# Frequency adverbs that deny a habit as "not" does ("rarely pay", "seldom manage").
RARELY = frozenset("rarely seldom hardly barely scarcely".split())
# What a person may be given that is a chance, not a thing ("should not be given the job" vs "... vaccines").
CHANCES = frozenset(
    "job jobs role roles post posts tenancy tenancies flat flats house houses home homes promotion promotions"
    " chance chances opportunity opportunities custody responsibility responsibilities power vote votes"
    " place places contract contracts interview interviews work".split()
)
# A family a person may be chosen for not having ("applicants without children"): parental status stands
# for sex and pregnancy and maternity in hiring and letting.
FAMILY = frozenset("children child kids kid family families dependants dependents babies baby".split())
# Checking more than others are checked: nouns of scrutiny, their "more" modifiers, verbs of checking.
SCRUTINY = frozenset(
    "check checks checking vetting scrutiny search searches questions questioning monitoring supervision"
    " screening tests testing verification inspection inspections surveillance security".split()
)
MORE = frozenset("extra additional more closer stricter tougher harder further enhanced special closely twice".split())
SCRUTINY_VERBS = frozenset(
    "check vet search monitor question watch screen scrutinise scrutinize inspect verify test supervise".split()
)
# Words of caution that advise against what follows ("be wary of", "be cautious about").
WARY = frozenset("wary cautious careful reluctant chary suspicious".split())
# People who decide about others, whose "should" is advice to the reader ("employers should ...").
DECIDERS = frozenset(
    "employers employer landlords landlord managers manager recruiters recruiter interviewers panels panel"
    " companies businesses firms agencies owners hr".split()
)
# Passives that tie their subject to something ("involved in", "linked to"): bad when the thing is bad.
ASSOCIATED = frozenset("involved associated linked connected tied implicated mixed behind".split())
# What a person may have or lack that is a resource, right or service, not a trait ("have no access").
GOODS = frozenset(
    "right rights access protection support help chance chances opportunity opportunities choice choices voice"
    " say security safety benefit benefits income savings money home homes job jobs work entitlement recourse"
    " freedom representation funding service services care time transport insurance pension family friends"
    " experience qualification qualifications confidence skills skill training knowledge information awareness"
    " understanding".split()
)
# Losses a group may be put first in line for ("redundancy", "the cuts").
LOSSES = frozenset(
    "redundancy redundancies dismissal dismissals cut cuts layoff layoffs eviction evictions chop axe sack"
    " go".split()
)
# Words that make a list heading about the law or protection rather than an instruction ("Grounds on which
# it is unlawful to refuse:", "Who is protected:").
FRAME_LAW = frozenset(
    "protected protection law laws act unlawful illegal discrimination discriminate discriminating"
    " characteristics grounds rights equality equal".split()
)
# Passive participles of how a person was formed ("poorly trained", "badly brought up"): a bad manner
# adverb makes them a trait, unlike "poorly paid" or "badly treated", which are harm suffered.
FORMATION = frozenset(
    "trained educated qualified skilled prepared behaved organised organized disciplined raised brought"
    " informed mannered".split()
)
# Group words that name a nationality or a people, which also modify things ("Polish butter"); the other
# group words (conditions, faiths, ages, family status) modify only people when they end like a person noun.
NATIONAL = _demonyms()
