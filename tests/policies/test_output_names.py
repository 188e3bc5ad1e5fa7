"""Person names and street addresses in answers (detectors/output_names.py through policies/output_redact.py).

Names, places and addresses here are invented for these tests. Each behaviour is checked whole and
streamed (down to one character per event, in every field type a dialect streams), and each has
look-alikes that must pass unchanged: place names, organisations, office holders in their public role,
the council's register of public figures, and the caller's own values."""

from __future__ import annotations

import json

import pytest

from config.output_handling import OutputHandling
from config.public_figures import PublicFigure, PublicFigures
from policies.output_redact import MAX_HOLD, OutputRedactor, held_from
from proxy.dialects.anthropic_messages import MessagesStreamRestorer
from proxy.dialects.openai_chat import ChatStreamRestorer
from proxy.dialects.openai_responses import ResponsesStreamRestorer

REQUEST = ["Summarise the complaint about the communal heating for the housing officer."]
REGISTER = PublicFigures(people=[PublicFigure(name="Ifeoma Castellano", role="Chief Executive")])


def redactor(request: list[str] | None = None) -> OutputRedactor:
    return OutputRedactor(OutputHandling(), True, request or REQUEST, public_figures=REGISTER)


def streamed(text: str, size: int = 1, request: list[str] | None = None) -> str:
    window = redactor(request).stream_restorer()
    return "".join(window.feed(text[i:i + size]) for i in range(0, len(text), size)) + window.flush()


LEAKS = [
    ("The heating fault was first reported by Marguerite Oyelaran in March.", "Marguerite Oyelaran", "<PERSON>"),
    ("Mrs Thistlewood rang twice about the radiators.", "Thistlewood", "Mrs <PERSON>"),
    ("Her neighbour, Dr K. Quennell, confirmed the boiler noise.", "Quennell", "<PERSON>"),
    ("The neighbour Fenwright complained too.", "Fenwright", "<PERSON>"),
    ("The complainant lives at 27 Larkspur Crescent, near the shops.", "27 Larkspur Crescent", "<STREET_ADDRESS>"),
    ("Post it to Flat 3, 14 Wenlock Gardens before Friday.", "Wenlock Gardens", "<STREET_ADDRESS>"),
]


@pytest.mark.parametrize(("text", "value", "placeholder"), LEAKS)
@pytest.mark.parametrize("size", [0, 1, 2, 3, 7])
def test_names_and_addresses_not_in_the_request_are_redacted(text: str, value: str, placeholder: str,
                                                             size: int) -> None:
    out = redactor().restore(text) if size == 0 else streamed(text, size)
    assert value not in out
    assert placeholder in out


LOOK_ALIKES = [
    "The 36 bus runs from Huddersfield to Halifax via Elland on Sundays.",
    "Contact Calderdale Council, the Citizens Advice Bureau or Shelter for help.",
    "Cllr Bethany Rowntree chaired the housing committee last week.",
    "Ifeoma Castellano approved the heating plan on behalf of the council.",
    "The depot moved to Stanley Park and the library to Victoria Square.",
    "Kind regards, the Housing Repairs Team. We will call you in the morning.",
    "Dear resident, thank you for your message. The Landlord and Tenant Act 1985 applies.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
@pytest.mark.parametrize("size", [0, 1, 4])
def test_places_organisations_and_public_figures_pass(text: str, size: int) -> None:
    assert (redactor().restore(text) if size == 0 else streamed(text, size)) == text


@pytest.mark.parametrize("size", [0, 1, 5])
def test_the_callers_own_values_stay(size: int) -> None:
    request = ["Draft a letter to Marguerite Oyelaran at 27 Larkspur Crescent about her heating."]
    text = "Dear Marguerite Oyelaran, we will inspect the heating at 27 Larkspur Crescent on Tuesday."
    out = redactor(request).restore(text) if size == 0 else streamed(text, size, request)
    assert out == text


def test_a_name_is_held_until_it_ends_and_ordinary_capitals_are_not() -> None:
    assert held_from("reported by Marguerite") == len("reported by ")
    assert held_from("reported by Marguerite Oye") == len("reported by ")
    assert held_from("at 27 Larkspur") <= len("at ")  # (an identifier run may take the word before a number)
    assert held_from("at 27 Larkspur Crescent ") <= len("at ")
    assert held_from("Thank you, Th") == len("Thank you, ")  # may be the start of a longer word
    assert held_from("Kind ") == len("Kind ")  # an ordinary word, not a given name: released once complete
    assert held_from("We will. The ") == len("We will. The ")
    text = "visited by " + "Okonjo " * 40
    assert len(text) - held_from(text) <= MAX_HOLD


def test_chat_content_and_tool_arguments_one_character_each() -> None:
    chat = ChatStreamRestorer(redactor())
    content = "Passed to Saoirse Halloran today."
    args = '{"tenant": "Ignatius Brannagh", "block": "C"}'
    chunks = [{"choices": [{"index": 0, "delta": {"content": ch}}]} for ch in content]
    chunks += [{"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": ch}}]}}]}
               for ch in args]
    chunks.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    out = [chat.process(c) for c in chunks] + chat.finish()
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in out)
    sent = "".join(t["function"]["arguments"] for c in out for t in c["choices"][0]["delta"].get("tool_calls", []))
    assert text == "Passed to <PERSON> today."
    assert json.loads(sent) == {"tenant": "<PERSON>", "block": "C"}


def test_responses_text_and_done_events() -> None:
    stream = ResponsesStreamRestorer(redactor())
    text = "Ask Saoirse Halloran to call."
    events = [{"type": "response.output_text.delta", "item_id": "m1", "output_index": 0, "content_index": 0,
               "delta": ch, "sequence_number": i} for i, ch in enumerate(text)]
    events.append({"type": "response.output_text.done", "item_id": "m1", "output_index": 0, "content_index": 0,
                   "text": text, "sequence_number": len(text)})
    out = [e for event in events for e in stream.process(event)] + stream.finish()
    deltas = "".join(e["delta"] for e in out if e["type"] == "response.output_text.delta")
    assert deltas == "Ask <PERSON> to call."
    assert out[-1]["text"] == "Ask <PERSON> to call."


def test_anthropic_text_and_tool_input_deltas() -> None:
    stream = MessagesStreamRestorer(redactor())
    text = "Spoke to Mr Brannagh at 9 Ptolemy Road."
    partial = '{"contact": "Saoirse Halloran"}'
    events = [{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": ch}}
              for ch in text] + [{"type": "content_block_stop", "index": 0}]
    events += [{"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": ch}}
               for ch in partial] + [{"type": "content_block_stop", "index": 1}]
    out = [e for event in events for e in stream.process(event)] + stream.finish()
    said = "".join(e["delta"].get("text", "") for e in out if e["type"] == "content_block_delta")
    tool = "".join(e["delta"].get("partial_json", "") for e in out if e["type"] == "content_block_delta")
    assert said == "Spoke to Mr <PERSON> at <STREET_ADDRESS>."
    assert json.loads(tool) == {"contact": "<PERSON>"}
