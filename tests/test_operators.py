"""Operators: overlap resolution, redact/mask/hmac, pseudonymise + restore (whole and streamed)."""

from __future__ import annotations

import json
import pickle
import random
import re

import pytest

from detectors.base import Finding
from policies.operators import (
    Pseudonymiser,
    StreamRestorer,
    hmac_hash,
    mask,
    normalise,
    redact,
    resolve_overlaps,
)

KEY = b"k" * 32
OTHER_KEY = b"o" * 32


def f(entity: str, start: int, end: int, score: float = 0.9, detector: str = "test") -> Finding:
    return Finding(entity, start, end, score, detector)


def at(text: str, value: str, entity: str = "PERSON", nth: int = 0, score: float = 0.9) -> Finding:
    """A finding on the nth occurrence of `value` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return f(entity, start, start + len(value), score)


# --- overlap resolution ---------------------------------------------------------------------------

OVERLAP_TEXT = "Dr Douglas Roberts, SW1A 1AA"  # 3..18 name, 20..28 postcode

OVERLAP_CASES = [
    ("longest wins over higher score", [f("PERSON", 3, 18, 0.5), f("PERSON", 3, 10, 0.99)], [(3, 18)]),
    ("equal length: higher score wins", [f("PERSON", 3, 10, 0.5), f("UK_NINO", 4, 11, 0.8)], [(4, 11)]),
    ("equal length and score: earlier start", [f("PERSON", 4, 11), f("PERSON", 3, 10)], [(3, 10)]),
    ("touching spans both kept", [f("PERSON", 3, 10), f("PERSON", 10, 18)], [(3, 10), (10, 18)]),
    ("nested dropped, disjoint kept", [f("PERSON", 3, 18), f("PERSON", 11, 18), f("UK_POSTCODE", 20, 28)],
     [(3, 18), (20, 28)]),
    ("chain: middle longest knocks both", [f("A", 0, 6), f("B", 4, 14), f("C", 12, 18)], [(4, 14)]),
    ("empty span ignored", [f("PERSON", 5, 5)], []),
    ("record-level findings ignored", [f("SPECIAL_CATEGORY", 0, 28)], []),
]  # fmt: skip


@pytest.mark.parametrize(("name", "findings", "expected"), OVERLAP_CASES, ids=[c[0] for c in OVERLAP_CASES])
def test_resolve_overlaps(name: str, findings: list[Finding], expected: list[tuple[int, int]]) -> None:
    chosen = resolve_overlaps(len(OVERLAP_TEXT), findings)
    assert [(c.start, c.end) for c in chosen] == expected
    assert resolve_overlaps(len(OVERLAP_TEXT), list(reversed(findings))) == chosen  # order-independent


@pytest.mark.parametrize("bad", [f("PERSON", -1, 3), f("PERSON", 5, 99), f("PERSON", 6, 5)])
def test_out_of_range_finding_raises_without_text(bad: Finding) -> None:
    with pytest.raises(ValueError, match="PERSON") as info:
        redact(OVERLAP_TEXT, [bad])
    assert "Douglas" not in str(info.value)


# --- redact / mask / hmac --------------------------------------------------------------------------

TEXT = "Call Douglas Roberts on 07700 900123, card 4111-1111-1111-1234."


def test_redact_typed_placeholders() -> None:
    findings = [at(TEXT, "Douglas Roberts"), at(TEXT, "07700 900123", "PHONE_NUMBER")]
    assert redact(TEXT, findings) == "Call <PERSON> on <PHONE_NUMBER>, card 4111-1111-1111-1234."


def test_redact_overlap_uses_the_strategy() -> None:
    findings = [at(TEXT, "Douglas", score=0.99), at(TEXT, "Douglas Roberts", score=0.4)]
    assert redact(TEXT, findings) == "Call <PERSON> on 07700 900123, card 4111-1111-1111-1234."


def test_redact_ignores_record_level_findings() -> None:
    assert redact(TEXT, [f("SPECIAL_CATEGORY", 0, 10), f("PROHIBITED_USE", 0, 4)]) == TEXT


MASK_CASES = [
    ("default", {}, "Call *************** on 07700 900123, card *******************."),
    ("char", {"char": "#"}, "Call ############### on 07700 900123, card ###################."),
    (
        "card last 4",
        {"keep_card_last4": True},
        "Call *************** on 07700 900123, card ****-****-****-1234.",
    ),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), MASK_CASES, ids=[c[0] for c in MASK_CASES])
def test_mask(name: str, kwargs: dict[str, object], expected: str) -> None:
    findings = [at(TEXT, "Douglas Roberts"), at(TEXT, "4111-1111-1111-1234", "CREDIT_CARD")]
    masked = mask(TEXT, findings, **kwargs)  # type: ignore[arg-type]
    assert masked == expected
    assert len(masked) == len(TEXT)


def test_mask_char_must_be_one_character() -> None:
    with pytest.raises(ValueError):
        mask(TEXT, [], char="**")


def test_hmac_format_stable_per_key_and_differs_by_key() -> None:
    findings = [at(TEXT, "Douglas Roberts")]
    first = hmac_hash(TEXT, findings, KEY)
    assert re.fullmatch(r"Call <PERSON:[0-9a-f]{8}> on 07700 900123, card 4111-1111-1111-1234\.", first)
    assert hmac_hash(TEXT, findings, KEY) == first
    assert hmac_hash(TEXT, findings, OTHER_KEY) != first


def test_hmac_is_keyed_not_a_bare_hash() -> None:
    import hashlib

    token = hmac_hash("Douglas", [f("PERSON", 0, 7)], KEY)[len("<PERSON:") : -1]
    for plain in ("Douglas", "douglas", "PERSON\x00douglas"):
        assert token != hashlib.sha256(plain.encode()).hexdigest()[:8]


def test_hmac_normalises_names_and_ids_but_not_entities() -> None:
    def h(value: str, entity: str) -> str:
        return hmac_hash(value, [f(entity, 0, len(value))], KEY).split(":")[1]

    assert h("Douglas  Roberts", "PERSON") == h("douglas roberts", "PERSON")
    assert h("SW1A 1AA", "UK_POSTCODE") == h("sw1a1aa", "UK_POSTCODE")
    assert h("Douglas", "PERSON") != h("Douglas Roberts", "PERSON")
    assert h("AKIAabc", "SECRET") != h("AKIAABC", "SECRET")  # secrets compare exactly


@pytest.mark.parametrize("key", [b"", b"short"])
def test_hmac_rejects_short_keys(key: bytes) -> None:
    with pytest.raises(ValueError):
        hmac_hash(TEXT, [], key)


# --- pseudonymiser ---------------------------------------------------------------------------------


def test_same_value_same_placeholder_across_fields() -> None:
    p = Pseudonymiser()
    a = "Douglas Roberts, NHS 485 777 3456"
    b = "Ask douglas roberts about Douglas. NHS 4857773456"
    pa = p.pseudonymise(a, [at(a, "Douglas Roberts"), at(a, "485 777 3456", "UK_NHS")])
    pb = p.pseudonymise(b, [at(b, "douglas roberts"), at(b, "Douglas"), at(b, "4857773456", "UK_NHS")])
    assert pa == "<PERSON_1>, NHS <UK_NHS_1>"
    assert pb == "Ask <PERSON_1> about <PERSON_1_GIVEN>. NHS <UK_NHS_1>"
    assert p.restore(pb) == "Ask Douglas Roberts about Douglas. NHS 485 777 3456"
    assert p.restore(pa) == a
    assert p.counts() == {"PERSON": 1, "UK_NHS": 1}


def test_restore_leaves_unknown_and_redacted_placeholders() -> None:
    p = Pseudonymiser()
    p.pseudonymise("Douglas", [f("PERSON", 0, 7)])
    assert p.restore("<PERSON_1> <PERSON_9> <X_9> <PERSON> <person_1> <PERSON_1") == (
        "Douglas <PERSON_9> <X_9> <PERSON> <person_1> <PERSON_1"
    )


def test_literal_placeholders_in_input_are_never_issued() -> None:
    p = Pseudonymiser()
    p.reserve("the template says <PERSON_1>")
    text = "Douglas wrote <PERSON_2>"
    out = p.pseudonymise(text, [f("PERSON", 0, 7)])
    assert out == "<PERSON_3> wrote <PERSON_2>"
    assert p.restore("<PERSON_1> <PERSON_2> <PERSON_3>") == "<PERSON_1> <PERSON_2> Douglas"


def test_repr_shows_counts_only_and_pickling_refused() -> None:
    p = Pseudonymiser()
    p.pseudonymise("Douglas Roberts", [f("PERSON", 0, 15)])
    assert repr(p) == "Pseudonymiser(PERSON=1)"
    assert "Douglas" not in str(p) and "Douglas" not in f"{p!r}"
    with pytest.raises(TypeError):
        pickle.dumps(p)


def random_case(
    rng: random.Random, alphabet: str, entities: tuple[str, ...] = ("PERSON", "UK_NHS", "SECRET")
) -> tuple[str, list[Finding]]:
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
    findings = []
    for _ in range(rng.randint(0, 6)):
        start = rng.randint(0, len(text))
        end = rng.randint(start, min(len(text), start + 8))
        findings.append(f(rng.choice(entities), start, end, rng.random()))
    return text, findings


def test_round_trip_random_texts_and_spans() -> None:
    """No two different values share a normal form here (no spaces, no case pairs): exact round trip.
    (Person names, where a part links to the full name, are in tests/policies/test_people.py.)"""
    rng = random.Random(20261126)
    for _ in range(2000):
        p = Pseudonymiser()
        texts = [random_case(rng, '<>_PERSON1"\\é😀x', ("EMAIL_ADDRESS", "UK_NHS", "SECRET")) for _ in range(3)]
        for text, _ in texts:
            p.reserve(text)
        for text, findings in texts:
            assert p.restore(p.pseudonymise(text, findings)) == text


def test_round_trip_restores_first_seen_form_of_equal_values() -> None:
    """Values equal after `normalise` share a placeholder and restore to the first form seen (names,
    which also link a part to the full name, are tested in tests/policies/test_people.py)."""
    rng = random.Random(11)
    for _ in range(2000):
        p = Pseudonymiser()
        texts = [random_case(rng, 'ab AB<>_PERSON1"\\\n é😀-', ("EMAIL_ADDRESS", "UK_NHS", "SECRET"))
                 for _ in range(3)]
        for text, _ in texts:
            p.reserve(text)
        first_seen: dict[tuple[str, str], str] = {}
        for text, findings in texts:
            out, pos = [], 0
            for c in resolve_overlaps(len(text), findings):
                value = text[c.start : c.end]
                out += [
                    text[pos : c.start],
                    first_seen.setdefault((c.entity, normalise(c.entity, value)), value),
                ]
                pos = c.end
            assert p.restore(p.pseudonymise(text, findings)) == "".join(out) + text[pos:]


def feed_all(restorer: StreamRestorer, chunks: list[str]) -> str:
    return "".join(restorer.feed(c) for c in chunks) + restorer.flush()


def stream_fixture() -> tuple[Pseudonymiser, str]:
    p = Pseudonymiser()
    source = 'Douglas Roberts (NHS 485 777 3456) met O"Brien.'
    p.pseudonymise(source, [at(source, "Douglas Roberts"), at(source, "485 777 3456", "UK_NHS"), at(source, 'O"Brien')])
    return p, "<PERSON_1>: <UK_NHS_1> x<PERSON_2><PERSON_1> <PERSON_9> <PER <PERSON_1 <UK_NHS_1>"


def test_stream_every_single_split_point() -> None:
    p, text = stream_fixture()
    expected = p.restore(text)
    assert "Douglas Roberts" in expected and "<PERSON_9> <PER <PERSON_1 485" in expected
    for i in range(len(text) + 1):
        assert feed_all(p.stream_restorer(), [text[:i], text[i:]]) == expected


def test_stream_every_pair_of_split_points_and_char_by_char() -> None:
    p, text = stream_fixture()
    expected = p.restore(text)
    for i in range(len(text) + 1):
        for j in range(i, len(text) + 1):
            assert feed_all(p.stream_restorer(), [text[:i], text[i:j], text[j:]]) == expected
    assert feed_all(p.stream_restorer(), list(text)) == expected


def test_stream_random_chunkings_json_mode() -> None:
    p, text = stream_fixture()
    expected = p.restore_json_string(text)
    rng = random.Random(7)
    for _ in range(500):
        cuts = sorted(rng.sample(range(len(text) + 1), rng.randint(0, 10)))
        chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        assert feed_all(p.stream_restorer(json_string=True), chunks) == expected
    assert 'O\\"Brien' in expected


def test_stream_emits_eagerly_and_holds_a_bounded_tail() -> None:
    p, _ = stream_fixture()
    longest = max(len(t) for t in ("<PERSON_1>", "<PERSON_2>", "<UK_NHS_1>"))
    restorer = p.stream_restorer()
    assert restorer.feed("hello <") == "hello "
    assert restorer.feed("PERSON_") == ""
    assert restorer.feed("1") == ""
    assert restorer.feed(">!") == "Douglas Roberts!"
    assert restorer.feed("<PERSONA") == "<PERSONA"  # cannot become an issued placeholder
    fed = emitted = 0
    rng = random.Random(3)
    for _ in range(2000):
        delta = "".join(rng.choice("<PERSON_UK12> ") for _ in range(rng.randint(0, 5)))
        fed += len(delta)
        emitted += len(restorer.feed(delta))
        assert fed - emitted < longest  # raw chars held back; restored values are longer, never shorter


def test_restore_json_string_escapes_values() -> None:
    p = Pseudonymiser()
    name = 'Sinéad "Shaz" O\\Brien\n😀'
    p.pseudonymise(name, [f("PERSON", 0, len(name))])
    args = '{"to": "<PERSON_1>", "note": "Dear <PERSON_1>, ok", "n": [1, "<PERSON_9>"]}'
    restored = p.restore_json_string(args)
    assert json.loads(restored) == {"to": name, "note": f"Dear {name}, ok", "n": [1, "<PERSON_9>"]}
    assert restored.startswith('{"to": "')  # formatting kept


def test_restore_json_string_handles_escaped_placeholders_and_invalid_json() -> None:
    p = Pseudonymiser()
    p.pseudonymise('A "B"', [f("PERSON", 0, 5)])
    escaped = '{"to": "\\u003cPERSON_1\\u003e", "cc": "<PERSON_1>"}'
    assert json.loads(p.restore_json_string(escaped)) == {"to": 'A "B"', "cc": 'A "B"'}
    partial = '{"to": "<PERSON_1>'
    assert p.restore_json_string(partial) == '{"to": "A \\"B\\"'
