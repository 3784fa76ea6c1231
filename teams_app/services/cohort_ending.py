"""`end cohort`: a confirmation first; on Confirm (compare-and-set, so a double or concurrent
press acts once) the cohort ends, its active pairs end with the survey sent to both people
through their durable follow-up jobs, and one retention job is armed for the deletion date.

Every step after the compare-and-set is idempotent (unique job keys, pairings ended by
compare-and-set), so running it again, as a later `end cohort` does, repairs a crash midway
and sends nobody anything twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from teams_app.domain.applications import Cohort
from teams_app.domain.follow_ups import KIND as FOLLOW_UP
from teams_app.domain.follow_ups import FollowUpKey, FollowUpKind
from teams_app.domain.pairing import (
    Pairing,
    PairingStatus,
    RequestClosed,
    RequestStatus,
    StaleRecord,
)
from teams_app.domain.programme import Programme, Role
from teams_app.domain.retention import COHORT_ENDED, ENDED, erase_on, retention_key
from teams_app.domain.retention import KIND as RETENTION
from teams_app.services.admin_access import Administrators
from teams_app.services.cohort_views import EndCohortView, EndStage
from teams_app.services.ports import Clock
from teams_app.services.retention_ports import RetentionStore


class CohortEnding:
    """Ending the current edition's cohort from the administrators' channel."""

    def __init__(
        self, admins: Administrators, store: RetentionStore, clock: Clock, programme: Programme
    ) -> None:
        self._admins = admins
        self._store = store
        self._clock = clock
        self._programme = programme
        # Runs the due jobs, so the surveys leave now rather than at the next sweep; the bot
        # calls it in the background after a Confirm (set by the composition root).
        self.run_due_jobs: Callable[[], Awaitable[object]] | None = None

    async def ask(self, actor: str) -> EndCohortView | None:
        """The confirmation card, or (ended before) what happened then; None: refused."""
        if not await self._admins.check(actor, "cohort.end", "cohort"):
            return None
        cohort = await self._cohort()
        if cohort.status == ENDED:
            if cohort.personal_data_deleted_at is None:
                await self._fan_out(cohort)  # repairs a crash midway; sends nothing twice
            return await self._outcome(cohort, EndStage.ALREADY)
        active = await self._store.pairings(cohort.id, status=PairingStatus.ACTIVE)
        when = erase_on(self._clock.now(), self._programme.retention_days)
        return self._view(cohort, EndStage.ASKING, len(active), when)

    async def confirm(self, actor: str | None, cohort_id: int | None) -> EndCohortView | None:
        """End the cohort once; a second or concurrent press gets the outcome. None: refused."""
        if not await self._admins.check(actor, "cohort.end.confirm", f"cohort:{cohort_id}"):
            return None
        assert actor is not None
        cohort = await self._cohort()
        if cohort_id != cohort.id:
            return None
        now = self._clock.now()
        when = erase_on(now, self._programme.retention_days)
        try:
            cohort = await self._store.end_cohort(cohort.id, now, actor, when)
        except StaleRecord:
            return await self._outcome(await self._cohort(), EndStage.ALREADY)
        surveyed = await self._fan_out(cohort)
        detail = {"pairs_surveyed": str(surveyed), "erase_on": when.isoformat()}
        await self._admins.record(actor, "cohort.ended", f"cohort:{cohort.id}", detail)
        return await self._outcome(cohort, EndStage.ENDED, surveyed)

    async def cancel(self, actor: str | None, cohort_id: int | None) -> EndCohortView | None:
        """Leave the cohort as it is (or show that it ended meanwhile); None: refused."""
        if not await self._admins.check(actor, "cohort.end.cancel", f"cohort:{cohort_id}"):
            return None
        assert actor is not None
        cohort = await self._cohort()
        if cohort_id != cohort.id:
            return None
        if cohort.status == ENDED:
            return await self._outcome(cohort, EndStage.ALREADY)
        await self._admins.record(actor, "cohort.end_cancelled", f"cohort:{cohort.id}")
        now = self._clock.now()
        view = self._view(cohort, EndStage.CANCELLED, 0, erase_on(now, 0))
        return _with(view, await self._name(actor), now)

    async def _fan_out(self, cohort: Cohort) -> int:
        """End the active pairs, arm their surveys now and the retention job; pairs surveyed."""
        assert cohort.ended_at is not None and cohort.erase_on is not None
        surveyed = 0
        for pairing in await self._store.pairings(cohort.id, status=None):
            ended = await self._ended(pairing, cohort.ended_at)
            if ended is None or ended.end_reason != COHORT_ENDED or ended.id is None:
                continue  # ended earlier for another reason: no end-of-programme survey
            surveyed += 1
            for role in (Role.MENTEE, Role.MENTOR):
                # The same key as the follow-up armed at pairing: a survey already sent
                # stays sent, one still waiting for the programme's end date moves to now.
                key = FollowUpKey(ended.id, FollowUpKind.END_SURVEY, "1", role)
                await self._store.schedule_job(FOLLOW_UP, str(key), key.subject, cohort.ended_at)
                await self._store.bring_forward_job(str(key), cohort.ended_at)
        await self._withdraw_pending(cohort)
        subject = f"cohort:{cohort.id}"
        await self._store.schedule_job(
            RETENTION, retention_key(cohort.id), subject, cohort.erase_on
        )
        return surveyed

    async def _withdraw_pending(self, cohort: Cohort) -> None:
        """No mentor can accept a request into an ended cohort (nor let one expire onward)."""
        assert cohort.ended_at is not None
        for request in await self._store.list_requests(cohort.id, status=RequestStatus.PENDING):
            with contextlib.suppress(StaleRecord, RequestClosed):  # answered meanwhile
                closed = request.decided(RequestStatus.WITHDRAWN, cohort.ended_at)
                await self._store.close_request(closed)

    async def _ended(self, pairing: Pairing, at: datetime) -> Pairing | None:
        if pairing.status is not PairingStatus.ACTIVE or pairing.id is None:
            return pairing
        with contextlib.suppress(StaleRecord):  # ended meanwhile: read what it became
            return await self._store.end_pairing(pairing.id, pairing.version, at, COHORT_ENDED)
        return await self._store.get_pairing(pairing.id)

    async def _outcome(
        self, cohort: Cohort, stage: EndStage, surveyed: int | None = None
    ) -> EndCohortView:
        if surveyed is None:
            ended = await self._store.pairings(cohort.id, status=PairingStatus.ENDED)
            surveyed = sum(1 for p in ended if p.end_reason == COHORT_ENDED)
        view = self._view(cohort, stage, surveyed, cohort.erase_on or self._clock.now())
        by = await self._name(cohort.ended_by) if cohort.ended_by else None
        return _with(view, by, cohort.ended_at, cohort.personal_data_deleted_at)

    def _view(self, cohort: Cohort, stage: EndStage, pairs: int, when: datetime) -> EndCohortView:
        return EndCohortView(self._programme.name, cohort.id, cohort.name, stage, pairs, when)

    async def _cohort(self) -> Cohort:
        return await self._store.ensure_cohort(self._programme.id, self._programme.edition)

    async def _name(self, person: str) -> str:
        found = await self._store.get_person(person)
        return found.name if found is not None else "an administrator"


def _with(
    view: EndCohortView, by: str | None, at: datetime | None, deleted: datetime | None = None
) -> EndCohortView:
    return replace(view, by_name=by, at=at, deleted_at=deleted)


def ending_line(cohort: Cohort) -> str | None:
    """`status`: "Ended on …; personal data deleted on …" once the cohort has ended."""
    if cohort.ended_at is None:
        return None
    ended = f"Ended on {day(cohort.ended_at)}"
    if cohort.personal_data_deleted_at is not None:
        return f"{ended}; personal data deleted on {day(cohort.personal_data_deleted_at)}."
    if cohort.erase_on is not None:
        return f"{ended}; personal data will be deleted on {day(cohort.erase_on)}."
    return f"{ended}."


def day(at: datetime) -> str:
    """A date as the cards write it: 7 December 2026."""
    return f"{at.day} {at:%B %Y}"
