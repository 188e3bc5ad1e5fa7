"""Work shared within one scan is computed once for that text, and only inside the scan."""

from __future__ import annotations

from detectors import scan_scope


def test_computed_once_inside_a_scope_and_dropped_after() -> None:
    calls: list[str] = []

    def count(text: str) -> int:
        calls.append(text)
        return len(text)

    text = "".join(["Gwenllian ", "asked about the allotment waiting list"])
    with scan_scope.scope(text):
        assert scan_scope.shared("k", text, count) == len(text)
        assert scan_scope.shared("k", text, count) == len(text)
        assert scan_scope.shared("k", "another text", count) == 12  # not the scanned text: computed
    assert calls == [text, "another text"]
    scan_scope.shared("k", text, count)                              # outside any scope: computed again
    assert len(calls) == 3
