"""Outcome words per decision domain, and the frames that ask a model to *produce* a decision (clause 7.2).

Data only; `detectors/decision_frame.py` compiles them. Each domain lists the outcomes a decision in it
ends with (a verb, a verdict adjective or an outcome noun) -- the words a verdict is made of, not
sentences. Generic outcomes (approve, refuse, yes, no ...) take their domain from the context.
"""

from __future__ import annotations

# Outcomes that place a decision in one domain. Social care and education outcomes are labelled with
# benefits/housing (the policy's services-to-residents family).
OUTCOMES: dict[str, str] = {
    "automated_decision_employment": (
        r"dismissal|sack(?:ed)?|fire(?:d)?|terminat(?:e|ed|ion)|retain(?:ed)?|keep\s+(?:him|them)(?!\s+on\s+the)"
        r"|(?:keep|continue|carry\s+on)\s+working|keep\s+(?:his|her|their)\s+(?:job|post|role)"
        r"|exit|let\s+(?:him|her|them|[A-Z][a-z]+)\s+go|let\s+go|hire(?:d)?|appoint(?:ed)?|promot(?:e|ed|ion)|demot(?:e|ed|ion)"
        r"|redundan(?:t|cy)|(?:final\s+)?(?:written\s+)?warning|reinstat(?:e|ed|ement)|shortlist(?:ed)?"
        r"|(?:no\s+)?further\s+action|kept\s+on|keep\s+on|stay\s+in\s+post|stay|leave|go"
    ),
    "automated_decision_benefits_housing": (
        r"evict(?:ed|ion)?|possession|rehouse(?:d)?|house(?:d)?|band\s+[a-e1-5]|eligible|ineligible|not\s+eligible"
        r"|entitled|not\s+entitled|qualif(?:y|ies|ied)|intentionally\s+homeless|priority\s+need|homeless"
        r"|award(?:ed)?|(?:full|reduced|no)\s+(?:care|support|award|package)|exclude(?:d)?|expel(?:led)?"
        r"|admit(?:ted)?|place(?:d)?|accommodate(?:d)?|(?:permanent(?:ly)?|fixed[- ]term)(?:\s+exclu\w+)?|exclusion"
    ),
    "automated_decision_legal": (
        r"guilty|not\s+guilty|innocent|liable|not\s+liable|convict(?:ed)?|acquit(?:ted)?|prosecute(?:d)?"
        r"|(?:formal\s+)?caution(?:ed)?|charge(?:d)?|uphold|upheld|overturn(?:ed)?|allow\s+the\s+appeal"
        r"|dismiss\s+the\s+appeal|revoke(?:d)?|sentence(?:d)?|custody|bail|enforce(?:ment)?|NFA"
        r"|(?<!is\s)(?<!'s\s)(?<!be\s)(?<!re\s)(?<!ll\s)fine(?:d)?"  # not "that's fine", "it'll be fine"
        r"|in\s+breach|not\s+in\s+breach|cancel\s+the\s+(?:PCN|notice|ticket|fine)"
    ),
    "automated_decision_financial": (
        r"write[- ]off|written\s+off|write\s+(?:it|this|the\s+debt)\s+off|lend|loan|credit|pursue|recover"
        r"|refund(?:ed)?|waive(?:d)?|repayment\s+plan|bailiffs?|enforcement\s+agents?|creditworthy|default"
        r"|chase|collect"
    ),
}

# Outcomes that fit any domain; the domain comes from the words around them.
GENERIC_OUTCOMES = (
    r"approve(?:d)?|accept(?:ed)?|grant(?:ed)?|allow(?:ed)?|refuse(?:d)?|reject(?:ed)?|decline(?:d)?|deny|denied"
    r"|yes|no|pass|fail|proceed|don'?t\s+proceed|do\s+not\s+proceed|continue|stop|end|cut|reduce|increase"
    r"|not|none|neither|confirm|extend|agree|dismiss(?:ed)?|cancel|no\s+action|take\s+no\s+action"
    r"|keep|kept|lose|lost|out|suspend(?:ed)?|renew(?:ed|al)?|continue(?:d)?|remove(?:d)?|withdraw(?:n)?|restore(?:d)?|reinstate(?:d)?"
)

