"""A slot written in each person's local time, as the scheduling cards show it."""

from __future__ import annotations

from teams_app.domain.calendar import TimeSpan
from teams_app.domain.working_hours import zone_of


def in_zone(slot: TimeSpan, zone_name: str) -> str:
    """E.g. "Tue 3 Mar 10:00–10:45 (Europe/London)"; the end carries its day if it differs."""
    zone = zone_of(zone_name)
    start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
    day = f"{start:%a} {start.day} {start:%b}"
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a} {end:%H:%M}"
    return f"{day} {start:%H:%M}–{until} ({zone_name})"


def in_both_zones(slot: TimeSpan, first_zone: str, second_zone: str) -> tuple[str, str]:
    """The slot in the first and in the second person's local time."""
    return in_zone(slot, first_zone), in_zone(slot, second_zone)
