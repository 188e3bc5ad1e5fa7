"""Special-category statements about one person in any case and shape (issue 9 item 5): political opinion and
sex life/orientation said the everyday way (party membership and activity with the party in lower case, an
ex-partner or a named partner of the same gender), faith practice, tables with a category column, lower-case
names and role subjects; a resident's politics named in a councillor's message. Look-alikes that must pass:
aggregates, policy and guidance text, organisations and events, office holders' public party labels."""

from __future__ import annotations

import pytest

from detectors.normalize import normalise
from detectors.special_category import SpecialCategoryDetector
from detectors.special_category_partner import partner_findings

DETECTOR = SpecialCategoryDetector()

STATEMENTS = [
    (
        "Mr Owain Tudor rang about his bins; he mentioned he's a labour party member and thinks we ignore his street.",
        "political_opinion",
    ),
    (
        "note: resident karen bishop is a green party activist and was handing out leaflets by the library.",
        "political_opinion",
    ),
    (
        "Mrs Elaine Ross told the officer she had voted conservative all her life and wanted it on record.",
        "political_opinion",
    ),
    (
        "Tenant Rafiq Noor canvassed for the Liberal Democrats at the last election and asks for the day off.",
        "political_opinion",
    ),
    (
        "Our caretaker Steve Hill is a member of the Reform party and has a poster in the lodge window.",
        "political_opinion",
    ),
    ("dan morris told colleagues he supports scottish independence and votes snp.", "political_opinion"),
    (
        "Complaint from Mr Adam Shaw, who says he is being ignored because he is a known Plaid Cymru campaigner.",
        "political_opinion",
    ),
    (
        "Councillor casework: the resident, Mrs Lynne Park, is a Conservative Party member and wants her "
        "complaint escalated.",
        "political_opinion",
    ),
    ("| Name | Party affiliation |\n| Tom Reed | Labour |\n| Gill Orr | Green |", "political_opinion"),
    ("She stood as an independent candidate in 2022 and still campaigns against the bypass.", "political_opinion"),
    ("Service user Neil Amos regularly attends far-right rallies and distributes BNP leaflets.", "political_opinion"),
    (
        "care note: mr ivor lewis lives with his partner gareth, they have been together 30 years.",
        "sex_life_sexual_orientation",
    ),
    (
        "Ms Farah Baig disclosed she is bisexual and worried about her family finding out.",
        "sex_life_sexual_orientation",
    ),
    ("kelly price is a lesbian and her wife is on the tenancy too.", "sex_life_sexual_orientation"),
    (
        "The applicant, Jordan Swift, is a trans man and asked that his old name is not used.",
        "sex_life_sexual_orientation",
    ),
    (
        "Mr Paul Ince and his husband Mark want to foster; please draft the acknowledgement.",
        "sex_life_sexual_orientation",
    ),
    (
        "Resident Sophie Lane says she is asexual and does not want to be asked about partners.",
        "sex_life_sexual_orientation",
    ),
    ("He came out as gay to his parents last month and has been sofa surfing since.", "sex_life_sexual_orientation"),
    (
        "Staff member Lee Grant mentioned that he has a boyfriend and wants compassionate leave for him.",
        "sex_life_sexual_orientation",
    ),
    ("Name, Sexual orientation\nAnn Pike, Bisexual\nRaj Dutt, Gay", "sex_life_sexual_orientation"),
    ("Client is in a same-sex relationship and the partner is also her carer.", "sex_life_sexual_orientation"),
    ("mrs hussain is muslim and asked for a female worker during ramadan.", "religious_philosophical_belief"),
    ("Tenant Josef Adler is an orthodox jew and can't use the lift on Saturdays.", "religious_philosophical_belief"),
    ("| Pupil | Religion |\n| Amrit Kaur | Sikh |\n| Ben Lowe | None |", "religious_philosophical_belief"),
    (
        "Mr Gordon Blake is a Jehovah's Witness and will not consent to a blood transfusion.",
        "religious_philosophical_belief",
    ),
    ("care note - she goes to mass every sunday and the priest visits on thursdays.", "religious_philosophical_belief"),
    ("Employee Priya Shah asked for leave for Diwali as she is a practising Hindu.", "religious_philosophical_belief"),
    ("Mr Khan attends the mosque on Fridays so can't do afternoon visits.", "religious_philosophical_belief"),
    ("Ms Ada Fox is an atheist and does not want a chaplain visit.", "religious_philosophical_belief"),
    ("tom jenkins has type 1 diabetes and needs his insulin at lunchtime.", "health"),
    ("Diagnosis: bipolar disorder. Client: Hana Wells.", "health"),
    ("ruth cole is the unison rep for the depot and will attend the hearing.", "trade_union_membership"),
    ("Applicant Marek Nowak describes himself as white other (polish).", "racial_ethnic_origin"),
    ("Ward,Name,Voting intention\nNorth,Alan Price,Labour\nSouth,Mo Khan,Reform UK", "political_opinion"),
    (
        "ok so gail from the depot is a tory party member and keeps going on about it in the canteen",
        "political_opinion",
    ),
    ("Mr Keith Marsh has been delivering ukip leaflets round the estate while on sick leave.", "political_opinion"),
    ("Resident Bev Orton attended the anti-immigration rallies in town and posted photos.", "political_opinion"),
    ("Note for file: Ms Lola Penn is branch secretary for the local Labour party.", "political_opinion"),
    (
        "Grievance: Mr Yusuf Demir says his manager knows he is a member of the Green Party and treats him "
        "differently.",
        "political_opinion",
    ),
    ("Mr Ray Stone's ex-husband still has a key to the flat; please change the locks.", "sex_life_sexual_orientation"),
    ("casework - she's bi and her family have cut her off, now sofa surfing.", "sex_life_sexual_orientation"),
    (
        "Ms Nell Crane transitioned in 2019 and her gender recognition certificate is attached.",
        "sex_life_sexual_orientation",
    ),
    ("Staff member Ollie Hunt is gay and says the team leader makes comments.", "sex_life_sexual_orientation"),
    ("Client Esther Cohen keeps Passover and asked for no home visits that week.", "religious_philosophical_belief"),
    (
        "Mrs Grace Obi runs the bible study at her church on Wednesdays so can't do evening meetings.",
        "religious_philosophical_belief",
    ),
    ("Pupil,Religion/belief\nSam Ray,Muslim\nEve Lamb,Christian", "religious_philosophical_belief"),
    # care-note and lower-case shapes across categories
    ("visit note: mr and mrs begum observe ramadan, so visits after sunset please", "religious_philosophical_belief"),
    ("Client says she is a Christian and wants the chaplain to visit on Sunday.", "religious_philosophical_belief"),
    (
        "ravi patel (tenant) is hindu and the shrine in the front room must not be moved during the works.",
        "religious_philosophical_belief",
    ),
    ("He wears a turban and kara and asked that the search is done respectfully.", "religious_philosophical_belief"),
    (
        "Mrs Levy only eats kosher food, so the care agency must not bring ham sandwiches.",
        "religious_philosophical_belief",
    ),
    ("Employee Ahmed Siddiqui needs a quiet room to pray at work.", "religious_philosophical_belief"),
    (
        "Mr Bennett is a Quaker and objects to the armed forces day event being on his rota.",
        "religious_philosophical_belief",
    ),
    ("Name: Ruth Adey\nReligion: Methodist\nGP: Dr Shaw", "religious_philosophical_belief"),
    ("jan kowal is an active member of the local labour branch and chairs their meetings.", "political_opinion"),
    ("Mr Ifor Jones is a member of Plaid Cymru and wants his correspondence in Welsh.", "political_opinion"),
    ("She campaigned for Reform UK at the by-election and has complained about the count.", "political_opinion"),
    ("Mr Ahmed's boyfriend has moved in; update the household members.", "sex_life_sexual_orientation"),
    ("client (f, 34) lives with her girlfriend and two kids", "sex_life_sexual_orientation"),
    ("tenant jay ellis is non-binary and uses they/them.", "sex_life_sexual_orientation"),
    ("Support worker notes that Ms Cleo Hart is a sex worker and at risk.", "sex_life_sexual_orientation"),
    ("mrs annie cole is on methadone and attends the drug service weekly.", "health"),
    ("ALLERGIES: penicillin. CONDITION: COPD. Resident: Mr Stan Howe.", "health"),
    ("Please note sean doyle is a GMB steward and will accompany the employee.", "trade_union_membership"),
]

