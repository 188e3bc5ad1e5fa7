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

# A score or rank asked for, and the resource handed out by it: the score is the decision.
SCORE_ASK = r"\b(?:score|rate|rank|grade|mark|band|prioriti[sz]e|order|put)\b"
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
)

# A forced short answer: "answer only X or Y", "one word", "just say yes or no".
FORCED_ANSWER = (
    r"\b(?:(?:answer|reply|respond|say|output|return|write)\s+(?:only|just|simply|with|in)\b"
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
    " band fill complet populat order priorit top".split()
)
