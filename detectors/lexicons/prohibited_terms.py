"""Word lists for the prohibited-use detector (policy clause 7.2), as regex fragments.

Data only: `detectors/prohibited.py` compiles and combines them. Every list is general English
about council work -- no names, places or phrasings copied from any evaluation corpus.
"""

from __future__ import annotations

# Before a clause-joining prefix (comma, "and", "then"), a finite verb means the clause describes rather
# than instructs ("The committee will decide whether to refuse it, grant it ..."): not an ask.
DESCRIPTIVE_LEAD = (
    r"\b(?:will|would|shall|may|might|must|can|could|should|has|have|had|is|are|was|were|did|does)\b(?!\s+you\b)"
    # a decision someone already took, told in the past tense ("the panel decided on Monday to award ...")
    r"|\b(?:decided|agreed|resolved|voted|chose|concluded)\b"
)

# Where an instruction to the assistant starts: a clause start, a courtesy word, or an addressed frame
# ("can you ...", "I want you to ...", "your job is to ..."). Used as a prefix before an ask verb.
ASK_PREFIX = (
    r"(?:^|[,;:(\"'‘“–—]\s*|\s-\s+|\b(?:and|then|also|now|just|simply|please|pls|kindly|quickly|so)\s+"
    r"|\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|just\s+|also\s+|now\s+)?"
    r"|\byou\s+(?:to|should|must|need\s+to|have\s+to|can|will|are\s+to)\s+"
    r"|\b(?:want|need|like|asking|ask)\s+you\s+to\s+|\bI(?:'d|\s+would)?\s+(?:want|need|like)\s+to\s+"
    r"|\bhelp\s+(?:me|us)\s+(?:to\s+)?|\b(?:job|task|role)\s+is\s+to\s+|\bhow\s+(?:can|do|could|should)\s+(?:I|we)\s+"
    r"|\blet's\s+|^\W*you\s+|\bwe\s+(?:need|want)\s+(?:you\s+)?to\s+|\bso\s+(?:that\s+)?(?:we|I)\s+can\s+)"
    r"(?:[a-z]+ly\s+)?"
)

# A negation shortly before an ask cancels it ("we never want you to rank the bidders").
NEGATION = r"\b(?:not|never|no|without|rather\s+than|instead\s+of)\b|n't\b"

# People and cases a decision can be about: the ask must be about individuals, not a policy or scheme.
PERSON_NOUN = (
    r"(?:applicants?|applications?|claims?|claimants?|cases?|households?|famil(?:y|ies)|tenants?|residents?"
    r"|candidates?|employees?|workers?|staff(?:\s+members?)?|colleagues?|people|persons?|individuals?"
    r"|appeals?|appellants?|accounts?|debtors?|customers?|service\s+users?|pupils?|students?|child(?:ren)?"
    r"|drivers?|traders?|landlords?|occupiers?|owners?|neighbours?|borrowers?|members?|patients?|users?"
    r"|CVs?|records?|requests?|referrals?|bids?|names?|him|her|them|men|women|visitors?|callers?|volunteers?"
    r"|complainants?|respondents?|victims?|suspects?|offenders?|attendees?|participants?|contacts?|tenanc(?:y|ies)"
    r"|interviewees?|nominees?|bidders?|whistle-?blowers?|informants?|critics?|senders?|posters?|authors?"
    r"|placements?|care\s+packages?|licen[cs]e\s+holders?|ratepayers?|taxpayers?|shops?|sole\s+traders?)"
)

# Words that are capitalised but are not a person's name (title case in council writing).
NOT_NAME_WORDS = frozenset(
    """
    a an the this these that those i we you he she they it my our your his her their each every all any
    council tax housing payment payments discretionary support scheme policy city county borough district
    board team service services panel officer officers manager committee band register application act
    benefit benefits universal credit hardship fund grant appeal appeals parking notice statutory court
    legal hr human resources adult social care children health equality impact assessment report uk
    england wales scotland british english monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december please decide
    approve reject refuse give tell write draft find track mark rank score list can could would will
    quick question hi hello thanks cheers for just based given go look read screen work build sort
    """.split()
)

