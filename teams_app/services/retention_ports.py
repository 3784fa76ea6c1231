"""What ending a cohort and erasing its personal data need from the store."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol

from teams_app.domain.applications import Cohort
from teams_app.domain.pairing import MentorRequest, Pairing, PairingStatus, RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.retention import Erasure
from teams_app.services.job_ports import JobStore


class RetentionStore(JobStore, Protocol):
    """The cohort, its pairings, its jobs, and the erasure."""

    async def ensure_cohort(self, programme_id: str, name: str) -> Cohort:
        """The cohort of one programme edition, created on first use."""
        ...

    async def get_cohort(self, cohort_id: int) -> Cohort | None:
        """A cohort by id."""
        ...

    async def end_cohort(self, cohort_id: int, at: datetime, by: str, erase_on: datetime) -> Cohort:
        """Mark a cohort ended; raises StaleRecord if it already was."""
        ...

    async def pairings(
        self,
        cohort_id: int,
        *,
        person: str | None = None,
        status: PairingStatus | None = PairingStatus.ACTIVE,
    ) -> Sequence[Pairing]:
        """A cohort's pairings (None = any status), ordered by id."""
        ...

    async def get_pairing(self, pairing_id: int) -> Pairing | None:
        """A pairing by id, in any status."""
        ...

    async def end_pairing(
        self, pairing_id: int, expected_version: int, at: datetime, reason: str
    ) -> Pairing:
        """End an active pairing read at `expected_version`; raises StaleRecord otherwise."""
        ...

    async def list_requests(
        self,
        cohort_id: int,
        *,
        mentee: str | None = None,
        mentor: str | None = None,
        status: RequestStatus | None = None,
    ) -> Sequence[MentorRequest]:
        """A cohort's requests, narrowed to a mentee, a mentor and a status; ordered by id."""
        ...

    async def close_request(self, r: MentorRequest) -> MentorRequest:
        """Store a decided request if still pending at r.version; raises StaleRecord."""
        ...

    async def get_person(self, aad_object_id: str) -> Person | None:
        """A person by AAD object id."""
        ...

    async def bring_forward_job(self, key: str, due_at: datetime) -> bool:
        """Make a pending job due by `due_at` if it was due later; whether it moved."""
        ...

    async def erase_cohort_personal_data(
        self, cohort_id: int, at: datetime, free_text: Collection[str] = ()
    ) -> Erasure:
        """Erase the cohort's personal data in one transaction, once (audited with it)."""
        ...
