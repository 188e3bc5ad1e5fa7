"""SecurityMarkingDetector: markings in label position count; ordinary words never do."""

from __future__ import annotations

import pytest

from detectors.markings import SecurityMarkingDetector, marking_rank, normalise_marking


@pytest.fixture(scope="module")
def detector() -> SecurityMarkingDetector:
    return SecurityMarkingDetector()


# (text, marked text exactly as the span should cover it, normalised label)
POSITIVES: list[tuple[str, str, str]] = [
    ("OFFICIAL-SENSITIVE\n\nDear Ms Patel,\nThank you for your letter.", "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"),
    ("OFFICIAL SENSITIVE\nBriefing note for the cabinet member", "OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE"),
    ("OFFICIAL \u2013 SENSITIVE\nMinutes of the panel", "OFFICIAL \u2013 SENSITIVE", "OFFICIAL-SENSITIVE"),
    ("Summary of the case.\n\nOFFICIAL", "OFFICIAL", "OFFICIAL"),
    ("Classification: SECRET\nSubject: site access", "SECRET", "SECRET"),
    ("Classification: Official Sensitive", "Official Sensitive", "OFFICIAL-SENSITIVE"),
    ("Security classification - official", "official", "OFFICIAL"),
    ("Protective marking: top secret", "top secret", "TOP SECRET"),
    ("This report is classified as secret and held by the monitoring officer.", "secret", "SECRET"),
    ("TOP SECRET\n", "TOP SECRET", "TOP SECRET"),
    ("OFFICIAL-SENSITIVE: PERSONAL\nChild protection conference", "OFFICIAL-SENSITIVE: PERSONAL", "OFFICIAL-SENSITIVE"),
    ("OFFICIAL-SENSITIVE [COMMERCIAL]\nTender evaluation", "OFFICIAL-SENSITIVE [COMMERCIAL]", "OFFICIAL-SENSITIVE"),
    ("[OFFICIAL]\nAgenda item 4", "[OFFICIAL]"[1:-1], "OFFICIAL"),
    ("*** SECRET ***\nHandle with care", "SECRET", "SECRET"),
    ("Page 3 of 9 | OFFICIAL", "OFFICIAL", "OFFICIAL"),
    ("SECRET: UK EYES ONLY", "SECRET: UK EYES ONLY", "SECRET"),
    (
        "Please treat the attached as OFFICIAL-SENSITIVE and do not forward it.",
        "OFFICIAL-SENSITIVE",
        "OFFICIAL-SENSITIVE",
    ),
    ("The attached appendix is Official-Sensitive.", "Official-Sensitive", "OFFICIAL-SENSITIVE"),
    ("Handle as official-sensitive please", "official-sensitive", "OFFICIAL-SENSITIVE"),
    ("Documents up to SECRET may be stored on the system.", "SECRET", "SECRET"),
    ("This note is marked SECRET.", "SECRET", "SECRET"),
]


@pytest.mark.parametrize("case", POSITIVES, ids=[c[2] + "-" + str(i) for i, c in enumerate(POSITIVES)])
def test_marking_is_found(detector: SecurityMarkingDetector, case: tuple[str, str, str]) -> None:
    text, marked, label = case
    start = text.index(marked)
    findings = detector.detect(text)
    assert [(f.start, f.end, f.label) for f in findings] == [(start, start + len(marked), label)]
    assert findings[0].entity == "SECURITY_MARKING" and findings[0].detector == "security_marking"


NEGATIVES: list[str] = [
    "The vote will be held by secret ballot on Tuesday.",
    "The secret to good writing is knowing your reader.",
    "Follow the official guidance from DLUHC.",
    "Council officials met the residents' association.",
    "Grandma's top secret recipe for scones.",
    "THE SECRET TO GOOD WRITING",
    "OFFICIAL GUIDANCE ON HOUSING ALLOCATIONS",
    "TOP SECRET RECIPES FROM THE COUNCIL CANTEEN",
    "SECRET SANTA SIGN-UP SHEET",
    "My TOP SECRET plan for the summer fete is ready.",
    "The official opening is on 3 May; it is no secret that funding is tight.",
    "Officially, the decision stands; unofficial notes are not published.",
    "The teacher is marking secret ballot papers.",
    "The classification of waste streams is set out in Annex B.",
    'app.config["SECRET_KEY"] = load()\nTOP_SECRET_FLAG = False',
    "Sensitive information about officials must not be shared.",
    "NON-SECRET MATERIAL",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_words_do_not_trigger(detector: SecurityMarkingDetector, text: str) -> None:
    findings = detector.detect(text)
    assert findings == [], [(f.label, text[f.start : f.end]) for f in findings]


def test_header_and_footer_both_reported(detector: SecurityMarkingDetector) -> None:
    text = "OFFICIAL-SENSITIVE\nBody text of the memo.\nOFFICIAL-SENSITIVE"
    assert [f.label for f in detector.detect(text)] == ["OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"]


def test_labelled_marking_reported_once(detector: SecurityMarkingDetector) -> None:
    assert len(detector.detect("Classification: OFFICIAL-SENSITIVE")) == 1


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("official \u2014 sensitive", "OFFICIAL-SENSITIVE"),
        ("Official Sensitive", "OFFICIAL-SENSITIVE"),
        ("top  secret", "TOP SECRET"),
        ("Secret", "SECRET"),
        ("OFFICIAL", "OFFICIAL"),
    ],
)
def test_normalise_marking(raw: str, label: str) -> None:
    assert normalise_marking(raw) == label


def test_marking_rank_orders_classifications() -> None:
    ordered = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]
    assert [marking_rank(label) for label in ordered] == [1, 2, 3, 4]
    assert marking_rank("official sensitive") == 2
    assert marking_rank("RESTRICTED") == 0
    assert marking_rank("") == 0


@pytest.mark.parametrize(
    ("text", "count"),
    [("OFFICIAL " * 10_000, 0), ("SECRET\n" * 10_000, 10_000), ("This is SECRET. " * 5_000, 0),
     ("Classification: " * 5_000, 0)],
    ids=["caps-line", "many-lines", "many-sentences", "labels-only"],
)
def test_large_inputs_are_read_correctly(detector: SecurityMarkingDetector, text: str, count: int) -> None:
    """Huge repetitive inputs are classified, not just survived (bench/ measures the speed): a 90 KB line of
    one word repeated is no marking line, a word inside running prose is no marking, a label with no value
    marks nothing; 10,000 marking lines are 10,000 markings, each covering just the word."""
    found = detector.detect(text)
    assert len(found) == count
    assert all(text[f.start:f.end] == "SECRET" and f.label == "SECRET" for f in found)