# An outcome between two answer labels in capitals ("SUSPENDED or CONTINUED", "KEEP/EXIT"): the model is to
# print one of them. Checked to contain an outcome word, so "PDF or DOCX" is no frame.
LABEL_PAIR = r"(?-i:\b([A-Z]{3,})\b)\s*,?\s*(?:or|OR|/|\|)\s*(?-i:\b([A-Z]{3,})\b)"

# Asking the model to state which of two outcomes holds: "record whether ...", "state whether ...".
WHETHER_ASK = (
    r"\b(?:record|state|enter|write|note|say|tell\s+(?:me|us)|decide|determine|confirm|answer|indicate|mark"
    r"|minute|log)\s+(?:down\s+)?(?:here\s+)?whether\b"
)

# A score or rank asked for, and the resource handed out by it: the score is the decision. The score is asked
# for as a verb ("score her") or as the noun a giving verb hands over ("give him a risk score", "assign the
# case a band", "what rating would you give ...").
SCORE_NOUN = r"(?:score|rating|rank(?:ing)?|grade|band(?:ing)?|mark|points)"
SCORE_ASK = (
    r"\b(?:score|rate|rank|grade|mark|band|prioriti[sz]e|order|put)\b"
    r"|\b(?:give|assign|allocate|attach|award|work\s+out|calculate|produce|provide|generate|return|output)\s+"
    r"(?:(?!(?:on|of|about|for|to|with|in|into|from|at|by|feedback|comments?|views|thoughts)\b)[\w'’.-]+\s+){0,7}?"
    r"(?:(?:an?|the|your|their|its|his|her)\s+)?(?:[\w'’/-]+\s+){0,2}?" + SCORE_NOUN + r"\b"
    r"|\bwhat\s+" + SCORE_NOUN + r"\b(?=[^.?!\n]{0,60}\b(?:would|should|will|do)\s+you\s+(?:give|assign|award|put))"
)
BY_SCORE = (
    r"\b(?:highest|top|best|lowest|first)[- ](?:score[sd]?|scorer|scoring|ranked|rated|one|placed|name|person"
    r"|candidate|applicant|family|household|tenant)\b"
    r"|\bwhoever\s+(?:scores?|ranks?|comes?|is\s+(?:ranked|rated|scored))"
    r"|\b(?:anyone|everyone|those|applicants?|families|households|candidates?)\s+(?:scoring|who\s+scores?"
    r"|ranked|rated|scored)\s+(?:\d+|above|over|highest|top|below|under)"
    r"|\b(?:based\s+on|according\s+to|straight\s+from|directly\s+from|in\s+order\s+of|from|by|using)\s+"
    r"(?:your|the(?:se)?|their|its)\s+(?:scores?|ranks?|rankings?|ratings?|order|bands?|column|list)\b"
    r"|\b(?:top|first|highest|best)\s+(?:two|three|four|five|six|\d+)\b"
    r"|\b(?:gets?|wins?|is\s+offered|will\s+(?:get|be\s+offered))\s+(?:the|a|an)\s+[\w-]+"
    r"(?=[^.!?\n]{0,40}\b(?:score|rank|first|top|highest))"
)

# "Verdict", "outcome", "ruling" ...: the decision as a thing the model is asked to hand over.
VERDICT_NOUN = (
    r"verdict|outcome|ruling|determination|judg(?:e)?ment|decision|call|recommendation|answer|result|sanction"
)

# Verbs that hand something over ("give me the verdict", "output the outcome").
HAND_OVER = (
    r"give|output|provide|return|state|deliver|announce|produce|issue|reach|render|pronounce|tell\s+(?:me|us)|share"
    r"|write|make|come\s+to|post|print|reply\s+with|respond\s+with|what(?:'s|\s+is|\s+should\s+be)"
)

# Roles whose outcome a role-play would produce.
DECIDING_ROLE = (
    r"(?:(?:hr|disciplinary|appeals?|interview|selection|hiring|recruitment|housing|allocations?|benefits?"
    r"|licensing|planning|review|grievance|capability|exclusion|admissions?|tenancy|credit|lending|loans?"
    r"|sanctions?|redundancy|school|homelessness|council|dismissal|[\w-]+)\s+){0,2}?(?:panel|tribunal|board|committee|sub-committee|judge|magistrates?|jury|adjudicator"
    r"|arbiter|decision[- ]?maker|hiring\s+manager|line\s+manager|caseworker|assessor|officer|underwriter"
    r"|head\s*teacher|inspector)"
)

