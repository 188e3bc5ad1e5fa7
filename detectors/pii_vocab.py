"""Generic vocabularies used to reject name candidates and recognise mailboxes.

Hand-written from ordinary English and UK public-sector usage (organisation words, job titles,
calendar words). None of it is derived from any corpus or name generator.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

# A token in a candidate name that marks it as an organisation, place, document or date, not a person:
# a candidate holding one is rejected whole.
NOT_NAME_WORDS = frozenset(
    """
    council councils borough city county district metropolitan authority authorities combined team teams
    service services department dept directorate board committee panel agency office trust nhs ombudsman
    commission commissioner ministry government association unit centre center group partnership
    foundation charity society limited ltd plc llp inc company bank building college school academy
    university hospital surgery practice clinic pharmacy police court tribunal church mosque temple
    care social housing benefits benefit revenues revenue finance payroll policy policies act acts
    regulations scheme strategy plan report appendix section paragraph clause schedule annex table
    figure street road avenue close drive way crescent rise place gardens terrace square parade mews
    monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    christmas easter ramadan diwali
    dob nhs nino ni tel phone mobile email fax ref reference invoice address postcode vehicle
    english england british britain uk scotland wales welsh scottish irish europe european london
    god allah jesus
    station museum theatre theater stadium airport library libraries cathedral abbey cinema crematorium
    cemetery arcade gallery infirmary leisure allotments railway underground line zoo rail aquarium
    sir madam all everyone colleagues st saint ward security staff
    teams zoom outlook excel word microsoft google sharepoint
    yes no n/a tbc tbd na none
    """.split()
)

# Role and job words: trimmed from the edges of a candidate ("Claimant Gareth Price" -> "Gareth Price").
ROLE_WORDS = frozenset(
    """
    manager officer assistant adviser advisor director head chief executive lead coordinator
    administrator analyst engineer consultant practitioner worker supervisor chair secretary minister
    mayor leader member members councillor cllr clerk inspector assessor librarian surveyor loader
    claimant applicant tenant resident residents referrer employee client customer patient pupil
    student carer landlord user caseworker solicitor nurse doctor gp teacher coroner sheriff lieutenant
    ombudsman judge
    """.split()
)

# lower-case words inside a surname: Romance, Dutch/German, Arabic, and Irish/Welsh patronymic particles
# ("Ó Súilleabháin", "Ní Bhriain", "ap Rhys")
NAME_PARTICLES = frozenset(
    "de da di do dos das du van von der den ter le la al el bin ibn ben binti ó ní nic uí ua ap ferch".split()
)

# Capitalised words that start sentences or headings and are never names on their own:
# spaCy's English stop-word list plus common sentence openers and request verbs.
COMMON_WORDS = frozenset(STOP_WORDS) | frozenset(
    """
    yesterday today tonight tomorrow recently currently unfortunately apparently however meanwhile
    later earlier sadly hopefully finally additionally also overall generally initially
    the a an i he she it we they you his her their our my your this that these those there here
    please thanks thank hello hi dear regards kind best many yours sincerely faithfully
    can could would should will shall may might must do does did is are was were be been have has had
    not and or but if when while after before because so then also as at by for from in into of on
    to with without about over under following re fw fwd subject note notes update summary draft
    important urgent action actions outcome outcomes background purpose recommendation recommendations
    visited called spoke agreed discussed confirmed explained reported said asked told
    name date time total number new old current previous next last first second third
    mrs mr ms miss dr mx prof
    find check look search write draft summarise summarize rewrite translate list tell give make create
    send show get track locate identify compare explain review flag use help read reply respond
    """.split()
)

# Given names that are also everyday English words: never trimmed or rejected as "common words".
NAME_LIKE_COMMON_WORDS = frozenset(
    "will mark may bill grace hope rose june pat sue don jack frank rob bob art dawn faith joy sunny "
    "summer ray drew gene chase lane max bella".split()
)

# Email local parts made only of these role/service words are functional mailboxes, not people.
MAILBOX_WORDS = frozenset(
    """
    no not do reply noreply donotreply info information enquiries enquiry contact contactus help helpdesk
    support admin administration office post postmaster webmaster hostmaster abuse security privacy
    foi eir sar dpo data protection dataprotection records ig governance information compliance
    council tax counciltax ctax business rates nndr housing homeless homelessness benefits benefit
    revenues planning licensing licence parking permits complaints complaint feedback comments customer
    customers services service care team teams hr payroll finance accounts payable receivable invoices
    procurement it ict digital servicedesk desk social safeguarding mash adults adult children childrens
    families early education schools admissions transport highways waste recycling bins environmental
    health environment democratic democracy services elections electoral register registration
    registrar registrars members committee press media communications comms news marketing events
    sales orders bookings booking reception switchboard general mail mailbox team staff jobs careers
    recruitment payments payment refunds refund fraud audit legal insurance claims estates property
    facilities library libraries leisure culture tenancy repairs lettings rent rents noreplies
    alerts notifications notification system systems monitoring reports reporting update updates
    hello duty worker workers officer officers manager managers clerk desk hub unit head headteacher
    bursar governors queries query questions applications application forms intake referrals referral
    frontdoor mailroom trading standards bluebadge freedom of
    """.split()
)