# Reliance on the model's answer with no human in the loop. Overrides any oversight marker. The writer says
# no person will review or check, or that nobody needs to; that the answer goes straight into a system or
# out to the person (send/issue/action whatever you say, "as final", "make it binding"); demands a bare
# verdict ("yes or no", "just give me the score"); or casts the model as the decision-maker or panel.
RELIANCE = (
    r"\bno\s*(?:one|body|officer|human|person|manager|one\s+else|caseworker|panel|legal|hr)\s+(?:will|needs?\s+to"
    r"|is\s+going\s+to|has\s+to|(?:is\s+)?(?:reviewing|checking)|review|check|sign[- ]off|oversight|involvement)"
    r"|\bnobody\s+(?:will|needs?\s+to|is\s+going\s+to)"
    r"|\bno\s+need\s+(?:for\s+(?:an?\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?to\s+(?:review|check|look|visit|see|take"
    r"|involve|speak|consult|refer|go)"
    r"|\bin\s+(?:that|this|your|the\s+same)\s+order\b|\buse\s+your\s+(?:scores?|ranking|list|answer|bands?)"
    r"|\b(?:won'?t|will\s+not|wont|don'?t|do\s+not|aren'?t|are\s+not|not\s+going\s+to)\s+(?:be\s+)?(?:need\s+to\s+)?"
    r"(?:review|check|look\s+at|read|verify|double[- ]check|(?:take|send|refer|pass|escalate)\s+(?:it|this|them)\s+to)"
    r"|\bwithout\s+(?:any\s+|a\s+|an\s+)?(?:checking|checks?|reviewing|reviews?|human|oversight|speaking|talking"
    r"|looking|reading|officer|manager|panel|sign[- ]off|second\s+opinion)"
    r"|\b(?:straight|directly)\s+(?:in|into|onto|on|to|through|from)\b"
    r"|\b(?:adopt|adopts|adopted|accept|accepts|record|records|minute|minutes)\s+(?:the\s+)?(?:assistant|model|ai|bot"
    r"|chatbot|system)(?:'s|’s)?\s+(?:answer|output|outcome|recommendation|decision|determination|verdict)"
    r"|\bas\s+(?:the\s+)?(?:final|binding|decision|official|outcome)\b|\bmake\s+(?:it|this|them)\s+(?:binding|final)"
    r"|\byour\s+(?:answer|decision|recommendation|output|list|call|verdict|response)s?\s+(?:will|is\s+going\s+to"
    r"|becomes?|goes|is)\s+(?:be\s+|go\s+|stand\s+|count\s+)?(?:the|final|binding|on|straight|as)"
    r"|\b(?:send|issue|action|implement|apply|use|forward|post|serve|process|record|enter|upload|log|submit|input"
    r"|file|put\s+through|go\s+ahead\s+with)\s+(?:out\s+)?(?:it\s+|them\s+|this\s+)?"
    r"(?:whatever|what)\s+you\s+(?:recommend|say|decide|suggest|choose|pick|reply|answer|put|write|give)"
    r"|\b(?:upload|record|enter|send|submit|log|save|file|paste|use|input|register)\s+(?:it|this|them|that|your\s+\w+)"
    r"\s+(?:as\s+is|as\s+it\s+(?:is|stands)|unchanged|verbatim)\b"
    r"|\b(?:l'|les?\s+|la\s+)?(?:enregistre|envoie|transmets|applique|saisis)\w*\s+(?:tel(?:le)?s?\s+quel(?:le)?s?|directement)"
    r"|\btel(?:le)?s?\s+quel(?:le)?s?\b"
    r"|\b(?:to\s+)?send\s+(?:it\s+|this\s+|them\s+)?out\s+(?:today|now|immediately|straight\s+away)"
    r"|\b(?:go\s+with|use|accept|follow|act\s+on)\s+(?:what(?:ever)?\s+you\s+(?:say|decide|recommend|suggest|pick)"
    r"|your\s+(?:answer|recommendation|decision|verdict|choice|list))|\b(?:straight|right)\s+away\b"
    r"|\bso\s+(?:that\s+)?(?:I|we)\s+can\s+(?:close|issue|send|action|process|finali[sz]e|sign\s+off)\b"
    r"|\bautomatic(?:ally)?\b|\bdirectly\b|\blet\s+(?:them|him|her|the\s+\w+)\s+know\b"
    r"|\bput\s+(?:it|this|them|that)\s+through\b|\b(?:issue|serve)\s+(?:the|a|an|it|them)\b"
    r"|\b(?:we|I)(?:'?ll|\s+will)\s+(?:just\s+)?(?:action|implement|apply|send|issue|go\s+with|use|announce"
    r"|publish|notify|tell|inform|serve|post|email)\s+(?:out\s+)?(?:the\s+)?(?:offers?|letters?|notices?|outcomes?"
    r"|decisions?|results?|emails?|it|that|this|them|your|the|him|her)\b"
    r"|\bwe'?ll\s+(?:just\s+)?(?:send|issue)\s+"
    r"(?:it|that|this|them|your|the|him|her)"
    r"|\bjust\s+(?:give|tell)\s+me\s+(?:the|a|your)?\s*(?:answer|band|decision|name|names|list|verdict|outcome"
    r"|amount|yes\s+or\s+no|score|rank)|\byes\s+or\s+no\b|\b(?:straight|one[- ]word|short)\s+answer"
    r"|\bno\s+(?:panel|officer|human|manager|review|reviewer)\s+(?:this\s+time|involved|needed|required)"
    r"|\byou(?:'re|\s+are|\s+will\s+be|\s+act\s+as)\s+(?:the\s+)?(?:final\s+)?(?:decision[- ]?maker|judge|arbiter"
    r"|adjudicator|panel|hiring\s+manager|assessor|committee|sub-committee|tribunal|board)"
    r"|\b(?:act|acting|pretend(?:ing)?\s+to\s+be|play|playing)\s+(?:as\s+)?(?:the|our|my)\s+(?:final\s+)?"
    r"(?:decision[- ]?maker|judge|arbiter|adjudicator|panel|hiring\s+manager|assessor)"
    r"|\bno\s+(?:longer|more)\s+(?:any\s+)?(?:review|check|officer|panel)"
)

