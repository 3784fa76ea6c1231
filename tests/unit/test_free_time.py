"""Free time for a pair across time zones: examples, DST changes and pairs without overlap."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from teams_app.domain.calendar import TimeSpan
from teams_app.domain.free_time import NoSlotReason, SlotRequest, find_offers, free_slots
from teams_app.domain.local_times import in_both_zones, in_zone
from teams_app.domain.working_hours import WorkingHours

MONDAY = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
LONDON = WorkingHours("Europe/London")
GENEVA = WorkingHours("Europe/Zurich")
NEW_YORK = WorkingHours("America/New_York")
BANGKOK = WorkingHours("Asia/Bangkok")
HOUR = timedelta(hours=1)


def request(now: datetime = MONDAY, minutes: int = 60, **extra: object) -> SlotRequest:
    return SlotRequest(now=now, length=timedelta(minutes=minutes), **extra)  # type: ignore[arg-type]


def test_london_and_geneva_share_seven_hours_a_working_day() -> None:
    found = free_slots(
        [LONDON, GENEVA], [], request(notice=timedelta(0), horizon=timedelta(days=1))
    )

    starts = [slot.start.astimezone(UTC).hour for slot in found.slots]
    # London 09–17 GMT, Geneva 08–16 UTC: shared 09:00–16:00 UTC, hourly sessions every 30 min.
    assert found.reason is None
    assert found.slots[0].start == datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert found.slots[-1].end == datetime(2026, 3, 2, 16, tzinfo=UTC)
    assert len(found.slots) == 13 and starts.count(9) == 2


def test_new_york_and_bangkok_have_no_shared_working_hours() -> None:
    found = find_offers([NEW_YORK, BANGKOK], [], request())

    assert found.slots == () and found.reason is NoSlotReason.NO_SHARED_HOURS


def test_overlap_shorter_than_the_session_is_named_as_the_reason() -> None:
    # London 09–17 UTC+0, Bangkok 09–17 UTC+7 = 02–10 UTC: one shared hour a day.
    found = find_offers([LONDON, BANGKOK], [], request(minutes=90))

    assert found.slots == () and found.reason is NoSlotReason.SHARED_HOURS_TOO_SHORT


def test_full_calendars_leave_nothing_and_say_so() -> None:
    wall = TimeSpan(MONDAY, MONDAY + timedelta(days=15))

    found = find_offers([LONDON, GENEVA], [wall], request())

    assert found.slots == () and found.reason is NoSlotReason.CALENDARS_FULL


def test_busy_time_of_either_person_is_avoided() -> None:
    meeting = TimeSpan(
        datetime(2026, 3, 2, 9, 45, tzinfo=UTC), datetime(2026, 3, 2, 12, tzinfo=UTC)
    )
    day = request(notice=timedelta(0), horizon=timedelta(days=1))

    found = free_slots([LONDON, GENEVA], [meeting], day)

    assert [s.start.hour * 60 + s.start.minute for s in found.slots][:2] == [12 * 60, 12 * 60 + 30]
    assert not any(slot.overlaps(meeting) for slot in found.slots)


def test_offers_are_three_to_five_on_different_days_at_varied_hours_after_the_notice() -> None:
    found = find_offers([LONDON, GENEVA], [], request())

    days = {slot.start.date() for slot in found.slots}
    hours = {slot.start.hour for slot in found.slots}
    assert 3 <= len(found.slots) <= 5 and len(days) == len(found.slots) and len(hours) > 1
    assert all(slot.start >= MONDAY + 4 * HOUR for slot in found.slots)
    assert list(found.slots) == sorted(found.slots)


def test_working_hours_follow_the_spring_forward_in_new_york() -> None:
    # 2026-03-08: New York moves from UTC-5 to UTC-4; 09:00 local is 14:00 then 13:00 UTC.
    week = WorkingHours("America/New_York", days=frozenset(range(7)))
    spans = week.spans(datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 3, 10, tzinfo=UTC))

    assert [(opens.hour, closes.hour) for opens, closes in spans] == [(14, 22), (13, 21), (13, 21)]


def test_slots_keep_local_hours_across_the_european_dst_change() -> None:
    # 2026-03-29: Geneva moves to UTC+2 while New York already is on UTC-4.
    now = datetime(2026, 3, 26, 0, tzinfo=UTC)
    found = free_slots([GENEVA, NEW_YORK], [], request(now, notice=timedelta(0)))

    zurich = ZoneInfo("Europe/Zurich")
    before = [s for s in found.slots if s.start.day == 27]
    after = [s for s in found.slots if s.start.day == 30]
    # Shared 13–16 UTC before the change, 13–15 UTC after it.
    assert (before[0].start.hour, before[-1].end.hour) == (13, 16)
    assert (after[0].start.hour, after[-1].end.hour) == (13, 15)
    assert all(s.end.astimezone(zurich).time() <= time(17) for s in found.slots)


def test_overnight_working_hours_run_past_midnight() -> None:
    night = WorkingHours("UTC", days=frozenset({0}), start=time(22), end=time(6))

    spans = night.spans(MONDAY - timedelta(hours=6), MONDAY + timedelta(days=2))

    assert spans == [(datetime(2026, 3, 2, 22, tzinfo=UTC), datetime(2026, 3, 3, 6, tzinfo=UTC))]


def test_missing_or_unknown_zone_defaults_to_nine_to_five_utc() -> None:
    assert WorkingHours.default_for(None) == WorkingHours("UTC")
    assert WorkingHours.default_for("Mars/Olympus") == WorkingHours("UTC")
    assert WorkingHours.default_for("Asia/Bangkok").start == time(9)


def test_invalid_working_hours_are_refused() -> None:
    with pytest.raises(ValueError):
        WorkingHours("UTC", days=frozenset({7}))
    with pytest.raises(ValueError):
        WorkingHours("Europe/Nowhere")


def test_a_slot_is_shown_in_both_local_times() -> None:
    slot = TimeSpan(datetime(2026, 3, 3, 9, tzinfo=UTC), datetime(2026, 3, 3, 9, 45, tzinfo=UTC))

    london, bangkok = in_both_zones(slot, "Europe/London", "Asia/Bangkok")

    assert london == "Tue 3 Mar 09:00–09:45 (Europe/London)"
    assert bangkok == "Tue 3 Mar 16:00–16:45 (Asia/Bangkok)"
    late = TimeSpan(datetime(2026, 3, 3, 16, tzinfo=UTC), datetime(2026, 3, 3, 17, tzinfo=UTC))
    assert in_zone(late, "Asia/Bangkok") == "Tue 3 Mar 23:00–Wed 00:00 (Asia/Bangkok)"
