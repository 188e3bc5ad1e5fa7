"""Personal data in any shape, any field, any spelling (issue 8), through the whole engine and the
request-level settling: each class with new texts, and look-alikes that must survive (ordinary words
that are also names, place names, job titles, column headers, team mailboxes, office holders)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from config.public_figures import PublicFigures
from detectors.engine import EngineOptions, ScanEngine
from detectors.pii import PersonalDataDetector
from detectors.pii_names_request import settle_names
from detectors.registry import default_detectors

Scan = Callable[..., list[set[tuple[str, str]]]]


@pytest.fixture(scope="module")
def scan(pii: PersonalDataDetector) -> Scan:
    detectors = [pii if d.name == "personal_data" else d for d in default_detectors(EngineOptions())]
    engine = ScanEngine(EngineOptions(cache_size=0), detectors)

    def run(*texts: str, paths: Sequence[tuple[str | int, ...]] | None = None) -> list[set[tuple[str, str]]]:
        per = settle_names(texts, engine.scan_sync(list(texts)), PublicFigures(), paths)
        return [{(f.entity, t[f.start:f.end]) for f in found if f.is_span} for t, found in zip(texts, per, strict=True)]

    return run


def _persons(found: set[tuple[str, str]]) -> set[str]:
    return {v for e, v in found if e == "PERSON"}


# ---- names whatever their case and shape ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can you chase rhiannon penberthy-oakes about the skip licence", "rhiannon penberthy-oakes"),
        ("REFERRAL RECEIVED FOR CORNELIUS ASHTON-MBEKI FROM THE GP", "CORNELIUS ASHTON-MBEKI"),
        ("please ring renée lefébure about the deposit", "renée lefébure"),
        ("NOTE: SPOKE TO HÉLOÏSE GAUTHIER ABOUT ARREARS", "HÉLOÏSE GAUTHIER"),
        ("email sent to sigrún kjærgaard about the permit", "sigrún kjærgaard"),
        ("ring aoife ní mhurchú tomorrow about the grant", "aoife ní mhurchú"),
        ("we visited gwendolyn at home; she was tired", "gwendolyn"),
    ],
)
def test_caseless_and_compound_names_are_found(scan: Scan, text: str, name: str) -> None:
    assert name in _persons(scan(text)[0])


@pytest.mark.parametrize(
    "text",
    [
        "the follow-up on long-term well-being is due in the north-east",
        "we drove from stratford-upon-avon to ashby-de-la-zouch",
        "a self-employed co-ordinator asked for an x-ray",
        "we saw grace and hope at will's party; mark the date",
        "the rose garden on hope street near chapel-en-le-frith",
    ],
)
def test_hyphenated_and_name_like_ordinary_words_survive(scan: Scan, text: str) -> None:
    assert _persons(scan(text)[0]) == set()


def test_a_reporting_verb_is_not_part_of_a_caseless_name(scan: Scan) -> None:
    assert "Quimby" in {v.title() for v in _persons(scan("then mrs quimby rang to cancel")[0])}
    assert not any("rang" in v for v in _persons(scan("then mrs quimby rang to cancel")[0]))


def test_known_given_name_and_surname_in_cased_text(scan: Scan) -> None:
    assert "Fenwick Arbuthnot-Hale" in _persons(scan("Draft to Fenwick Arbuthnot-Hale regarding the hedge:")[0])
    assert "Siobhan McAllister" in _persons(scan("Memo re Siobhan McAllister and the parking bay.")[0])


@pytest.mark.parametrize(
    "text",
    ["King Harold II lost at Hastings.", "Saint Columba's chapel is closed.", "The Milton Keynes Council depot"],
)
def test_royal_styles_and_place_organisations_are_not_person_pairs(scan: Scan, text: str) -> None:
    assert _persons(scan(text)[0]) == set()


def test_a_full_name_after_a_role_and_copula(scan: Scan) -> None:
    assert "Evander Moncrieff" in _persons(scan("The applicant is Evander Moncrieff of flat 2.")[0])
    assert _persons(scan("Her partner is Polish and works nights.")[0]) == set()


def test_coreference_across_fields_and_titles(scan: Scan) -> None:
    first, second = scan("Case opened for Marisol Quenby.", "ms quenby called back; MARISOL sounded upset")
    assert "Marisol Quenby" in _persons(first)
    assert {"quenby", "MARISOL"} <= _persons(second)


# ---- obfuscated and split identifiers ------------------------------------------------------------

def test_digits_spaced_one_by_one(scan: Scan) -> None:
    found = scan("numbers: 9 4 5 8 0 7 3 0 2 2 and 0 7 7 0 0 9 0 0 4 5 6 on the form")[0]
    assert ("UK_NHS", "9 4 5 8 0 7 3 0 2 2") in found
    assert ("PHONE_NUMBER", "0 7 7 0 0 9 0 0 4 5 6") in found


def test_a_word_before_a_spaced_number_is_not_a_nino_prefix(scan: Scan) -> None:
    assert ("UK_NHS", "9 4 5 8 0 7 3 0 2 2") in scan("it is on 9 4 5 8 0 7 3 0 2 2 somewhere")[0]


def test_nhs_number_given_in_two_pieces_across_messages(scan: Scan) -> None:
    first, second = scan("her NHS no. opens with 94580", "then it closes 73022 - is she registered?")
    assert ("UK_NHS", "94580") in first
    assert any(e == "UK_NHS" and "73022" in v for e, v in second)


def test_numbers_after_nhs_that_do_not_validate_survive(scan: Scan) -> None:
    assert scan("NHS 111 took 4500 calls and 999 took 120")[0] == set()


def test_name_split_across_two_content_parts(scan: Scan) -> None:
    first, second = scan("Please reply to Leontyne", "Haverstock-Pryce about the refund")
    assert "Leontyne" in _persons(first)
    assert "Haverstock-Pryce" in _persons(second)


def test_heading_glued_before_a_name_is_not_taken(scan: Scan) -> None:
    first, _second = scan("Section 3 DECISION", "Ottilie Marchbanks appealed on time")
    assert first == set()


# ---- structure: keys, forms, tables, logs --------------------------------------------------------

def test_form_body_and_query_string(scan: Scan) -> None:
    found = scan("POST body: given_name=Perpetua&family_name=Hollins-Vane&dob=1979-08-30&lang=en")[0]
    assert {("PERSON", "Perpetua"), ("PERSON", "Hollins-Vane"), ("DATE_OF_BIRTH", "1979-08-30")} <= found
    persons = " ".join(_persons(scan("forename=Mary+Ann&x=1")[0]))
    assert "Mary" in persons and "Ann" in persons


def test_short_name_keys(scan: Scan) -> None:
    found = scan('{"fn": "Cressida", "sn": "Oyelowo", "lnm": "Oyelowo"}')[0]
    assert {"Cressida", "Oyelowo"} <= _persons(found)
    assert _persons(scan('{"fn": "sum", "sn": "SN-44120", "args": [1, 2]}')[0]) == set()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("caseref;forename;surname;birth date\n88;Lavinia;Oduya;1961-04-30\n", {"Lavinia", "Oduya", "1961-04-30"}),
        ("| Officer | Band | Team |\n|---|---|---|\n| Rosalind Achterberg | 6 | Housing |\n", {"Rosalind Achterberg"}),
        ("- client: Ptolemy Varga\n  date_of_birth: 02/02/1950\n", {"Ptolemy Varga", "02/02/1950"}),
        ("2026-10-02 09:14 INFO user=philippa.gorringe dob=1984-03-03 ok\n", {"philippa.gorringe", "1984-03-03"}),
        ("ref,client,age_dob\n9,Lorcan Breslin,12/12/58 (67)\n", {"Lorcan Breslin", "12/12/58"}),
        ('[audit] lookup individual="Hedda Marlowe" born=1949-07-07 ok\n', {"Hedda Marlowe", "1949-07-07"}),
    ],
)
def test_table_and_record_values_under_their_headers(scan: Scan, text: str, values: set[str]) -> None:
    assert values <= {v for _e, v in scan(text)[0]}


@pytest.mark.parametrize(
    "text",
    [
        "Band | Grade | Team | Start\n---|---|---|---\n6 | Senior | Housing | April\n",
        "name,owner,status\nGritting routes,Highways Team,open\n",
        "user=svc_reports job=nightly status=ok\n",
    ],
)
def test_column_headers_teams_and_system_accounts_survive(scan: Scan, text: str) -> None:
    assert _persons(scan(text)[0]) == set()


# ---- fields of the request -----------------------------------------------------------------------

def test_keys_and_whole_values_of_request_fields(scan: Scan) -> None:
    texts = ("summarise", "Isadora Blenkinsop", "ottoline", "Bexhill-on-Sea", "Planning Policy Team", "Dunstan_Farrow",
             "triage_bot")
    paths = [("messages", 0, "content"), ("metadata", "ref"), ("metadata", "client_forename"),
             ("metadata", "office"), ("metadata", "team"), ("messages", 0, "name"), ("messages", 1, "name")]
    found = scan(*texts, paths=paths)
    assert ("PERSON", "Isadora Blenkinsop") in found[1]
    assert ("PERSON", "ottoline") in found[2]
    assert found[3] == set() and found[4] == set()
    assert ("PERSON", "Dunstan_Farrow") in found[5]
    assert found[6] == set()


# ---- public figures in their public role; residents in the same text -----------------------------

@pytest.mark.parametrize(
    ("text", "kept", "removed"),
    [
        ("Council leader Barnaby Trevithick met resident Orla Penhallow.", "Barnaby Trevithick", "Orla Penhallow"),
        ("Green MP Yusuf Abernathy backed the scheme; tenant Ines Calloway objected.", "Yusuf Abernathy",
         "Ines Calloway"),
        ("The mayor, Georgiana Pellow, replied to Mr Tobias Wrenfield.", "Georgiana Pellow", "Tobias Wrenfield"),
        ("Hamish Oduya, who chairs the licensing committee, heard from Mrs Delia Stannard.", "Hamish Oduya",
         "Delia Stannard"),
        ("Housing committee chair Priyanka Lowe thanked Ms Fenella Dorsett.", "Priyanka Lowe", "Fenella Dorsett"),
    ],
)
def test_office_holders_kept_residents_removed(scan: Scan, text: str, kept: str, removed: str) -> None:
    persons = _persons(scan(text)[0])
    assert not any(kept in v or v in kept for v in persons)
    assert any(removed in v or v in removed for v in persons)


@pytest.mark.parametrize(
    "text",
    [
        "Senior Coroner Wystan Abercrombie opened the inquest.",
        "The Monitoring Officer, Clemency Rudd, advised the panel.",
        "High Sheriff Pascoe Trevenna presented the awards.",
        "The Member for Northfleet, Ambrose Kilby, asked a question.",
    ],
)
def test_statutory_judicial_and_parliamentary_offices_are_public(scan: Scan, text: str) -> None:
    assert _persons(scan(text)[0]) == set()


def test_a_team_leader_is_no_public_office(scan: Scan) -> None:
    assert "Casimir Oldroyd" in _persons(scan("Casimir Oldroyd, the team leader, rang the tenant.")[0])


# ---- functional mailboxes vs personal addresses on the same domain -------------------------------

def test_team_mailboxes_kept_personal_addresses_removed(scan: Scan) -> None:
    text = ("Send it to duty.social.worker@eastmere.gov.uk or blue.badge@eastmere.gov.uk, copy "
            "t.ambrose@eastmere.gov.uk and ambroset@eastmere.gov.uk.")
    emails = {v for e, v in scan(text)[0] if e == "EMAIL_ADDRESS"}
    assert emails == {"t.ambrose@eastmere.gov.uk", "ambroset@eastmere.gov.uk"}