# Human oversight present, or the decision already made by a person: suppresses decision findings. A
# decision stated in the perfect or past ("has been refused", "decision was made"); a named human body
# that will decide or review; the writer deciding ("I'll make the final decision"); or the ask framed as
# support for a decision-maker (a checklist, the factors, "help me decide", no recommendation wanted).
OVERSIGHT = (
    r"(?<!\bshe\s)(?<!\bhe\s)(?<!\bthey\s)\b(?:has|have|had)\s+(?:already\s+)?(?:been\s+)?(?:decided|refused|approved|rejected|agreed|awarded|granted"
    r"|declined|determined|dismissed|upheld|allocated|banded|assessed|made\s+(?:a|the|their|his|her)\s+decision)"
    r"|\balready\s+(?:decided|refused|approved|rejected|awarded|granted|declined|determined|made)"
    r"|\b(?:decided|agreed|resolved|determined)\s+on\s+\d|\bdecision\s+(?:has\s+been|was|is)\s+(?:already\s+)?"
    r"(?:made|taken)|\b(?:don'?t|do\s+not)\s+(?:change|alter|revisit)\s+the\s+(?:decision|outcome)"
    r"|\b(?:confirming|explaining|about|communicating|notifying\s+\w+\s+of)\s+(?:the|this|their|his|her|our)\s+"
    r"(?:[\w-]+'s\s+)?(?:decision|outcome)|\b(?:officer|panel|manager|committee|council|assessor)'s\s+decision\b"
    r"|\b(?:the|our|an?|a\s+human)\s+(?:housing\s+|senior\s+|case\s+|line\s+|interview\s+|allocations\s+)?"
    r"(?:officer|panel|committee|sub-committee|manager|decision[- ]?maker|caseworker|board|assessor|adjudicator"
    r"|human|hr|tribunal|judge|magistrates|court|team\s+leader|director|members)s?"
    r"\s+(?:will\s+|shall\s+|must\s+|may\s+|can\s+|is\s+going\s+to\s+|are\s+going\s+to\s+|to\s+|then\s+)?(?:make|take|decides?"
    r"|determines?|scores?|reviews?|signs?\s+off|approves?|considers?)\b"
    r"|\bI(?:'ll|\s+will|\s+shall|\s+am\s+going\s+to)\s+(?:make|take)\s+(?:the|a|my)\s+(?:final\s+)?decision"
    r"|\bI(?:'ll|\s+will)\s+decide\b|\bfor\s+(?:the|a|an|our)\s+(?:human\s+)?(?:panel|officer|committee"
    r"|decision[- ]?maker|board|caseworker|assessor|adjudicator)s?\b"
    r"|\b(?:to\s+help|so\s+(?:that\s+)?(?:I|we|the\s+\w+)\s+can)\s+(?:me\s+|us\s+|the\s+\w+\s+)?(?:decide|make)"
    r"|\bhelp\s+(?:me|us|the\s+\w+)\s+(?:to\s+)?decide|\bnot\s+asking\s+you\s+to"
    r"|\b(?:don'?t|do\s+not)\s+(?:make|give|include)\s+(?:a\s+|any\s+)?(?:recommendation|decision)"
    r"|\bno\s+recommendations?\b|\bjust\s+want\s+(?:a|the)\s+(?:checklist|summary|list|overview)"
    r"|\b(?:checklist|criteria|factors|considerations)\s+(?:for|to\s+help)\b"
    r"|\b(?:factors|things|points)\s+(?:an?|the)\s+(?:\w+\s+)?(?:officer|panel|manager|decision[- ]?maker)s?\s+should"
)

