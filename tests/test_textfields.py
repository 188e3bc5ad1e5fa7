"""The text-field walker: every field a provider reads, per endpoint; replace; JSON-aware apply."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from detectors.base import Finding
from policies.operators import Pseudonymiser, redact
from proxy.dialects import DIALECTS
from proxy.dialects.fields import Path, TextField, apply, replace
from proxy.endpoints import Endpoint


def extract(endpoint: str, body: dict[str, Any]) -> list[TextField]:
    return DIALECTS[Endpoint(endpoint)].fields(body).texts

CHAT_BODY: dict[str, Any] = {
    "model": "gpt-4o",
    "messages": [
        {"role": "system", "content": "You help Brent Council."},
        {"role": "developer", "content": [{"type": "text", "text": "Be brief."}]},
        {
            "role": "user",
            "name": "case_worker_7",
            "content": [
                {"type": "text", "text": "Summarise for Douglas Roberts"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
                {"type": "file", "file": {"file_id": "file-1"}},
                {"type": "text", "text": "NHS 485 777 3456"},
            ],
        },
        {
            "role": "assistant",
            "content": None,
            "refusal": "I can't discuss Douglas.",
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "lookup", "arguments": '{"n": "D"}'},
                },
                {"id": "call_2", "type": "custom", "custom": {"name": "grep", "input": "Roberts"}},
            ],
            "function_call": {"name": "legacy", "arguments": '{"who": "Doug"}'},
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "Douglas Roberts, SW1A 1AA"},
        {"role": "assistant", "content": [{"type": "refusal", "refusal": "No."}]},
        {"role": "function", "name": "legacy", "content": "legacy result"},
    ],
    "tools": [{"type": "function", "function": {"name": "lookup", "description": "Look up a resident"}}],
    "prediction": {"type": "content", "content": "Dear Douglas"},
    "metadata": {"ticket": "T-1"},
    "user": "user-123",
}

CHAT_EXPECTED = [
    (("messages", 0, "content"), "You help Brent Council.", False),
    (("messages", 1, "content", 0, "text"), "Be brief.", False),
    (("messages", 2, "name"), "case_worker_7", False),
    (("messages", 2, "content", 0, "text"), "Summarise for Douglas Roberts", False),
    (("messages", 2, "content", 4, "text"), "NHS 485 777 3456", False),
    (("messages", 3, "refusal"), "I can't discuss Douglas.", False),
    (("messages", 3, "tool_calls", 0, "function", "arguments"), '{"n": "D"}', True),
    (("messages", 3, "tool_calls", 1, "custom", "input"), "Roberts", False),
    (("messages", 3, "function_call", "arguments"), '{"who": "Doug"}', True),
    (("messages", 4, "content"), "Douglas Roberts, SW1A 1AA", False),
    (("messages", 5, "content", 0, "refusal"), "No.", False),
    (("messages", 6, "content"), "legacy result", False),
    (("tools", 0, "function", "description"), "Look up a resident", False),
    (("prediction", "content"), "Dear Douglas", False),
    (("metadata", "ticket"), "T-1", False),
    (("user",), "user-123", False),
]

RESPONSES_BODY: dict[str, Any] = {
    "model": "gpt-4.1",
    "instructions": "You help Brent Council.",
    "input": [
        {"role": "user", "content": "Plain easy message about Douglas"},
        {
            "type": "message",
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Letter for Douglas Roberts"},
                {"type": "input_image", "image_url": "https://example.org/x.png"},
                {"type": "input_file", "file_id": "file-1"},
            ],
        },
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Done, Douglas."}],
        },
        {"type": "function_call", "call_id": "c1", "name": "lookup", "arguments": '{"nhs": "4857773456"}'},
        {"type": "function_call_output", "call_id": "c1", "output": "Douglas Roberts, SW1A 1AA"},
        {
            "type": "function_call_output",
            "call_id": "c2",
            "output": [{"type": "input_text", "text": "part out"}],
        },
        {"type": "custom_tool_call", "call_id": "c3", "name": "grep", "input": "Roberts"},
        {"type": "custom_tool_call_output", "call_id": "c3", "output": "grep out"},
        {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Think Douglas"}]},
        {"type": "item_reference", "id": "msg_0"},
        {"type": "web_search_call", "id": "ws_1", "status": "completed"},
    ],
    "prompt": {"id": "pmpt_1", "variables": {"name": "Douglas", "note": {"type": "input_text", "text": "n"}}},
    "tools": [{"type": "function", "name": "lookup", "description": "Look up a resident"}],
}

RESPONSES_EXPECTED = [
    (("instructions",), "You help Brent Council.", False),
    (("input", 0, "content"), "Plain easy message about Douglas", False),
    (("input", 1, "content", 0, "text"), "Letter for Douglas Roberts", False),
    (("input", 2, "content", 0, "text"), "Done, Douglas.", False),
    (("input", 3, "arguments"), '{"nhs": "4857773456"}', True),
    (("input", 4, "output"), "Douglas Roberts, SW1A 1AA", False),
    (("input", 5, "output", 0, "text"), "part out", False),
    (("input", 6, "input"), "Roberts", False),
    (("input", 7, "output"), "grep out", False),
    (("input", 8, "summary", 0, "text"), "Think Douglas", False),
    (("prompt", "variables", "name"), "Douglas", False),
    (("prompt", "variables", "note", "text"), "n", False),
    (("tools", 0, "description"), "Look up a resident", False),
]

CASES: list[tuple[str, str, dict[str, Any], list[tuple[Path, str, bool]]]] = [
    ("chat", "chat.completions", CHAT_BODY, CHAT_EXPECTED),
    ("responses list", "responses", RESPONSES_BODY, RESPONSES_EXPECTED),
    ("responses string", "responses", {"input": "hi Douglas"}, [(("input",), "hi Douglas", False)]),
    ("embeddings string", "embeddings", {"input": "Douglas"}, [(("input",), "Douglas", False)]),
    (
        "embeddings list",
        "embeddings",
        {"input": ["a", 1, "b"]},
        [(("input", 0), "a", False), (("input", 2), "b", False)],
    ),
    ("embeddings tokens", "embeddings", {"input": [1, 2, 3]}, []),
    ("embeddings token lists", "embeddings", {"input": [[1, 2], [3]]}, []),
    (
        "completions",
        "completions",
        {"prompt": ["one", "two"], "suffix": "end"},
        [(("prompt", 0), "one", False), (("prompt", 1), "two", False), (("suffix",), "end", False)],
    ),
    ("completions string", "completions", {"prompt": "one"}, [(("prompt",), "one", False)]),
    ("completions tokens", "completions", {"prompt": [1, 2]}, []),
    ("chat without messages", "chat.completions", {"model": "m"}, []),
    ("chat malformed", "chat.completions", {"messages": ["x", {"content": 3}, {"tool_calls": "y"}]},
     [(("messages", 0), "x", False), (("messages", 2, "tool_calls"), "y", False)]),
]


@pytest.mark.parametrize(("name", "endpoint", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_extract(name: str, endpoint: str, body: dict[str, Any], expected: list[tuple[Path, str, bool]]) -> None:
    assert extract(endpoint, body) == [TextField(path, text, is_json) for path, text, is_json in expected]


def test_every_proxied_endpoint_has_a_dialect() -> None:
    assert {Endpoint.CHAT, Endpoint.RESPONSES, Endpoint.EMBEDDINGS, Endpoint.COMPLETIONS} <= set(DIALECTS)


@pytest.mark.parametrize(("endpoint", "body"), [("chat.completions", CHAT_BODY), ("responses", RESPONSES_BODY)])
def test_replace_every_field_new_body_input_untouched(endpoint: str, body: dict[str, Any]) -> None:
    before = copy.deepcopy(body)
    fields = extract(endpoint, body)
    out = replace(body, {fld.path: f"#{k}" for k, fld in enumerate(fields)})
    assert body == before  # not mutated
    assert [fld.text for fld in extract(endpoint, out)] == [f"#{k}" for k in range(len(fields))]
    assert out["model"] is body["model"]  # structure untouched
    assert replace(body, {fld.path: fld.text for fld in fields}) == body


def test_replace_keeps_non_text_parts_and_identifiers() -> None:
    out = replace(CHAT_BODY, {("messages", 2, "content", 0, "text"): "Summarise for <PERSON_1>"})
    user = out["messages"][2]
    assert user["name"] == "case_worker_7"
    assert user["content"][1] is CHAT_BODY["messages"][2]["content"][1]
    assert out["messages"][0] is CHAT_BODY["messages"][0]
    assert out["metadata"] is CHAT_BODY["metadata"] and out["user"] == "user-123"


@pytest.mark.parametrize(
    "path", [("messages", 99, "content"), ("messages", 2, "content"), ("model", "x"), ("nope",), ()]
)
def test_replace_rejects_paths_that_are_not_text(path: Path) -> None:
    with pytest.raises(ValueError):
        replace(CHAT_BODY, {path: "x"})


def span(text: str, value: str, entity: str = "PERSON") -> Finding:
    start = text.index(value)
    return Finding(entity, start, start + len(value), 0.9, "test")


def test_apply_plain_field_and_non_span_findings() -> None:
    field = TextField(("input",), "Douglas has asthma")
    assert apply(field, [span(field.text, "Douglas")], redact) == "<PERSON> has asthma"
    assert apply(field, [Finding("SPECIAL_CATEGORY", 0, 18, 1.0, "t", "health")], redact) == field.text


JSON_CASES = [
    ("plain value", '{"name": "Douglas Roberts"}', ['Douglas Roberts'], {"name": "<PERSON>"}),
    ("span covers escaped quotes", r'{"q": "said \"Douglas\" today"}', [r'\"Douglas\"'],
     {"q": "said <PERSON> today"}),
    ("span ends inside escape", r'{"q": "Douglas\"x"}', ['Douglas\\'], {"q": "<PERSON>x"}),
    # every literal the span touches is transformed, the key too: fail safe, never fail open
    ("span crosses literals", '{"first": "Douglas", "last": "Roberts"}', ['Douglas", "last": "Roberts'],
     {"first": "<PERSON>", "<PERSON>": "<PERSON>"}),
    ("span crosses literals, not key", '{"first": "Douglas", "last": "Roberts"}', ['Douglas", "last"'],
     {"first": "<PERSON>", "<PERSON>": "Roberts"}),
    ("span over structure only", '{"first": "D", "last": "R"}', ['", "'], {"first": "D", "last": "R"}),
    ("unicode escapes before span", r'{"a": "\u00e9\ud83d\ude00 Douglas"}', ["Douglas"],
     {"a": "é😀 <PERSON>"}),
    ("number value", '{"nhs": 4857773456, "ok": true}', ["4857773456"], {"nhs": "<PERSON>", "ok": True}),
    ("newline escape in span", r'{"a": "Douglas\nRoberts"}', [r"Douglas\nRoberts"], {"a": "<PERSON>"}),
    ("key itself", '{"Douglas": 1}', ["Douglas"], {"<PERSON>": 1}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "args", "values", "expected"), JSON_CASES, ids=[c[0] for c in JSON_CASES])
def test_apply_json_field_stays_valid_json(name: str, args: str, values: list[str], expected: object) -> None:
    field = TextField(("input", 0, "arguments"), args, is_json=True)
    out = apply(field, [span(args, v) for v in values], redact)
    assert json.loads(out) == expected


def test_apply_json_keeps_untouched_literals_byte_for_byte() -> None:
    args = '{"a": "x\\u0041",  "b": "Douglas"}'
    out = apply(TextField(("x",), args, is_json=True), [span(args, "Douglas")], redact)
    assert out == '{"a": "x\\u0041",  "b": "<PERSON>"}'


@pytest.mark.parametrize("is_json", [False, True])
def test_apply_rejects_out_of_range_findings(is_json: bool) -> None:
    with pytest.raises(ValueError, match="PERSON"):
        apply(TextField(("x",), '{"a": "b"}', is_json), [Finding("PERSON", 3, 40, 0.9, "t")], redact)


def test_apply_invalid_json_falls_back_to_text() -> None:
    args = '{"name": "Douglas'
    assert apply(TextField(("x",), args, is_json=True), [span(args, "Douglas")], redact) == '{"name": "<PERSON>'


def test_pipeline_shape_same_value_same_placeholder_across_messages() -> None:
    body = {
        "messages": [
            {"role": "user", "content": "Write to Douglas Roberts"},
            {"role": "assistant", "tool_calls": [{"function": {"arguments": '{"to": "Douglas Roberts"}'}}]},
            {"role": "tool", "content": "Sent to Douglas Roberts"},
        ]
    }  # fmt: skip
    p = Pseudonymiser()
    fields = extract("chat.completions", body)
    for fld in fields:
        p.reserve(fld.text)
    out = replace(body, {fld.path: apply(fld, [span(fld.text, "Douglas Roberts")], p.pseudonymise) for fld in fields})
    assert [fld.text for fld in extract("chat.completions", out)] == [
        "Write to <PERSON_1>",
        '{"to":"<PERSON_1>"}'.replace(":", ": "),
        "Sent to <PERSON_1>",
    ]


def test_unknown_part_types_and_strings_are_scanned_media_is_not() -> None:
    body = {"messages": [{"role": "user", "content": [
        {"type": "future_text_kind", "text": "Call Jane on 07700 900123"},
        {"type": "image_url", "image_url": {"url": "https://example.org/x.png"}, "text": "caption"},
    ]}]}
    fields = extract("chat.completions", body)
    assert [f.path for f in fields] == [("messages", 0, "content", 0, "text"), ("messages", 0, "content", 1, "text")]


def test_every_field_a_model_reads_on_chat() -> None:
    """Tool and schema descriptions and enums, response_format schemas, stop, user, metadata, unknown fields."""
    body = {
        "model": "m", "messages": [{"role": "user", "name": "Priya_Raman", "content": "hi"}],
        "tools": [{"type": "function", "function": {
            "name": "file_note", "description": "Notes for the tenancy of Ellis Okafor",
            "parameters": {"type": "object", "required": ["who"], "properties": {
                "who": {"type": "string", "description": "usually Ellis", "enum": ["Ellis Okafor", "other"]}}}}}],
        "response_format": {"type": "json_schema", "json_schema": {
            "name": "letter", "description": "a letter to 12 Mill Lane", "schema": {"type": "object"}}},
        "stop": ["Regards, Ellis"], "user": "ellis@example.org", "metadata": {"id": "case of Ellis"},
        "a_field_from_next_year": {"deep": ["Ellis Okafor rang"]}, "tool_choice": "auto", "temperature": 0.2,
    }
    texts = {f.path: f.text for f in extract("chat.completions", body)}
    assert texts == {
        ("messages", 0, "name"): "Priya_Raman", ("messages", 0, "content"): "hi",
        ("tools", 0, "function", "description"): "Notes for the tenancy of Ellis Okafor",
        ("tools", 0, "function", "parameters", "properties", "who", "description"): "usually Ellis",
        ("tools", 0, "function", "parameters", "properties", "who", "enum", 0): "Ellis Okafor",
        ("tools", 0, "function", "parameters", "properties", "who", "enum", 1): "other",
        ("response_format", "json_schema", "description"): "a letter to 12 Mill Lane",
        ("stop", 0): "Regards, Ellis", ("user",): "ellis@example.org", ("metadata", "id"): "case of Ellis",
        ("a_field_from_next_year", "deep", 0): "Ellis Okafor rang",
    }


def test_responses_files_computer_and_mcp_items() -> None:
    import base64
    csv = "name,dob\nEllis Okafor,1984-02-03\n"
    data = "data:text/csv;base64," + base64.b64encode(csv.encode()).decode()
    pdf = "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.7 \x00\x01binary").decode()
    body = {"model": "m", "instructions": "be kind", "text": {"format": {
                "type": "json_schema", "name": "x", "description": "about Ellis", "schema": {}}},
            "input": [
                {"type": "message", "role": "user", "content": [
                    {"type": "input_file", "filename": "ellis-okafor.csv", "file_data": data},
                    {"type": "input_file", "filename": "scan.pdf", "file_data": pdf}]},
                {"type": "computer_call_output", "call_id": "c1", "output": {
                    "type": "computer_screenshot", "image_url": "data:image/png;base64,AAAA"},
                 "acknowledged_safety_checks": [{"id": "s1", "code": "c", "message": "Ellis's bank page"}]},
                {"type": "mcp_call", "id": "m1", "name": "lookup", "server_label": "crm",
                 "arguments": '{"q": "Ellis"}', "output": "Ellis Okafor, 12 Mill Lane"}],
            "tools": [{"type": "mcp", "server_label": "crm", "server_url": "https://crm.example",
                       "headers": {"Authorization": "Bearer sk-secret"}, "server_description": "resident CRM"}]}
    fields = DIALECTS[Endpoint.RESPONSES].fields(body)
    texts = {f.path: f for f in fields.texts}
    file_field = texts[("input", 0, "content", 0, "file_data")]
    assert file_field.text == csv
    assert base64.b64decode(file_field.wire("x").split(",", 1)[1]) == b"x"
    assert file_field.wire("y").startswith("data:text/csv;base64,")
    assert texts[("input", 0, "content", 0, "filename")].text == "ellis-okafor.csv"
    assert [(o.path, o.kind) for o in fields.opaque] == [(("input", 0, "content", 1, "file_data"), "binary_file")]
    assert texts[("input", 1, "acknowledged_safety_checks", 0, "message")].text == "Ellis's bank page"
    assert texts[("input", 2, "arguments")].is_json
    assert texts[("input", 2, "output")].text == "Ellis Okafor, 12 Mill Lane"
    assert ("text", "format", "description") in texts and ("instructions",) in texts
    assert ("tools", 0, "server_description") in texts
    assert not any("headers" in p or "image_url" in p or "server_url" in p for p in texts)


@pytest.mark.parametrize(("endpoint", "key"), [("embeddings", "input"), ("completions", "prompt")])
def test_token_arrays_are_opaque(endpoint: str, key: str) -> None:
    fields = DIALECTS[Endpoint(endpoint)].fields({key: [[54183, 71401], "text", [7]], "user": "u"})
    assert [(o.path, o.kind) for o in fields.opaque] == [((key, 0), "token_array"), ((key, 2), "token_array")]
    assert [f.path for f in fields.texts] == [(key, 1), ("user",)]
    flat = DIALECTS[Endpoint(endpoint)].fields({key: [1, 2, 3]})
    assert [(o.path, o.kind) for o in flat.opaque] == [((key,), "token_array")]
