"""Free time for a pair: slots of a session's length inside both people's working hours that
overlap nobody's busy time, and a few well-spread offers among them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from teams_app.domain.calendar import TimeSpan
from teams_app.domain.working_hours import WorkingHours, zone_of

_GRID_ORIGIN = datetime(2000, 1, 1, tzinfo=UTC)
# Where in a day's free slots the n-th offered day looks first: morning, afternoon, between.
_DAY_POSITIONS = (0.0, 0.7, 0.35, 1.0, 0.15, 0.85, 0.5)

Period = tuple[datetime, datetime]


class NoSlotReason(StrEnum):
    """Why a search found nothing to offer."""

    NO_SHARED_HOURS = "no_shared_working_hours"
    SHARED_HOURS_TOO_SHORT = "shared_hours_shorter_than_session"
    CALENDARS_FULL = "calendars_full"


@dataclass(frozen=True)
class SlotRequest:
    """What to look for: sessions of `length`, starting on a `step` grid, between
    `now + notice` and `now + horizon`; offer at most `offers` of them."""

    now: datetime
    length: timedelta
    step: timedelta = timedelta(minutes=30)
    horizon: timedelta = timedelta(days=14)
    notice: timedelta = timedelta(hours=4)
    offers: int = 5

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        if self.length <= timedelta(0) or self.step <= timedelta(0) or self.offers < 1:
            raise ValueError("length, step and offers must be positive")

    def window(self) -> Period:
        """The span offers may start and end in, in UTC."""
        now = self.now.astimezone(UTC)
        return now + self.notice, now + self.horizon


@dataclass(frozen=True)
class SlotSearch:
    """The free slots found, in order, or the reason there are none."""

    slots: tuple[TimeSpan, ...]
    reason: NoSlotReason | None = None


def free_slots(
    hours: Sequence[WorkingHours], busy: Iterable[TimeSpan], request: SlotRequest
) -> SlotSearch:
    """Every slot on the step grid inside everyone's working hours and nobody's busy time."""
    start, end = request.window()
    shared = hours[0].spans(start, end) if hours else [(start, end)]
    for other in hours[1:]:
        shared = _intersect(shared, other.spans(start, end))
    if not shared:
        return SlotSearch((), NoSlotReason.NO_SHARED_HOURS)
    if all(closes - opens < request.length for opens, closes in shared):
        return SlotSearch((), NoSlotReason.SHARED_HOURS_TOO_SHORT)
    free = _subtract(shared, _merged(busy))
    slots = tuple(_on_grid(free, request.length, request.step))
    return SlotSearch(slots, None if slots else NoSlotReason.CALENDARS_FULL)


def find_offers(
    hours: Sequence[WorkingHours], busy: Iterable[TimeSpan], request: SlotRequest
) -> SlotSearch:
    """A few well-spread free slots to offer (days counted in the first person's zone)."""
    found = free_slots(hours, busy, request)
    day_zone = hours[0].time_zone if hours else "UTC"
    return SlotSearch(spread_offers(found.slots, day_zone, request.offers), found.reason)


def spread_offers(slots: Sequence[TimeSpan], day_zone: str, count: int) -> tuple[TimeSpan, ...]:
    """Up to `count` slots on different, evenly spaced days at varied hours, in order."""
    by_day = _by_local_day(slots, day_zone)
    days = sorted(by_day)
    if not days:
        return ()
    chosen_days = _evenly(days, count)
    hours_used: set[int] = set()
    offers = []
    for index, day in enumerate(chosen_days):
        position = _DAY_POSITIONS[index % len(_DAY_POSITIONS)]
        pick = _pick(by_day[day], position, (day_zone, hours_used), [])
        if pick is not None:
            offers.append(pick)
            hours_used.add(_local_hour(pick, day_zone))
    for day in days * count:  # fewer days than offers: add more slots to the days there are
        if len(offers) >= count:
            break
        pick = _pick(by_day[day], 0.5, (day_zone, hours_used), offers)
        if pick is not None:
            offers.append(pick)
            hours_used.add(_local_hour(pick, day_zone))
    return tuple(sorted(_vary_hours(offers, slots, day_zone)))


def _intersect(first: list[Period], second: list[Period]) -> list[Period]:
    result: list[Period] = []
    i = j = 0
    while i < len(first) and j < len(second):
        opens = max(first[i][0], second[j][0])
        closes = min(first[i][1], second[j][1])
        if opens < closes:
            result.append((opens, closes))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


def _merged(busy: Iterable[TimeSpan]) -> list[Period]:
    merged: list[Period] = []
    for span in sorted(busy):
        start, end = span.start.astimezone(UTC), span.end.astimezone(UTC)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(periods: list[Period], busy: list[Period]) -> list[Period]:
    free: list[Period] = []
    j = 0
    for opens, closes in periods:
        cursor = opens
        while j < len(busy) and busy[j][1] <= cursor:
            j += 1
        k = j
        while k < len(busy) and busy[k][0] < closes:
            if busy[k][0] > cursor:
                free.append((cursor, busy[k][0]))
            cursor = max(cursor, busy[k][1])
            k += 1
        if cursor < closes:
            free.append((cursor, closes))
    return free


def _on_grid(free: list[Period], length: timedelta, step: timedelta) -> Iterable[TimeSpan]:
    for opens, closes in free:
        offset = (opens - _GRID_ORIGIN) % step
        start = opens if not offset else opens + (step - offset)
        while start + length <= closes:
            yield TimeSpan(start, start + length)
            start += step


def _by_local_day(slots: Sequence[TimeSpan], zone_name: str) -> dict[date, list[TimeSpan]]:
    zone = zone_of(zone_name)
    by_day: dict[date, list[TimeSpan]] = {}
    for slot in slots:
        by_day.setdefault(slot.start.astimezone(zone).date(), []).append(slot)
    return by_day


def _evenly(days: list[date], count: int) -> list[date]:
    if len(days) <= count:
        return days
    if count == 1:
        return [days[0]]
    return [days[round(i * (len(days) - 1) / (count - 1))] for i in range(count)]


def _local_hour(slot: TimeSpan, zone_name: str) -> int:
    return slot.start.astimezone(zone_of(zone_name)).hour


def _pick(
    day_slots: list[TimeSpan],
    position: float,
    used: tuple[str, set[int]],
    taken: list[TimeSpan],
) -> TimeSpan | None:
    """The free slot nearest `position` (0 first, 1 last), preferring a local hour not used."""
    zone_name, hours_used = used
    open_slots = [s for s in day_slots if not any(s.overlaps(t) for t in taken)]
    if not open_slots:
        return None
    target = position * (len(open_slots) - 1)
    ranked = sorted(range(len(open_slots)), key=lambda i: abs(i - target))
    fresh = [i for i in ranked if _local_hour(open_slots[i], zone_name) not in hours_used]
    return open_slots[(fresh or ranked)[0]]


def _vary_hours(offers: list[TimeSpan], slots: Sequence[TimeSpan], day_zone: str) -> list[TimeSpan]:
    """If every offer starts at the same hour and another hour is free, offer that one too."""
    hours = {_local_hour(offer, day_zone) for offer in offers}
    if len(offers) < 2 or len(hours) > 1:
        return offers
    zone = zone_of(day_zone)
    for other in slots:
        if _local_hour(other, day_zone) in hours:
            continue
        day = other.start.astimezone(zone).date()
        same_day = [o for o in offers if o.start.astimezone(zone).date() == day]
        replaced = same_day[0] if same_day else offers[-1]
        kept = [offer for offer in offers if offer is not replaced]
        if not any(other.overlaps(offer) for offer in kept):
            return [*kept, other]
    return offers
