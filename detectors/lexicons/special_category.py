"""Cue lexicons for special-category detection (UK GDPR Art. 9 and Art. 10 criminal-offence data).

Every entry is a regular-expression fragment, matched case-insensitively on word boundaries. Written from
general knowledge (conditions, medicines, faiths and practices, ethnic descriptors, parties, unions, ...).

* ``STRONG``: reveals the category once the sentence is about an individual ("multiple sclerosis").
* ``WEAK``: ambiguous ("prescribed", "his faith", "Unite"); needs the person in the same sentence.
* ``SERVICE``: names a service, place or technology ("renal unit", "mosque", "facial recognition"); counts
  only when the person in the sentence uses it ("he goes to the memory clinic", "his face template was stored").
* Placeholders ``<ETHNIC>``, ``<NATIONAL>``, ``<RELIGION>``, ``<PARTY>``, ``<UNION>`` expand to the lists in
  ``FILLERS``; names that collide with ordinary words ("Unite", "Labour", "Reform") are matched
  case-sensitively.
"""

from __future__ import annotations

# Packed tables of regex fragments: keep ruff format from putting one per line.
# fmt: off

HEALTH = "health"
RACIAL = "racial_ethnic_origin"
RELIGION = "religious_philosophical_belief"
POLITICAL = "political_opinion"
UNION = "trade_union_membership"
GENETIC = "genetic"
BIOMETRIC = "biometric"
SEXUAL = "sex_life_sexual_orientation"
CRIMINAL = "criminal_offence"

