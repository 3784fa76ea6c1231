"""Ending a cohort and keeping its personal data only for the preset's retention period.

`end cohort` ends the cohort's active pairs (end reason COHORT_ENDED: the programme ran its
course; the dashboard's "completed" stage stays what it counts, pairs that held every planned
session), sends each of them the end-of-programme survey and arms one durable job, keyed by
the cohort, that erases the cohort's personal data on `erase_on`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

ENDED = "ended"  # the cohort's status once `end cohort` is confirmed
COHORT_ENDED = "cohort ended"  # the end reason of the pairings it ends
KIND = "retention"
# What an erased person's id becomes in the records kept for counting (pairings, sessions).
ERASED = "erased"


def retention_key(cohort_id: int) -> str:
    """The unique key of a cohort's one retention job."""
    return f"{KIND}:cohort:{cohort_id}"


def parse_retention_key(key: str) -> int | None:
    """The cohort id of a retention job's key; None if it is not one."""
    kind, _, rest = key.partition(":")
    scope, _, ident = rest.partition(":")
    if kind != KIND or scope != "cohort" or not ident.isdigit():
        return None
    return int(ident)


def erase_on(ended_at: datetime, retention_days: int) -> datetime:
    """When a cohort ended at `ended_at` loses its personal data."""
    return ended_at + timedelta(days=retention_days)


@dataclass(frozen=True)
class Erasure:
    """What the retention job erased or anonymised, table by table (counts only)."""

    cohort_id: int
    counts: tuple[tuple[str, int], ...] = ()
    already: bool = False  # erased by an earlier run: nothing was touched

    def as_detail(self) -> dict[str, str]:
        """The counts as an audit detail (identifiers and numbers only)."""
        return {table: str(n) for table, n in self.counts}
