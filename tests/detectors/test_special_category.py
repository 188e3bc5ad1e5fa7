"""Table-driven tests for SpecialCategoryDetector: statements about an individual are found, with the right
category; aggregate statistics, policy/EqIA text and organisational uses of category words are not."""

from __future__ import annotations

import pytest

from detectors.base import SPECIAL_CATEGORY, Finding
from detectors.special_category import CATEGORIES, SpecialCategoryDetector

HEALTH = "health"
RACIAL = "racial_ethnic_origin"
RELIGION = "religious_philosophical_belief"
POLITICAL = "political_opinion"
UNION = "trade_union_membership"
GENETIC = "genetic"
BIOMETRIC = "biometric"
SEXUAL = "sex_life_sexual_orientation"
CRIMINAL = "criminal_offence"

POSITIVES: list[tuple[str, str]] = [
    # health: explicit conditions, medicines, implied by services used or aids
    (HEALTH, "Mr Okafor told me he was diagnosed with bowel cancer in March."),
    (HEALTH, "She uses a wheelchair outside the home and needs a level-access shower."),
    (HEALTH, "I have been signed off work with depression by my GP."),
    (HEALTH, "His daughter says he gets muddled in the evenings and has vascular dementia."),
    (HEALTH, "The tenant is registered blind and has a guide dog."),
    (HEALTH, "My son is autistic and struggles with any change to his routine."),
    (HEALTH, "She injects insulin four times a day."),
    (HEALTH, "He was admitted to hospital after an overdose last month."),
    (HEALTH, "Dear Ms Hart, thank you for letting us know about your epilepsy."),
    (HEALTH, "He attends the dialysis unit on Mondays, Wednesdays and Fridays."),
    (HEALTH, "She has been under the care of the community mental health team since January."),
    (HEALTH, "I'm pregnant and the baby is due in June."),
    (HEALTH, "Can you help me write to my landlord about my asthma and the damp?"),
    (HEALTH, "She's been having panic attacks since the break-in."),
    (HEALTH, "He is paralysed from the waist down after a motorbike accident."),
    (HEALTH, "Service user: Alan Pike\nDiagnosed with Parkinson's disease in 2019.\nLives alone."),
    (HEALTH, "They told me they are on antidepressants and struggling to sleep."),
    (HEALTH, "He attends an autism support group at the library every Thursday."),
    (HEALTH, "Sam's epilepsy has been well controlled since the change of medication."),
    (HEALTH, "Summary for panel: Child A (aged 9), diagnosed ADHD, takes methylphenidate."),
    # racial or ethnic origin
    (RACIAL, "Mrs Adeyemi is Black African and her first language is Yoruba."),
    (RACIAL, "He describes his ethnicity as mixed white and Asian."),
    (RACIAL, "The family are Irish Travellers and move between two sites."),
    (RACIAL, "She is of Bangladeshi descent."),
    (RACIAL, "Amira is Black British and lives with her aunt."),
    (RACIAL, "Neighbours have shouted racist abuse at him twice this week."),
    (RACIAL, "He says the other drivers call him names because he is Roma."),
    (RACIAL, "Name: Tom Reyes\nEthnicity: White and Black Caribbean\nDate of referral: 2 March"),
    # religious or philosophical belief
    (RELIGION, "She wears a hijab and would prefer a female officer to visit."),
    (RELIGION, "Mr Singh asked for vegetarian meals because he is a practising Sikh."),
    (RELIGION, "He goes to Mass every Sunday at St Anne's."),
    (RELIGION, "As a devout Hindu, she does not eat beef."),
    (RELIGION, "The tenant asked us not to call on Saturdays because he observes the Sabbath."),
    (RELIGION, "She converted to Islam last year."),
    (RELIGION, "He is an atheist and did not want a religious funeral."),
    (RELIGION, "Religion: Buddhist"),
    # political opinion
    (POLITICAL, "He is a paid-up member of the Labour Party."),
    (POLITICAL, "She said she will vote Conservative at the next election."),
    (POLITICAL, "He delivers leaflets for the Liberal Democrats most weekends."),
    (POLITICAL, "She attended a pro-Palestine march in London last weekend."),
    (POLITICAL, "He told the officer he is a committed socialist."),
    (POLITICAL, "She campaigns for Scottish independence."),
    # trade union membership
    (UNION, "She is the UNISON branch secretary for the depot."),
    (UNION, "He wants his NEU rep to attend the hearing."),
    (UNION, "Ms Baker is a member of the RCN."),
    (UNION, "He has been a trade union member for twenty years."),
    (UNION, "She brought her union representative to the investigation meeting."),
    (UNION, "He joined the GMB after the restructure."),
    (UNION, "Present: Lee Barnes (employee), Anne Cole (Unison steward), Mark Hill (HR)."),
    (UNION, "Regards, Sue Ward, UNISON Regional Organiser"),
    # genetic
    (GENETIC, "He has been told he carries the gene for Huntington's disease."),
    (GENETIC, "She has had genetic testing because of her family history of bowel cancer."),
    (GENETIC, "He is a carrier of the cystic fibrosis gene."),
    (GENETIC, "Her DNA test results came back last week."),
    # biometric
    (BIOMETRIC, "His fingerprints were taken when he enrolled on the scheme."),
    (BIOMETRIC, "She logs in to the staff portal using facial recognition."),
    (BIOMETRIC, "The tenant's iris scan is used to open the front door."),
    (BIOMETRIC, "He registered his voice with the bank's voice ID service."),
    # sex life and sexual orientation
    (SEXUAL, "Mr Price lives with his husband, Daniel, in a ground-floor flat."),
    (SEXUAL, "She told me she is a lesbian and has had homophobic abuse from a neighbour."),
    (SEXUAL, "He came out as gay to his parents last year."),
    (SEXUAL, "The young person disclosed that she is sexually active."),
    (SEXUAL, "Sexual orientation: bisexual"),
    (SEXUAL, "Household: Mr David Lowe and his civil partner, Mr Ian Parr."),
    # criminal offence data (UK GDPR Art. 10)
    (CRIMINAL, "He has a previous conviction for burglary."),
    (CRIMINAL, "She was released from HMP Styal in January."),
    (CRIMINAL, "He is on licence and meets his probation officer weekly."),
    (CRIMINAL, "He was arrested for assault in 2023."),
]