# The model put in a deciding role: "act as", "you are", "play", "pretend to be", "imagine you are".
ROLE_PLAY = (
    r"\b(?:act(?:ing)?\s+as|play(?:ing)?|pretend(?:ing)?\s+(?:to\s+be|you(?:'re|\s+are))|imagine\s+you(?:'re|\s+are)"
    r"|you(?:'re|\s+are)(?:\s+now)?|role[- ]?play(?:ing)?(?:\s+as)?|take\s+the\s+role\s+of|be|^\W*as)"
    r"\s+(?:the|an?|our|my)\s+"
    r"(?:final\s+|sole\s+)?" + DECIDING_ROLE + r"\b"
)

# The call handed to the model: "you decide", "you make the call", "your call", "up to you".
DELEGATE = (
    r"\byou\s+(?:decide|choose|pick|judge|rule|determine)\b|\byou\s+(?:make|take)\s+(?:the|this|that)\s+"
    r"(?:final\s+)?(?:call|decision|choice)\b|\byour\s+(?:call|decision|verdict|ruling)\b(?!\s+(?:letter|notice))"
    r"|\b(?:up\s+to|over\s+to|leave\s+it\s+(?:up\s+)?to)\s+you\b|\byou\s+be\s+the\s+judge\b"
    r"|\b(?:whatever|what)\s+you\s+(?:decide|say|choose|pick)\s+(?:goes|stands|is\s+final)\b"
    r"|\bas\s+you\s+(?:see|think)\s+fit\b|\bwhichever\s+you\s+(?:think|feel|consider|prefer|choose|pick)\b"
    r"|\b(?:use|trust|go\s+with)\s+(?:your|ur)\s+(?:own\s+)?judg(?:e)?ment\s*(?:,|:|-|on|about|as\s+to)?\s*"
    r"(?:whether|if|who|which|should)\b"
    r"|\bleave\s+it\s+(?:with|to)\s+you\b"
)

# The outcome made conditional on the model's own judgement ("if you think he is in breach, ...").
CONDITIONAL = (
    r"\bif\s+you\s+(?:think|believe|consider|find|conclude|judge|feel|reckon|decide|are\s+satisfied)\b"
    r"|\bdepending\s+on\s+(?:what|how|whether)\s+you\s+(?:conclude|decide|think|find|judge|assess|see)\b"
    r"|\bbased\s+on\s+your\s+(?:own\s+)?(?:assessment|judg(?:e)?ment|view|conclusion|reading)\b"
)

# A forced short answer: "answer only X or Y", "one word", "just say yes or no".
FORCED_ANSWER = (
    r"\b(?:(?:answer|reply|respond|say|output|return|write)\s+(?:only|just|simply|with|in)\b"
    r"|(?:answer|reply|respond|output|return)\s+(?:[\w-]+\s+){1,2}only\b"
    r"|(?:one|single|1)[- ]word\b|\bjust\s+(?:say|answer|tell\s+me)\b|\bonly\s+(?:answer|reply|say|output)\b"
    r"|\bnothing\s+(?:else|more)\b|\bno\s+(?:explanation|reasons?|caveats?)\b)"
)

# Decision support or a decision a person has made or will make: not the model producing it.
SUPPORT = (
    r"\b(?:criteria|checklists?|factors|considerations|guidance|questions?\s+(?:to|for|the\s+panel)|pros\s+and\s+cons"
    r"|arguments?\s+(?:for|against)|for\s+and\s+against|(?:advantages|benefits|risks)\s+(?:and|of)\s+(?:each|the)"
    r"|each\s+(?:approach|option|course\s+of\s+action)|in\s+general(?:\s+terms)?"
    r"|(?:possible|available|range\s+of)\s+(?:outcomes|options|sanctions)|template|training\s+(?:exercise|scenario)"
    r"|fictional|(?:has|have|had)\s+(?:already\s+)?(?:decided|made\s+(?:the|a|its|their)\s+decision|agreed)"
    r"|decision\s+(?:was|has\s+been)\s+(?:made|taken|reached)|(?:confirm|communicat|explain|inform|notif)\w*\s+"
    r"(?:him|her|them|the\s+\w+)?\s*(?:of\s+)?(?:the|our|their|its|this)\s+(?:[\w-]+(?:'s|s')\s+)?"
    r"(?:decision|outcome|verdict)"
    r"|for\s+(?:the|a|our)\s+(?:human\s+)?(?:panel|officer|manager|committee|decision[- ]?maker|caseworker)s?\s+to"
    r"|(?:I|we|the\s+panel|the\s+manager|the\s+officer)\s+(?:will|shall)\s+(?:make|take)\s+the\s+(?:final\s+)?decision"
    r"|(?:I|we|the\s+panel|the\s+manager|the\s+officer)\s+(?:will|shall)\s+decide"
    r"|who\s+(?:will|shall|is\s+going\s+to|is\s+to|then)\s+(?:make|take|reach)\s+(?:the|a|their|its)\s+(?:final\s+)?"
    r"decision|who\s+(?:will|shall)\s+decide)\b"
)

