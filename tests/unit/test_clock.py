from datetime import UTC, datetime, timedelta

from teams_app.clock import ShiftedClock, SystemClock


class SteppedBase(SystemClock):
    def __init__(self) -> None:
        self.current = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current


def test_a_clock_started_at_an_instant_reads_it_then_flows_on() -> None:
    base = SteppedBase()
    start = datetime(2026, 10, 5, 10, 0, tzinfo=UTC)
    clock = ShiftedClock.starting_at(start, base)
    assert clock.now() == start
    base.current += timedelta(seconds=90)
    assert clock.now() == start + timedelta(seconds=90)