# UK service and care vocabulary (no test covered it before): a text message, a care note, a handover line.
POSITIVES += [
    (HEALTH, "txt from carer: mum has her tablets in blister packs now, chemist delivers fri"),
    (HEALTH, "Dad goes to the memory clinic at St Luke's every other Tuesday."),
    (HEALTH, "He has been under the home treatment team since Friday after a bad week."),
]

NEGATIVES: list[str] = [
    # the same services named as places or queues, and elected members named by office
    "The renal unit at the General is closed for refurbishment until May.",
    "Our memory clinic waiting list has grown to 14 weeks.",
    "Cllr Hart (Labour) chaired; ward members for Eastfield sent apologies.",
    # organisations, services, places and events named after a category
    "The mental health team meets on Tuesdays in room 4.",
    "Please book the Methodist church hall for the consultation event on 4 May.",
    "Fly the union flag on the town hall for the anniversary.",
    "We are recruiting a dementia support worker for the east locality.",
    "Diabetes awareness week starts on Monday.",
    "Ms Jones from the diabetes charity will present to the board.",
    "He works as a support worker in the learning disability service.",
    "She manages the sexual health clinic contract.",
    "She chairs the LGBT+ staff network.",
    "I'm organising a Cancer Research UK fun run for the office.",
    "My team is drafting the autism strategy.",
    "He asked about parking at the Sikh temple.",
    "My new address is 12 Chapel Rise.",
    "Unison and GMB have been consulted on the proposed restructure.",
    "The leisure centre plans to install facial recognition cameras at the entrance.",
    # aggregate statistics
    "12% of respondents said they were Muslim.",
    "In the staff survey, 40 employees reported a long-term health condition.",
    "Obesity rates in the borough are above the national average.",
    "Most tenants who responded were White British.",
    "Flag which applicants are likely to be gay from their household details.",
    "Mark which borrowers are probably disabled from the books they borrow.",
    # policy, equality and guidance text
    "This policy applies regardless of religion or belief, sexual orientation or disability.",
    "The EqIA found a potential negative impact on disabled residents.",
    "If an employee tells her manager she is pregnant, the manager must arrange a risk assessment.",
    "The council will not discriminate on the grounds of race, religion or political opinion.",
    "You can apply for a Blue Badge if you have a disability that affects your mobility.",
    # topics of a task or document
    "Write a leaflet about dementia for carers.",
    "Can you draft a factsheet on HIV testing for our website?",
    "I watched a documentary about Parkinson's disease last night.",
    "I'm updating the pregnancy and maternity section of our equality impact assessment.",
    "Mr Dale called about his bin. Dementia is a progressive condition that affects memory.",
    "Work out which of these tenants are likely to be Muslim from their names.",
    "Draft a tweet wishing residents Eid Mubarak and reminding them the household recycling centre is open.",
    # public office holders
    "Cllr Ahmed, a Labour member for Northgate ward, moved the amendment.",
    # ordinary text
    "Please summarise the attached invoice and list the payment dates.",
    "He said the new bins are collected on Thursdays.",
    "The report came out last week and he wants a summary.",
    "Christian Flynn is the author of the report.",
    "He has no known medical conditions.",
    "Can you help me understand what a fit note is?",
    "The employee must provide a fit note from their GP after seven days of sickness absence.",
    "If the tenant has a disability, the landlord should consider reasonable adjustments.",
    "Parkinson's UK will run a stall at the summer fair.",
    "The Council's dementia strategy was approved in March.",
    "Residents aged over 75 who have diabetes can book a free foot check.",
    "Residents aged over 75 can book a free diabetes foot check.",
]


