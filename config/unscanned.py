"""Per use case: which parts no detector can read may still be forwarded (default: none; clause 10.3)."""

from __future__ import annotations

from config.base import Strict


class UnscannedInput(Strict):
    """Token ids (`"input": [[54183, 71401]]`) cannot be decoded offline, and binary files (PDFs, office
    documents) cannot be read by the detectors: both are refused unless the use case says otherwise."""

    token_arrays: bool = False
    binary_files: bool = False
