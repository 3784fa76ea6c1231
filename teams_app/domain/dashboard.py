"""The programme dashboard's figures, as counted by the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

FUNNEL = ("applied", "eligible", "suggested", "paired", "first_contact", "active", "completed")
DIMENSIONS = ("duty_station", "grade", "language", "entity")
FIRST_CONTACT_BUCKETS = ("0–3 days", "4–7 days", "8–14 days", "15–30 days", "over 30 days")
NO_CONTACT_YET = "no contact yet"

Count = tuple[str, int]


@dataclass(frozen=True)
class PairWithoutContact:
    """An active pair that has not met yet."""

    pairing_id: int
    mentee: str
    mentor: str
    started_at: datetime


@dataclass(frozen=True)
class DashboardFigures:
    """Every count of the dashboard but the unmatched mentees (the matching engine's)."""

    funnel: tuple[Count, ...]
    pairs_by: dict[str, tuple[Count, ...]]
    sessions_per_month: tuple[Count, ...]
    first_contact_days: tuple[Count, ...]
    nudges: tuple[tuple[str, str, int], ...]
    without_contact: tuple[PairWithoutContact, ...] = field(default=())