# Decision domains: label -> words that place a decision in that domain -- the UK statutory and
# administrative vocabulary of each area (employment law and HR process; housing, homelessness, social care
# and benefits; enforcement, licensing, offences and courts; debts, grants, charges and reliefs).
DOMAINS: dict[str, str] = {
    "automated_decision_employment": (
        r"\b(?:hire|hiring|recruit\w*|appoint\w*|candidates?|shortlist\w*|interview\w*|jobs?|vacanc\w+|CVs?"
        r"|dismiss\w*|sack\w*|fire|firing|let\s+go|redundan\w+|disciplinary|capability|grievance|probation"
        r"|promot\w+|employ\w*|staff|workers?|timesheets?|sickness|absence|attendance|performance|contracts?"
        r"|degree|qualifications?|pay\s+rise|post\s+of|job\s+offer|agency|suspen\w+|misconduct|essential\s+criteria"
        r"|desirable\s+criteria|person\s+spec\w*|job\s+description)\b"
    ),
    "automated_decision_benefits_housing": (
        r"\b(?:housing|homeless\w*|tenan\w+|evict\w*|bands?|banding|allocat\w+|register|priority\s+need"
        r"|pupils?|exclusions?|expel\w*|expulsions?|school\s+admissions?|EHCPs?"
        r"|care\s+(?:applicants?|placements?|home\s+places?|funding|assessments?)"
        r"|main\s+duty|rehous\w+|bedrooms?|DHP|benefits?|council\s+tax\s+(?:support|reduction)|universal\s+credit"
        r"|social\s+care|care\s+(?:package|hours|plan|budget)s?|homecare|home\s+care|domiciliary\s+care|support\s+hours|personal\s+budget|blue\s+badge|free\s+school\s+meals|school\s+place"
        r"|disabled\s+facilities|bus\s+pass|household|accommodation|welfare|qualif\w+|eligib\w+|entitle\w*"
        r"|council\s+(?:flats?|houses?|homes?|propert(?:y|ies))|flats?|bungalows?|maisonettes?"
        r"|school\s+(?:uniform|transport|meals?)|household\s+support|support\s+fund|cost\s+of\s+living"
        r"|admissions?|school\s+places?|care\s+home|placement|respite|carer'?s?\s+assessment|care\s+assessment"
        r"|direct\s+payments?)\b"
    ),
    "automated_decision_legal": (
        r"\b(?:prosecut\w+|summons|court|appeals?|appellant|PCN|penalty\s+charge|fixed\s+penalty|FPN|nuisance"
        r"|abatement|enforcement\s+notice|injunction|caution|guilty|liab\w+|breach|offences?|revok\w+"
        r"|licen[cs]e|closure\s+order|ASBO|community\s+protection|tribunal|legal|fly[- ]tipping|statutory"
        r"|planning\s+enforcement|care\s+proceedings|sanction\w*|ticket|uphold|upheld|overturn|licensing|premises"
        r"|littering|dog\s+fouling|graffiti|fly[- ]posting"
        r"|hearing|magistrates|planning\s+(?:permission|application)|tribunal)\b"
    ),
    "automated_decision_financial": (
        r"\b(?:write[- ]?off|writ(?:e|ing)\s+off|arrears|debts?|repayments?|instalments?|loans?|hardship"
        r"|(?:hardship|discretionary|crisis|community|business|small|start-up|this|a|her|his|their)\s+grants?"
        r"|grants?\s+(?:application|funding|award|payment|scheme|request)s?|repay\w*"
        r"|credit\s+(?:limit|check|score)|refunds?|overpayments?|recover\w*|enforcement\s+agents?|bailiffs?"
        r"|charging\s+order|payment\s+plan|amount|compensation|fee\s+waiver|rate\s+relief|business\s+rates"
        r"|waive\w*|late\s+payment|penalt(?:y|ies)|charges?|fees?|payments?|relief|discount|exemption)\b"
    ),
}

