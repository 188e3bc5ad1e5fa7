"""Names across the fields of one request: a part alone in one field after the full name in another
(email thread, tool arguments), and the council's public-figures register (committee report) with a
resident who shares a register surname."""

from __future__ import annotations

from config.public_figures import PublicFigure, PublicFigures
from detectors.base import Finding
from detectors.pii import PersonalDataDetector
from detectors.pii_names_request import settle_names

NONE = PublicFigures()
REGISTER = PublicFigures(people=[
    PublicFigure(name="Ysolde Whitfield", role="Leader of the Council"),
    PublicFigure(name="Teodor Brannagh", role="Chief Executive", aliases=["Ted Brannagh"]),
])


def scan(pii: PersonalDataDetector, texts: list[str], register: PublicFigures = NONE) -> list[set[str]]:
    per_text = [list(pii.detect(t)) for t in texts]
    settled = settle_names(texts, per_text, register)
    return [{t[f.start:f.end] for f in found if f.entity == "PERSON"} for t, found in zip(texts, settled, strict=True)]


def test_email_thread_part_alone_in_a_later_message_is_the_same_person(pii: PersonalDataDetector) -> None:
    texts = ["Summarise this thread about a housing transfer.",
             "From: Odhran Pellegrini\nI would like to move nearer my mother.",
             "Reply drafted: we have spoken to Pellegrini and to ODHRAN's GP; odhran agreed."]
    found = scan(pii, texts)
    assert {"Pellegrini", "ODHRAN", "odhran"} <= found[2]


def test_tool_arguments_first_and_last_name_link_back_to_free_text(pii: PersonalDataDetector) -> None:
    texts = ['{"first_name": "Kasia", "last_name": "Wojcikowska", "ward": "North"}',
             "Draft a letter to Ms Wojcikowska confirming the repair."]
    assert "Wojcikowska" in scan(pii, texts)[1]


def test_register_keeps_figures_but_not_a_resident_sharing_the_surname(pii: PersonalDataDetector) -> None:
    report = ("Cabinet report. Ysolde Whitfield introduced the item and Ted Brannagh answered questions. "
              "Whitfield thanked officers. A complaint from Mrs Whitfield of Mill Lane was noted, "
              "and Ciaran Doyle asked about the timetable.")
    (found,) = scan(pii, [report], REGISTER)
    assert not {"Ysolde Whitfield", "Ted Brannagh"} & found
    assert "Whitfield" in found                      # Mrs Whitfield, the resident
    assert "Ciaran Doyle" in found
    start = report.index("Whitfield thanked")
    per_text = settle_names([report], [list(pii.detect(report))], REGISTER)
    assert not any(f.start == start for f in per_text[0])


def test_register_part_alone_without_the_full_name_is_not_kept(pii: PersonalDataDetector) -> None:
    (found,) = scan(pii, ["Tenant: Jolene Brannagh\nBrannagh called twice."], REGISTER)
    assert {"Jolene Brannagh", "Brannagh"} <= found


def test_mentions_never_overlap_other_findings_and_leave_public_roles() -> None:
    texts = ["Applicant: Sunniva Torvik", "Cllr Torvik chaired; email sunniva.torvik@example.org"]
    per_text = [[Finding("PERSON", 11, 25, 0.85, "personal_data")],
                [Finding("EMAIL_ADDRESS", 29, len(texts[1]), 1.0, "personal_data")]]
    settled = settle_names(texts, per_text, NONE)
    assert [f.entity for f in settled[1]] == ["EMAIL_ADDRESS"]
