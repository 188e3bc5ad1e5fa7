"""Refuse what the model would read but no detector can (token ids, binary files): 400, clause 10.3.

A use case may allow them unscanned (`unscanned_input` in its register entry); the refusal names the
field so the caller can send text instead. Never forwarded unscanned by default.
"""

from __future__ import annotations

from collections.abc import Sequence

from config.usecases import UseCase
from proxy.dialects.fields import Opaque
from proxy.http.errors import BadRequest

_WHAT = {
    "token_array": ("token ids", "send the text itself", "token_arrays"),
    "binary_file": ("a binary file", "send its text, or a text file", "binary_files"),
}


def field_name(path: Sequence[str | int]) -> str:
    """`messages[2].content[0].file.file_data` for a body path."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def refuse_unscannable(opaque: Sequence[Opaque], use_case: UseCase) -> None:
    allowed = use_case.unscanned_input
    for part in opaque:
        what, instead, flag = _WHAT[part.kind]
        if getattr(allowed, flag):
            continue
        name = field_name(part.path)
        raise BadRequest(f"'{name}' holds {what}, which Steward cannot scan for personal data, so the request "
                         f"was not forwarded (policy 10.3). Please {instead}.", param=name,
                         code="unscannable_input", policy_clause="10.3")
