"""Deciding a pair's follow-ups when each job falls due: send it, wait, or never send it.

Everything is read again when due: a pairing that ended cancels its follow-ups; a session
moved or cancelled cancels its reminder (the moved one has its own); a session booked pushes
the cadence nudge back; the phase prompts wait for the sessions they follow. Nudges and
prompts wait for the recipient's working hours; a session reminder waits only when that
still leaves REMINDER_MIN_LEAD before the session, and is otherwise sent at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.agendas import Agendas
from teams_app.domain.follow_ups import (
    KIND,
    RECHECK,
    FollowUpKey,
    FollowUpKind,
    action_plan_due,
    cadence_due,
    pair_ends_at,
    parse_follow_up,
    reflection_due,
    rhythm_anchor,
)
from teams_app.domain.jobs import Cancel, Decision, Defer, Job, Send
from teams_app.domain.nudges import deliver_at
from teams_app.domain.pairing import Pairing, PairingStatus
from teams_app.domain.people import Person
from teams_app.domain.programme import Phase, Programme, Role
from teams_app.domain.retention import COHORT_ENDED
from teams_app.domain.sessions import Session, tally
from teams_app.domain.working_hours import WorkingHours
from teams_app.services.follow_up_views import CadenceNudgeView, PhasePromptView
from teams_app.services.job_ports import FollowUpStore
from teams_app.services.ports import Clock, Notifier
from teams_app.services.session_reminders import SessionReminders


@dataclass(frozen=True)
class DueFollowUp:
    """A claimed follow-up job with what was read for it."""

    job: Job
    key: FollowUpKey
    pairing: Pairing
    sessions: Sequence[Session]
    recipient: Person
    partner: Person


class FollowUps:
    """The job handler of every follow-up kind."""

    def __init__(
        self,
        store: FollowUpStore,
        notifier: Notifier,
        clock: Clock,
        programme: Programme,
        agendas: Agendas,
        session_reminders: SessionReminders | None = None,
        survey: Callable[[DueFollowUp], Awaitable[object | None]] | None = None,
    ) -> None:
        self._store = store
        self._notifier = notifier
        self._clock = clock
        self._programme = programme
        self._agendas = agendas
        self._session_reminders = session_reminders
        self._survey = survey

    async def __call__(self, job: Job) -> Decision:
        """Decide a due follow-up."""
        key = parse_follow_up(job.key)
        if key is None:
            return Cancel("not a follow-up key")
        pairing = await self._store.get_pairing(key.pairing_id)
        # `end cohort` ends the pairs early; their survey is due from then on.
        cohort_ended = (
            pairing is not None
            and key.kind is FollowUpKind.END_SURVEY
            and pairing.end_reason == COHORT_ENDED
        )
        if pairing is None or (pairing.status is not PairingStatus.ACTIVE and not cohort_ended):
            return Cancel("pairing ended")
        now = self._clock.now()
        ends = pair_ends_at(self._programme, pairing)
        if cohort_ended and pairing.ended_at is not None:
            ends = min(ends, pairing.ended_at)
        if key.kind is not FollowUpKind.END_SURVEY and now >= ends:
            return Cancel("programme ended")
        mine, theirs = (
            (pairing.mentee, pairing.mentor)
            if key.role is Role.MENTEE
            else (pairing.mentor, pairing.mentee)
        )
        recipient, partner = (
            await self._store.get_person(mine),
            await self._store.get_person(theirs),
        )
        if recipient is None or partner is None:
            return Cancel("person unknown")
        sessions = await self._store.sessions_of(key.pairing_id)
        due = DueFollowUp(job, key, pairing, sessions, recipient, partner)
        if key.kind is FollowUpKind.SESSION_REMINDER:
            if self._session_reminders is None:
                return Cancel("scheduling not configured")
            return await self._session_reminders.decide(due.key, due.sessions, now)
        return await self._decide(due, now, ends)

    async def _decide(self, due: DueFollowUp, now: datetime, ends: datetime) -> Decision:
        when = self._due_at(due, ends)
        if isinstance(when, Cancel):
            return when
        if now < when:
            return Defer(when)
        opens = deliver_at(now, WorkingHours.default_for(due.recipient.time_zone))
        if opens > now:
            return Defer(opens)
        return Send(lambda: self._send(due))

    def _due_at(self, due: DueFollowUp, ends: datetime) -> datetime | Cancel:
        kind, now = due.key.kind, self._clock.now()
        planned = self._programme.sessions.planned
        if kind is FollowUpKind.CADENCE:
            if tally(due.sessions, now, planned).held >= planned:
                return Cancel("all planned sessions held")
            anchor = rhythm_anchor(due.pairing, due.sessions)
            armed = due.job.created_at or due.pairing.started_at
            if due.key.role is Role.MENTOR and anchor > armed:
                return Cancel("a session since the mentee's nudge")
            r = self._programme.reminders
            return cadence_due(
                anchor, armed, due.key.role, r.cadence_nudge_days, r.cadence_mentor_days
            )
        if kind is FollowUpKind.ACTION_PLAN:
            return action_plan_due(due.sessions) or now + RECHECK
        if kind is FollowUpKind.REFLECTION:
            return reflection_due(due.sessions, planned, ends)
        if kind is FollowUpKind.END_SURVEY:
            return ends if self._survey is not None else Cancel("no survey configured")
        return Cancel("unknown follow-up")

    async def _send(self, due: DueFollowUp) -> str | None:
        if due.key.kind is FollowUpKind.CADENCE and due.key.role is Role.MENTEE:
            await self._rearm_cadence(due.key)  # before the send: a crash then loses nothing
        view = await self._view(due)
        if view is None:
            return "nothing to send"
        sent = await self._notifier.deliver(due.recipient.aad_object_id, view)
        return None if sent is not None else "unreachable"

    async def _rearm_cadence(self, key: FollowUpKey) -> None:
        """The mentor hears later if nothing changes, and the mentee again a rhythm later."""
        round_ = int(key.detail) if key.detail.isdigit() else 1
        due = self._clock.now()
        for detail, role in ((key.detail, Role.MENTOR), (str(round_ + 1), Role.MENTEE)):
            later = FollowUpKey(key.pairing_id, FollowUpKind.CADENCE, detail, role)
            await self._store.schedule_job(KIND, str(later), later.subject, due)

    async def _view(self, due: DueFollowUp) -> object | None:
        kind, name = due.key.kind, self._programme.name
        pairing_id = due.pairing.id or 0
        if kind is FollowUpKind.CADENCE:
            anchor = rhythm_anchor(due.pairing, due.sessions)
            counted = tally(due.sessions, self._clock.now(), self._programme.sessions.planned)
            return CadenceNudgeView(
                name,
                pairing_id,
                due.partner.name,
                due.key.role,
                (self._clock.now() - anchor).days,
                self._programme.sessions.rhythm,
                counted.held,
                counted.planned,
            )
        if kind is FollowUpKind.END_SURVEY:
            return await self._survey(due) if self._survey is not None else None
        reflection = kind is FollowUpKind.REFLECTION
        phase = self._phase(reflection)
        agenda = self._agendas.for_phase(phase)
        title = phase.title if phase is not None else ""
        items = agenda.items if agenda is not None else ()
        return PhasePromptView(
            name, pairing_id, due.partner.name, due.key.role, reflection, title, items
        )

    def _phase(self, reflection: bool) -> Phase | None:
        phases = self._programme.sessions.phases
        if reflection:
            return next((p for p in phases if p.final), None)
        named = next((p for p in phases if p.id == "action_plan"), None)
        return named or self._programme.sessions.phase_for(3)