# A third party deciding (a description, not an ask): "the panel can uphold or reject".
THIRD_PARTY = (
    r"\b(?:the|a|an|our|their)\s+(?:[\w-]+\s+)?(?:panel|committee|board|tribunal|court|manager|officer|council"
    r"|judge|magistrates?|decision[- ]?maker|caseworker|authority)\s+(?:can|could|may|might|will|would|must|has\s+to"
    r"|is\s+able\s+to|decides?|decided|considers?)\b"
)

# "Verdict only.", "Decision only, no reasons": the decision itself is the whole answer asked for.
ONLY_VERDICT = r"\b(?:verdict|outcome|decision|ruling|determination|sanction)\s+only\b"

# Picking the person or the option: "pick who we appoint", "just tell me which", "choose one".
SELECT = (
    r"\b(?:pick|choose|select|decide|say|tell\s+me|name)\s+(?:who|whom|which(?:\s+one)?|one)\b"
)

# "Which band?", "what priority should she get?": the classification that is the decision.
WHICH_CLASS = (
    r"\b(?:which|what)\s+(?:band|banding|priority|category|grade|level|score|rating|sanction|outcome|option"
    r"|placement)\b[^.?!\n]{0,60}\?"
    # the amount allocated to a person: "how many hours of care should she get?"
    r"|\bhow\s+(?:many|much)\s+(?:[\w-]+\s+){0,4}?(?:should|will|does|do|can)\s+(?:he|she|they|(?-i:[A-Z][\w'-]+)|the\s+\w+)"
    r"\s+(?:get|receive|have|be\s+(?:given|awarded|allocated|offered|paid))\b[^.?!\n]{0,40}\?"
)

# A case described rather than named: "Household of 5", "child with asthma", "applicant aged 19".
DESCRIBED_CASE = (
    r"\b(?:household|family|applicant|tenant|claimant|child|employee|candidate|resident|pupil|driver|owner"
    r"|couple|woman|man|customer|debtor)\s+(?:of|with|aged|in|at|from|who)\b"
    # a person pseudonymised by a reference number ("applicant 4417", "tenant no. 88", "claimant #A102"), not a year
    r"|\b(?:applicant|tenant|claimant|employee|candidate|pupil|student|client|customer|resident|patient|debtor"
    r"|service\s+user|staff\s+member)\s+(?:no\.?\s*|number\s+|#|ref(?:erence)?\.?\s*)?"
    r"(?!(?:19|20)\d\d\b)[a-z]{0,3}-?\d{2,8}\b"
)

# A person named by a job or role noun: "the refuse loader", "our supervisor", "that cashier".
ROLE_NOUN = (
    r"\b(?:the|this|that|our|your|their)\s+(?:[\w-]+\s+)?(?![a-z]*(?:letter|poster|meter|filter|number|order|matter|paper|computer|water"
    r"|chapter|register|other|border|corner|folder|printer|monitor|error|sector|factor|calendar|counter|centre"
    r"|quarter|answer|power|weather|minor|major|floor|door|colour|favour|behaviour|labour|neighbourhood)\b)"
    r"[a-z]{3,}(?:er|or|ist|ian|ant|ent)\b"
)

# Pseudonymised or placeholder persons: <PERSON_1>, <PERSON>, [NAME], {{name}}.
PLACEHOLDER = r"<(?:PERSON|NAME)(?:_\d+|:[0-9a-f]+)?>|\[(?:PERSON|NAME)(?:[_ ]\d+)?\]|\{\{\s*name\s*\}\}"