_CONDITIONS = (
    r"(?:had|suffered|has had|having) an? (?:stroke|heart attack|seizure|fit|mini[- ]stroke|tia|"
    r"breakdown)", r"strokes?", r"heart (?:attack|failure|condition|disease|problems?|surgery|bypass)",
    r"angina", r"arrhythmia", r"atrial fibrillation", r"pacemaker", r"(?:type [12] )?diabet(?:es|ic)",
    r"cancer", r"tumou?rs?", r"leukaemia", r"lymphoma", r"chemo(?:therapy)?", r"radiotherapy", r"dementia",
    # end-of-life and capacity records that exist only because of a person's health
    r"dnacpr", r"dnar", r"do not (?:attempt )?(?:cardiopulmonary )?resuscitat\w*", r"respect form",
    r"(?:health(?: and welfare)?|welfare) lpa", r"lasting power of attorney for (?:health|personal welfare)",
    r"alzheimer'?s", r"parkinson'?s", r"multiple sclerosis", r"motor neurone disease", r"\bMND",
    r"cerebral palsy", r"huntington'?s(?: disease| chorea)?", r"epilep(?:sy|tic)",
    r"(?:has|had|having|suffers?|suffered) (?:\w+ )?(?:seizures?|fits)", r"copd", r"emphysema",
    r"asthma(?:tic)?", r"cystic fibrosis", r"sickle cell (?:disease|anaemia|crisis)",
    r"hiv(?: positive| \+)?", r"(?-i:AIDS)", r"hepatitis(?: [abc])?", r"tuberculosis", r"long covid",
    r"fibromyalgia", r"chronic fatigue(?: syndrome)?", r"myalgic encephalomyelitis", r"arthritis",
    r"osteoporosis", r"lupus", r"crohn'?s(?: disease)?", r"colitis", r"coeliac disease",
    r"kidney (?:disease|failure|transplant)", r"renal (?:failure|disease)", r"dialysis",
    r"liver (?:disease|failure)", r"cirrhosis", r"stoma", r"catheter", r"incontinen(?:t|ce)",
    r"(?:hip|knee|shoulder) replacement", r"amputat(?:ed|ion)", r"amputee", r"paralys(?:ed|is)",
    r"paraplegic", r"tetraplegic", r"spinal (?:cord )?injury", r"(?:acquired )?brain injury",
    r"head injury", r"broken (?:leg|arm|hip|wrist|ankle|back)",
    r"fractured? (?:leg|arm|hip|wrist|ankle|spine|pelvis)", r"depress(?:ion|ed|ive episode)",
    r"anxiety(?: disorder)?", r"panic attacks?", r"ptsd", r"post[- ]traumatic stress",
    r"bipolar(?: disorder)?", r"schizo(?:phrenia|phrenic|affective)", r"psycho(?:sis|tic)",
    r"personality disorder", r"eating disorder", r"anorexi[ac]", r"bulimi[ac]",
    r"self[- ]harm(?:ing|ed|s)?", r"suicidal(?: thoughts| ideation)?",
    r"(?:attempted|tried to take) (?:suicide|(?:his|her|their) own life)", r"overdosed?", r"\bocd",
    r"obsessive[- ]compulsive", r"hears voices", r"hearing voices", r"mental (?:illness|breakdown)",
    r"severe mental impairment",
    r"mental health (?:condition|problems?|issues?|difficulties|crisis|needs|diagnosis)", r"low mood",
    r"stress[- ]related (?:illness|absence)", r"work[- ]related stress", r"autis(?:m|tic)", r"asperger'?s",
    r"adhd", r"dyslexi[ac]", r"dyspraxi[ac]", r"global developmental delay",
    r"learning (?:disability|disabilities|difficulty|difficulties)", r"down'?s syndrome", r"tourette'?s",
    r"(?:is|am|are|was|were|being|registered|severely|physically|mentally|profoundly) disabled",
    r"disabled (?:person|man|woman|child|son|daughter|adult|resident|tenant|boy|girl|mother|father|"
    r"parent)", r"wheelchair(?: user)?", r"mobility (?:scooter|problems?|issues?|aids?)",
    r"walking (?:frame|stick)", r"zimmer frame", r"crutches", r"stair ?lift", r"commode", r"guide dog",
    r"housebound", r"bed[- ]?bound", r"blind(?:ness)?", r"partially sighted", r"sight loss",
    r"visually impaired", r"registered blind", r"deaf(?:ness)?", r"hard of hearing",
    r"hearing (?:loss|aids?|impair(?:ed|ment))", r"bsl user", r"pregnan(?:t|cy)", r"miscarri(?:age|ed)",
    r"ivf", r"fertility treatment", r"menopaus(?:e|al)",
    r"(?:alcohol|drug|substance|opiate|opioid|heroin|cocaine|gambling) (?:dependen(?:cy|ce|t)|"
    r"addiction|misuse|abuse|problems?)", r"alcoholi(?:c|sm)", r"addict(?:ed|ion)?", r"obes(?:e|ity)",
    r"migraines?", r"chronic pain", r"(?:back|neck|joint) (?:pain|problems)", r"sciatica",
    r"memory (?:loss|problems)", r"pressure (?:sores?|ulcers?)", r"(?:leg )?ulcers?",
    r"terminal(?:ly)? ill(?:ness)?", r"palliative(?: care)?", r"end of life care", r"sectioned",
    r"detained under the mental health act", r"gender dysphoria", r"diagnos(?:is|ed) (?:of|with)",
    r"(?:back|heart|skin|lung|kidney|liver|bowel|bladder|eye|thyroid|spinal|neurological|joint|"
    r"muscular|chronic|long[- ]term|degenerative|progressive|life[- ]limiting|terminal) (?:condition|"
    r"illness|disease)", r"(?:sexually transmitted infection|\bsti\b)", r"chlamydia", r"gonorrhoea",
    r"syphilis", r"herpes", r"expecting (?:a baby|twins|her first|their first|her second|their second)",
    r"(?:gave|giving|give) birth", r"colostomy", r"ileostomy",
    r"(?:awaiting|waiting for|needs) an? (?:\w+ )?transplant", r"transplant list",
    r"(?:uses|walks with) a (?:walking )?stick",
    r"(?:sight|vision|eyesight|hearing|memory|mobility|breathing|heart|kidney|bladder|bowel) problems",
    r"(?:drinks?|drinking) (?:heavily|too much|excessively)", r"(?:heavy|problem|dependent) drinker",
    r"(?:uses|using|smokes|smoking|takes|taking|injects|injecting) (?:cannabis|heroin|crack|cocaine|"
    r"spice|drugs)", r"(?:tested positive for|has|had|caught) covid", r"high blood pressure",
    r"hypertension", r"blood sugar", r"(?:underactive|overactive) thyroid", r"sleep apnoea", r"glaucoma",
    r"cataracts?", r"macular degeneration", r"tinnitus", r"osteoarthritis", r"mastectomy", r"hysterectomy",
    r"endometriosis", r"(?-i:PCOS)", r"eczema", r"psoriasis", r"(?:severe |nut |food )?allerg(?:y|ies)",
    r"allergic to", r"anaphyla\w+", r"epi-?pen", r"spina bifida", r"muscular dystrophy", r"agoraphob\w+",
    r"insomnia", r"(?:has|with|diagnosed with) (?-i:MS)\b", r"dyscalculi[ac]", r"fragile x",
    r"(?:broke|broken|fractured) (?:his|her|their|my) (?:leg|arm|hip|wrist|ankle|back|neck|collarbone|"
    r"pelvis)",
)

_MEDICINES = (
    r"metformin", r"insulin(?:[- ]dependent)?", r"sertraline", r"fluoxetine", r"(?:es)?citalopram",
    r"mirtazapine", r"amitriptyline", r"venlafaxine", r"duloxetine", r"methadone", r"buprenorphine",
    r"subutex", r"naloxone", r"(?:on|takes?|taking|prescribed) lithium", r"olanzapine", r"risperidone",
    r"quetiapine", r"clozapine", r"aripiprazole", r"diazepam", r"lorazepam", r"pregabalin", r"gabapentin",
    r"tramadol", r"morphine", r"codeine", r"oxycodone", r"fentanyl", r"warfarin", r"apixaban",
    r"rivaroxaban", r"(?:atorva|simva)statin", r"amlodipine", r"ramipril", r"bisoprolol", r"levothyroxine",
    r"salbutamol", r"inhalers?", r"levetiracetam", r"sodium valproate", r"lamotrigine", r"carbamazepine",
    r"donepezil", r"memantine", r"methylphenidate", r"ritalin", r"antiretrovirals?", r"antidepressants?",
    r"antipsychotics?", r"anti[- ]?epileptics?", r"depot injection", r"blister packs?", r"dosette box",
    r"home oxygen", r"(?:uses|on|needs) oxygen", r"(?:daily|weekly) (?:script|prescription)",
    r"propranolol", r"prednisolone", r"methotrexate", r"(?-i:HRT)",
)

