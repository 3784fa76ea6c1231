"""Dev mode only: move Tandem's clock forward and run what falls due, to demo the nudges.

`dev clock +7d` in the Playground moves every part of Tandem (they share one Clock) seven
days on and runs the due jobs at once, so a demo pairing without contact produces the
mentor's ping. A job waiting for someone's working hours stays waiting; `dev clock next`
moves to the next one. Outside dev mode the command is refused and nothing moves.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from teams_app.domain.clock_moves import read_clock_move
from teams_app.domain.jobs import JobStatus
from teams_app.services.job_ports import JobStore


class Movable(Protocol):
    """A clock that can be moved forward."""

    def now(self) -> datetime:
        """The current time."""
        ...

    def move(self, by: timedelta) -> datetime:
        """Move forward by `by`; the new time."""
        ...


@dataclass(frozen=True)
class DevClockView:
    """What the dev clock command did."""

    now: datetime | None = None
    moved_by: timedelta | None = None
    handled: int = 0  # due jobs claimed and decided (sent, cancelled or held for later)
    waiting: int = 0
    next_due: datetime | None = None
    problem: str | None = None
    refused: bool = False


DEV_ONLY = DevClockView(
    refused=True,
    problem="“dev clock” works in dev mode only (TANDEM_DEV_MODE=true, `make run`). "
    "Tandem's clock was not moved.",
)


class DevClock:
    """Moves the shared clock and drains the due jobs."""

    def __init__(
        self, clock: Movable, store: JobStore, run_due: Callable[[], Awaitable[int]]
    ) -> None:
        self._clock = clock
        self._store = store
        self._run_due = run_due

    async def command(self, text: str) -> DevClockView:
        """Do what `dev clock …` asks; bad input moves nothing and says why."""
        move = read_clock_move(text)
        if move.problem is not None:
            return DevClockView(now=self._clock.now(), problem=move.problem)
        by = move.by
        if move.to_next_job:
            upcoming = await self._next_due()
            by = max(upcoming - self._clock.now(), timedelta(0)) if upcoming else None
            if by is None:
                return DevClockView(now=self._clock.now(), problem="no job is waiting")
        if by:
            self._clock.move(by)
        handled = await self._run_due()
        pending = await self._store.list_jobs(status=JobStatus.PENDING)
        return DevClockView(
            now=self._clock.now(),
            moved_by=by,
            handled=handled,
            waiting=len(pending),
            next_due=min((job.due_at for job in pending), default=None),
        )

    async def _next_due(self) -> datetime | None:
        pending = await self._store.list_jobs(status=JobStatus.PENDING)
        return min((job.due_at for job in pending), default=None)