# A yes/no question on a person's standing in a decision ("is she fit to ...", "does he qualify ..."); with a
# forced short answer it asks for the verdict itself.
VERDICT_QUESTION = (
    r"\b(?:is|are|was|does|do|should|can|has|have)\s+(?:[\w.'’-]+\s+){1,4}?(?:fit|unfit|suitable|unsuitable"
    r"|eligible|ineligible|entitled|safe|qualif\w*|deserv\w*|guilty|liable|responsible|at\s+fault|to\s+blame"
    r"|pass(?:ed)?|fail(?:ed)?)\b[^?\n]{0,80}\?"
)

# A record key naming the person the record is about ("tenant": "...", applicant: ...).
RECORD_PERSON = (
    r"[\"']?(?:tenant|applicant|employee|claimant|client|resident|pupil|student|customer|name|person|subject"
    r"|staff(?:_member)?|worker|candidate|member|patient|service_?user|debtor|driver|licen[cs]e_?holder)"
    r"[\"']?\s*[:=]\s*[\"']?[A-Za-z]"
)

# Cheap gate: one of these word stems must occur for the frames to be tried.
FRAME_STEMS = tuple(
    "verdict outcome ruling determin judg decision call recommend answer reply respond output return act play"
    " pretend imagine role word keep exit retain stay leave guilty liable innocent convict acquit evict eligib"
    " lend loan credit waive refund approv refus reject grant yes up over leave whether score rate rank grade"
    " band fill complet populat order priorit top rating".split()
)

