"""Shared working hours (09:00–17:00 local) of two duty stations' time zones on a fixed day."""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WORKDAY_MINUTES = 8 * 60
_DAY_MINUTES = 24 * 60


@functools.lru_cache(maxsize=1024)
def utc_offset_minutes(zone: str | None, day: date) -> int | None:
    """The zone's offset from UTC at noon on `day`, in minutes; None for an unknown zone."""
    if not zone:
        return None
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    offset = datetime.combine(day, time(12), tzinfo=tz).utcoffset()
    return None if offset is None else int(offset.total_seconds() // 60)


def overlap_minutes(offset_a: int, offset_b: int) -> int:
    """Minutes both workdays share, given each zone's UTC offset; neighbouring days count too."""
    apart = offset_a - offset_b
    # Offsets span UTC-12 to UTC+14, so a workday can overlap the other zone's previous or
    # next day rather than its own.
    return max(
        max(0, WORKDAY_MINUTES - abs(apart + shift)) for shift in (-_DAY_MINUTES, 0, _DAY_MINUTES)
    )


def shared_minutes(zone_a: str | None, zone_b: str | None, day: date) -> int:
    """Minutes of shared working hours of two zones on `day`; 0 when either is unknown."""
    a, b = utc_offset_minutes(zone_a, day), utc_offset_minutes(zone_b, day)
    return 0 if a is None or b is None else overlap_minutes(a, b)
