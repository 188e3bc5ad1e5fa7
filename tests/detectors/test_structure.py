"""detectors.structure: the header or key is the context for every value under it."""

from __future__ import annotations

import pytest

from detectors.structure import StructuredDataDetector
from detectors.structure_keys import Field, classify_key, fit


def _found(text: str) -> set[tuple[str, str, str]]:
    return {(f.entity, f.label, text[f.start:f.end]) for f in StructuredDataDetector().detect(text)}


@pytest.mark.parametrize(
    ("key", "entity", "label"),
    [
        ("first_name", "PERSON", "given_name"),
        ("Forename(s)", "PERSON", "given_name"),
        ("givenName", "PERSON", "given_name"),
        ("LAST-NAME", "PERSON", "family_name"),
        ("clientSurname", "PERSON", "family_name"),
        ("Middle name", "PERSON", "middle_name"),
        ("Patient Name", "PERSON", "full_name"),
        ("next_of_kin_name", "PERSON", "full_name"),
        ("D.O.B", "DATE_OF_BIRTH", ""),
        ("Date of Birth (dd/mm/yyyy)", "DATE_OF_BIRTH", ""),
        ("birthDate", "DATE_OF_BIRTH", ""),
        ("home_address", "STREET_ADDRESS", ""),
        ("Addr Line 1", "STREET_ADDRESS", ""),
        ("Post Code", "UK_POSTCODE", ""),
        ("NI number", "UK_NINO", ""),
        ("national_insurance_no", "UK_NINO", ""),
        ("NHS No.", "UK_NHS", ""),
        ("mobile", "PHONE_NUMBER", ""),
        ("Tel", "PHONE_NUMBER", ""),
    ],
)
def test_keys_are_classified(key: str, entity: str, label: str) -> None:
    field = classify_key(key)
    assert field is not None and (field.entity, field.label) == (entity, label)


@pytest.mark.parametrize(
    "key",
    ["company_name", "file name", "productName", "team", "created", "visit_date", "email address", "ip_address",
     "Proof of address", "place of birth", "reference", "status"],
)
def test_other_keys_are_not_personal_fields(key: str) -> None:
    field = classify_key(key)
    assert field is None or field.entity not in ("PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS")


def test_spreadsheet_paste_csv_with_created_column() -> None:
    text = (
        "Please tidy this export:\n"
        "forename,surname,dob,postcode,created\n"
        "maisie,thornbury,2011-06-14,bd7 1aq,2025-09-01\n"
        '"Kwame","Asante-Boateng",14/02/1987,LS9 8EE,2025-09-02\n'
    )
    found = _found(text)
    assert ("PERSON", "given_name", "maisie") in found
    assert ("PERSON", "family_name", "thornbury") in found
    assert ("PERSON", "family_name", "Asante-Boateng") in found
    assert ("DATE_OF_BIRTH", "", "2011-06-14") in found
    assert ("DATE_OF_BIRTH", "", "14/02/1987") in found
    assert ("UK_POSTCODE", "", "bd7 1aq") in found
    assert not any(v.startswith("2025-09") for _e, _l, v in found)


def test_tab_separated_paste() -> None:
    text = "Surname\tFirst name\tDate of birth\tWard\nPemberton\tolive\t3 March 1948\tHolme\n"
    found = _found(text)
    assert {("PERSON", "family_name", "Pemberton"), ("PERSON", "given_name", "olive"),
            ("DATE_OF_BIRTH", "", "3 March 1948")} <= found
    assert not any(v == "Holme" for _e, _l, v in found)


def test_psql_result_set() -> None:
    text = (
        " id | name           | birth_date | opened_on\n"
        "----+----------------+------------+------------\n"
        "  7 | dorothy vance  | 1939-11-30 | 2024-02-11\n"
        "  8 | Emeka Obi      | 1975-05-05 | 2024-02-12\n"
        "(2 rows)\n"
    )
    found = _found(text)
    assert ("PERSON", "full_name", "dorothy vance") in found
    assert ("DATE_OF_BIRTH", "", "1939-11-30") in found
    assert not any(v.startswith("2024") for _e, _l, v in found)


def test_mysql_box_and_vertical_output() -> None:
    box = (
        "+-----+-----------+-----------+\n| uid | last_name | tel       |\n+-----+-----------+-----------+\n"
        "| 301 | fairweather | 0161 496 0123 |\n+-----+-----------+-----------+\n"
    )
    assert ("PERSON", "family_name", "fairweather") in _found(box)
    vertical = ("*************************** 1. row ***************************\n"
                "   given_name: ruth\n  family_name: achebe\n")
    assert {("PERSON", "given_name", "ruth"), ("PERSON", "family_name", "achebe")} <= _found(vertical)


def test_json_tool_output_and_python_repr() -> None:
    text = '{"results": [{"givenName": "Idris", "familyName": "pryce", "dateOfBirth": "1990-08-21", "id": 4}]}'
    found = _found(text)
    assert {("PERSON", "given_name", "Idris"), ("PERSON", "family_name", "pryce"),
            ("DATE_OF_BIRTH", "", "1990-08-21")} <= found
    assert ("PERSON", "family_name", "Quayle") in _found("row = {'surname': 'Quayle', 'ward': 'East'}")