# What a decision in each domain ends in, as UK council, court, lender and school processes name it: the
# sanctions, orders, awards and plans themselves ("a fixed penalty", "a charging order", "an EHC plan").
# Broader than OUTCOMES (which are single verdict words): used by `detectors/decision_question.py` to
# recognise a question or demand whose answer *is* one of these for one person, and to say which domain
# a decision is in. Social care and education count with benefits/housing (services to residents).
CONSEQUENCES: dict[str, str] = {
    "automated_decision_legal": (
        r"prosecut(?:e|ed|ion|e\s+(?:him|her|them))|(?:simple\s+|conditional\s+|formal\s+|police\s+)?cautio(?:n|ned)"
        r"|charg(?:e|ed)\s+(?:him|her|them|with)|(?:fixed|penalty)[- ]penalt(?:y|ies)(?:\s+notices?)?"
        r"|fixed[- ]penalty(?:\s+notices?)?|FPNs?|PCNs?|penalty\s+charge(?:\s+notices?)?|summons|remand(?:ed)?"
        r"|(?:conditional\s+|unconditional\s+)?bail|custod(?:y|ial\s+sentence)|community\s+(?:order|sentence)"
        r"|suspended\s+sentence|(?:absolute|conditional)\s+discharge|sentenc(?:e|ed|ing)|convict(?:ed|ion)?"
        r"|acquit(?:ted|tal)?|(?:not\s+)?guilty|(?:not\s+)?liable|injunction|(?:suspended\s+)?possession\s+order"
        r"|closure\s+order|committal|(?:arrest\s+)?warrant|community\s+protection\s+(?:warning|notice)|CPW|CPN"
        r"|abatement\s+notice|enforcement\s+notice|prohibition\s+notice|improvement\s+notice|stop\s+notice"
        r"|(?:licence|license)\s+(?:revo\w+|suspen\w+|review)|revo(?:ke|ked|cation)|(?:revoke|suspend|refuse\s+to\s+renew)"
        r"\s+(?:the|his|her|their)\s+(?:\w+\s+)?licen[cs]e"
        r"|cancel\s+the\s+(?:PCN|ticket|notice|fine|penalty)|(?:issue|impose)\s+(?:a|the)\s+fine|fine\s+(?:him|her|them)"
        r"|formal\s+warning|no\s+further\s+action|NFA|criminal\s+behaviour\s+order|CBO|banning\s+order"
        r"|disqualif(?:y|ied|ication)\s+from\s+driving|strike\s+off|struck\s+off"
    ),
    "automated_decision_financial": (
        r"write[- ]?(?:it\s+|this\s+|the\s+debt\s+|them\s+)?off|written\s+off|charging\s+order"
        r"|attachment\s+of\s+(?:earnings|benefits?)|(?:enforcement|collection)\s+agents?|bailiffs?|debt\s+collect\w+"
        r"|liability\s+order|(?:payment|repayment|instalment)\s+(?:plan|arrangement|agreement)s?"
        r"|credit\s+(?:limit|line|check|rating|score)|(?:hardship\s+|personal\s+|payday\s+|short[- ]term\s+)?loans?"
        r"|lend(?:ing)?|(?:fraud|suspicious)\s+(?:flag|marker|referral)|flag(?:ged)?\s+(?:\w+\s+)?(?:for|as)\s+fraud"
        r"|fraud|recover(?:y)?\s+(?:of\s+)?(?:the\s+)?overpayments?|overpayment\s+recovery"
        r"|waive(?:d|r)?\s+(?:the\s+)?(?:\w+\s+)?(?:fees?|charges?|interest|debt|penalt(?:y|ies))"
        r"|(?:hardship|crisis|discretionary|emergency)\s+(?:grant|payment|fund|award)s?|refund(?:ed)?"
        r"|(?:rate|rates|hardship)\s+relief|creditworth\w+"
    ),
    "automated_decision_employment": (
        r"dismissal|dismiss\s+(?:him|her|them)|sack(?:ed|ing)?|(?:first|final|verbal|written)\s+(?:written\s+)?warning|redundan(?:t|cy)"
        r"|redeploy(?:ed|ment)?|demot(?:e|ed|ion)|promot(?:e|ed|ion)|(?:pass|fail|extend)(?:ed|s)?\s+(?:(?:his|her|their"
        r"|the)\s+)?probation|probation\s+(?:extended|passed|failed)|appoint(?:ed|ment)?|hire(?:d)?|shortlist(?:ed)?"
        r"|(?:offer|give)\s+(?:him|her|them)\s+the\s+(?:job|post|role)|(?:the|this)\s+(?:job|post|role|vacancy)"
        r"|pay\s+rise|increment|(?:gross\s+)?misconduct|capability\s+(?:dismissal|outcome|hearing)"
        r"|suspend(?:ed)?\s+on\s+(?:full\s+)?pay|terminat(?:e|ed|ion)\s+(?:of\s+)?(?:(?:his|her|their|the)\s+)?"
        r"(?:contract|employment)|(?:keep|retain)\s+(?:him|her|them)\s+on"
    ),
    "automated_decision_benefits_housing": (
        r"evict(?:ed|ion)?|(?:notice\s+seeking|notice\s+of)\s+possession|(?:end|terminate|keep|lose)\s+(?:the|his|her"
        r"|their)\s+tenancy|intentionally\s+homeless|priority\s+need|(?:main|relief|prevention)\s+duty"
        r"|band\s+[A-E1-5]\b|(?:housing\s+)?register|(?:offer|allocat\w+)\s+(?:of\s+)?(?:the\s+)?(?:a\s+)?"
        r"(?:\d[- ]bed\w*|flat|house|bungalow|property|tenancy|home)"
        r"|\d[- ]bed(?:room)?(?:ed)?(?:\s+(?:flat|house|home|property))?"
        r"|discretionary\s+housing\s+payments?|DHP|council\s+tax\s+(?:support|reduction)|housing\s+benefit"
        r"|blue\s+badge|free\s+school\s+meals|bus\s+pass|disabled\s+facilities\s+grant|DFG"
        r"|care\s+(?:package|hours|plan|home\s+place|placement)|(?:home|domiciliary|residential|nursing|respite)\s+care"
        r"|hours\s+of\s+(?:care|support)|direct\s+payments?|personal\s+budget|respite(?:\s+placement)?"
        r"|child\s+protection\s+(?:plan|conference|register|enquiry)|child\s+in\s+need|section\s+(?:17|20|47)"
        r"|looked[- ]after|(?:into|taken\s+into)\s+care|care\s+order|supervision\s+order"
        r"|safeguarding\s+(?:enquiry|plan)"
        r"|deprivation\s+of\s+liberty|DoLS|(?:permanent(?:ly)?|fixed[- ]term)\s+(?:exclu\w+|suspension)"
        r"|fixed[- ]term|exclu(?:de|ded|sion)|expel(?:led)?|managed\s+move|EHC\s*(?:P|plan|needs\s+assessment)"
        r"|EHCP|SEN\s+(?:support|plan)|(?:school\s+)?(?:place|admission)\s+(?:at|to|for)|admit(?:ted)?"
        r"|school\s+transport|(?:offer|award|refuse)\s+(?:a|the|her|him|them)\s+(?:school\s+)?place"
    ),
}