_HEALTH_WEAK = (
    r"prescri(?:bed|ption)",
    r"(?:his|her|their|my|your) (?:medication|tablets|medicines?|gp|consultant|nurse)",
    r"(?:admitted to|discharged from|(?:a )?stay in|(?:is|was|still) in) hospital", r"a&e",
    r"(?:had|has had|having|needs|needed|awaiting|waiting for|recovering from) (?:an? |major |"
    r"minor )?(?:operation|surgery)",
    r"(?:hip|knee|back|heart|eye|cataract|spinal|cancer|bowel) (?:surgery|operation)",
    r"(?:physio|occupational |speech |talking |cognitive behavioural |psycho)therapy", r"\bcbt\b",
    r"(?:his|her|my|their|your) (?:condition|illness|diagnosis|symptoms|mental health|disability|"
    r"impairment|disabilities)", r"disability", r"signed off (?:sick|work)", r"fit note",
    r"(?:daily|weekly|repeat|methadone) (?:script|prescription)",
    r"(?:had|has had|suffered|having) (?:a )?falls?", r"has fallen", r"fell (?:over|down|at home|in the)",
    r"weakness (?:in|down|on) (?:his|her|their|my|the) (?:left|right|arms?|legs?|side|hands?)",
    r"breathless(?:ness)?", r"unwell", r"injur(?:y|ies|ed)",
    r"medical (?:condition|needs|evidence|grounds|reasons)", r"health (?:condition|needs|problems)",
    r"(?-i:PIP)", r"personal independence payment", r"attendance allowance", r"disability living allowance",
    r"blue badge holder", r"(?:has|holds|got) a blue badge", r"ehcp", r"education,? health and care plan",
    r"special educational needs", r"\bsend\b(?= support| needs)", r"personal care", r"care package",
    r"(?:occupational|speech) therapist", r"physio", r"detox",
    r"(?:off|absent|signed off)(?: work| sick)? (?:with|due to|because of) (?:stress|a virus|flu|"
    r"covid|[\w-]+ (?:pain|problems|injury|infection))", r"rehab",
    r"(?:a|ceiling|mobile|bath|standing) hoist", r"(?:mri|ct|pet) scans?", r"biops(?:y|ies)",
    r"mammograms?", r"smear tests?", r"colonoscopy", r"endoscopy", r"x-rays?",
)

_HEALTH_SERVICES = (
    r"community psychiatric nurse", r"\bcpn", r"psychiatrists?", r"psychologists?",
    r"consultant psychiatrist", r"(?:community )?mental health (?:team|services?|nurse|worker)", r"\bcmht",
    r"crisis (?:team|plan)", r"home treatment team", r"camhs", r"iapt", r"talking therapies",
    r"oncolog(?:y|ist)", r"cardiolog(?:y|ist)", r"neurolog(?:y|ist)", r"district nurses?",
    r"macmillan nurse", r"diabetes (?:nurse|clinic)", r"renal unit", r"drug and alcohol (?:service|team)",
    r"substance misuse service", r"physiotherap(?:y|ist)", r"speech and language therap(?:y|ist)",
    r"counsell(?:ing|or)", r"sexual health clinic", r"gum clinic", r"antenatal(?: clinic)?", r"midwife",
    r"maternity unit", r"memory clinic", r"falls clinic", r"pain clinic", r"fracture clinic",
    r"dialysis unit", r"stroke unit", r"cancer ward", r"hospice", r"psychiatric (?:ward|unit|hospital)",
    r"eating disorders? (?:service|clinic|unit)",
)

_ETHNIC = (
    r"white (?:british|irish|english|scottish|welsh|european|other)",
    r"black(?: british)?(?: caribbean| african)?",
    r"british (?:asian|indian|pakistani|bangladeshi|chinese|african|caribbean)", r"asian(?: british)?",
    r"mixed[- ](?:race|heritage|ethnicity)",
    r"(?:mixed )?white and (?:black caribbean|black african|asian)", r"dual heritage",
    r"(?:irish |romany )?travell?ers?", r"romany(?: gypsy)?", r"gypsy", r"roma", r"afro[- ]caribbean",
    r"south asian", r"east asian", r"arab", r"latin[oax]", r"hispanic",
)

_NATIONAL = _ETHNIC + (
    r"pakistani", r"bangladeshi", r"indian", r"chinese", r"somali", r"nigerian", r"ghanaian", r"jamaican",
    r"eritrean", r"ethiopian", r"sudanese", r"kurdish", r"afghan", r"syrian", r"iraqi", r"iranian",
    r"turkish",
    r"polish", r"romanian", r"lithuanian", r"filipin[oa]", r"vietnamese", r"tamil", r"punjabi", r"gujarati",
    r"bengali", r"caribbean", r"african", r"irish", r"greek cypriot", r"turkish cypriot", r"yemeni",
    r"congolese",
    r"zimbabwean", r"ukrainian", r"albanian", r"portuguese", r"italian", r"jewish", r"sri lankan", r"nepali",
)

