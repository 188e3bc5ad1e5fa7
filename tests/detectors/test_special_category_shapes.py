"""Special-category statements in any case and shape (issue 9, item 5): lower-case names, a name after a
role word or label, lists under a category key; and look-alikes about no one in particular that must pass."""

from __future__ import annotations

import pytest

from detectors.special_category import SpecialCategoryDetector
from detectors.special_category_person import names_subject

DETECTOR = SpecialCategoryDetector()

STATEMENTS = [
    ("resident farida shah is a devout muslim and fasts during ramadan", "religious_philosophical_belief"),
    ("tenant piotr wozniak is a practising catholic so can't do sunday visits", "religious_philosophical_belief"),
    ("marek is a jehovah's witness and refuses transfusions", "religious_philosophical_belief"),
    ("note: gareth bowen attends the kingdom hall every week", "religious_philosophical_belief"),
    ("omar prays five times a day and needs a room at work", "religious_philosophical_belief"),
    ("The new porter, Hamish Reid, is a GMB shop steward and will be balloting members",
     "trade_union_membership"),
    ("carla mendes is a unite member and will be on strike next week", "trade_union_membership"),
    ("client daniel frost is on a subutex script from the clinic", "health"),
    ("tenant mia ward is 20 weeks pregnant", "health"),
    ("txt from jess: she's expecting in june and feeling rough", "health"),
    ("ravi is on antidepressants since his breakdown", "health"),
    ('{"resident": "Gail Porter", "conditions": ["epilepsy", "asthma"]}', "health"),
    ("service_user: t. okafor\nallergies: [penicillin, latex]", "health"),
    ("ffion is a Plaid member and canvasses every weekend", "political_opinion"),
    ("tenant karen hollis votes green every time", "political_opinion"),
    ("my neighbour, Gary Platt, is a tory", "political_opinion"),
    ("sue barker is a socialist and says so at every team meeting", "political_opinion"),
    ("he's a proper leaver and always banging on about brexit", "political_opinion"),
    ("Mrs O'Neill is a staunch unionist", "political_opinion"),
    ("they're polyamorous according to the neighbour", "sex_life_sexual_orientation"),
    ("she's a devout hindu", "religious_philosophical_belief"),
    ("Siân Roberts has epilepsy.", "health"),  # a name with a circumflex is still a name
    ("Mae gan Siân Roberts epilepsi.", "health"),  # Welsh "X has Y", read through the gloss
    ("Mae Siân Roberts yn feichiog.", "health"),
    # an ethnicity of a lower-case (accented) name after a role word
    ("resident marek kovač is a romany gypsy, arrived on the site yesterday", "racial_ethnic_origin"),
    # a list of people under a heading that says they joined a union named in lower case
    ("signed up to the gmb this week:\n1. joe platt (depot)\n2. ann kerr (fleet)", "trade_union_membership"),
    # a recognition template or embedding tied to a named person
    ("Voice embedding for Mr Neil Shaw is stored in the call system; write the data retention note.", "biometric"),
    # a lower-case titled name with end-of-life and capacity records
    ("handover: mr owen pryce, dnar on file, son has welfare lpa", "health"),
]

LOOK_ALIKES = [
    "The census shows 12% of residents are Hindu.",
    "Staff who are union members can ask for time off for union duties.",
    "Ramadan starts next week; managers should be flexible about breaks.",
    "The strike on Thursday will close two libraries.",
    "Unite members voted to accept the pay offer.",
    "The Kingdom Hall on Mill Road has asked about parking.",
    "Staff going on strike should tell their manager.",
    "Rhodri Lewis is a keen cyclist and lives in Splott.",
    "sophie clarke is the new manager for the diabetes team",
    "Methadone prescribing guidance for GPs is attached.",
    "A practising Muslim may need a prayer room; is a quiet room available?",
    '{"conditions": [], "religion": ["prefer not to say"]}',
    "It's a Tory area.",
    "Most residents in the ward vote Labour.",
    "Labour councillors canvassed the estate on Saturday.",
    "The report is very right wing in tone.",
    "Canvassing for the Lib Dems starts on Monday at the hall.",
    "there's a socialist bookshop on the corner",
    "Mae gan y cyngor gynllun newydd.",
    "The music at the festival is roma and klezmer.",
    "Our union density rose: 40 new members joined unison in 2025.",
    "Room bookings for the training day:\n- jo bell (parks)",
    "Train a face embedding model on the public dataset.",
    "The DNACPR policy should be explained to families at admission.",
]


@pytest.mark.parametrize(("text", "label"), STATEMENTS)
def test_statement_about_one_person_is_found(text: str, label: str) -> None:
    assert label in {f.label for f in DETECTOR.detect(text)}


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_statement_about_no_one_in_particular_passes(text: str) -> None:
    assert DETECTOR.detect(text) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("tenant mia ward is on the list", True),  # role word, then given name + surname
        ("The caretaker, Ifan Rhys, is off today", True),  # appositive
        ("priya's back at work", True),  # a distinctive given name alone
        ("the new manager is in post", False),  # role words only
        ("daniel is here", False),  # a given name that is also an ordinary word, alone
        ("Housing Services is closed", False),
    ],
)
def test_name_as_clause_subject(sentence: str, expected: bool) -> None:
    assert names_subject(sentence) is expected
