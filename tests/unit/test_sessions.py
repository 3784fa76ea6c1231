"""Sessions of a pair: what they show as, their numbers, the cadence tally, notice and the
calendar transaction that keeps a retried booking to one meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from teams_app.domain.sessions import (
    Session,
    SessionState,
    SessionStatus,
    number_of,
    tally,
    transaction_id,
    upcoming,
)

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def session(start: datetime, status: SessionStatus = SessionStatus.SCHEDULED) -> Session:
    tx = transaction_id(7, "card1", start)
    return Session(7, start, start + HOUR, "mentee", "mentee", tx, status=status)


def test_a_scheduled_session_is_held_once_its_end_has_passed() -> None:
    booked = session(NOON)

    assert booked.state(NOON - HOUR) is SessionState.SCHEDULED
    assert booked.state(NOON + HOUR / 2) is SessionState.SCHEDULED
    assert booked.state(NOON + HOUR) is SessionState.HELD


def test_a_cancelled_session_is_never_held_and_a_booking_is_not_yet_a_session() -> None:
    assert session(NOON, SessionStatus.CANCELLED).state(NOON + 2 * HOUR) is SessionState.CANCELLED
    assert session(NOON, SessionStatus.BOOKING).state(NOON - HOUR) is None


def test_only_a_scheduled_session_that_has_not_started_can_change() -> None:
    assert session(NOON).changeable(NOON - HOUR)
    assert not session(NOON).changeable(NOON)
    assert not session(NOON, SessionStatus.CANCELLED).changeable(NOON - HOUR)
    assert not session(NOON, SessionStatus.BOOKING).changeable(NOON - HOUR)


def test_a_change_less_than_the_notice_before_the_start_is_inside_the_notice_period() -> None:
    booked = session(NOON)

    assert booked.within_notice(NOON - 23 * HOUR, 24)
    assert not booked.within_notice(NOON - 24 * HOUR, 24)
    assert not booked.within_notice(NOON + HOUR, 24)  # already started: no longer a change


def test_the_transaction_is_the_same_for_a_retry_and_differs_per_slot_and_card() -> None:
    other_zone = NOON.astimezone(UTC).replace(tzinfo=UTC)

    assert transaction_id(7, "card1", NOON) == transaction_id(7, "card1", other_zone)
    assert transaction_id(7, "card1", NOON) != transaction_id(7, "card1", NOON + HOUR)
    assert transaction_id(7, "card1", NOON) != transaction_id(7, "card2", NOON)
    assert transaction_id(7, "card1", NOON) != transaction_id(8, "card1", NOON)
    assert transaction_id(7, "card1", NOON) == "tandem-pairing-7-card1-20260302T1200Z"


def test_sessions_are_numbered_by_start_and_cancelled_ones_do_not_count() -> None:
    first, dropped, second = session(NOON), session(NOON + 24 * HOUR), session(NOON + 48 * HOUR)
    dropped = replace(dropped, status=SessionStatus.CANCELLED)
    sessions = [second, dropped, first]

    assert number_of(first.starts_at, sessions) == 1
    assert number_of(second.starts_at, sessions) == 2
    assert number_of(NOON + 72 * HOUR, sessions) == 3


def test_the_tally_counts_held_upcoming_and_cancelled_toward_the_plan() -> None:
    sessions = [
        session(NOON - 48 * HOUR),
        session(NOON + 24 * HOUR),
        session(NOON + 48 * HOUR, SessionStatus.CANCELLED),
    ]

    counted = tally(sessions, NOON, planned=6)

    assert (counted.held, counted.upcoming, counted.cancelled) == (1, 1, 1)
    assert counted.remaining == 4
    assert [s.starts_at for s in upcoming(sessions, NOON)] == [NOON + 24 * HOUR]
    assert tally([session(NOON - 48 * HOUR)] * 8, NOON, planned=6).remaining == 0