# "<subject> is ...": a pronoun, "who", a person noun or a capitalised name (not "It") right before the verb.
_SUBJECT_IS = (
    r"(?:\b(?:he|she|i|they|who|family|household|couple|tenant|applicant|resident|child|boy|girl|man|woman|"
    r"mother|father|mum|dad|parents|son|daughter|husband|wife|partner|patient|client|claimant|employee|pupil)"
    r"|(?-i:\b(?!It\b|This\b|That\b|There\b|What\b|Which\b|Who\b)[A-Z][^\W\d_A-Z]+))"
    r"(?: is|'s| was| am|'m| are| were)(?: also| now| originally)?"
)

_RACIAL_STRONG = (
    # after a word in any case, the ethnicities no object or place is ("dudová is roma"); the cue starts at the
    # verb, so the scanner tries it only where "is"/"was" stands, and the sentence must still name the person
    *(
        verb + rf"(?<=[^\W\d_]{{2}} {verb})"
        + "".join(rf"(?<!\b{w} {verb})" for w in "it site area camp music food name word term this that".split())
        + r" (?:an? )?(?:irish |romany |welsh )?(?:roma|romany|gypsy|travell?er)\b"
        for verb in ("is", "was")
    ),
    _SUBJECT_IS + r" (?:of )?(?:an? )?(?:<ETHNIC>)(?! (?:community|communities|people|residents|groups?))",
    r"(?:is|was) an? (?:<NATIONAL>) (?:man|woman|girl|boy|lad|family|child|teenager|mum|dad|mother|father|"
    r"young (?:man|woman|person)|gentleman|lady)",
    r"(?:is|am|are|was|from an?|of) (?:mixed )?(?:<NATIONAL>)(?: and (?:<NATIONAL>))? "
    r"(?:heritage|origin|descent|background|family|ethnicity)",
    r"(?:identifies|identify|identified|describes (?:himself|herself|themselves|myself)|described (?:himself|"
    r"herself)|self[- ]identifies|self[- ]describes) as (?:being )?(?:an? )?(?:<NATIONAL>)",
    r"(?:his|her|my|their|your) (?:ethnicity|ethnic (?:origin|group|background)) "
    r"(?:is|was|as|recorded as) (?:an? )?"
    r"(?:<NATIONAL>)", r"describes? (?:his|her|my|their) (?:ethnicity|ethnic (?:origin|group|background)) as",
    r"(?:his|her|my|their) (?:<NATIONAL>) (?:heritage|roots|ancestry|background|ethnicity)",
    r"colou?r of (?:his|her|my|their|your) skin", r"(?:his|her|my|their|your) skin colou?r",
    r"racially (?:abused|harassed|motivated|aggravated|targeted)", r"racial (?:abuse|harassment|slurs?)",
    r"racist (?:abuse|comments?|remarks?|slurs?|names|attack|graffiti|incident)",
    r"(?:because of|due to) (?:his|her|my|their) (?:race|ethnicity|skin)",
    r"(?:black|asian|mixed[- ]race) (?:man|woman|boy|girl|lad|child|family|teenager|mum|dad|mother|father)",
)

_RELIGIONS = (
    r"muslim", r"christian", r"(?:roman )?catholic", r"anglican", r"church of england", r"methodist",
    r"baptist", r"pentecostal", r"evangelical", r"quaker", r"jehovah'?s witness(?:es)?", r"mormon",
    r"latter[- ]day saints?", r"seventh[- ]day adventist", r"(?:orthodox |practising )?jew(?:ish)?",
    r"hindu", r"sikh", r"buddhist", r"jain", r"rastafarian", r"pagan", r"wiccan", r"atheist", r"agnostic",
    r"humanist", r"baha'?i", r"zoroastrian", r"islam", r"christianity", r"judaism", r"hinduism", r"sikhism",
    r"buddhism", r"catholicism", r"(?:greek|russian|coptic|eritrean|ethiopian) orthodox", r"shia", r"sunni",
    r"ahmadi",
)

