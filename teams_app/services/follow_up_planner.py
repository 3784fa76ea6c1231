"""Arming the follow-ups of a pair as durable jobs: when it is formed, and when a session is
booked or moved. Scheduling again changes nothing (each job is unique by its key); what is
finally sent is decided when each job falls due (FollowUps)."""

from __future__ import annotations

from datetime import datetime, timedelta

from teams_app.domain.follow_ups import (
    KIND,
    FollowUpKey,
    FollowUpKind,
    pair_ends_at,
    reflection_due,
    reminder_detail,
    reminder_due,
)
from teams_app.domain.pairing import Pairing
from teams_app.domain.programme import Programme, Role
from teams_app.domain.sessions import Session
from teams_app.services.job_ports import JobStore
from teams_app.services.ports import Clock

ROLES = (Role.MENTEE, Role.MENTOR)


class FollowUpPlanner:
    """Schedules a pair's follow-up jobs."""

    def __init__(self, store: JobStore, clock: Clock, programme: Programme) -> None:
        self._store = store
        self._clock = clock
        self._programme = programme

    async def schedule(self, pairing: Pairing) -> None:
        """Arm a new pairing: cadence nudge, phase prompts and the end-of-programme survey."""
        if pairing.id is None:
            raise ValueError("only a stored pairing has follow-ups")
        reminders = self._programme.reminders
        ends = pair_ends_at(self._programme, pairing)
        cadence = pairing.started_at + timedelta(days=reminders.cadence_nudge_days)
        await self._add(FollowUpKey(pairing.id, FollowUpKind.CADENCE, "1", Role.MENTEE), cadence)
        planned = self._programme.sessions.planned
        firsts = (
            (FollowUpKind.ACTION_PLAN, pairing.started_at),  # decided again when due
            (FollowUpKind.REFLECTION, reflection_due((), planned, ends)),
            (FollowUpKind.END_SURVEY, ends),
        )
        for kind, due in firsts:
            for role in ROLES:
                await self._add(FollowUpKey(pairing.id, kind, "1", role), due)

    async def session_booked(self, pairing: Pairing, session: Session) -> int:
        """Remind both people of a booked (or moved) session; how many reminders were armed.

        A session starting inside the reminder window gets none: both people have just
        received its card. A pair formed before follow-ups existed is armed here too.
        """
        await self.schedule(pairing)
        due = reminder_due(session, self._programme.reminders.session_reminder_hours)
        if session.id is None or due <= self._clock.now():
            return 0
        detail = reminder_detail(session)
        for role in ROLES:
            await self._add(
                FollowUpKey(session.pairing_id, FollowUpKind.SESSION_REMINDER, detail, role), due
            )
        return len(ROLES)

    async def _add(self, key: FollowUpKey, due: datetime) -> None:
        await self._store.schedule_job(KIND, str(key), key.subject, due)
