"""Registration windows: status on edge days, and which window applies to whom."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teams_app.domain.programme import (
    EntityGroup,
    Registration,
    RegistrationWindow,
    Role,
    WindowStatus,
)
from teams_app.presets import load_programme

SECRETARIAT_MENTEES = RegistrationWindow(
    Role.MENTEE, date(2026, 9, 15), date(2026, 9, 30), ("secretariat",)
)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 9, 14), "before"),
        (date(2026, 9, 15), "open"),
        (date(2026, 9, 30), "open"),
        (date(2026, 10, 1), "closed"),
    ],
)
def test_a_window_is_open_from_its_first_to_its_last_day_inclusive(day: date, status: str) -> None:
    assert SECRETARIAT_MENTEES.status_on(day) == status


def test_a_one_day_window_is_open_on_that_day_only() -> None:
    day = date(2026, 9, 1)
    window = RegistrationWindow(Role.MENTOR, day, day)
    statuses = [window.status_on(day + timedelta(days=shift)) for shift in (-1, 0, 1)]
    assert statuses == [WindowStatus.BEFORE, WindowStatus.OPEN, WindowStatus.CLOSED]


@given(first=st.dates(), second=st.dates(), day=st.dates())
def test_window_status_agrees_with_the_calendar_for_any_day(
    first: date, second: date, day: date
) -> None:
    opens, closes = sorted((first, second))
    status = RegistrationWindow(Role.MENTOR, opens, closes).status_on(day)
    expected = "before" if day < opens else "closed" if day > closes else "open"
    assert status == expected


@pytest.mark.parametrize(
    ("role", "entity", "closes"),
    [
        (Role.MENTOR, "DPPA", date(2026, 9, 15)),
        (Role.MENTOR, "UNICEF", date(2026, 9, 15)),
        (Role.MENTEE, "DPPA", date(2026, 9, 30)),
        (Role.MENTEE, " dppa ", date(2026, 9, 30)),
        (Role.MENTEE, "UN  Women", date(2026, 9, 22)),
        (Role.MENTEE, "UNESCO", date(2026, 9, 22)),
        (Role.MENTEE, None, date(2026, 9, 22)),
    ],
)
def test_together_gives_each_role_and_entity_its_own_window(
    role: Role, entity: str | None, closes: date
) -> None:
    window = load_programme("together").window_for(role, entity)
    assert window is not None and window.closes == closes


def test_everyone_at_iom_registers_in_the_same_december_window() -> None:
    iom = load_programme("iom")
    mentor, mentee = iom.window_for(Role.MENTOR, None), iom.window_for(Role.MENTEE, "IOM")
    assert mentor is not None and mentee is not None
    assert mentor.status_on(date(2025, 12, 1)) == "open"
    assert mentee.status_on(date(2025, 12, 20)) == "closed"


def test_an_entity_outside_every_group_has_no_window_when_there_is_no_default_group() -> None:
    registration = Registration(
        windows=(RegistrationWindow(Role.MENTEE, date(2026, 1, 1), date(2026, 12, 31)),),
        entity_groups=(EntityGroup("undp", "UNDP and UN Women", ("UNDP", "UN Women")),),
    )
    assert registration.window_for(Role.MENTEE, "UNDP") is not None
    assert registration.window_for(Role.MENTEE, "UNICEF") is None
    assert registration.window_for(Role.MENTEE, None) is None
    assert registration.window_for(Role.MENTOR, "UNDP") is None


def test_registration_spans_from_the_first_opening_to_the_last_closing() -> None:
    registration = load_programme("together").registration
    assert registration.first_opening() == date(2026, 9, 1)
    assert registration.last_closing() == date(2026, 9, 30)