# --- The decision asks themselves (each used after ASK_PREFIX) -------------------------------------------

# "decide whether ...", "determine eligibility", "make the final decision on ...".
DECIDE_ASK = (
    r"(?:decide|determine|judge|adjudicate|rule\s+on|make\s+(?:the|a|your)\s+(?:final\s+)?(?:decision|call"
    r"|determination))\b(?:\s+[\w']+){0,3}?\s*(?:whether|if|which|who|how\s+much|what|on|about|for"
    r"|eligibility|entitlement|liability|outcome|band|banding|priority|amount|sanction|award|penalty|score"
    r"|rating)\b"
    r"|(?:decide|determine|rule\s+on|adjudicate(?:\s+on)?)\s+(?:it|this|that|them)\b"
    r"|(?:assess|establish|work\s+out|confirm|check)\s+(?:[\w']+\s+){0,4}?(?:eligibility|entitlement|liability)\b"
    r"(?!\s+(?:rules|criteria|requirements|policy|guidance|conditions|thresholds?))"
    r"|(?:produce|compile|draw\s+up|prepare|create|make|give\s+me|write)\s+(?:me\s+)?(?:a|the)\s+(?:[\w-]+\s+)?"
    r"(?:list|names?)\s+of\s+(?:[\w-]+\s+){0,2}?(?:staff|people|tenants|applicants|candidates|employees|workers"
    r"|claimants|households|residents)\s+(?:to|who\s+should|we\s+should)\s+(?:[\w-]+\s+){0,4}?(?:dismiss\w*"
    r"|evict\w*|reject\w*|refus\w*|prosecut\w*|redundan\w*|sack\w*|let\s+go|suspend\w*)"
    r"|make\s+(?:the|a|your)\s+(?:final\s+)?(?:[\w-]+\s+)?(?:decision|call|determination|selection|choice|ruling)s?\b"
    r"|decide(?=\s*(?:and\b|[.!:–—-]|$))"
    r"|give\s+(?:me|us)\s+(?:a|the|your)\s+(?:final\s+)?(?:decision|verdict|ruling|determination|judge?ment)\s+"
    r"(?:on|for|about|regarding)\b"
    r"|decide(?=\s*[:–—-])|decide\s+(?:on\s+)?(?:this|these|the|her|his|their|each|(?:[\w.-]+\s+){0,2}?[\w-]+(?:'s|’s|s'))"
    r"\s+(?:[\w'-]+\s+){0,3}?(?:appeals?|applications?"
    r"|claims?|cases?|complaints?|requests?|bids?|reviews?|matters?|disputes?|referrals?)\b"
    r"|(?:tell\s+me|let\s+me\s+know|say|advise|confirm|assess|establish|check|figure\s+out|answer|work\s+out)"
    r"\s+(?:[\w']+\s+){0,2}?(?:whether|if)\b(?=[^.?!]*\b(?:should|ought\s+to|qualif\w*|eligible|entitled|owed?"
    r"|guilty|liable|deserves?|can\s+afford|(?:is|are)\s+(?:intentionally\s+|legally\s+)?(?:homeless|fit\s+and"
    r"|suitable|at\s+fault|in\s+breach|vulnerable|in\s+priority\s+need)|warrants?|justif(?:y|ies)|merits?|meets?\s+the|pass(?:es)?|fails?"
    r"|(?:has|have)\s+(?:breached|committed)|(?:we|they|the\s+council)\s+(?:can|could|should|must)\s+(?:cut|reduce"
    r"|stop|withdraw|end|remove|refuse|reject|evict|dismiss|sack|prosecute|charge|fine|close|suspend|ban)"
    r"|be\s+(?:granted|approved|refused|rejected|accepted|awarded|dismissed"
    r"|sacked|evicted|prosecuted|housed|offered|banded|struck\s+off))\b)"
)

