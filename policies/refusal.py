"""Refusals raised by policy code. The proxy renders them (403, or 404 for unknown models)."""

from __future__ import annotations


class Refusal(Exception):
    """A policy rule refused the request. `message` is plain English and never holds payload text."""

    def __init__(self, code: str, clause: str | None, message: str, *, not_found: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.clause = clause
        self.message = message
        self.not_found = not_found