def test_yaml_record() -> None:
    text = ("claimants:\n  - forename: bethan\n    surname: Rhys\n    date_of_birth: 02.09.1962\n"
            "    address: 5 Quarry Row, Merthyr\n")
    found = _found(text)
    assert ("PERSON", "given_name", "bethan") in found
    assert ("DATE_OF_BIRTH", "", "02.09.1962") in found
    assert ("STREET_ADDRESS", "", "5 Quarry Row") in found


def test_log_line_key_values() -> None:
    text = "2026-01-14T09:12:44Z WARN svc=benefits given_name=tariq last_name=haddad dob=1983-12-01 status=409"
    found = _found(text)
    assert {("PERSON", "given_name", "tariq"), ("PERSON", "family_name", "haddad"),
            ("DATE_OF_BIRTH", "", "1983-12-01")} <= found


def test_care_note_form_fields_on_one_line() -> None:
    text = "Service user: see below\nSurname: okonjo   DOB: 9/1/44   Tel: 01632 960 111\n"
    found = _found(text)
    assert {("PERSON", "family_name", "okonjo"), ("DATE_OF_BIRTH", "", "9/1/44")} <= found


def test_aligned_columns_with_dashes() -> None:
    text = ("CLIENT_NAME      DOB        CREATED\n---------------- ---------- ----------\n"
            "Percy Lomax      04-MAR-52  11-JAN-24\n")
    found = _found(text)
    assert ("PERSON", "full_name", "Percy Lomax") in found
    assert ("DATE_OF_BIRTH", "", "04-MAR-52") in found
    assert not any("JAN" in v for _e, _l, v in found)


def test_xml_elements() -> None:
    assert ("PERSON", "family_name", "Gruffydd") in _found("<client><surname>Gruffydd</surname></client>")


@pytest.mark.parametrize(
    "text",
    [
        '{"tools": [{"type": "function", "function": {"name": "lookup_bins", "description": "find bins"}}]}',
        '{"name": "Housing Options Team", "created": "2025-01-01"}',
        "name: steward-gateway\nversion: 1.4.2\n",
        "product,created,version\nWidget Pro,2025-01-01,3.2.1\n",
        "Proof of address: utility bill dated 4 May 2026\n",
        "invoice_no,amount,issued\n2025.11.0457,120.00,2025-11-03\n",
    ],
)
def test_look_alikes_survive(text: str) -> None:
    assert _found(text) == set()


def test_role_columns_in_a_care_home_list() -> None:
    text = "Resident\tRoom\tD.O.B.\tNext of kin\nwinifred oakes\t12\t1930-08-08\tDennis Oakes\n"
    found = _found(text)
    assert {("PERSON", "full_name", "winifred oakes"), ("PERSON", "full_name", "Dennis Oakes")} <= found
    assert not any(v == "12" for _e, _l, v in found)


def test_bare_name_key_needs_a_personal_record_or_a_name_the_lexicon_reads() -> None:
    assert _found('{"name": "Quarterly Review", "team": "x"}') == set()
    assert _found('{"name": "Lantern", "team": "x"}') == set()
    assert ("PERSON", "full_name", "Rhiannon Price") in _found('{"name": "Rhiannon Price", "dob": "1999-01-01"}')
    # no other personal field, but a known given name and a surname: a person's name all the same
    assert ("PERSON", "full_name", "Tobias Wetherall") in _found('{"name": "Tobias Wetherall", "team": "x"}')


def test_fit_rejects_placeholders_and_wrong_shapes() -> None:
    person = Field("PERSON", "family_name")
    assert fit(person, "NULL") is None
    assert fit(person, "<PERSON>") is None
    assert fit(person, "12345") is None
    assert fit(Field("DATE_OF_BIRTH"), "unknown") is None
    assert fit(Field("DATE_OF_BIRTH"), " 1980-02-03 ") == (1, 11)


def test_record_pairs_take_another_detectors_key_test() -> None:
    from detectors.structure import record_pairs

    text = "ref,presenting_need,opened\n88,Type 2 diabetes,2025-02-01\n"
    pairs = {(p.key, text[p.start:p.end]) for p in record_pairs(text, lambda k: k == "presenting_need")}
    assert ("presenting_need", "Type 2 diabetes") in pairs
    assert not any(k == "presenting_need" for k, _v in {(p.key, "") for p in record_pairs(text)})


def test_account_and_staff_keys_count_only_when_the_value_reads_as_a_name() -> None:
    # a username is personal data when it is made of a person's name; a system account is not
    assert ("PERSON", "full_name", "philippa.gorringe") in _found("ts=2026-10-01 user=philippa.gorringe action=login\n")
    assert _found("ts=2026-10-01 user=svc_backup action=login\n") == set()
    assert _found("owner: Housing Options Team\nstatus: open\n") == set()
    assert ("PERSON", "full_name", "Ebenezer Quayle") in _found("assignee: Ebenezer Quayle\npriority: high\n")
