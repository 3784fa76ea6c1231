"""Reading `dev clock …` and moving the clock forward only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from teams_app.clock import MovableClock
from teams_app.domain.clock_moves import ClockMove, is_clock_command, read_clock_move
from tests.doubles.manual_clock import START, ManualClock


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("dev clock +7d", timedelta(days=7)),
        ("Dev Clock +36h", timedelta(hours=36)),
        ("dev clock +2d12h", timedelta(days=2, hours=12)),
        ("dev clock 90m", timedelta(minutes=90)),
    ],
)
def test_moves_are_read_in_days_hours_and_minutes(text: str, by: timedelta) -> None:
    assert is_clock_command(text)
    assert read_clock_move(text) == ClockMove(by=by)


def test_next_and_nothing_are_understood() -> None:
    assert read_clock_move("dev clock next") == ClockMove(to_next_job=True)
    assert read_clock_move("dev clock") == ClockMove()


@pytest.mark.parametrize(
    "text", ["dev clock -1d", "dev clock +7x", "dev clock +0d", "dev clock +999d"]
)
def test_unreadable_or_backward_moves_are_refused_with_a_reason(text: str) -> None:
    move = read_clock_move(text)
    assert move.problem and move.by is None


def test_other_text_is_not_the_clock_command() -> None:
    assert not is_clock_command("schedule") and not is_clock_command(None)


def test_the_movable_clock_only_moves_forward() -> None:
    clock = MovableClock(ManualClock())
    assert clock.move(timedelta(days=7)) == START + timedelta(days=7)
    with pytest.raises(ValueError):
        clock.move(timedelta(seconds=-1))
    assert clock.now() == START + timedelta(days=7)
