"""Stop waiting on the provider as soon as the caller goes away.

Once the request body has been read, the only ASGI message left is `http.disconnect`; racing the
provider call against it closes the provider connection promptly (no paying for an answer nobody
reads) and lets the audit row say `cancelled`. One watcher serves every wait of a request; it must be
closed before a streaming response starts listening for the disconnect itself.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any, TypeVar

from starlette.requests import Request

T = TypeVar("T")


class ClientDisconnected(Exception):
    """The caller closed the connection before the answer started."""


class DisconnectWatch:
    def __init__(self, request: Request) -> None:
        self._request = request
        self._watcher: asyncio.Future[None] | None = None

    async def _disconnected(self) -> None:
        while (await self._request.receive())["type"] != "http.disconnect":
            pass

    async def run(self, work: Awaitable[T]) -> T:
        """`work`'s result, or ClientDisconnected (with `work` cancelled) if the caller left first."""
        if self._watcher is None:
            self._watcher = asyncio.ensure_future(self._disconnected())
        task = asyncio.ensure_future(work)
        waiting: set[asyncio.Future[Any]] = {task, self._watcher}
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            return task.result()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        raise ClientDisconnected

    async def close(self) -> None:
        if self._watcher is not None and not self._watcher.done():
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
