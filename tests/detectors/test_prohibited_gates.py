"""The prohibited-use detector's cheap verb gates give what `live`/`purpose` give without them."""

from __future__ import annotations

import pytest

from detectors import prohibited as p
from detectors.lexicons import prohibited_grammar as g

_SENTENCES = [
    "Please decide whether the licence holder keeps the permit.",
    "Use the scoring sheet to determine which bidder gets the allotment.",
    "The committee decided last week; summarise the minutes for the newsletter.",
    "Could you rank these three tenants for the single garage?",
    "Write a limerick about the weather in Tenby.",
    "Keep an eye on where my ex-partner goes after work, without her knowing.",
    "İt is for the panel to DECIDE, not you.",
    "Draft a note; then assess the claimant and approve or refuse the grant.",
    "Nothing here asks for anything at all",
]


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_asked_matches_live_or_purpose(sentence: str) -> None:
    for verbs in (p._DECIDE, p._VERDICT, p._WEAK, p._SURVEIL, p._GENERATE):
        want = g.live(verbs, sentence) or g.purpose(verbs, sentence)
        got = p._asked(verbs, sentence, sentence.lower())
        assert (want and want.span(1)) == (got and got.span(1))
