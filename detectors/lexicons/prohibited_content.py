"""Word lists for discriminatory content, profiling and covert surveillance (clause 7.2), as regex fragments.

Data only; `detectors/prohibited.py` compiles them. Group words name protected characteristics under the
Equality Act 2010 (age, disability, gender reassignment, pregnancy, race incl. nationality and ethnic
origin, religion or belief, sex, sexual orientation) in the forms people use in ordinary requests.
"""

from __future__ import annotations

# Head nouns for people after a group adjective ("older applicants"): generic people words and the roles a
# council's residents, applicants and staff hold, not particular occupations.
_PEOPLE = (
    r"(?:people|persons?|residents?|tenants?|families|applicants?|candidates?|staff|workers?|employees|colleagues?"
    r"|community|communities|neighbours?|customers?|men|women|kids|children|folk|lot|ones|drivers|parents|pupils"
    r"|students|managers|claimants|patients|users|adults|volunteers|trainees|recruits)"
)

# Groups defined by a protected characteristic.
PROTECTED_GROUP = (
    r"\b(?:older|elderly|old|aged|over[- ]?(?:\d0|fift|sixt)\w*|pensioners?|young(?:er)?|middle[- ]aged)\s+"
    + _PEOPLE
    + r"|\b(?:the\s+)?(?:elderly|pensioners|OAPs|boomers)\b"
    r"|\b(?:women|woman|females?|ladies|girls|mothers|mums|pregnant|maternity|trans(?:gender)?|non[- ]binary"
    r"|gay|gays|lesbians?|bisexual|LGBT\w*|queer|homosexuals?|disabled|disabilit(?:y|ies)|wheelchair\s+users?"
    r"|deaf|blind|autistic|dyslexic|mentally\s+ill|learning\s+disabilit\w+|immigrants?|migrants?|refugees?"
    r"|asylum\s+seekers?|foreigners?|foreign|travell?ers?|gyps(?:y|ies)|roma|irish|polish|poles|romanians?"
    r"|bulgarians?|lithuanians?|latvians?|slovaks?|czechs?|eastern\s+europeans?|africans?|nigerians?|somalis?"
    r"|ghanaians?|eritreans?|pakistanis?|indians?|bangladeshis?|chinese|caribbeans?|jamaicans?|arabs?|syrians?"
    r"|afghans?|iraqis?|iranians?|kurds?|turks?|turkish|albanians?|ukrainians?|russians?|scots|scottish|welsh"
    r"|ethnic\s+minorit\w+|BAME|muslims?|islamic|jews|jewish|sikhs?|hindus?|christians?|catholics?|buddhists?"
    r"|atheists?|asians?)\b"
    r"|\b(?:black|white|brown|mixed[- ]race|foreign|non-?english|non-?british)\s+"
    + _PEOPLE
    + r"|\bpeople\s+(?:from|of|like)\s+(?:his|her|their|that|your|this)\s+(?:religion|faith|race|country|background"
    r"|culture|community|kind|sort|type)\b"
)

# Humour or mockery aimed at a group.
MOCKERY = (
    r"\b(?:jokes?|joking|one-?liners?|gags?|quips?|wisecracks?|puns?|zingers?|funny|humou?rous|banter|comic|comedy|limericks?|memes?|roast|parody|pisstake|taunt\w*"
    r"|making\s+fun|make\s+fun|poke\s+fun|poking\s+fun|mock\w*|ridicul\w+|laugh\w*\s+at|taking\s+the\s+(?:mick|piss)"
    r"|take\s+the\s+(?:mick|piss)|sneer\w*|belittl\w+|insult\w*|slur\w*|stereotyp\w+)"
)

# Mockery verbs taking the group as direct object ("a limerick mocking the ...").
MOCK_VERB = (
    r"\b(?:mock\w*|ridicul\w+|insult\w*|belittl\w+|demean\w*|humiliat\w+|taunt\w*|sneer\w*\s+at"
    r"|stereotyp\w+|laugh\w*\s+at|making\s+fun\s+of|make\s+fun\s+of|poke\s+fun\s+at|slagging\s+off|slag\s+off)"
)

# Content meant to keep a group away.
DETERRENT = (
    r"\b(?:puts?\s+off|putting\s+off|to\s+put\s+off|discourag\w+|deter\w*|exclud\w+|screen\w*\s+out|filter\w*\s+out"
    r"|weed\w*\s+out|(?:won'?t|doesn'?t|don'?t|will\s+not|does\s+not)\s+(?:appeal\s+to|attract)|avoid\s+attracting"
    r"|without\s+attracting|keep\w*\s+(?:away|out)|so\s+(?:that\s+)?(?:no|fewer|none\s+of\s+the)"
    r"|(?:only|just)\s+(?:attracts?|appeals?\s+to)|(?:aren'?t|are\s+not|isn'?t)\s+welcome)"
)

