"""Light language identification: English and Welsh are read; other languages are named or 'other'."""

from __future__ import annotations

import pytest

from detectors.langid import language, request_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Can you draft a short letter to the tenant about the repairs to his kitchen?", "en"),
    ("Ysgrifennwch lythyr at y tenant am y gwaith atgyweirio yn ei gegin, os gwelwch yn dda.", "cy"),
    ("Mae gan y tenant broblem gyda'r gegin.", "cy"),
    ("Pouvez-vous écrire une lettre au locataire pour les réparations de sa cuisine ?", "fr"),
    ("Proszę napisać list do lokatora w sprawie naprawy jego kuchni, jest to bardzo pilne.", "pl"),
    ("Bitte schreiben Sie einen Brief an den Mieter wegen der Reparatur in der Küche.", "de"),
    ("Пожалуйста, напишите письмо арендатору о ремонте кухни.", "other"),
    ("يرجى كتابة رسالة إلى المستأجر بشأن إصلاح المطبخ", "other"),
    ("Thanks!", "und"),
])
def test_language(text: str, lang: str) -> None:
    assert language(text) == lang


def test_english_quoting_a_welsh_phrase_stays_english() -> None:
    text = "The sign on the door says 'Croeso i'r swyddfa' and I need the English version for the report."
    assert language(text) == "en"


def test_one_unreadable_message_decides_the_request() -> None:
    texts = ["You are a helpful assistant for council officers. Answer briefly and politely.",
             "Proszę napisać list do lokatora w sprawie naprawy jego kuchni."]
    assert request_language(texts) == "pl"
    assert request_language(["Hi", "ok"]) == "und"


def test_words_are_read_like_one_word_at_a_time() -> None:
    from detectors.langid import _WORD, _lowered_words

    for text in ["The Kiosk's CLOSED; ΟΔΟΣ.Α ΣΑΣ", "İlk gün dan", "word " * 700 + "tail’s end", "Ⅻ x_y 3d"]:
        assert list(_lowered_words(text)) == [m.group().lower() for m in _WORD.finditer(text)]