# A verdict verb applied to a person or case ("reject anyone ...", "rank these tenants ...").
VERDICT_VERB = (
    r"(?:approve|reject|refuse|decline|deny|accept|grant|award|uphold|overturn|dismiss|sack|fire|hire|appoint"
    r"|evict|prosecute|shortlist|rank|write\s+off|terminate|suspend|revoke|blacklist|sanction|penalise"
    r"|disqualify|make\s+redundant|let\s+go(?:\s+of)?|(?:allocate|offer|give)\s+(?:the|this|that|a)\s+"
    r"(?:[\w-]+\s+)?(?:property|flat|house|home|bungalow|tenancy|place|room|unit|award|grant|budget|payment|job|post"
    r"|role)\s+to)"
)

# Objects that make a bare verdict verb about people even without a noun ("reject the rest", "grant it").
VERDICT_OBJECT = (
    r"^\s*(?:or\s+\w+\s+)?(?:it|them|him|her|those|all\s+of\s+them|each(?:\s+one)?|the\s+(?:rest|others|ones|remainder)"
    r"|the\s+(?:best|top|worst|strongest|weakest)\s+\w+|(?:the|a|an|our|my|your|this|these|that|those|each|every|all|any"
    r"|his|her|their)\s+(?:[\w'-]+\s+){0,3}?" + PERSON_NOUN + r")\b"
)

# "approve or refuse", "uphold or reject": a binary verdict.
VERDICT_PAIR = (
    r"\b(?:approve|accept|grant|allow|uphold|award|pass|hire|keep|refuse|reject|decline)\s+or\s+(?:refuse|reject"
    r"|decline|deny|dismiss|turn\s+down|fail|overturn|not|approve|accept|grant)\b|\byes\s*(?:/|or)\s*no\b"
)

# "which band should this household go in", "who should we hire", "should we evict her?".
WHICH_SHOULD = (
    r"\b(?:which|who|whom|what)\b[^.?!]{0,60}?\b(?:should|shall|do\s+we|to|will|gets?|deserves?|must|would\s+you)\b"
    r"[^.?!]{0,30}?\b(?:hire|appoint|employ|dismiss|sack|fire|let\s+go|keep|make\s+redundant|evict|house|get|drop|lose"
    r"|cut|release|get\s+rid\s+of"
    r"|prioriti[sz]e|approve|accept|refuse|reject|prosecute|award|offer|shortlist|interview|go\s+(?:in|into|on)"
    r"|be\s+(?:placed|put|given|awarded|offered|evicted|dismissed|prosecuted|housed|banded|rejected|refused"
    r"|made\s+redundant|let\s+go|laid\s+off|sacked|fired|terminated|ended|suspended|disciplined))\b"
    r"|\bshould\s+(?:this|these|that|the|his|her|their|[A-Z][\w']+(?:\s+[A-Z][\w']+)?)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:be|get)\s+(?:ended"
    r"|terminated|evicted|dismissed|refused|approved|granted|rejected|prosecuted|awarded|sacked|suspended"
    r"|written\s+off|withdrawn|closed|cut|reduced|stopped|banded|given|made\s+redundant|let\s+go)\b"
    r"|\bshould\s+(?:we|I|the\s+council)\s+" + VERDICT_VERB + r"\b"
    r"|\b(?:give|assign|allocate)\s+(?:each|every|all|these|the)\s+(?:[\w'-]+\s+){0,3}?"
    + PERSON_NOUN
    + r"\s+(?:a|an|their)\s+(?:[\w-]+\s+)?(?:score|band|rating|ranking|grade|priority|mark)\b"
    r"|\brecommend\s+(?:whether|which|who|if|that\s+we)\b"
    r"|\bwhat\s+(?:band|banding|priority|score|outcome|sanction|award|amount)\s+(?:are|is|should|would|do|does)\b"
    r"|\b(?:who|which\s+(?:one|of\s+them|\w+))\s+(?:gets?|wins?|deserves?|should\s+(?:get|have))\s+(?:the\s+|this\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:job|post|role|place|flat|house|home|property|tenancy|grant|award|promotion|contract"
    r"|licen[cs]e|bed|room|bungalow|payment)\b"
)