# Explicit exclusion of a group ("no <group>", "not suitable for <group>").
EXCLUSION = r"\b(?:no|not\s+suitable\s+for|unsuitable\s+for|not\s+open\s+to|ban|bar)\s+(?:more\s+)?"

# Protected characteristics stated as selection criteria ("prefer candidates under 30", "men only").
CRITERION = (
    r"\b(?:prefer\w*|only|must\s+be|no\s+one|nobody)\b[^.!?\n]{0,30}?\b(?:under|over|aged\s+(?:under|over)"
    r"|younger\s+than|older\s+than)\s+\d{2}\b|\b(?:prefer\w*|only)\s+(?:\w+\s+){0,2}?(?:male|female|men|women"
    r"|married|childless|white|british[- ]born|christian|able[- ]bodied)\b|\b(?:men|women|whites?|british)\s+only\b"
    r"|\bnative\s+(?:english|british)\b|\b(?:must|should)\s+be\s+(?:british[- ]born|born\s+in\s+(?:the\s+uk|britain))"
    r"|\bno\s+foreigners\b|\b(?:don'?t|do\s+not)\s+want\s+(?:anyone|anybody|people|applicants|candidates|tenants)"
    r"\s+(?:over|under|aged|older\s+than|younger\s+than)\s+\d{2}\b"
)

# Framing that makes a deterrent/mockery mention a review for fairness, not a request for it.
FAIRNESS_FRAME = (
    r"\b(?:inclusive|inclusivity|fair(?:er|ness)?|unbiased|neutral|accessible|welcoming|equalit\w+|diversity"
    r"|avoid\w*\s+(?:putting\s+off|discourag\w+|exclud\w+|deterr\w+|bias|stereotyp\w+|offen\w+)"
    r"|without\s+(?:putting\s+off|discourag\w+|exclud\w+|deterr\w+)|(?:could|might|may|would)\s+(?:put\s+off|discourage"
    r"|deter|exclude|offend)|recogni[sz]e|report(?:ing)?\s+(?:it|them|hate)|hate\s+crime|tackl\w+|challeng\w+"
    r"|(?:doesn'?t|does\s+not|won'?t|will\s+not|not|without|never)\s+(?:offend|exclud|discriminat|stereotyp|upset)\w*)"
)

# Someone else's words or conduct being reported or complained about, not content being asked for.
REPORTED = (
    r"\b(?:says?|said|alleg\w+|complain\w*|claim(?:s|ed)|accus\w+|told\s+us|reported|witness\w*|incidents?"
    r"|victims?|grievance)\b"
)

# Stereotyping or dehumanising predicates about a group.
NEGATIVE_TRAIT = (
    r"(?:lazy|thieves|thieving|criminals?|scroungers?|scrounging|dirty|filthy|smelly|stupid|thick|inferior|dangerous"
    r"|violent|parasites?|parasitic|vermin|animals|savages?|a\s+burden|benefit\s+cheats?|scum|untrustworthy"
    r"|dishonest|backward|diseased|a\s+drain|greedy|useless|primitive)"
)
DEROGATORY = (
    r"\b(?:are|being|is|were)\s+(?:all\s+|just\s+|naturally\s+|always\s+|basically\s+|so\s+)?"
    + NEGATIVE_TRAIT
    + r"|\bhow\s+"
    + NEGATIVE_TRAIT
    + r"\b"
    r"|\b(?:should(?:n'?t|\s+not)?\s+be\s+(?:allowed|banned|housed|deported|sent\s+back|kept\s+out)"
    r"|(?:are|is)\s+not\s+(?:allowed|permitted)|(?:aren'?t|isn'?t)\s+(?:allowed|permitted)"
    r"|go\s+back\s+(?:to|home)|don'?t\s+belong|taking\s+our\s+(?:jobs|houses|homes)"
    r"|(?:aren'?t|are\s+not|isn'?t|is\s+not|not)\s+welcome)"
)

# Generation verbs: the ask produces content.
GENERATE_VERB = (
    r"(?:write|draft|create|compose|make\s+up|come\s+up\s+with|give\s+me|tell\s+me|produce|generate|think\s+of"
    r"|put\s+together|craft|prepare|design|do\s+me|suggest|rewrite|word)"
)

