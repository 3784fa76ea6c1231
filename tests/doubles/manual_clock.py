"""A clock that stands still until a test moves it (the Clock port)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


class ManualClock:
    """Time as the test sets it."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def now(self) -> datetime:
        """The current (test) time, UTC."""
        return self.current

    def advance(self, by: timedelta | None = None, **delta: float) -> None:
        """Move time forward by `by` or by `timedelta(**delta)`."""
        self.current += by if by is not None else timedelta(**delta)
