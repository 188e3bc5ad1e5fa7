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


def test_remembered_answers_keep_no_text_and_match_a_fresh_reading() -> None:
    from detectors import langid

    text = "Ysgrifennwch nodyn byr at y tenant am y gwaith trwsio yn yr ystafell ymolchi, os gwelwch yn dda."
    first, again = language(text), language(text)
    assert first == again == langid._language(text) == "cy"
    assert all(isinstance(key, bytes) and len(key) == 16 for key in langid._MEMO)  # digests, never the text
    assert text not in langid._MEMO.values() and text not in langid._MEMO


def test_english_decided_early_and_late_agree_with_the_word_count() -> None:
    """The first 60 words settle plainly English text; a text that is not plainly English by then is read on."""
    english = "The officer will write to the tenant about the repair and the rent, and he will call her too. " * 8
    mixed = "Llyfr " * 58 + "the tenant and the landlord " * 3 + "mae hi yn y tŷ gyda'r plant " * 20
    assert language(english) == "en"
    assert language(mixed) == "cy"
