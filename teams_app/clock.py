"""The system clock, the production adapter of the Clock port."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from teams_app.services.ports import Clock


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        return datetime.now(UTC)


class ShiftedClock:
    """The real time moved to another day, for demos and tests of registration windows.

    Dev mode only: `python -m teams_app dev --today 2026-09-16` shows what Tandem does on that
    day while time still flows.
    """

    def __init__(self, day: date, base: SystemClock | None = None) -> None:
        self._base = base or SystemClock()
        start = self._base.now()
        self._offset = datetime.combine(day, start.timetz()) - start

    @classmethod
    def starting_at(cls, instant: datetime, base: SystemClock | None = None) -> ShiftedClock:
        """A clock that reads `instant` now and flows on from there (TANDEM_CLOCK_START)."""
        clock = cls(instant.date(), base)
        clock._offset = instant - clock._base.now()
        return clock

    def now(self) -> datetime:
        """The shifted current time, timezone-aware (UTC)."""
        return self._base.now() + self._offset


class MovableClock:
    """Another clock moved forward on request: the dev-mode `dev clock +7d` command.

    Dev mode only (the demo of nudges): the offset only grows, so time never runs backwards
    for the jobs and records already written.
    """

    def __init__(self, base: Clock | None = None) -> None:
        self._base: Clock = base or SystemClock()
        self.offset = timedelta(0)

    def now(self) -> datetime:
        """The base clock's time plus every move so far, timezone-aware (UTC)."""
        return self._base.now() + self.offset

    def move(self, by: timedelta) -> datetime:
        """Move forward by `by` (never backward); the new current time."""
        if by < timedelta(0):
            raise ValueError("the clock only moves forward")
        self.offset += by
        return self.now()
