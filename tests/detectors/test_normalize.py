"""detectors.normalize: canonical text for detection, offsets back to the caller's characters."""

from __future__ import annotations

import base64

import pytest

from detectors.base import Finding
from detectors.normalize import Limits, UnscannableText, normalise


def _orig(text: str, needle_in_norm: str) -> str:
    norm = normalise(text)
    i = norm.text.index(needle_in_norm)
    s, e = norm.to_original(i, i + len(needle_in_norm))
    return text[s:e]


def test_plain_ascii_is_untouched_and_shared() -> None:
    text = "Visit booked for Tuesday at 10.30; invoice INV-2291 paid."
    norm = normalise(text)
    assert not norm.changed
    assert norm.text is text
    assert norm.to_original(3, 9) == (3, 9)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("care note: Mr Ab\u200bdullah was calm", "Abdullah"),           # zero-width space inside a name
        ("txt: ring Pri\u00adya after 5", "Priya"),                       # soft hyphen
        ("Ｆａｔｉｍａ Ｏｋｏｎｋｗｏ attended", "Fatima Okonkwo"),        # fullwidth letters
        ("tenant \u0420\u0430\u0443 Singh", "Pay Singh"),                 # Cyrillic look-alikes
        ("\u202eresident\u202c moved", "resident moved"),                 # bidi controls removed
    ],
)
def test_character_canonicalisation(text: str, canonical: str) -> None:
    norm = normalise(text)
    assert canonical in norm.text
    assert _orig(text, canonical).replace("\u200b", "").replace("\u00ad", "") != ""


def test_zero_width_inside_span_maps_to_the_whole_original_span() -> None:
    text = "Client: Tob\u200bias Wren\u200cfield, seen today"
    assert _orig(text, "Tobias Wrenfield") == "Tob\u200bias Wren\u200cfield"


def test_non_ascii_digits_become_ascii_one_for_one() -> None:
    text = "رقم الهاتف ٠٧٧٠٠٩٠٠٤٥٦ شكرا"
    norm = normalise(text)
    assert "07700900456" in norm.text
    assert _orig(text, "07700900456") == "٠٧٧٠٠٩٠٠٤٥٦"


def test_real_cyrillic_words_are_left_alone() -> None:
    text = "Записка: привет"
    assert normalise(text).text == text


@pytest.mark.parametrize(
    ("text", "compact", "original"),
    [
        ("Spreadsheet row: 401.023.2137, seen by GP", "4010232137", "401.023.2137"),
        ("text msg - his nhs is 4 0 1 0 2 3 2 1 3 7 ok", "4010232137", "4 0 1 0 2 3 2 1 3 7"),
        ("NI: JG/10/37/59/A on file", "JG103759A", "JG/10/37/59/A"),
        ("log: ni=jg_10_37_59_a", "JG103759A", "jg_10_37_59_a"),
        ("call me 07911.123.456 tonight", "07911123456", "07911.123.456"),
    ],
)
def test_separated_identifiers_are_compacted(text: str, compact: str, original: str) -> None:
    assert compact in normalise(text).text
    assert _orig(text, compact) == original


@pytest.mark.parametrize(
    "text",
    [
        "Invoice 2024.11.0457 settled",          # dotted invoice number (fails every check)
        "upgraded to version 10.4.12.2 today",   # version number
        "server 10.100.20.155 restarted",         # an IPv4 address stays an address
        "meeting on 12.03.2026 at 14.30",         # dates and times
        "product code 4411-22-3344 in stock",     # phone-like product code, no valid number
    ],
)
def test_look_alike_numbers_are_not_rewritten(text: str) -> None:
    assert normalise(text).text == text


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("please email priya dot shah at outlook dot com about the repair", "priya.shah@outlook.com"),
        ("contact: m.okafor [at] btinternet [dot] com", "m.okafor@btinternet.com"),
        ("reply to t_wren(at)yahoo(dot)co(dot)uk", "t_wren@yahoo.co.uk"),
        ("Mum's is JANE.DOE AT GMAIL DOT COM", "JANE.DOE@GMAIL.COM"),
        ("ben &#64; example&#46;org", "ben@example.org"),
    ],
)
def test_spelled_out_emails_are_rewritten(text: str, email: str) -> None:
    assert email in normalise(text).text


@pytest.mark.parametrize(
    "text",
    [
        "we will look at the dot com era in the report",
        "arrived at home dot matrix printer broken",
        "meet at noon dot",
        "staff at county hall discussed it",
    ],
)
def test_ordinary_at_and_dot_sentences_are_left(text: str) -> None:
    assert "@" not in normalise(text).text


def test_base64_text_is_appended_and_maps_to_the_whole_segment() -> None:
    payload = base64.b64encode(b"resident: Hollis Grant, nhs 401 023 2137").decode()
    text = f"tool output {payload} done"
    norm = normalise(text)
    assert "Hollis Grant" in norm.text
    assert _orig(text, "Hollis Grant") == payload
    assert norm.text.startswith(text)


def test_percent_encoded_segment_is_decoded() -> None:
    text = "link https://forms.example.gov.uk/?email=hollis.grant%40gmail.com&ref=9"
    norm = normalise(text)
    assert "hollis.grant@gmail.com" in norm.text
    assert _orig(text, "hollis.grant@gmail.com").startswith("https://forms")


def test_base64_image_is_not_decoded() -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4).decode()
    text = f"![chart](data:image/png;base64,{png})"
    assert normalise(text).text == text


def test_nested_encoding_beyond_the_limit_is_refused() -> None:
    inner = b"secret note for Hollis Grant"
    for _ in range(3):
        inner = base64.b64encode(inner)
    with pytest.raises(UnscannableText):
        normalise(f"blob {inner.decode()}")
    two_levels = base64.b64encode(base64.b64encode(b"secret note for Hollis Grant")).decode()
    assert "Hollis Grant" in normalise(f"blob {two_levels}").text


def test_decoded_volume_limit_is_refused() -> None:
    many = " ".join(base64.b64encode(f"resident number {i} lives here".encode()).decode() for i in range(5))
    with pytest.raises(UnscannableText):
        normalise(many, Limits(max_segments=3))


def test_finding_is_moved_to_original_offsets() -> None:
    text = "NHS 401.023.2137"
    norm = normalise(text)
    i = norm.text.index("4010232137")
    moved = norm.finding(Finding("UK_NHS", i, i + 10, 0.9, "personal_data"))
    assert text[moved.start:moved.end] == "401.023.2137"
