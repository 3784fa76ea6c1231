"""Work that outlives the turn that asked for it: a card answers within Teams' 5 seconds and
is updated in place once a slow calendar has answered."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

from teams_app.services.ports import Notifier

log = logging.getLogger(__name__)

# Teams gives an invoke 5 s; what is left after reading the card and the database.
DEFAULT_BUDGET_SECONDS = 3.0
# How long a finished view waits to learn which card to update before it is sent anew.
WAIT_FOR_CARD_SECONDS = 30.0


class LateView:
    """A view still being worked out: show `placeholder` now, then tell `deliver_to` which
    card (activity id) to update; None sends the finished view as a new card."""

    def __init__(self, placeholder: object) -> None:
        self.placeholder = placeholder
        self._where: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()

    def deliver_to(self, activity_id: str | None) -> None:
        """Where the finished view goes; only the first call counts."""
        if not self._where.done():
            self._where.set_result(activity_id)

    async def destination(self, within: float) -> str | None:
        """The card to update, or None when none was named `within` seconds."""
        try:
            return await asyncio.wait_for(asyncio.shield(self._where), within)
        except TimeoutError:
            return None


class Background:
    """Runs work under a time budget; what runs over is finished in the background and
    delivered to the person's card through the Notifier."""

    def __init__(
        self,
        notifier: Notifier,
        budget_seconds: float = DEFAULT_BUDGET_SECONDS,
        failure_view: object | None = None,
    ) -> None:
        self._notifier = notifier
        self._budget = budget_seconds
        self._failure_view = failure_view
        self._tasks: set[asyncio.Task[None]] = set()

    async def within_budget(
        self, person: str, work: Coroutine[Any, Any, object], placeholder: object
    ) -> object:
        """The work's view if it ends within the budget, else a LateView of `placeholder`.

        Errors within the budget propagate; later ones are logged and the person gets the
        failure view.
        """
        task = asyncio.create_task(work)
        done, _ = await asyncio.wait({task}, timeout=self._budget)
        if task in done:
            return task.result()
        late = LateView(placeholder)
        self._keep(asyncio.create_task(self._deliver(person, task, late)))
        return late

    async def drain(self, grace: float = 30.0) -> None:
        """Let background work finish (at shutdown); what still runs after `grace` seconds
        is cancelled."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _keep(self, task: asyncio.Task[None]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, person: str, task: asyncio.Task[object], late: LateView) -> None:
        try:
            view = await task
        except Exception as error:  # the person must hear back either way
            log.error("background.failed", extra={"error_type": type(error).__name__})
            view = self._failure_view
            if view is None:
                return
        activity = await late.destination(WAIT_FOR_CARD_SECONDS)
        if activity:
            await self._notifier.refresh(person, activity, view)
        else:
            await self._notifier.notify(person, view)