# Characteristics that must not be inferred about individuals.
CHARACTERISTIC = (
    r"\b(?:ethnicit(?:y|ies)|ethnic\s+(?:origin|background|group)s?|race|racial|religions?|religious|faiths?"
    r"|caste|sexualit(?:y|ies)|sexual\s+orientation|gay|lesbian|bisexual|LGBT\w*|trans(?:gender)?|gender\s+identity"
    r"|disabled|disabilit(?:y|ies)|mental\s+health|mentally\s+ill|pregnan\w+|nationalit(?:y|ies)"
    r"|immigration\s+status|country\s+of\s+origin|political\s+(?:views|leanings|affiliation|opinions?)"
    r"|union\s+members?(?:hip)?|health\s+conditions?|HIV|muslim|jewish|hindu|sikh|christian|catholic|foreign)\b"
)

# Cues that a characteristic is to be guessed rather than taken from what the person declared: hedges and
# guessing verbs, or "based on / from" a proxy -- what a person is called, looks or sounds like, where they
# live, how they write or dress, or a record of their behaviour (what they buy, borrow, read or browse).
INFERENCE = (
    r"\b(?:likely|probably|probable|possibly|guess\w*|infer\w*|predict\w*|deduc\w+|estimat\w+|assum\w+"
    r"|might\s+be|may\s+be|could\s+be|appears?\s+to\s+be|seems?\s+to\s+be|looks?\s+(?:like|to\s+be)"
    r"|sounds?(?:\s+like)?|judging|going\s+by|work\s+out|figure\s+out|tell\s+from|(?:do|would)\s+you\s+(?:think"
    r"|say|reckon|guess)|reckon|suspect\w*)\b"
    r"|\b(?:based\s+on|from|using|by|according\s+to)\s+(?:their|the|his|her|each|these)?\s*(?:\w+\s+)?"
    r"(?:names?|surnames?|photos?|photographs?|pictures?|faces?|appearance|accents?|voices?|postcodes?"
    r"|shopping|purchases|spending|borrowing|reading|browsing|viewing|social\s+media|language|dress"
    r"|clothing|diet|spelling|handwriting)(?:\s+(?:history|habits|records?|data))?\b"
)

# Data about individuals that was self-declared or aggregate: inference cues do not apply.
DECLARED_OR_AGGREGATE = (
    r"\b(?:aggregate|population[- ]level|no\s+individual|anonymi[sz]ed|self[- ](?:declared|identified|reported)"
    r"|told\s+us|disclosed|declared|monitoring\s+(?:form|return)s?|census)\b"
)

# Surveillance acts whose object is an unknown person: no named target needed.
IDENTIFY_PERSON = r"\b(?:find\s+out\s+who|identify\s+who|unmask|de-?anonymi[sz]e|who\s+is\s+behind)\b"

# Acts of tracking, locating or watching a person.
SURVEIL_VERB = (
    r"(?:track|trace|monitor|follow|watch|surveil|spy\s+on|keep\s+(?:tabs|track)\s+(?:on|of)|keep\s+an\s+eye\s+on"
    r"|stake\s+out|tail|log\s+(?:when|where|who)|(?:compile|put\s+together|create|make|assemble|draw\s+up)\s+"
    r"(?:me\s+)?(?:an?\s+)?(?:full\s+|detailed\s+|complete\s+)?(?:dossier|profile|timeline|file)\s+(?:on|of|about)"
    r"|locate|find\s+out\s+where|find(?:\s+out)?\s+(?:[\w']+\s+){0,3}?(?:(?:new|current|home|latest|real)\s+)?"
    r"(?:address|location|whereabouts|workplace)|build\s+(?:me\s+|up\s+)?(?:a\s+)?(?:timeline|profile|dossier|picture)"
    r"|map\s+(?:out\s+)?(?:his|her|their)|(?:check|look\s+through|go\s+through|trawl|scrape|dig\s+into|search"
    r"|go\s+into)\s+(?:[\w']+\s+){0,3}(?:social\s+media|facebook|instagram|tiktok|profiles?|posts|accounts?"
    r"|messages|emails?)|(?:record|photograph|film)\s+(?:him|her|them)|(?:read|access|open)\s+(?:his|her|their)"
    r"\s+(?:emails?|messages|texts|inbox|phone)|find\s+out\s+(?:who|if|whether|what|when)|unmask|de-?anonymi[sz]e"
    r"|identify\s+who|(?:work|figure)\s+out\s+(?:where|who)|(?:check|find\s+out|work\s+out|see|log)\s+(?:which|where"
    r"|when|what\s+time)\s+[^.?!]{0,40}?\b(?:visits?|goes|lives?|works?|stays?|sleeps?|spends?|meets?|drinks?|drives?"
    r"|parks?|leaves?|arrives?|(?:is|'s)\s+(?:home|in|out|away))\b|(?:be)?friend|set\s+up\s+(?:an?\s+)?fake\s+"
    r"(?:[\w-]+\s+)?(?:profile|account)|pose\s+as|posing\s+as|pretend(?:ing)?\s+to\s+be|catfish\w*|(?:set\s+up|carry\s+out|conduct"
    r"|arrange|start|begin|run)\s+(?:[\w-]+\s+){0,2}?(?:monitoring|surveillance|tracking|observation)\s+(?:of|on))"
)

