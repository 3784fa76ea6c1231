"""Durable jobs: what a job is, where it stands, and what its handler decides to do with it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class JobStatus(StrEnum):
    """Where a job stands; PENDING and IN_FLIGHT are open, the others are final."""

    PENDING = "pending"  # waiting for its due time, or claimed under a lease
    IN_FLIGHT = "in_flight"  # its effect (a send) has started and may have happened
    DONE = "done"
    CANCELLED = "cancelled"  # its subject changed, so it was never sent
    FAILED = "failed"  # gave up after too many attempts

    @property
    def open(self) -> bool:
        """Whether the job may still run."""
        return self in (JobStatus.PENDING, JobStatus.IN_FLIGHT)


@dataclass(frozen=True)
class Job:
    """One durable unit of work, unique by `key`, about `subject` (e.g. "pairing:42").

    `attempts` counts the claims so far; `status` IN_FLIGHT on a claimed job means an earlier
    run started its effect and then lost its lease (the process died), so it may have happened.
    """

    id: int
    kind: str
    key: str
    subject: str
    due_at: datetime
    status: JobStatus = JobStatus.PENDING
    attempts: int = 0
    lease_owner: str | None = None
    lease_until: datetime | None = None
    last_error: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Cancel:
    """The job's subject changed (pairing ended, contact made): never send it."""

    reason: str


@dataclass(frozen=True)
class Defer:
    """Not yet (e.g. outside the recipient's working hours): run again at `until`."""

    until: datetime


@dataclass(frozen=True)
class Send:
    """Do the effect; it returns a note for the job's record (e.g. "unreachable") or None."""

    action: Callable[[], Awaitable[str | None]]


Decision = Cancel | Defer | Send


def retry_delay(
    attempts: int,
    base: timedelta = timedelta(minutes=1),
    cap: timedelta = timedelta(hours=1),
) -> timedelta:
    """Exponential backoff after `attempts` failed runs (1 → base), never more than `cap`."""
    if attempts < 1:
        raise ValueError("a retry follows at least one attempt")
    # Past 2**20 the cap has long been reached; the bound keeps the number small.
    return min(cap, base * (1 << min(attempts - 1, 20)))