@pytest.fixture(scope="module")
def detector() -> SpecialCategoryDetector:
    return SpecialCategoryDetector()


def _labels(findings: list[Finding]) -> set[str]:
    return {f.label for f in findings}


@pytest.mark.parametrize(("category", "text"), POSITIVES)
def test_finds_category_about_an_individual(
    detector: SpecialCategoryDetector, category: str, text: str
) -> None:
    assert category in _labels(detector.detect(text))


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_aggregate_policy_and_organisational_text(
    detector: SpecialCategoryDetector, text: str
) -> None:
    assert detector.detect(text) == []


def test_every_category_is_covered_by_a_positive() -> None:
    assert set(CATEGORIES) == {category for category, _ in POSITIVES}


def test_finding_shape(detector: SpecialCategoryDetector) -> None:
    text = "Visit went well. He has multiple sclerosis and uses a stick indoors."
    [finding] = detector.detect(text)
    assert finding.entity == "SPECIAL_CATEGORY"
    assert finding.detector == detector.name == "special_category"
    assert finding.label == HEALTH
    assert finding.category == f"{SPECIAL_CATEGORY}.{HEALTH}"
    assert not finding.is_span
    assert text[finding.start : finding.end].startswith("He has multiple sclerosis")
    assert 0.5 <= finding.score <= 1.0
    assert detector.entities == frozenset({"SPECIAL_CATEGORY"})


def test_one_finding_per_category_and_sentence(detector: SpecialCategoryDetector) -> None:
    findings = detector.detect("She has asthma and COPD and uses an inhaler. She is Catholic.")
    assert sorted(f.label for f in findings) == [HEALTH, RELIGION]


def test_person_in_earlier_sentence_counts_for_clear_cues_only(detector: SpecialCategoryDetector) -> None:
    assert _labels(detector.detect("I visited Mrs Reed today. Diagnosed with COPD in 2020.")) == {HEALTH}
    assert detector.detect("I visited Mrs Reed today. Prescription collected.") == []


def test_negated_condition_scores_below_threshold(detector: SpecialCategoryDetector) -> None:
    assert detector.detect("She does not have diabetes.") == []


def test_empty_and_whitespace(detector: SpecialCategoryDetector) -> None:
    assert detector.detect("") == []
    assert detector.detect("   \n\n ") == []


def test_one_long_cue_dense_sentence_is_one_health_finding(detector: SpecialCategoryDetector) -> None:
    text = "he has diabetes and " * 1000  # 20 KB, one sentence, 1,000 cues (bench/ measures the time)
    found = detector.detect(text)
    assert _labels(found) == {"health"}
    assert len(found) == 1 and 0 <= found[0].start <= found[0].end <= len(text)


def test_logs_nothing(detector: SpecialCategoryDetector, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG"):
        detector.detect("Mr Okafor told me he has bowel cancer.")
    assert caplog.records == []


def test_scanner_finds_every_cue_the_category_patterns_find() -> None:
    """The trie-shaped scanner is an index only: every cue a per-category pattern finds must be found."""
    from detectors import special_category as sc

    for text in [t for _, t in POSITIVES] + NEGATIVES:
        brute = {
            (kind, category, m.start(), m.end())
            for kind, category, pattern in sc._compiled()[1]
            for m in pattern.finditer(text)
        }
        scanned = {(c.kind, c.category, c.start, c.end) for c in sc._cues(text)}
        assert {(k, c, s) for k, c, s, _ in brute} <= {(k, c, s) for k, c, s, _ in scanned}
