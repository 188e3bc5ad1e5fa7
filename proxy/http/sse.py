"""Server-sent events: parse an upstream byte stream into events and frame events byte-correctly.

Frames out are exactly `[event: <name>\n]data: <json>\n\n`; comments (keep-alives) are `: <text>\n\n`.
"""

from __future__ import annotations

import codecs
from collections.abc import AsyncIterator
from dataclasses import dataclass


@dataclass(slots=True)
class SSEEvent:
    data: str | None
    event: str | None = None
    comment: str | None = None


def _parse_block(block: str) -> SSEEvent | None:
    data: list[str] = []
    event = None
    comment = None
    for line in block.split("\n"):
        if not line:
            continue
        if line.startswith(":"):
            comment = line[1:].strip()
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value
    if data:
        return SSEEvent(data="\n".join(data), event=event)
    if comment is not None:
        return SSEEvent(data=None, comment=comment)
    return None


async def iter_events(chunks: AsyncIterator[bytes]) -> AsyncIterator[SSEEvent]:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")  # chunks may split a character
    buffer = ""
    async for chunk in chunks:
        buffer = (buffer + decoder.decode(chunk)).replace("\r\n", "\n")
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            parsed = _parse_block(block)
            if parsed is not None:
                yield parsed
    if buffer.strip():
        parsed = _parse_block(buffer)
        if parsed is not None:
            yield parsed


def frame(data: str | bytes, event: str | None = None) -> bytes:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    head = f"event: {event}\n".encode() if event else b""
    lines = payload.split(b"\n")
    return head + b"".join(b"data: " + line + b"\n" for line in lines) + b"\n"


def comment(text: str) -> bytes:
    return f": {text}\n\n".encode()


DONE = b"data: [DONE]\n\n"