# Cheap gate for the consequence words: a sentence is read for an outcome question only if a word starts
# with one of these stems (lower case).
CONSEQUENCE_STEMS = tuple(
    "prosecut caution charg fixed penalt fpn pcn summons remand bail custod community suspended absolute"
    " conditional sentenc convict acquit guilty liable injunction possession closure committal warrant cpw cpn"
    " abatement enforcement prohibition improvement licen revo uphold upheld overturn appeal fine formal nfa"
    " banning disqualif strike struck write written attachment bailiff debt liability payment repayment"
    " instalment credit loan lend fraud flag recover overpayment waive hardship crisis discretionary emergency"
    " refund relief default mortgage arrears dismiss sack warning redundan redeploy demot promot probation"
    " appoint hire shortlist offer job post role pay increment misconduct capability terminat keep retain evict"
    " notice tenancy intentionally priority main band register dhp council housing blue free bus disabled dfg"
    " care hours direct personal respite child section looked supervision safeguarding deprivation dols"
    " permanent exclu expel managed ehc ehcp sen school admission admit place bed".split()
)

# Options listed with letters or numbers and the answer asked as one of them: "(a) ... (b) ... Reply a or b".
OPTION_ITEM = r"(?:^|\s)(?:\(?([a-e1-5])[).:]|\[\s?\]|[☐□])\s+"
OPTION_REPLY = (
    r"\b(?:reply|answer|respond|choose|pick|select|say|give|return|output)\s+(?:with\s+)?(?:(?:the|one|a)\s+)?"
    r"(?:letter|number|option|[a-e1-5](?:\s*,\s*[a-e1-5])*\s*(?:,\s*)?(?:or|/)\s*[a-e1-5])\b"
    r"|\b(?:tick|check|mark|select|choose|pick|circle|cross)\s+(?:one|the\s+right\s+(?:one|box)|a\s+box|one\s+box)\b"
)

# The answer demanded as the decision itself, anywhere near a question: a forced short answer, "yes or
# no", "decide", "pick one", "which is it", the call handed over, or "give me the answer/outcome".
DEMAND_ANSWER = (
    FORCED_ANSWER + r"|\byes\s*(?:/|or)\s*no\b"
    # "decide" as an instruction (clause start, after a courtesy word), not the writer's "I need to decide"
    r"|(?:(?m:^)|[.:;!?,(–—-]\s*|\b(?:please|just|now|so|and|then|you)\s+)(?:decide|determine|adjudicate|rule\s+on)\b"
    r"(?!\s+(?:how|what\s+the\s+criteria))|\bpick\s+(?:one|either)\b|\bwhich\s+(?:is\s+it|one)\b|\bonly\W*$|\bjust\s+the\s+(?:word|answer|outcome"
    r"|decision|result|number|figure|band|score)\b|\b(?:give|tell|send)\s+(?:(?:me|us)\s+)?(?:the|your|an?|its|their)?\s*"
    r"(?:[\w'’-]+\s+)?(?:answer|outcome|decision|verdict|ruling|result|determination|call)\b"
    r"|\bwhat(?:'s|\s+is|\s+should\s+be)\s+(?:the|your)\s+(?:decision|outcome|verdict|call|answer)\b|" + DELEGATE
    + r"|\b(?:yours|you)\s+to\s+(?:make|call|decide)\b"
)

# The model named as the one deciding, in the third person ("the AI is the decision maker here").
MODEL_DECIDES = (
    r"\b(?:the\s+)?(?:AI|assistant|model|chatbot|bot|LLM|GPT|system)\s+(?:is|will\s+be|acts\s+as|makes|takes)\s+"
    r"(?:the\s+)?(?:final\s+|sole\s+)?(?:decision[- ]?maker|judge|panel|arbiter|call|decision)s?\b"
    r"|\b(?:adopt|accept|follow|go\s+with|rubber[- ]stamp|act\s+on|implement|apply|use)s?\s+(?:whatever|what)\s+you"
    r"\s+(?:say|recommend|decide|suggest|choose|pick|propose|give)"
)

# No person in the loop, said by negating one ("no need for the panel", "without a caseworker"): the
# mention of a panel or officer is then no oversight.
NO_HUMAN = (
    r"\b(?:no\s+need\s+for|don'?t\s+need|do\s+not\s+need|without|skip(?:ping)?|bypass(?:ing)?)\s+(?:an?\s+|the\s+|any\s+)?"
    r"(?:human\s+)?(?:panel|officer|manager|review|reviewer|human|caseworker|committee|sign[- ]off|social\s+worker)s?\b"
)