_RELIGION_STRONG = (
    r"(?:practising|devout|observant|committed|born[- ]again|converted to|convert to|became an?) "
    r"(?:<RELIGION>)s?",
    r"(?:" + _SUBJECT_IS + r"|\bas) (?:an? )?(?:<RELIGION>)"
    r"(?!\s(?-i:[A-Z])| (?:school|church|centre|charity|hall|community|communities|"
    r"people|residents|groups?|organisations?|festival|cemetery))",
    r"(?:his|her|my|their|your) (?:<RELIGION>) (?:faith|beliefs?|religion|upbringing|practices?)",
    r"prays? (?:five times|daily|every day|several times|at the)", r"(?:his|her|my|their) prayers",
    r"jummah", r"friday prayers",
    r"(?:goes|go|went|going) to (?:the |a |her |his |their |my |local |the local )?"
    r"(?:church|mass|mosque|synagogue|temple|gurdwara|mandir|chapel)",
    r"(?:attends?|attending|attended) (?:mass|church|services at)",
    r"(?:worships?|worshipped|worshipping) at",
    r"(?:observes?|observing|fasting (?:for|during)|fasts? (?:during|for)|keeps?) (?:ramadan|the sabbath|"
    r"shabbat|lent|yom kippur)", r"keeps? (?:kosher|halal)", r"only eats? (?:kosher|halal)",
    r"(?:kosher|halal) (?:food|diet|meals?)", r"(?:went|going|goes|been) on (?:hajj|umrah|pilgrimage)",
    r"wears? (?:a |the |her |his )?"
    r"(?:hijab|niqab|burqa|burka|jilbab|turban|patka|kippah|yarmulke|kara|kirpan)",
    r"(?:hair|beard) uncut", r"uncut hair",
    r"ethical vegan(?:ism)?", r"baptised", r"bar mitzvah", r"bat mitzvah",
    r"(?:reads|reading) the (?:bible|qur'?an|"
    r"koran|torah)", r"non[- ]religious", r"no religion",
    r"member of (?:the|a|his|her|their) (?:congregation|church|mosque|synagogue|parish|gurdwara|temple)",
    r"(?:is|was) (?:an? |the )?(?:church ?warden|deacon|lay preacher|imam|rabbi|vicar|granthi|pujari)\b",
)

_RELIGION_WEAK = (
    r"(?:his|her|my|their|your) (?:faith|religion|beliefs|church|mosque|synagogue|gurdwara|temple|"
    r"imam|rabbi|vicar|pastor|priest)", r"prayers?", r"ramadan", r"eid", r"diwali", r"vaisakhi",
    r"passover", r"hanukkah", r"religious", r"parish priest", r"sabbath",
    r"(?:won't|will not|doesn't|does not|cannot|can't|do not|don't) eat pork", r"crucifix", r"rosary",
    r"prayer (?:mat|beads)", r"tasbih",
)

_WORSHIP_PLACES = (
    r"mosque", r"church", r"synagogue", r"gurdwara", r"temple", r"mandir", r"chapel", r"kingdom hall",
    r"meeting house", r"prayer room",
)

_PARTIES = (
    r"Labour(?: Party)?", r"Conservatives?(?: Party)?", r"Tor(?:y|ies)", r"Liberal Democrats?",
    r"Lib Dems?", r"Green Party", r"Greens", r"Reform UK", r"Reform", r"UKIP", r"SNP", r"Plaid Cymru", r"Plaid",
    r"Sinn F[eé]in", r"DUP", r"SDLP", r"BNP", r"Britain First", r"Workers Party",
    r"Socialist Workers(?: Party)?", r"Communist Party", r"Alba Party", r"Extinction Rebellion",
    r"Just Stop Oil", r"Momentum", r"Palestine Solidarity Campaign", r"Stop the War(?: Coalition)?",
)

_POLITICAL_STRONG = (
    r"(?:voted|votes|vote|voting|will vote) (?:for )?(?:the )?(?:<PARTY>)",
    r"(?:<PARTY>) (?:voter|supporter|member|activist|campaigner|candidate|volunteer|party member)",
    r"member of (?:the )?(?:<PARTY>)", r"(?:joined|joins|supports|supporter of) (?:the )?(?:<PARTY>)",
    r"(?:leafleting|leafletting|leafleted|canvassing|canvassed|canvasses|campaigning|campaigns|campaigned|stood|"
    r"standing|volunteers?|volunteering|volunteered|"
    r"delivers? leaflets) (?:for|with|as a candidate for) (?:the )?(?:<PARTY>)",
    r"stood as an? (?:[\w-]+ )?candidate", r"(?:scottish|welsh) independence", r"irish (?:re)?unification",
    r"(?:" + _SUBJECT_IS + r") (?:an? )?(?:staunch |committed |lifelong |life-long |card-carrying |active )?"
    r"(?:socialist|communist|marxist|anarchist|tory|conservative|labour supporter|trade unionist|nationalist|"
    r"republican|royalist|monarchist|zionist|anti-zionist|feminist activist|brexiteer|remainer)\b",
    r"(?:political|party) (?:activist|activism)", r"(?:left|right)[- ]wing (?:views|activist|politics)",
    r"(?:socialist|communist|anarchist|nationalist|republican|royalist|pro[- ]palestinian|zionist|"
    r"pro[- ]life|pro[- ]choice|anti[- ]immigration) (?:views|beliefs|activist|politics|campaigner)",
    r"(?:attended|attends|went on|goes on|joined|organised|organises|took part in|takes part in) "
    r"(?:a |the |an )?(?:[\w-]+ )?(?:[\w-]+ )?(?:protest|"
    r"demonstration|march|rally)", r"(?:leave|remain) voter", r"voted (?:leave|remain|to leave|to remain)",
    r"(?:leafleting|leafletting|canvassing) (?:for|in)",
    r"(?:<PARTY>) (?:poster|placard|sticker|badge|rosette)",
    r"(?:activist|campaigner|volunteer|member|supporter) (?:with|for|of) (?:the )?(?:<PARTY>)",
    r"(?:supports?|supported|backs?|backed|opposes?|opposed) brexit",
    r"(?:pro|anti)[- ](?:brexit|eu|immigration|abortion|monarchy|israel|palestine) "
    r"(?:views|campaigner|activist|protester|protestor)",
    r"(?:handing out|hands out|handed out|delivering|delivered|distributing) leaflets (?:for|with) "
    r"(?:the )?(?:<PARTY>)",
    r"(?:" + _SUBJECT_IS + r") (?:an? )?(?:lifelong |life-long |committed |staunch )?(?:Lib Dem|Liberal Democrat|Tory|"
    r"UKIPper|Labour voter|Green voter|Green supporter)\b",
    r"(?:campaigned|campaigns|campaigning|voted|votes|marched) (?:for|against) brexit",
    r"(?:describes? (?:himself|herself|themselves|myself)|identif(?:y|ies|ied)) as (?:an? )?(?:lifelong |life-long "
    r"|committed |staunch )?(?:socialist|communist|marxist|anarchist|tory|conservative|nationalist|republican"
    r"|royalist|zionist|anti-zionist|feminist|libertarian)",
    r"(?:donates?|donated|donating|gives money|gave money|subscribes?) to (?:the )?(?:<PARTY>)",
)

