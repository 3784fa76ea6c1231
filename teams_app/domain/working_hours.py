"""A person's working hours and the spans of time they cover, correct across DST changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONDAY_TO_FRIDAY = frozenset(range(5))
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class WorkingHours:
    """Days of the week (Monday 0) and local start and end times in an IANA time zone.

    An end at or before the start runs past midnight into the next day.
    """

    time_zone: str
    days: frozenset[int] = MONDAY_TO_FRIDAY
    start: time = time(9)
    end: time = time(17)

    def __post_init__(self) -> None:
        if not self.days or not self.days <= frozenset(range(7)):
            raise ValueError("working days are numbers 0 (Monday) to 6 (Sunday)")
        if self.start == self.end:
            raise ValueError("working hours must not start and end at the same time")
        zone_of(self.time_zone)

    @classmethod
    def default_for(cls, time_zone: str | None) -> WorkingHours:
        """09:00–17:00 Monday to Friday in `time_zone` (UTC when unknown or invalid)."""
        if time_zone:
            try:
                return cls(time_zone)
            except ValueError:
                pass
        return cls("UTC")

    def spans(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """The working periods overlapping [start, end), clipped to it, in UTC and in order."""
        zone = zone_of(self.time_zone)
        overnight = self.end <= self.start
        first = start.astimezone(zone).date() - timedelta(days=1)
        last = end.astimezone(zone).date()
        periods = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            if day.weekday() not in self.days:
                continue
            opens = _utc(day, self.start, zone)
            closes = _utc(day + timedelta(days=1) if overnight else day, self.end, zone)
            opens, closes = max(opens, start), min(closes, end)
            if opens < closes:
                periods.append((opens, closes))
        return periods


def zone_of(name: str) -> ZoneInfo:
    """The IANA zone called `name`; ValueError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ValueError(f"{name!r} is not an IANA time zone") from error


def _utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    # A local time skipped by a DST jump resolves forward (fold=0 takes the pre-jump offset),
    # which is how calendars treat 02:30 on a spring-forward night.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
