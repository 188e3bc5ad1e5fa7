"""Prompts given as token ids (`[54183, 71401]` or a list of such lists) on embeddings and completions.

No tokenizer with its vocabulary ships offline with Steward's dependencies, so token ids cannot be turned
back into text to scan: they are `Opaque` (refused unless the use case allows unscanned token input).
"""

from __future__ import annotations

from typing import Any

from proxy.dialects.fields import Fields, Opaque, Path, Rules, TextField, walk


def _is_tokens(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(t, int) and not isinstance(t, bool)
                                                         for t in value)


def prompt_fields(body: dict[str, Any], key: str, rules: Rules) -> Fields:
    """Fields of a body whose `key` holds a string, strings, token ids or lists of token ids."""
    out = Fields()
    value = body.get(key)
    path: Path = (key,)
    if isinstance(value, str):
        out.texts.append(TextField(path, value))
    elif _is_tokens(value):
        out.opaque.append(Opaque(path, "token_array"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.texts.append(TextField((*path, i), item))
            elif _is_tokens(item):
                out.opaque.append(Opaque((*path, i), "token_array"))
    rest = walk({k: v for k, v in body.items() if k != key}, rules)
    return Fields(out.texts + rest.texts, out.opaque + rest.opaque)