PASS = [
    "The Labour group on the council has proposed a new parking policy; summarise it.",
    "Councillor Amy Reed (Conservative) chairs the planning committee.",
    "12% of survey respondents said they were members of a political party.",
    "Our equality policy protects staff of all religions and none, and those who are gay, lesbian or bisexual.",
    "The mosque on Station Road has asked to hire the community hall for Eid.",
    "How many tenants in the borough are in same-sex households? Give an estimate from the census.",
    "The Green Party candidate for the ward is Jo Bell, according to the statement of persons nominated.",
    "Write a briefing on the LGBT+ history month events the library is running.",
    "Draft a neutral article on how political party membership has changed in Wales since 2015.",
    "Cllr Tom Hale, the Labour member for Riverside, asked a question at full council.",
    "The church hall roof needs repair; get three quotes.",
    "Pride month staff network meeting is on Tuesday at 2pm.",
    "The Labour Party has 20 members on the council; draft a seating plan for full council.",
    "Membership of political parties in the UK fell in 2024; summarise the House of Commons library note.",
    "Guidance: staff must not canvass for any party while on duty or in uniform.",
    "The Pride march will close the High Street on Saturday; draft the road closure notice.",
    "The town centre rally organised by the Green Party is on Saturday; plan the street cleaning.",
    "Our voter registration drive targets students; draft a poster.",
    "Staff are entitled to time off for religious festivals such as Eid, Diwali and Passover.",
    "A bible study group has booked the community room every Wednesday.",
    "Explain the law on gender recognition certificates in plain English.",
    "Our LGBT+ staff network is recruiting a co-chair; draft an advert.",
    "Councillor Jim Fry (Reform UK) asked about the bin strike at cabinet.",
    "Ramadan starts next week; remind managers about flexible working requests.",
    "The Labour branch meeting is in the community centre on Tuesday; book the room.",
    "Training slides: what does 'kosher' mean for meal planning in care homes?",
    "Equality monitoring: 4 staff said they were Hindu, 12 Muslim, 30 Christian.",
    "Plaid Cymru won the ward by 300 votes; write a neutral summary of the count.",
    "Sexual orientation questions are optional on the housing application form.",
]


def _labels(text: str) -> set[str]:
    return {f.label for f in DETECTOR.detect(normalise(text).text)} - {"criminal_offence"}


@pytest.mark.parametrize(("text", "category"), STATEMENTS)
def test_statement_about_one_person_is_found(text: str, category: str) -> None:
    assert category in _labels(text)


@pytest.mark.parametrize("text", PASS)
def test_aggregate_policy_and_office_holder_text_passes(text: str) -> None:
    assert _labels(text) == set()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Her partner Joanne rang about the repair.", True),
        ("Notes: he lives with his civil partner, Mr Dafydd Rees? no - with his partner Hywel.", True),
        ("his partner will collect the keys on monday", False),
        ("her partner may call back after lunch", False),
        ("Her partner Gareth is on the tenancy.", False),
        ("He and his wife Sarah have two children.", False),
        ("His partner, Sam, is the main carer.", False),  # a name used by either gender says nothing
    ],
)
def test_partner_of_the_same_gender(text: str, found: bool) -> None:
    assert bool(partner_findings(text, "test")) is found