# A verdict about the person inside a condition left to the model ("if you think he is in breach").
CONDITION_VERDICT = (
    r"\b(?:in\s+breach|guilty|liable|(?:in)?eligible|entitled|qualif\w+|at\s+fault|responsible|(?:un)?fit|(?:un)?suitable"
    r"|deserv\w+|homeless|vulnerable|can(?:not|'t)?\s+afford|justified|warranted|credible|honest|lying|at\s+risk"
    r"|a\s+risk|(?:mis)?conduct|means|capable|incapable|genuine|fraudulent|negligent|should)\b"
)

# Working out whether the person gets the consequence: the ask verb, then "whether"/"if", then a clause whose
# verb is about receiving or deserving it (not a fact to look up: "whether he has paid").
WHETHER_VERB = r"(?:decide|determine|work\s+out|establish|figure\s+out|judge|assess|conclude|rule\s+on)"
WHETHER_GETS = (
    r"\b(?:whether|if)\s+(?:[\w'’.-]+\s+){0,5}?(?:should|gets?|goes?|go|is\s+to|are\s+to|qualif\w+|deserves?"
    r"|warrants?|merits?|needs?|receives?|stays?|moves?|keeps?|loses?|be\s+(?:given|offered|put|placed|sent|moved"
    r"|granted|awarded))\b"
)

# A score threshold that turns the score into the outcome: "anything under 40 is refused", "over 70 goes
# straight to Band A", "scores below 5 are declined automatically".
# The comparison may follow the number ("7 or over", "12 and above", "8+"), and the outcome may come first ("the
# job cancels it for anything over 60").
_CUT_OFF = (
    r"(?:\b(?:under|below|over|above|less\s+than|more\s+than|at\s+least|lower\s+than|higher\s+than|[<>]=?)\s*\d+\b"
    r"|\b\d+\s*(?:\+|(?:or|and)\s+(?:over|above|more|higher|greater|under|below|less|lower|up(?:wards)?)\b))"
    r"(?:\s*%|\s*(?:points|marks))?"
)
_CUT_OUTCOME = (
    r"\b(?:auto(?:matic(?:ally)?)?[- ]?\w*|system|straight|band"
    r"|approv\w*|refus\w*|declin\w*|reject\w*|grant\w*|award\w*|prosecut\w*|dismiss\w*|exclu\w*|evict\w*|offer\w*"
    r"|cancel\w*|withdr[ae]w\w*|suspend\w*|fund(?:s|ed)?|fail(?:s|ed)?|shortlist\w*|accept(?:s|ed)?|hire[ds]?|appoint\w*"
    r"|goes|go|gets?|is\s+(?:put|sent|passed|referred)|are\s+(?:put|sent|passed|referred))\b"
)
THRESHOLD = (
    _CUT_OFF + r"[^.;!?\n]{0,60}?" + _CUT_OUTCOME
    + r"|" + _CUT_OUTCOME + r"[^.;!?\n]{0,50}?\b(?:anything|anyone|everyone|any\s+\w+|those|claims?|cases?"
    r"|applications?|scor\w*|rated|ranked)\s+(?:\w+\s+){0,2}?" + _CUT_OFF
)

# A bare role noun as a clause subject or label in note style ("tenant is 3 months behind", "Applicant:
# ...", "claimant owes ..."): one individual, described.
BARE_ROLE_SUBJECT = (
    r"(?:^|[.;:!?\n(]\s*|\b(?:the|this|our)\s+)(?:tenant|applicant|claimant|resident|employee|candidate|pupil"
    r"|student|child|baby|debtor|customer|defendant|licen[cs]ee|licen[cs]e\s+holder|driver|service\s+user|client"
    r"|patient|young\s+person|borrower|household|family|appellant|worker|staff\s+member)\s*(?::|is\b|has\b|was\b"
    r"|owes\b|aged\b|\(|,|-)"
)

# Asking about rules or cases in general, or comparing options as information: not a decision request.
GENERAL_QUESTION = (
    r"\b(?:difference\s+between|what\s+(?:is|are|does)\s+an?\b|how\s+(?:do|does|can|should|would|is|are)\b"
    r"|when\s+(?:can|should|do|does|is|are|would)\b|explain|define|definition|in\s+general|generally|typically"
    r"|usually|law\s+on|rules\s+(?:on|for|about)|statistics?|percentage|how\s+many\s+(?:people|cases|tenants"
    r"|applicants|households))\b"
)