# "should we <verb> ..." about a person: a decision only when the answer will be relied on.
SHOULD_WE = (
    r"\bshould\s+(?:we|I|the\s+council|they)\s+[a-z]+"
    r"|^\W*(?:is|are|does|do|has|have|can|would|will)\s+[^.?!]{0,60}?\b(?:entitled|eligible|qualif\w*|owed?"
    r"|liable|guilty|deserv\w*)\b"
)

# Asking how decisions are made in general, not for one: "how should officers decide ...", "explain which ...".
EXPLAIN_FRAME = (
    r"\bhow\s+(?:should|do|does|can|could|would|might|to|are|is|we|officers?|councils?)\b"
    r"|\b(?:explain|describe|outline|what\s+(?:are|is))\b[^.?!]{0,40}\b(?:how|when|why|criteria|rules|process"
    r"|factors|steps)\b"
)

# Asks that are decisions only when the answer will be relied on or a decision goal is named.
WEAK_ASK = (
    r"(?:score|rate|grade|sort|screen|filter|choose|select|pick|prioriti[sz]e|triage|allocate|assign|band|assess"
    r"|evaluate|vet|work\s+out|calculate|set|go\s+through|read|look\s+at|check|review)"
)
DECISION_GOAL = (
    r"\b(?:for\s+(?:eviction|dismissal|redundancy|interview|prosecution|the\s+(?:post|job|role|flat|property"
    r"|house|tenancy|grant|award))|to\s+(?:hire|interview|keep|let\s+go|evict|dismiss|prosecute|approve|reject"
    r"|refuse|award|house|sack|fire)|best|strongest|weakest|worst|most\s+suitable|least\s+suitable|top\s+\d+|(?:highest|lowest|greatest|most|least|worst)\s+(?:\w+\s+)?(?:need|priority|risk|score|claim)|(?:which|who)\b[^.?!]{0,40}?\b(?:gets?|should|deserves?)|the\s+winner"
    r"|(?:accept|approve|yes|pass)\s+(?:and|or|/)\s+(?:reject|refuse|decline|no|fail)"
    r"|successful\s+(?:applicant|candidate|bidder)|set\s+(?:the|an?|her|his|their)\s+"
    r"(?:amount|award|level|repayment|instalment|sanction|penalty|fine))\b"
)