_DISTINCT_UNIONS = (
    r"UNISON", r"Unison", r"Unite", r"UNITE", r"GMB", r"NEU", r"NASUWT", r"NAHT", r"RCN", r"BMA", r"PCS",
    r"FBU", r"RMT", r"ASLEF", r"CWU", r"USDAW", r"Usdaw", r"UCU", r"NUJ", r"Unite the Union", r"BALPA",
)

# Also words or acronyms with other meanings ("prospect", "equity", "EIS"): only in union frames.
_UNIONS = _DISTINCT_UNIONS + (r"EIS", r"Prospect", r"Equity", r"POA", r"Aspect", r"Community")

_UNION_STRONG = (
    # distinct union names typed in lower case, with the role that makes them a union ("unison rep")
    r"(?:unison|unite|gmb|nasuwt|naht|rcn|rmt|usdaw|ucu|aslef|cwu|fbu|pcs|bma) (?:member|rep|representative"
    r"|steward|branch secretary|official|convenor|organiser)",
    r"(?:trade )?union (?:member|rep|reps|representative|official|steward|convenor|branch|subs|"
    r"secretary|activist|organiser|organizer|caseworker)",
    r"member of (?:a |the |his |her |their )?(?:trade )?union", r"shop steward", r"union steward",
    r"(?:his|her|my|their) (?:trade )?union\b(?! flag| jack)",
    # joining a distinct union named in any case ("has joined unite", "became a member of the rmt")
    r"(?:joiners?|new members?|starters?|sign-?ups?|recruits?|joined|joining|signed up) (?:to|of|with|for)?"
    r" ?(?:the )?(?:unison|unite|gmb|nasuwt|naht|neu|rcn|rmt|usdaw|ucu|aslef|cwu|fbu|pcs|bma|nuj)",
    r"(?:<UNION>) (?:[\w-]+ )?(?:member|membership|rep|representative|steward|branch|official|"
    r"convenor|organiser|regional officer|caseworker|subs)", r"member of (?:the )?(?:<UNION>)",
    r"(?:joined|joins|join) (?:<UNION>|the union|a union|a trade union)",
    r"(?:represented|accompanied|supported|advised) by (?:<UNION>|(?:his|her|their|my|"
    r"a) (?:trade )?union)", r"(?:is|was|are|'s) in (?:the|a) (?:trade )?union",
    r"(?:trade )?union (?:[\w&]+ ){1,3}(?:rep|representative|steward|official|convenor)",
)

_UNION_WEAK = (
    r"(?:his|her|my|their) (?:steward|rep|representative)", r"(?:<DISTINCT_UNION>)",
    r"(?:is|was|were|are|went|been) on strike", r"(?:joined|joins) (?:the|a) strike", r"picket line",
)

_GENETIC_STRONG = (
    r"genetic (?:tests?|testing|results?|condition|disorder|counselling|screening|predisposition|"
    r"markers?|risk|mutation|variant|diagnosis)",
    r"(?:clinical )?genetics (?:service|clinic|team|department|appointment|referral)", r"geneticists?",
    r"gene (?:mutation|variant|test|carrier)", r"brca ?[12]?",
    r"carrier of (?:the |a )?(?:[\w'-]+ )?(?:gene|trait|mutation|cystic fibrosis|sickle cell|"
    r"thalassaemia|haemophilia|huntington'?s|tay[- ]sachs|muscular dystrophy)",
    r"carr(?:ies|y|ying) the (?:\w+ )?gene", r"huntington'?s (?:gene|test)", r"sickle cell trait",
    r"dna (?:tests?|testing|sample|profile|analysis|results?)", r"paternity test(?:s|ing)?",
    r"genom(?:e|ic) (?:sequencing|test)", r"whole genome",
    r"chromosom(?:e|al) (?:test|abnormality|disorder|condition)", r"karyotyp(?:e|ing)", r"lynch syndrome",
    r"inherited (?:condition|gene|mutation|disorder|heart condition)",
    r"hereditary (?:condition|cancer|disease|disorder)", r"predictive (?:genetic )?test",
)

