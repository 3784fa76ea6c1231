"""Ports for durable jobs, pair contacts and follow-ups (to be merged into ports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from teams_app.domain.jobs import Decision, Job, JobStatus
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.sessions import Session


class JobStore(Protocol):
    """Durable jobs: scheduled once by key, claimed under leases, settled by their owner."""

    async def schedule_job(self, kind: str, key: str, subject: str, due_at: datetime) -> Job:
        """Add a pending job unless one with `key` exists (in any status); the stored job."""
        ...

    async def claim_due_jobs(
        self, now: datetime, owner: str, lease_seconds: float, limit: int
    ) -> Sequence[Job]:
        """Lease up to `limit` open jobs due by `now` whose lease is free or expired.

        Safe with several replicas claiming at once: each job goes to one of them.
        """
        ...

    async def mark_in_flight(self, job_id: int, owner: str) -> bool:
        """Record that the job's effect starts now; False if `owner` no longer holds it."""
        ...

    async def settle_job(
        self,
        job_id: int,
        owner: str,
        status: JobStatus,
        error: str = "",
        due_at: datetime | None = None,
        reset_attempts: bool = False,
    ) -> bool:
        """Finish a run with a final status, or PENDING again at `due_at`; releases the lease.

        `reset_attempts` for a deferral, which was no failure; False if `owner` lost the job.
        """
        ...

    async def cancel_jobs(
        self, *, subject: str | None = None, key_prefix: str | None = None, reason: str = ""
    ) -> int:
        """Cancel the pending jobs of a subject or key prefix; how many were cancelled."""
        ...

    async def get_job(self, key: str) -> Job | None:
        """A job by its key."""
        ...

    async def list_jobs(
        self, *, subject: str | None = None, status: JobStatus | None = None
    ) -> Sequence[Job]:
        """Jobs (of one subject, in one status; None = any), by due time then id."""
        ...


class ContactStore(Protocol):
    """What the contact checks read and record besides jobs."""

    async def record_contact(
        self, pairing_id: int, at: datetime, how: str, recorded_by: str | None = None
    ) -> None:
        """Record a sign that the pair has met (a booked session, a "We've connected")."""
        ...

    async def contact_made_at(self, pairing_id: int) -> datetime | None:
        """When the pair first had contact, or None if it never had."""
        ...

    async def get_pairing(self, pairing_id: int) -> Pairing | None:
        """A pairing by id, in any status."""
        ...

    async def get_person(self, aad_object_id: str) -> Person | None:
        """A person by AAD object id."""
        ...


class NudgeStore(JobStore, ContactStore, Protocol):
    """The store the contact checks need."""


class JobHandler(Protocol):
    """Decides what a claimed job does: send now, wait (Defer) or never (Cancel)."""

    async def __call__(self, job: Job) -> Decision:
        """The decision for one claimed job; raising counts as a failed attempt."""
        ...


class FollowUpStore(NudgeStore, Protocol):
    """The store the follow-ups of a pair need: jobs, the pair, its people and sessions."""

    async def sessions_of(self, pairing_id: int) -> Sequence[Session]:
        """A pair's scheduled, held and cancelled sessions, earliest first."""
        ...
