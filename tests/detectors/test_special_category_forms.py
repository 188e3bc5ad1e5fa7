"""Special-category statements recognised by their form, not their wording (issue 9, item 5): a condition
named by its head noun or medical suffix, an eponymous disease, "positive for"; ethnic origin, faith and union
roles said of a plural or post-modified subject (a family, named relatives, a pair); a name after a label; a
condition clause that comes after the statement. Look-alikes about no one in particular must pass."""

from __future__ import annotations

import pytest

from detectors.special_category import SpecialCategoryDetector
from detectors.special_category_person import names_household

DETECTOR = SpecialCategoryDetector()
HEALTH, RACIAL, RELIGION = "health", "racial_ethnic_origin", "religious_philosophical_belief"
UNION, SEXUAL, POLITICAL = "trade_union_membership", "sex_life_sexual_orientation", "political_opinion"

STATEMENTS = [
    # conditions outside the lexicon, by head noun, eponym or suffix
    ("Corinne Babb has a rare metabolic disorder and tires easily, please tell her supervisor.", HEALTH),
    ("our tenant Wes Gunn is living with a progressive nerve disease and needs a level-access shower", HEALTH),
    ("Mr Osei suffers from Raynaud's disease in both hands.", HEALTH),
    ("Ms Petra Lind has tendinitis in her elbow, so no lifting this week.", HEALTH),
    ("delia moss tested positive for scabies at the hostel, add it to her plan", HEALTH),
    ("Summary: Lorcan Daly was treated for a kidney infection last month.", HEALTH),
    ("client rosa fenn has a hormonal condition and misses Monday sessions", HEALTH),
    # a table row whose name cell makes the free-text cell about that person
    ("Visits:\nResident | Note\nGlyn Parry | recovering from a bone infection\nEve Dale | fine", HEALTH),
    # a full name after a record label (the name itself in no lexicon)
    ("Background: Tobenna Ezeh has cystic fibrosis and needs a room near the physio suite.", HEALTH),
    # a condition clause after the statement does not make it hypothetical
    ("Let the cleaner know Ines Varga is diabetic so she can act when they find her unwell.", HEALTH),
    # ethnic origin of a family, a post-modified subject, an appositive surname
    ("the Dunnes in the end caravan are Irish Travellers - log it with the pitch report", RACIAL),
    ("the household above the launderette are british pakistani, note it for the interpreter", RACIAL),
    ("write to the nursery: both children are dual heritage", RACIAL),
    # plural faith, union and orientation statements about named people
    ("the Abramsons are practising Jews, so no Saturday appointments", RELIGION),
    ("the mahoney sisters are usdaw reps at the depot", UNION),
    ("Dana and Priya, the couple at flat 3, are lesbians", SEXUAL),
    ("the Pritchards are Green Party activists and put a poster in the window", POLITICAL),
]

LOOK_ALIKES = [
    # conditions without a person, policy, aggregate monitoring, service descriptions
    "Raynaud's disease affects the fingers and toes; write a short staff factsheet.",
    "Write a leaflet about Graves' disease and Cushing's syndrome for the library.",
    "Our policy: staff living with a long-term disorder may ask for reasonable adjustments.",
    "Summarise: 31 households on the estate reported living with a chronic lung disease.",
    "If you test positive for flu, stay at home and tell your manager.",
    "The respiratory clinic treats patients with a chest infection on weekday mornings.",
    # ethnic, faith and union words naming groups, places or events, not people
    "Invite Irish Traveller and Roma families to the Saturday homework club.",
    "Black British residents make up 4% of the ward, according to the census.",
    "The Unison reps' meeting is on Thursday; book the committee room.",
    # a label and a name with no special category; a condition clause about a repair
    "Context: Martha Bright is the duty manager this weekend.",
    "Ask the contractor to take care when they lift the floor at 9 Kiln Row.",
    # a disorder that is a public-order offence, a deficiency in a document, a computer virus
    "The report says officers dealt with public disorder near the market.",
    "Mr Rowe's laptop has a virus; ask IT to look at it.",
    "Mr Rowe has a condition in his lease that bans subletting.",
    "Asset | Note\nLift 2 | serious condition, replace\nBoiler | ok",
]


@pytest.mark.parametrize(("text", "category"), STATEMENTS)
def test_statement_is_found_by_its_form(text: str, category: str) -> None:
    assert category in {f.label for f in DETECTOR.detect(text)}


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_passes(text: str) -> None:
    assert DETECTOR.detect(text) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the Nowickis next door are Sikh", True),
        ("the farrell brothers are members", True),
        ("Callum and Aisha are in a band", True),
        ("the bells are ringing", False),
        ("salt and pepper are on the table", False),
        ("the greens are socialists", False),
    ],
)
def test_households_and_named_pairs(sentence: str, expected: bool) -> None:
    assert names_household(sentence) is expected