_BIOMETRIC_STRONG = (
    r"(?:his|her|my|their|your) (?:fingerprints?|thumbprints?|face (?:template|scan|data)|"
    r"facial (?:image|data|template)|voice ?print|iris (?:scan|pattern)|retina(?:l)? scan|"
    r"palm (?:vein|print)|biometrics?)",
    r"(?:fingerprint|face|facial|palm[- ]vein|iris|voice|retina(?:l)?) (?:template|data|scan|record|"
    r"profile|enrolment)", r"face (?:template|print|geometry)", r"faceprint", r"voice ?print",
    r"biometric (?:template|enrolment|identifier|profile|record|sample)",
    # a recognition template, embedding or feature vector ("facial recognition template", "voice embedding")
    r"(?:face|facial|fingerprint|iris|voice|speaker|palm|gait)(?: (?:recognition|matching|verification|id|match))?"
    r" (?:template|embedding|vector|signature|feature vector|encoding|hash)s?",
    r"(?:fingerprints?|biometrics?) (?:were|was) (?:taken|captured|enrolled|stored|recorded)",
)

_BIOMETRIC_SERVICE = (
    r"fingerprints?", r"thumbprint", r"facial[- ]recognition(?: cameras?| system)?",
    r"face (?:recognition|id|scan)", r"voice (?:id|recognition|biometrics?|authentication)",
    r"iris (?:scan|recognition)", r"retina(?:l)? scan", r"palm[- ]vein(?: scanner)?", r"hand geometry",
    r"gait (?:analysis|recognition)", r"biometrics?",
    r"biometric (?:scan|login|check|sign[- ]in|scanner|reader|system|entry)",
)

_SEXUAL_STRONG = (
    r"gay", r"lesbian", r"bisexual", r"homosexual", r"heterosexual", r"pansexual", r"asexual", r"queer",
    r"lgbt\w*\+?", r"same[- ]sex (?:partner|relationship|couple|marriage|spouse|wife|husband)",
    r"his (?:husband|boyfriend)", r"her (?:wife|girlfriend)",
    r"his (?:civil )?(?:partner|spouse),? (?-i:Mr\b)",
    r"her (?:civil )?(?:partner|spouse),? (?-i:(?:Mrs|Ms|Miss)\b)",
    r"(?:came|coming) out (?:as|to (?:his|her|their|my) (?:family|parents|friends|mum|dad|mother|"
    r"father))", r"sexual (?:partners?|relationship|activity|history|preferences?)", r"sexually active",
    r"sex worker", r"sex work", r"transgender", r"trans (?:woman|man|person|girl|boy)", r"non[- ]binary",
    r"gender reassignment", r"transitioning (?:from|to) (?:male|female|a man|a woman)",
    r"(?:social|medical|gender) transition", r"(?:an|had an|having an) affair",
    r"homophobic (?:abuse|comments?|remarks?|slurs?|attack|harassment)",
    r"transphobic (?:abuse|comments?|attack)",
    r"(?:he|he's|he is) (?:\w+ )?(?:has|had|with|married to|engaged to|dating|seeing) "
    r"(?:a |his )?(?:boyfriend|husband)",
    r"(?:she|she's|she is) (?:\w+ )?(?:has|had|with|married to|engaged to|dating|seeing) "
    r"(?:a |her )?(?:girlfriend|wife)",
    r"(?:he|he's|he is) married to a man",
    r"(?:she|she's|she is) married to a woman",
    r"relationship with another (?:man|woman)",
    r"(?:uses|use|using|prefers) they/them(?: pronouns)?",
    _SUBJECT_IS + r" trans(?:gender)?\b",
)

_CRIMINAL_STRONG = (
    r"convicted (?:of|for)", r"convictions", r"(?:previous|criminal|spent|unspent|prior) convictions?",
    r"conviction (?:for|of)", r"criminal (?:record|conviction|history|offence|damage)",
    r"cautioned (?:for|by (?:the )?police)", r"police caution", r"arrested",
    r"charged (?:by (?:the )?police|with (?:\w+ )?(?:assault|theft|murder|burglary|robbery|fraud|"
    r"possession|drink[- ]driving|dangerous driving|criminal damage|harassment|affray|stalking|"
    r"an offence|offences?|manslaughter|rape|sexual|supplying|dealing|battery|arson|shoplifting))",
    r"pleaded guilty", r"found guilty", r"sentenced", r"served (?:time|a sentence|\d+ (?:months|years))",
    r"(?:in|released from|left|out of) prison", r"\bhmp\b", r"on (?:probation|licence|bail|remand)",
    r"probation (?:officer|service|worker)", r"community (?:order|sentence)", r"suspended sentence",
    r"electronic(?:ally)? (?:tag|tagged|monitor\w*)", r"sex offenders? register",
    r"registered sex offender", r"mappa", r"youth offending", r"youth justice",
    r"offending (?:history|behaviour)", r"remanded", r"custodial sentence", r"previous offences",
    r"on (?:a |an electronic )?tag", r"young offenders?'? institution", r"prison sentence",
    r"(?:a|received a|given a|has a) (?:police |formal |simple |conditional )?caution (?:for|from)",
)

