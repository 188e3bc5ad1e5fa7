"""Output data handling (policies/output_redact.py): what the model writes, whole or streamed.

Values are invented for these tests; sentences are in several registers (care note, email, text message,
spreadsheet paste) and each has a look-alike that must pass unchanged."""

from __future__ import annotations

import json
import random

import pytest

from config.output_handling import OutputAction, OutputHandling
from policies.output_redact import (
    _LONE_NUMBER,
    _WORD_STOP,
    MAX_HOLD,
    OutputRedactor,
    OutputWithheld,
    _name_may_start,
    _name_may_start_after,
    held_from,
    request_strings,
)
from proxy.dialects.openai_chat import ChatStreamRestorer
from proxy.dialects.openai_responses import ResponsesStreamRestorer

REQUEST = ["Please write to the tenant at r.osei@northfield-homes.co.uk about the repair."]
ANSWER = ("Dear tenant, we have written to r.osei@northfield-homes.co.uk. The previous occupant, "
          "reachable on (312) 555-0147 or at j.moreau@example.org, left SSN 536-22-1234 and card "
          "4111 1111 1111 1111 on file. IBAN GB82 WEST 1234 5698 7654 32 was used. Call 0800 123 4567? "
          "Visit us at 2 Market Street at 10:30 on 12/05/2026 -- 3 repairs, 14 days.")


def resident() -> OutputRedactor:
    return OutputRedactor(OutputHandling(), True, REQUEST)


def test_whole_answer_keeps_callers_values_and_redacts_others() -> None:
    out = resident().restore(ANSWER)
    assert "r.osei@northfield-homes.co.uk" in out  # the caller sent it
    for value in ("(312) 555-0147", "j.moreau@example.org", "536-22-1234", "4111 1111 1111 1111", "GB82 WEST"):
        assert value not in out
    assert "<EMAIL_ADDRESS>" in out and "<US_SSN>" in out and "<CREDIT_CARD>" in out and "<IBAN_CODE>" in out
    assert "at 10:30 on 12/05/2026 -- 3 repairs, 14 days." in out  # times, dates, counts are not identifiers


NUMBERS = ANSWER.replace(" or at j.moreau@example.org", "")  # identifiers with digits


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 11, 16, 64])
def test_stream_in_any_fragmentation_matches_whole(size: int) -> None:
    whole = resident().restore(NUMBERS)
    window = resident().stream_restorer()
    pieces = [window.feed(NUMBERS[i:i + size]) for i in range(0, len(NUMBERS), size)]
    assert "".join(pieces) + window.flush() == whole


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8])
def test_stream_never_releases_a_whole_email(size: int) -> None:
    text = "write to moreau.j@example.org or jmoreau@example.org today"
    window = resident().stream_restorer()
    released = "".join(window.feed(text[i:i + size]) for i in range(0, len(text), size)) + window.flush()
    assert "@example" not in released and released.count("<EMAIL_ADDRESS>") == 2


def test_one_character_events_never_release_part_of_a_number() -> None:
    window = resident().stream_restorer()
    released = "".join(window.feed(ch) for ch in "text me on 312-555-0147 or 536 22 1234 ok") + window.flush()
    assert released == "text me on <PHONE_NUMBER> or <US_SSN> ok"


def test_percent_encoded_email_in_a_link() -> None:
    out = resident().restore("Unsubscribe: https://lists.example.net/u?addr=j.moreau%40example.org")
    assert "moreau" not in out


def test_defaults_by_use_case() -> None:
    staff = OutputRedactor(OutputHandling(), False, REQUEST)  # not resident-facing: personal data allowed
    assert "536-22-1234" in staff.restore("SSN 536-22-1234")
    secret = "AKIAQ4XTMPLE7ZK2WJ5D"
    assert secret not in staff.restore(f"use key {secret} for the bucket")  # secrets redacted everywhere
    off = OutputRedactor(OutputHandling(secrets=OutputAction.ALLOW), False, REQUEST)
    assert not off.active


