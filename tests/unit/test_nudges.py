"""The no-contact nudge policy, quiet hours and job backoff: examples and invariants."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teams_app.domain.jobs import JobStatus, retry_delay
from teams_app.domain.nudges import NudgeKind, deliver_at, due_nudges, nudge_schedule
from teams_app.domain.pairing import Pairing, PairingStatus
from teams_app.domain.programme.rules import Reminders
from teams_app.domain.working_hours import WorkingHours

ZONES = [
    "UTC", "Europe/London", "Europe/Zurich", "America/New_York", "America/Santiago",
    "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Auckland", "Pacific/Kiritimati",
    "Australia/Lord_Howe", "America/St_Johns",
]  # fmt: skip
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REMINDERS = Reminders()


def _pairing(started_at: datetime = T0, status: PairingStatus = PairingStatus.ACTIVE) -> Pairing:
    return Pairing(1, "mentee", "mentor", started_at, status=status, id=42)


def test_a_pairing_without_contact_hears_on_days_3_7_and_14() -> None:
    schedule = nudge_schedule(T0, REMINDERS)

    assert [(n.kind, n.day, n.due_at) for n in schedule] == [
        (NudgeKind.MENTEE_REMINDER, 3, T0 + timedelta(days=3)),
        (NudgeKind.MENTOR_PING, 7, T0 + timedelta(days=7)),
        (NudgeKind.ADMIN_ALERT, 14, T0 + timedelta(days=14)),
    ]


def test_nudges_follow_the_presets_reminder_days() -> None:
    reminders = Reminders(mentee_nudge_days=2, mentor_ping_days=5, admin_alert_days=10)

    assert [n.day for n in nudge_schedule(T0, reminders)] == [2, 5, 10]


def test_on_day_7_the_mentee_reminder_and_mentor_ping_are_due_but_not_the_alert() -> None:
    due = due_nudges(_pairing(), None, T0 + timedelta(days=7), REMINDERS)

    assert [n.kind for n in due] == [NudgeKind.MENTEE_REMINDER, NudgeKind.MENTOR_PING]


def test_contact_or_an_ended_pairing_silences_every_nudge() -> None:
    later = T0 + timedelta(days=30)

    assert due_nudges(_pairing(), T0 + timedelta(days=1), later, REMINDERS) == ()
    assert due_nudges(_pairing(status=PairingStatus.ENDED), None, later, REMINDERS) == ()


def test_a_nudge_due_on_friday_evening_in_new_york_waits_for_monday_morning() -> None:
    friday_evening = datetime(2026, 3, 6, 18, 30, tzinfo=ZoneInfo("America/New_York"))

    delivered = deliver_at(friday_evening, WorkingHours.default_for("America/New_York"))

    assert delivered.astimezone(ZoneInfo("America/New_York")) == datetime(
        2026, 3, 9, 9, 0, tzinfo=ZoneInfo("America/New_York")
    )
    assert delivered.tzinfo is UTC


def test_a_nudge_due_inside_working_hours_goes_at_once() -> None:
    tuesday_noon = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)

    assert deliver_at(tuesday_noon, WorkingHours.default_for("UTC")) == tuesday_noon


def test_the_weekend_after_the_spring_forward_still_opens_at_nine_local() -> None:
    # Europe moves its clocks on Sunday 29 March 2026: Monday 09:00 is then 07:00 UTC.
    saturday = datetime(2026, 3, 28, 10, 0, tzinfo=UTC)

    assert deliver_at(saturday, WorkingHours.default_for("Europe/Zurich")) == datetime(
        2026, 3, 30, 7, 0, tzinfo=UTC
    )


def test_an_unknown_time_zone_falls_back_to_utc_working_hours() -> None:
    sunday = datetime(2026, 3, 8, 3, 0, tzinfo=UTC)

    assert deliver_at(sunday, WorkingHours.default_for("Mars/Olympus")) == datetime(
        2026, 3, 9, 9, 0, tzinfo=UTC
    )


def test_a_naive_due_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        deliver_at(datetime(2026, 3, 3, 12, 0), WorkingHours.default_for("UTC"))


@settings(max_examples=300, deadline=None)
@given(
    due=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(ZONES),
)
def test_delivery_is_the_first_working_moment_at_or_after_the_due_time(
    due: datetime, zone: str
) -> None:
    hours = WorkingHours.default_for(zone)

    delivered = deliver_at(due, hours)
    local = delivered.astimezone(ZoneInfo(zone))

    assert due <= delivered <= due + timedelta(days=4)
    assert local.weekday() < 5 and time(9) <= local.time() < time(17)
    # Nothing earlier would do: no working time lies between the due time and the delivery.
    assert hours.spans(due, delivered) == []


@settings(max_examples=200, deadline=None)
@given(
    days=st.tuples(st.integers(1, 60), st.integers(1, 60), st.integers(1, 90)),
    elapsed=st.integers(0, 120 * 24),
    contact_after=st.none() | st.integers(0, 120 * 24),
)
def test_due_nudges_grow_with_time_and_stop_at_contact(
    days: tuple[int, int, int], elapsed: int, contact_after: int | None
) -> None:
    reminders = Reminders(*days)
    now = T0 + timedelta(hours=elapsed)
    contact = None if contact_after is None else T0 + timedelta(hours=contact_after)

    due = due_nudges(_pairing(), contact, now, reminders)
    later = due_nudges(_pairing(), contact, now + timedelta(days=1), reminders)

    assert all(n.due_at <= now for n in due)
    assert set(due) <= set(later)
    assert contact is None or due == ()
    assert len({n.kind for n in due}) == len(due)


@given(attempts=st.integers(1, 10_000))
def test_backoff_grows_and_never_passes_the_cap(attempts: int) -> None:
    delay = retry_delay(attempts)

    assert timedelta(minutes=1) <= delay <= timedelta(hours=1)
    assert delay <= retry_delay(attempts + 1)


def test_only_pending_and_in_flight_jobs_are_open() -> None:
    assert {status for status in JobStatus if status.open} == {
        JobStatus.PENDING,
        JobStatus.IN_FLIGHT,
    }
