"""Invariants of the free-time search, whatever the zones, hours and busy time."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from teams_app.domain.calendar import TimeSpan
from teams_app.domain.free_time import SlotRequest, find_offers, free_slots
from teams_app.domain.working_hours import WorkingHours

ZONES = [
    "UTC", "Europe/London", "Europe/Zurich", "America/New_York", "America/Bogota",
    "Asia/Bangkok", "Asia/Kolkata", "Asia/Kathmandu", "Africa/Nairobi", "Pacific/Auckland",
    "Australia/Adelaide", "America/Santiago",
]  # fmt: skip
START = datetime(2026, 1, 1, tzinfo=UTC)


@st.composite
def working_hours(draw: st.DrawFn) -> WorkingHours:
    opens = draw(st.integers(0, 20 * 2)) * 30
    length = draw(st.integers(2, 12 * 2)) * 30
    closes = min(opens + length, 24 * 60 - 30)
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    start, end = time(opens // 60, opens % 60), time(closes // 60, closes % 60)
    if start >= end:
        start, end = time(9), time(17)
    return WorkingHours(draw(st.sampled_from(ZONES)), days, start, end)


@st.composite
def busy_spans(draw: st.DrawFn, now: datetime) -> list[TimeSpan]:
    spans = []
    for _ in range(draw(st.integers(0, 40))):
        start = now + timedelta(minutes=draw(st.integers(0, 15 * 24 * 60)))
        spans.append(TimeSpan(start, start + timedelta(minutes=draw(st.integers(5, 600)))))
    return spans


@st.composite
def searches(draw: st.DrawFn) -> tuple[list[WorkingHours], list[TimeSpan], SlotRequest]:
    now = START + timedelta(minutes=draw(st.integers(0, 365 * 24 * 60)))
    request = SlotRequest(
        now=now,
        length=timedelta(minutes=draw(st.sampled_from([30, 45, 60, 90]))),
        step=timedelta(minutes=draw(st.sampled_from([15, 30]))),
        notice=timedelta(hours=draw(st.integers(0, 12))),
    )
    return [draw(working_hours()), draw(working_hours())], draw(busy_spans(now)), request


def _inside_hours(slot: TimeSpan, hours: WorkingHours) -> bool:
    spans = hours.spans(slot.start - timedelta(days=2), slot.end + timedelta(days=2))
    return any(opens <= slot.start and slot.end <= closes for opens, closes in spans)


@settings(max_examples=150, deadline=None)
@given(searches())
def test_every_slot_is_free_inside_both_working_hours_and_of_the_session_length(
    search: tuple[list[WorkingHours], list[TimeSpan], SlotRequest],
) -> None:
    hours, busy, request = search
    found = free_slots(hours, busy, request)
    window_start, window_end = request.window()

    assert (found.reason is None) == bool(found.slots)
    assert list(found.slots) == sorted(found.slots)
    for slot in found.slots:
        assert slot.length == request.length
        assert window_start <= slot.start and slot.end <= window_end
        assert all(_inside_hours(slot, person) for person in hours)
        assert not any(slot.overlaps(b) for b in busy)


def _local(slot: TimeSpan, zone: str) -> datetime:
    return slot.start.astimezone(ZoneInfo(zone))


@settings(max_examples=150, deadline=None)
@given(searches())
def test_offers_are_few_free_and_spread_over_days_and_hours(
    search: tuple[list[WorkingHours], list[TimeSpan], SlotRequest],
) -> None:
    hours, busy, request = search
    every = free_slots(hours, busy, request).slots
    offers = find_offers(hours, busy, request).slots
    zone = hours[0].time_zone
    days_free = {_local(s, zone).date() for s in every}
    hours_free = {_local(s, zone).hour for s in every}

    assert set(offers) <= set(every) and list(offers) == sorted(offers)
    assert min(3, len(days_free)) <= len(offers) <= request.offers
    assert not any(a.overlaps(b) for i, a in enumerate(offers) for b in offers[i + 1 :])
    if len(days_free) >= len(offers):
        assert len({_local(s, zone).date() for s in offers}) == len(offers)
    if len(offers) >= 2 and len(hours_free) > 1:
        assert len({_local(s, zone).hour for s in offers}) > 1