def test_block_refuses_with_the_clause() -> None:
    redactor = OutputRedactor(OutputHandling(personal_data=OutputAction.BLOCK), False, REQUEST)
    assert redactor.restore("Thanks, I will reply to r.osei@northfield-homes.co.uk today.")  # the caller's own
    with pytest.raises(OutputWithheld) as err:
        redactor.stream_restorer().feed("Her number is (312) 555-0147.\n")
    assert err.value.clause == "10.3"


def test_hold_back_is_bounded() -> None:
    text = "x" * 5000
    assert len(text) - held_from(text) <= MAX_HOLD
    assert held_from("a sentence. ") == len("a sentence. ")
    assert held_from("plain words") == len("plain words")  # letters alone are not held
    assert held_from("mail j.mor") == len("mail ")
    assert held_from("IBAN GB82 WEST ") == len("IBAN ")  # a spaced identifier may continue


def test_direct_holds_are_what_held_from_decides() -> None:
    """The window holds a lone digit run or a lower-case word with its full stop directly (nothing held
    before it); that must be exactly where `held_from` would cut, with or without name screening."""
    rng = random.Random(3)
    alphabet = " \nabcyz,;:!?.0179-@'"
    seen = 0
    for _ in range(40000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        for pattern in (_LONE_NUMBER, _WORD_STOP):
            if (found := pattern.fullmatch(text)) is not None:
                seen += 1
                assert held_from(text) == held_from(text, names=False) == found.start(1), text
    assert seen > 500


def test_a_held_capitalised_word_is_judged_alone_before_lower_case_words() -> None:
    """The shortcut for "held capitalised word + lower-case words" gives `_name_may_start`'s verdict."""
    rng = random.Random(5)
    words = ["We", "The", "If", "Dear", "Kind", "Thistle", "Th", "A", "I", "Mrs", "Dr", "Sir", "Ngozi", "Brackley",
             "Ravensworth", "Quay", "Further"]
    tails = [" ", "\n", ",", " and", " have", ", we", " is here", "! ok", " Ferreira", " and Lowe", " x", " 4"]
    for _ in range(20000):
        held = rng.choice(words) if rng.random() < 0.8 else f"{rng.choice(words)} {rng.choice(words)}"
        delta = rng.choice(tails)
        assert _name_may_start_after(held, delta) == _name_may_start(held + delta), (held, delta)


def test_chat_stream_content_tool_arguments_and_other_delta_fields() -> None:
    chat = ChatStreamRestorer(resident())
    value = "j.moreau@example.org"
    chunks = [{"choices": [{"index": 0, "delta": {"content": "", "record": "Ref: "}}]}]
    chunks += [{"choices": [{"index": 0, "delta": {"record": ch}}]} for ch in value]
    chunks += [{"choices": [{"index": 0, "delta": {"tool_calls": [
        {"index": 0, "function": {"arguments": part}}]}}]} for part in ('{"to": "j.mor', 'eau@exam', 'ple.org"}')]
    chunks += [{"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    out = [chat.process(c) for c in chunks] + chat.finish()
    record = "".join(c["choices"][0]["delta"].get("record", "") for c in out if c.get("choices"))
    args = "".join(t["function"]["arguments"] for c in out for t in c["choices"][0]["delta"].get("tool_calls", []))
    assert record in ("Ref: <EMAIL_ADDRESS>", "Ref: j<EMAIL_ADDRESS>")  # letters before the first "." may go
    assert args == '{"to": "<EMAIL_ADDRESS>"}'


def test_responses_stream_and_done_events() -> None:
    stream = ResponsesStreamRestorer(resident())
    value = "536-22-1234"
    events = [{"type": "response.output_text.delta", "item_id": "m1", "output_index": 0, "content_index": 0,
               "delta": part, "sequence_number": i} for i, part in enumerate(["SSN ", value[:5], value[5:], "."])]
    events.append({"type": "response.output_text.done", "item_id": "m1", "output_index": 0, "content_index": 0,
                   "text": f"SSN {value}.", "sequence_number": 4})
    out = [e for event in events for e in stream.process(event)] + stream.finish()
    text = "".join(e["delta"] for e in out if e["type"] == "response.output_text.delta")
    assert text == "SSN <US_SSN>."
    assert out[-1]["text"] == "SSN <US_SSN>."
    assert [e["sequence_number"] for e in out] == list(range(len(out)))


def test_request_strings_cover_every_field() -> None:
    body = {"messages": [{"role": "user", "content": "hi"}], "session_note": "note", "tools": [
        {"function": {"description": "desc"}}]}
    assert set(request_strings(body)) >= {"hi", "note", "desc"}


def test_values_listed_in_keep_stay() -> None:
    handling = OutputHandling(keep=["0113 496 0000", "repairs@council.example.gov.uk"])
    out = OutputRedactor(handling, True, REQUEST).restore(
        "Call 0113 496 0000 or write to repairs@council.example.gov.uk, not 07700 900123.")
    assert out == "Call 0113 496 0000 or write to repairs@council.example.gov.uk, not <PHONE_NUMBER>."


def test_special_category_redacted_whole_and_withheld_in_streams() -> None:
    answer = "Bins go out on Monday. The tenant at flat 4 told us he was diagnosed with epilepsy last spring. Thanks."
    redactor = OutputRedactor(OutputHandling(special_category=OutputAction.REDACT), False, REQUEST)
    assert redactor.restore(answer) == "Bins go out on Monday. <SPECIAL_CATEGORY> Thanks."
    window = redactor.stream_restorer()
    with pytest.raises(OutputWithheld):  # part of the statement may have been sent: withhold the answer
        "".join(window.feed(answer[i:i + 4]) for i in range(0, len(answer), 4)) + window.flush()


def test_value_split_between_content_and_tool_arguments() -> None:
    chat = ChatStreamRestorer(resident())
    chunks = [{"choices": [{"index": 0, "delta": {"content": "SSN 536-22-"}}]},
              {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "1234"}}]}}]},
              {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    out = [chat.process(c) for c in chunks] + chat.finish()
    sent = json.dumps(out)
    assert "536-22-" in sent or "1234" in sent  # one half may go out
    joined = "".join(c["choices"][0]["delta"].get("content") or "" for c in out) + "".join(
        t["function"]["arguments"] for c in out for t in c["choices"][0]["delta"].get("tool_calls", []))
    assert "536-22-1234" not in joined and "<US_SSN>" in joined


def test_value_split_between_responses_event_types() -> None:
    stream = ResponsesStreamRestorer(resident())
    events = [{"type": "response.output_text.delta", "item_id": "m1", "output_index": 0, "content_index": 0,
               "delta": "call (312) 555-", "sequence_number": 0},
              {"type": "response.output_text.done", "item_id": "m1", "output_index": 0, "content_index": 0,
               "text": "call (312) 555-", "sequence_number": 1},
              {"type": "response.function_call_arguments.delta", "item_id": "f1", "output_index": 1,
               "delta": "0147", "sequence_number": 2},
              {"type": "response.function_call_arguments.done", "item_id": "f1", "output_index": 1,
               "arguments": "0147", "sequence_number": 3}]
    out = [e for event in events for e in stream.process(event)] + stream.finish()
    joined = "".join(e.get("delta", "") for e in out)
    assert "(312) 555-0147" not in joined and "<PHONE_NUMBER>" in joined


def test_value_in_one_field_after_a_sentence_in_another() -> None:
    chat = ChatStreamRestorer(resident())
    chunks = [{"choices": [{"index": 0, "delta": {"content": "Record attached."}}]},
              {"choices": [{"index": 0, "delta": {"content": "", "record": "312-55"}}]},
              {"choices": [{"index": 0, "delta": {"record": "5-0147"}}]},
              {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    out = [chat.process(c) for c in chunks] + chat.finish()
    record = "".join(c["choices"][0]["delta"].get("record", "") for c in out)
    assert record == "<PHONE_NUMBER>"
