"""No-contact nudges of a new pairing: scheduled as durable jobs, decided when each falls due.

A pairing gets one job per nudge (keys `contact-check:pairing:<id>:<nudge kind>`). When a job
runs, the pairing is read again: if it ended or the pair has had contact, the job is
cancelled and nothing is sent. A nudge to one person waits for their working hours.
"""

from __future__ import annotations

from collections.abc import Sequence

from teams_app.domain.jobs import Cancel, Decision, Defer, Job, Send
from teams_app.domain.nudges import Nudge, NudgeKind, deliver_at, nudge_of, nudge_schedule
from teams_app.domain.pairing import Pairing, PairingStatus
from teams_app.domain.people import Person
from teams_app.domain.programme.rules import Reminders
from teams_app.domain.working_hours import WorkingHours
from teams_app.services.admin_alerts import AdminAlerts, notify_each
from teams_app.services.admin_ports import ChannelPoster
from teams_app.services.follow_up_planner import FollowUpPlanner
from teams_app.services.job_ports import NudgeStore
from teams_app.services.nudge_views import AdminAlertView, MenteeReminderView, MentorPingView
from teams_app.services.ports import Clock, Notifier

KIND = "contact-check"


def subject_of(pairing_id: int) -> str:
    """The subject of every job about one pairing."""
    return f"pairing:{pairing_id}"


def key_prefix(pairing_id: int) -> str:
    """The start of the keys of one pairing's contact checks."""
    return f"{KIND}:{subject_of(pairing_id)}:"


def key_of(pairing_id: int, kind: NudgeKind) -> str:
    """The unique key of one nudge of one pairing."""
    return f"{key_prefix(pairing_id)}{kind.value}"


def parse_key(key: str) -> tuple[int, NudgeKind] | None:
    """The pairing id and nudge kind of a contact-check key; None if it is not one."""
    parts = key.split(":")
    if len(parts) != 4 or parts[0] != KIND or parts[1] != "pairing" or not parts[2].isdigit():
        return None
    try:
        return int(parts[2]), NudgeKind(parts[3])
    except ValueError:
        return None


class ContactChecks:
    """Schedules a pairing's nudges and decides each one when it falls due."""

    def __init__(
        self,
        store: NudgeStore,
        notifier: Notifier,
        clock: Clock,
        reminders: Reminders,
        admins: Sequence[str] = (),
        channel: ChannelPoster | None = None,
        follow_ups: FollowUpPlanner | None = None,
    ) -> None:
        self._store = store
        self._notifier = notifier
        self._clock = clock
        self._reminders = reminders
        # The administrators' channel; without one, their own chats. Also used by the request
        # use cases (a mentee left with no mentor).
        self.alerts = AdminAlerts(notifier, admins, channel)
        self._follow_ups = follow_ups  # a new pairing's later jobs, armed with these

    async def schedule(self, pairing: Pairing) -> Sequence[Job]:
        """Schedule the nudges of a new pairing; scheduling again changes nothing."""
        if pairing.id is None:
            raise ValueError("only a stored pairing has contact checks")
        if self._follow_ups is not None:
            await self._follow_ups.schedule(pairing)
        return [
            await self._store.schedule_job(
                KIND, key_of(pairing.id, nudge.kind), subject_of(pairing.id), nudge.due_at
            )
            for nudge in nudge_schedule(pairing.started_at, self._reminders)
        ]

    async def record_contact(self, pairing_id: int, how: str, by: str | None = None) -> int:
        """Record that the pair has met and cancel its pending nudges; how many were."""
        await self._store.record_contact(pairing_id, self._clock.now(), how, by)
        return await self._store.cancel_jobs(
            key_prefix=key_prefix(pairing_id), reason="contact made"
        )

    async def confirm_contact(self, person: str, pairing_id: int) -> bool:
        """A member of the pair says they have connected ("We've already connected").

        False, and nothing recorded, when `person` is not the pairing's mentee or mentor.
        """
        pairing = await self._store.get_pairing(pairing_id)
        if pairing is None or person not in (pairing.mentee, pairing.mentor):
            return False
        await self.record_contact(pairing_id, "confirmed", by=person)
        return True

    async def pairing_ended(self, pairing_id: int) -> int:
        """Cancel the pending nudges of a pairing that ended; how many were."""
        return await self._store.cancel_jobs(
            key_prefix=key_prefix(pairing_id), reason="pairing ended"
        )

    async def __call__(self, job: Job) -> Decision:
        """Decide a due contact check: cancel it, hold it for working hours, or send it."""
        parsed = parse_key(job.key)
        if parsed is None:
            return Cancel("not a contact-check key")
        pairing_id, kind = parsed
        pairing = await self._store.get_pairing(pairing_id)
        if pairing is None or pairing.status is not PairingStatus.ACTIVE:
            return Cancel("pairing ended")
        if await self._store.contact_made_at(pairing_id) is not None:
            return Cancel("contact made")
        nudge = nudge_of(kind, pairing.started_at, self._reminders)
        now = self._clock.now()
        if now < nudge.due_at:
            return Defer(nudge.due_at)
        mentee = await self._store.get_person(pairing.mentee)
        mentor = await self._store.get_person(pairing.mentor)
        if mentee is None or mentor is None:
            return Cancel("person unknown")
        return self._decide(pairing_id, nudge, mentee, mentor)

    def _decide(self, pairing_id: int, nudge: Nudge, mentee: Person, mentor: Person) -> Decision:
        if nudge.kind is NudgeKind.ADMIN_ALERT:
            view = AdminAlertView(pairing_id, mentee.name, mentor.name, nudge.day)
            return Send(lambda: self.alerts.send(view))
        recipient, view_of = (
            (mentee, MenteeReminderView(pairing_id, mentor.name, nudge.day))
            if nudge.kind is NudgeKind.MENTEE_REMINDER
            else (mentor, MentorPingView(pairing_id, mentee.name, mentee.email, nudge.day))
        )
        now = self._clock.now()
        opens = deliver_at(now, WorkingHours.default_for(recipient.time_zone))
        if opens > now:
            return Defer(opens)
        return Send(lambda: notify_each(self._notifier, (recipient.aad_object_id,), view_of))