_SEP = r"\s*(?:[:\-\u2013]|is|=)\s*"

FIELD: dict[str, tuple[str, ...]] = {
    RELIGION: (r"(?:religion|faith|religion or belief|religious belief)" + _SEP + r"(?:<RELIGION>)",),
    RACIAL: (r"(?:ethnicity|ethnic (?:origin|group|background)|race)" + _SEP + r"(?:<NATIONAL>)",),
    SEXUAL: (
        r"(?:sexual orientation|sexuality)" + _SEP
        + r"(?:gay|lesbian|bisexual|heterosexual|straight|queer|pansexual|asexual)",
    ),
    HEALTH: (r"(?:disability|disabled|long[- ]term (?:health )?condition)" + _SEP + r"yes\b",),
    UNION: (r"(?:trade union|union membership)" + _SEP + r"(?:<UNION>|yes\b)",),
}

STRONG: dict[str, tuple[str, ...]] = {
    HEALTH: _CONDITIONS + _MEDICINES,
    RACIAL: _RACIAL_STRONG,
    RELIGION: _RELIGION_STRONG,
    POLITICAL: _POLITICAL_STRONG,
    UNION: _UNION_STRONG,
    GENETIC: _GENETIC_STRONG,
    BIOMETRIC: _BIOMETRIC_STRONG,
    SEXUAL: _SEXUAL_STRONG,
    CRIMINAL: _CRIMINAL_STRONG,
}

# Ambiguous cues, and names of a category rather than a value ("his sexual orientation").
WEAK: dict[str, tuple[str, ...]] = {
    HEALTH: _HEALTH_WEAK + (
        # pregnancy said the everyday way: "she's expecting in May", "expecting twins"
        r"expecting (?:a baby|a child|twins|(?:her|their) (?:first|second|third|next) (?:baby|child)"
        r"|in (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)",
    ),
    RELIGION: _RELIGION_WEAK + (
        r"(?:religious|spiritual) (?:beliefs?|convictions?|reasons)",
        # a faith stated of whoever the sentence is about ("dev is a practising hindu"); needs the person here
        r"(?:is|was|(?<=['’])s) an? (?:devout |practising |practicing |observant |committed |strict )?(?:<RELIGION>)",
    ),
    UNION: _UNION_WEAK + (
        r"(?:trade )?union membership",
        r"(?:on|going on|go on|out on|joining(?: the)?|joined(?: the)?) (?:strike|picket lines?)",
    ),
    POLITICAL: (
        # a political identity stated of whoever the sentence is about, in any case ("sue is a socialist")
        r"(?:is|was|are|(?<=['’])s|(?<=['’])re) (?:an? )?(?:(?:very|really|quite|proper|massive|big|staunch"
        r"|committed|lifelong|card-carrying|hard-line|die-hard|strong|keen|vocal) )*(?:socialist|communist|marxist"
        r"|anarchist|tory"
        r"|conservative|labour (?:supporter|voter|member)|nationalist|republican|royalist|unionist|loyalist"
        r"|zionist|anti-zionist|brexiteer|remainer|leaver|right[- ]wing(?:er)?|left[- ]wing(?:er)?|lefty|leftie"
        r"|anti-immigration|pro-brexit|anti-brexit|libertarian|far[- ](?:right|left)(?:er)?|green voter)",
        r"(?:votes?|voted|voting|canvass(?:es|ed|ing)?|campaign(?:s|ed|ing)?|leaflet(?:s|ed|ing)?) (?:for )?(?:the )?"
        r"(?:green(?:s| party)?|labour|tor(?:y|ies)|conservatives?|reform(?: uk)?|lib dems?|liberal democrats?"
        r"|snp|plaid(?: cymru)?|ukip|bnp|sinn f[eé]in|dup)\b",
        r"(?:political|party) (?:views|opinions|beliefs|affiliation|allegiance|membership)",
        r"(?:at|on|joined) (?:a|the) (?:[\w-]+ ){0,3}(?:protest|demonstration|rally|(?-i:march))",
    ),
    BIOMETRIC: (r"biometric data",),
    SEXUAL: (r"sexual orientation", r"sexuality", r"polyamorous", r"in an open relationship", r"swingers?",
             r"sex worker", r"works as an escort"),
}

SERVICE: dict[str, tuple[str, ...]] = {
    HEALTH: _HEALTH_SERVICES,
    RELIGION: _WORSHIP_PLACES,
    BIOMETRIC: _BIOMETRIC_SERVICE,
}

# placeholder -> (descriptors, case-sensitive)
FILLERS: dict[str, tuple[tuple[str, ...], bool]] = {
    "<ETHNIC>": (_ETHNIC, False),
    "<NATIONAL>": (_NATIONAL, False),
    "<RELIGION>": (_RELIGIONS, False),
    "<PARTY>": (_PARTIES, True),
    "<UNION>": (_UNIONS, True),
    "<DISTINCT_UNION>": (_DISTINCT_UNIONS, True),
}
