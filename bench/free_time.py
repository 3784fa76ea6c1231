"""Free-slot search for one pair over 14 days against a naive minute-by-minute scan, in the
same run. Target (issue 5): under 50 ms of our own time per search, Graph excluded.

    .venv/bin/python bench/free_time.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from teams_app.domain.calendar import TimeSpan
from teams_app.domain.free_time import SlotRequest, find_offers, free_slots
from teams_app.domain.working_hours import WorkingHours

NOW = datetime(2026, 3, 20, 7, 13, tzinfo=UTC)  # spans the European DST change
HOURS = [WorkingHours("Europe/Zurich"), WorkingHours("America/New_York")]
REQUEST = SlotRequest(now=NOW, length=timedelta(minutes=60))
TARGET_MS = 50.0


def busy_calendars(seed: int = 5, per_person: int = 60) -> list[TimeSpan]:
    """Two fairly full calendars: meetings of 30 minutes to 3 hours over 15 days."""
    rng = random.Random(seed)
    spans = []
    for _ in range(2 * per_person):
        start = NOW + timedelta(minutes=30 * rng.randrange(15 * 48))
        spans.append(TimeSpan(start, start + timedelta(minutes=30 * rng.randint(1, 6))))
    return spans


def naive_slots(busy: list[TimeSpan]) -> list[TimeSpan]:
    """The baseline: test every minute of the window for both working hours and busy time."""
    start, end = REQUEST.window()
    zones = [(ZoneInfo(h.time_zone), h) for h in HOURS]
    free_minutes = []
    minute = start.replace(second=0, microsecond=0)
    while minute < end:
        working = all(
            (local := minute.astimezone(zone)).weekday() in h.days
            and h.start <= local.time() < h.end
            for zone, h in zones
        )
        free_minutes.append(working and not any(b.start <= minute < b.end for b in busy))
        minute += timedelta(minutes=1)
    base = start.replace(second=0, microsecond=0)
    need = int(REQUEST.length / timedelta(minutes=1))
    slots = []
    for index in range(len(free_minutes) - need + 1):
        at = base + timedelta(minutes=index)
        if at.minute % 30 == 0 and at >= start and all(free_minutes[index : index + need]):
            slots.append(TimeSpan(at, at + REQUEST.length))
    return slots


def per_call_ms(call: Callable[[], object], repeat: int) -> float:
    """Best-of-three mean milliseconds per call."""
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        for _ in range(repeat):
            call()
        best = min(best, (time.perf_counter() - began) / repeat)
    return best * 1000


def main() -> None:
    """Print the time per search, the baseline's and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    busy = busy_calendars()
    ours = free_slots(HOURS, busy, REQUEST).slots
    assert list(ours) == naive_slots(busy), "the baseline disagrees with the search"
    search_ms = per_call_ms(lambda: find_offers(HOURS, busy, REQUEST), args.repeat)
    naive_ms = per_call_ms(lambda: naive_slots(busy), max(1, args.repeat // 100))
    offers = find_offers(HOURS, busy, REQUEST).slots
    print(f"pair Zurich–New York, 14 days, {len(busy)} busy items, {len(ours)} free slots")
    print(f"find_offers (free slots + {len(offers)} offers): {search_ms:8.3f} ms per search")
    print(f"naive minute-by-minute scan:                  {naive_ms:8.3f} ms per search")
    print(f"speed-up: {naive_ms / search_ms:,.0f}×")
    verdict = "PASS" if search_ms < TARGET_MS else "FAIL"
    print(f"{verdict}: < {TARGET_MS:.0f} ms per search")


if __name__ == "__main__":
    main()