# Covert, unauthorised or open-source-profiling markers: secrecy words, deception (a fake profile, posing as
# someone), acting without the person knowing or without notice, and the absence of an authorisation.
COVERT = (
    r"\b(?:secret\w*|covert\w*|discreet\w*|undercover|unannounced|hidden\s+camera"
    r"|fake\s+(?:[\w-]+\s+)?(?:profile|account|identity|persona)"
    r"|pretend\w*\s+to\s+be|pose\s+as|posing\s+as|behind\s+(?:his|her|their)\s+back"
    r"|without\s+(?:him|her|them|the\s+\w+|anyone)\s+(?:knowing|finding\s+out|noticing|being\s+aware|realising)"
    r"|so\s+(?:he|she|they)\s+(?:don'?t|doesn'?t|won'?t|can'?t)\s+(?:know|notice|find\s+out|tell)"
    r"|(?:no|without|haven'?t\s+got|have\s+not\s+got|don'?t\s+have|do\s+not\s+have|not\s+got|without\s+an?)\s+"
    r"(?:RIPA\s+|directed\s+surveillance\s+)?(?:authori[sz]ation|warrant|authority|consent)"
    r"|hidden|(?:don'?t|do\s+not|without)\s+let(?:ting)?\s+(?:him|her|them)\s+know|without\s+telling\s+(?:him|her|them)"
    r"|anonym\w+|(?:mustn'?t|must\s+not|shouldn'?t|won'?t|can'?t|doesn'?t|don'?t)\s+(?:find\s+out|know|notice"
    r"|realise|realize|be\s+told)|(?:doesn'?t|don'?t|does\s+not|do\s+not)\s+need\s+to\s+know)"
)

# Sources for profiling a person from the open web or devices; a cue unless they are the verb's own object
# ("check her Facebook page for the complaint" is not surveillance by itself).
OSINT_SOURCE = (
    r"\b(?:social\s+media|facebook|instagram|tiktok|twitter|linkedin|check-?ins?|geotag\w*|location\s+data"
    r"|movements|whereabouts|comings\s+and\s+goings|doorbell|dashcam|drones?|gps|tracking\s+device|tracker|spyware"
    r"|phone\s+(?:data|location)|posts?\s+online|online\s+(?:posts|activity|presence)|metadata|whatsapp|snapchat"
    r"|strava|street\s+view)\b"
)

# Lawful, authorised or general-guidance framing for surveillance topics.
AUTHORISED = (
    r"\b(?:(?:RIPA|surveillance)\s+(?:authori[sz]ation|authority)\s+(?:has\s+been|was|is)\s+(?:granted|approved"
    r"|in\s+place)|authori[sz]ed\s+under|with\s+(?:a|an|the)\s+(?:RIPA\s+)?(?:authori[sz]ation|warrant|court\s+order)"
    r"|(?:their|his|her)\s+consent\s+(?:has\s+been\s+)?(?:given|obtained))"
)

# --- Cheap gates: a sentence is examined by a rule only if one of its words starts with one of these -----

DISCRIMINATION_STEMS = tuple(
    "joke joking funny humor humour banter comic comedy limerick meme roast parody pisstake fun mock"
    " ridicul laugh mick piss sneer belittl insult slur stereotyp put discourag deter exclud screen"
    " filter weed appeal attract keep fewer none welcome lazy thiev criminal scroung dirty filth"
    " stupid thick inferior danger violent parasit vermin animal savage burden cheat scum untrustworth"
    " dishonest backward disease drain allowed banned deport sent kept back belong taking avoid"
    " without only no not unsuitable ban bar one gag quip wisecrack pun zinger prefer must native how"
    " smelly greedy useless primitive"
    " over under aged want".split()
)
PROFILING_STEMS = tuple(
    "ethnic race racial religio faith caste sexual gay lesbian bisexual lgbt trans gender disab"
    " mental pregnan nationalit immigra origin politic union health hiv muslim jewish hindu sikh"
    " christian catholic foreign"
    " gyps roma travell irish polish black asian white african arab jew lgbt queer deaf blind autis migrant"
    " refugee asylum".split()
)
SURVEILLANCE_STEMS = tuple(
    "track trac monitor follow watch surveil spy tabs eye stake tail locat find build map check look"
    " go trawl scrape dig search record photograph film read access open unmask anonymi identify compile"
    " put create make assemble draw log pose pretend catfish set carry conduct arrange start begin run unmask"
    " friend befriend work figure trawl".split()
)