# A specific person, case or address the decision is about.
TARGET = (
    r"\b(?:this|these|that|those|each|every|all|any|the\s+following|the\s+above|the\s+attached|the\s+below"
    r"|his|her|their|which|whose)\s+(?:of\s+(?:the|these|those|our|your|my)\s+)?(?:[\w'-]+\s+){0,3}?"
    + PERSON_NOUN
    + r"\b"
    r"|\b(?:these|those|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+)?[a-z]{3,}(?:ers|ors|ists|ians)\b"
    r"|\bfor\s+each\b|\b(?:list|names?)\s+of\s+(?:[\w'-]+\s+){0,2}?" + PERSON_NOUN + r"\b"
    r"|\b(?:decide|determine|choose|pick|select|tell\s+me|say)\s+(?:who|whom)\b"
    r"|\b(?:the|this|these)\s+(?:[\w'-]+\s+){0,3}?" + PERSON_NOUN + r"\s+(?:below|above|attached)\b"
    r"|\b(?:anyone|anybody|everyone|everybody|someone|somebody|nobody|no\s+one"
    r"|the\s+(?:[\w-]+\s+)?(?:appellant|applicant"
    r"|claimant|tenant|occupier|owner|employee|candidate|resident|household|debtor|defendant|suspect|licen[cs]e"
    r"\s+holder|licensee|driver|operator|proprietor|landlord|neighbour|parent|pupil|child|family|couple"
    r"|person|man|woman|worker|trader|whistle-?blower|complainant|informant|critic|author|sender|caller|poster"
    r"|interviewee))\b|\b(?:who|whom)\s+(?:gets?|should|will|deserves?|to)\b"
    r"|\b(?:he|she|him|her|they|them)\b|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|forty|fifty)\s+(?:[\w'-]+\s+)?" + PERSON_NOUN + r"\b"
    r"|\b(?:flat|unit|apartment|no\.?)\s+\d+[A-Za-z]?\b"
    r"|\b\d+[A-Za-z]?\s+[A-Z][a-z]+\s+(?:Lane|Road|Street|Avenue|Close|Drive|Way|Court|Gardens|Crescent|Place"
    r"|Terrace|Grove|Mews|Rise|View|Walk|Row|Hill|Square|Park)\b"
)

# A run of capitalised words (checked against NOT_NAME_WORDS). A name is a run of two or three ("Ms Ada
# Obi", "Tom Baker's"), one mid-sentence ("let Bryony go") or a possessive ("Idris's"); four or more are a
# title ("Data Protection Impact Assessments"). May also be a place or an organisation, so a name only
# ever completes other evidence.
_CAP = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:'s)?"
NAME_RUN = r"(?<![\w'-])" + _CAP + r"(?:[ \t]" + _CAP + r")*(?![\w'-])"

# A sentence that addresses the assistant (besides starting with an imperative verb).
ADDRESSED = (
    r"\b(?:can|could|would|will)\s+you\b|\bI(?:'d|\s+would)?\s+(?:want|need|like)\b|\byou(?:'re|\s+are)\b"
    r"|\bplease\b|\b(?:give|tell|send|show|help)\s+me\b|\bhow\s+(?:can|do|could|should)\s+(?:I|we)\b|\blet's\b"
    r"|\bwe\s+(?:need|want)\b|\bcan\s+u\b|\?\s*$"
)

IMPERATIVE_VERB = (
    r"(?:decide|determine|approve|reject|refuse|decline|rank|score|sort|shortlist|pick|choose|select|tell|give"
    r"|reply|respond|output|return|state|write|draft|create|compose|make|come|find|track|trace|monitor|follow|watch|locate|mark|flag|tag|label"
    r"|guess|infer|predict|estimate|work|go|look|read|screen|check|review|list|identify|classify|categori[sz]e"
    r"|group|split|highlight|pick|build|map|produce|generate|prepare|design|put|set|uphold|grant|award|assess"
    r"|evaluate|dismiss|hire|evict|prosecute|recommend|advise|suggest|say|answer|figure|deduce|spot|search"
    r"|dig|compile|keep|filter|weed|exclude|remove|cut|order|prioriti[sz]e|triage|use|craft|do|think|send|add"
    r"|include|fill|populate|append|insert|update|annotate|tick|note|log|record|create|pose|pretend|stalk|spy"
    r"|allocate|offer|issue|serve)"
)

# --- Cheap gates: a sentence is examined by a rule only if one of its words starts with one of these -----

DECISION_STEMS = tuple(
    "decid determin judg adjudicat rule decision approv reject refus declin deny accept grant award"
    " uphold overturn dismiss sack fire hire appoint evict prosecut shortlist rank write terminat"
    " suspend revok blacklist sanction penalis disqualif redundan let which who should recommend score"
    " rate grade sort screen filter choose select pick prioriti triage allocat assign band assess"
    " evaluat vet work calculat set whether call verdict final yes"
    " tell confirm say homeless eligib entitl qualif guilt liab warrant suspen"
    " gets wins deserv produce compile draw prepare create make give list names"
    " what pass fail mark drop".split()
)
