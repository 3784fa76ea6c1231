"""What ending a cohort and erasing its personal data need from the store."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from teams_app.domain.applications import Cohort
from teams_app.domain.retention import Erasure
from teams_app.services.job_ports import NudgeStore
from teams_app.services.ports import Store


class RetentionStore(Store, NudgeStore, Protocol):
    """The cohort, its pairings and requests, its jobs, and the erasure."""

    async def end_cohort(self, cohort_id: int, at: datetime, by: str, erase_on: datetime) -> Cohort:
        """Mark a cohort ended; raises StaleRecord if it already was."""
        ...

    async def bring_forward_job(self, key: str, due_at: datetime) -> bool:
        """Make a pending job due by `due_at` if it was due later; whether it moved."""
        ...

    async def erase_cohort_personal_data(
        self, cohort_id: int, at: datetime, free_text: Collection[str] = ()
    ) -> Erasure:
        """Erase the cohort's personal data in one transaction, once (audited with it)."""
        ...
