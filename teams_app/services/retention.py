"""The retention job: on the deletion date of an ended cohort, erase its personal data.

One job per cohort (key `retention:cohort:<id>`), decided again when due: it waits until the
date, and a cohort already erased makes it end without touching anything. The erasure is one
transaction in the store, so a crash leaves all of it or none of it, and the job runner's
retry after a crash finds either the work to do or nothing left.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from teams_app.domain.jobs import Cancel, Decision, Defer, Job, Send
from teams_app.domain.retention import parse_retention_key
from teams_app.services.ports import Clock
from teams_app.services.retention_ports import RetentionStore

log = logging.getLogger(__name__)


class RetentionJobs:
    """The job handler of kind `retention`."""

    def __init__(self, store: RetentionStore, clock: Clock, free_text: Collection[str]) -> None:
        self._store = store
        self._clock = clock
        self._free_text = frozenset(free_text)  # survey questions answered in typed text

    async def __call__(self, job: Job) -> Decision:
        """Erase when due; wait before; nothing for a cohort already erased."""
        cohort_id = parse_retention_key(job.key)
        if cohort_id is None:
            return Cancel("not a retention key")
        cohort = await self._store.get_cohort(cohort_id)
        if cohort is None or cohort.erase_on is None:
            return Cancel("cohort not ended")
        if cohort.personal_data_deleted_at is not None:
            return Cancel("personal data already deleted")
        if self._clock.now() < cohort.erase_on:
            return Defer(cohort.erase_on)
        return Send(lambda: self._erase(cohort_id))

    async def _erase(self, cohort_id: int) -> str | None:
        erasure = await self._store.erase_cohort_personal_data(
            cohort_id, self._clock.now(), self._free_text
        )
        log.info(
            "retention.erased",
            extra={"cohort": cohort_id, "already": erasure.already, **erasure.as_detail()},
        )
        return "already erased" if erasure.already else None
