"""A task repeated on an interval inside the web app's lifetime (until durable jobs arrive)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)


class PeriodicTask:
    """Runs `work` every `interval` seconds; a failure is logged and the next run still comes.

    What it runs must be safe to repeat: its state lives in the database (e.g. a request's
    deadline), so a sweep missed while Tandem was down happens at the next start.
    """

    def __init__(self, name: str, work: Callable[[], Awaitable[object]], interval: float) -> None:
        self._name = name
        self._work = work
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self, _: web.Application) -> None:
        """Start repeating (an aiohttp on_startup hook)."""
        self._task = asyncio.create_task(self._loop(), name=self._name)

    async def stop(self, _: web.Application) -> None:
        """Stop repeating (an aiohttp on_cleanup hook)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            try:
                await self._work()
            except Exception as error:  # keep sweeping: the next run may succeed
                log.warning(
                    "periodic.failed", extra={"task": self._name, "error": type(error).__name__}
                )
            await asyncio.sleep(self._interval)
