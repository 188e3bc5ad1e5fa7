"""The text of a provider's answer, whole or streamed: what the output screen reads and the audit keeps.

`tool_args=True` also yields tool-call arguments (kept for the audit record; the output screen reads
only prose).
"""

from __future__ import annotations

from typing import Any

from proxy.endpoints import Endpoint

_STREAM_TEXT = ("response.output_text.delta", "response.refusal.delta")
_STREAM_ARGS = ("response.function_call_arguments.delta",)


def _calls(holder: dict[str, Any]) -> list[str]:
    return [c["function"]["arguments"] for c in holder.get("tool_calls") or []
            if isinstance(c, dict) and isinstance((c.get("function") or {}).get("arguments"), str)]


def _content(holder: Any, tool_args: bool) -> list[str]:
    if not isinstance(holder, dict):
        return []
    out = [holder["content"]] if isinstance(holder.get("content"), str) else []
    return out + _calls(holder) if tool_args else out


def answer_texts(endpoint: Endpoint, payload: Any, tool_args: bool = False) -> list[str]:
    """The assistant text of a non-streaming answer."""
    if not isinstance(payload, dict):
        return []
    choices = [c for c in payload.get("choices") or [] if isinstance(c, dict)]
    if endpoint is Endpoint.CHAT:
        return [t for c in choices for t in _content(c.get("message"), tool_args)]
    if endpoint is Endpoint.RESPONSES:
        return [p["text"] for item in payload.get("output") or [] if isinstance(item, dict)
                for p in item.get("content") or [] if isinstance(p, dict) and isinstance(p.get("text"), str)]
    if endpoint is Endpoint.COMPLETIONS:
        return [c["text"] for c in choices if isinstance(c.get("text"), str)]
    return []


def delta_texts(payload: dict[str, Any], tool_args: bool = False) -> list[str]:
    """The text one streamed chunk (chat) or event (Responses) adds to the answer."""
    kinds = _STREAM_TEXT + _STREAM_ARGS if tool_args else _STREAM_TEXT
    if payload.get("type") in kinds:
        delta = payload.get("delta")
        return [delta] if isinstance(delta, str) else []
    choices = [c for c in payload.get("choices") or [] if isinstance(c, dict)]
    texts = [t for c in choices for t in _content(c.get("delta"), tool_args)]
    return texts + [c["text"] for c in choices if isinstance(c.get("text"), str)]
