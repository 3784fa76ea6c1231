"""What the scheduling use cases share: their ports, finding a person's pair, and the views
of sessions, agendas and calendar failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.agendas import Agenda, Agendas
from teams_app.domain.audit import AuditEntry
from teams_app.domain.calendar import (
    CalendarError,
    CalendarItemMissing,
    CalendarUnavailable,
    PermissionMissing,
)
from teams_app.domain.local_times import in_zone
from teams_app.domain.pairing import PairingStatus
from teams_app.domain.programme import Programme, Role
from teams_app.domain.sessions import Session, SessionState, number_of
from teams_app.services.calendar_alerts import PermissionAlerts
from teams_app.services.calendar_ports import Calendar, Directory, SessionStore
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.follow_up_planner import FollowUpPlanner
from teams_app.services.late_views import Background
from teams_app.services.pair_times import Pair
from teams_app.services.ports import Clock, Notifier
from teams_app.services.session_views import (
    ChoosePartnerView,
    PartnerChoice,
    RetryBooking,
    SchedulingNotice,
    SessionCardView,
)

NOT_PAIRED = SchedulingNotice(
    "You are not paired yet",
    "Sessions are scheduled with your mentor or mentee once you are paired. You will get a "
    "card here as soon as that happens.",
    style="emphasis",
)
NOT_YOURS = SchedulingNotice(
    "This pairing is not one of yours",
    "Nothing was changed. Type “schedule” to see the pairings you can schedule for.",
)
ENDED = SchedulingNotice(
    "This pairing has ended",
    "Sessions can only be scheduled for an active pairing. Nothing was changed.",
)


@dataclass(frozen=True)
class SchedulingPorts:
    """The adapters scheduling acts through."""

    store: SessionStore
    calendar: Calendar
    directory: Directory
    notifier: Notifier
    clock: Clock


class SessionContext:
    """State and helpers shared by booking, moving and cancelling sessions."""

    def __init__(
        self,
        ports: SchedulingPorts,
        programme: Programme,
        agendas: Agendas,
        background: Background,
        alerts: PermissionAlerts,
        contact_checks: ContactChecks | None = None,
        follow_ups: FollowUpPlanner | None = None,
    ) -> None:
        self.store = ports.store
        self.calendar = ports.calendar
        self.directory = ports.directory
        self.notifier = ports.notifier
        self.clock = ports.clock
        self.programme = programme
        self.agendas = agendas
        self.background = background
        self.alerts = alerts
        self.contact_checks = contact_checks
        self.follow_ups = follow_ups  # arms the reminders of booked and moved sessions

    async def pair_of(
        self, person: str, pairing_id: int | None
    ) -> Pair | SchedulingNotice | ChoosePartnerView:
        """The person's active pair (the one named, or their only one), or why there is none."""
        if pairing_id is None:
            active = [
                p for p in await self.store.pairings_of(person) if p.status is PairingStatus.ACTIVE
            ]
            if not active:
                return NOT_PAIRED
            if len(active) > 1:
                return await self._choose_partner(person, [p.id for p in active if p.id])
            pairing_id = active[0].id
        pairing = await self.store.get_pairing(pairing_id or 0)
        if pairing is None or person not in (pairing.mentee, pairing.mentor):
            return NOT_YOURS
        if pairing.status is not PairingStatus.ACTIVE:
            return ENDED
        mentee = await self.store.get_person(pairing.mentee)
        mentor = await self.store.get_person(pairing.mentor)
        if mentee is None or mentor is None or not mentee.email or not mentor.email:
            return SchedulingNotice(
                "An e-mail address is missing",
                "Tandem needs both your e-mail addresses to send the meeting invitation. "
                f"Please write to {self.programme.contact} so the programme team can fix it.",
            )
        return Pair(pairing, mentee, mentor)

    def agenda_for(self, number: int) -> Agenda | None:
        """The agenda of the phase a session with this number falls in."""
        sessions = self.programme.sessions
        phase = sessions.phase_for(number) or sessions.phase_for(max(1, sessions.planned - 1))
        return self.agendas.for_phase(phase)

    async def card_view(
        self,
        pair: Pair,
        session: Session,
        viewer: str,
        headline: str,
        notice: tuple[str, str] | None = None,
    ) -> SessionCardView:
        """A session as `viewer` sees it; `notice` is (text, style)."""
        assert session.id is not None
        now = self.clock.now()
        number = number_of(session.starts_at, await self.store.sessions_of(pair.id))
        zones = {pair.mentee.aad_object_id: session.time_zone}
        zones[pair.mentor.aad_object_id] = session.mentor_zone
        partner = pair.partner_of(viewer)
        return SessionCardView(
            programme_name=self.programme.name,
            session_id=session.id,
            version=session.version,
            pairing_id=pair.id,
            partner_name=partner.name,
            state=session.state(now) or SessionState.SCHEDULED,
            viewer_time=in_zone(session.span, zones[viewer]),
            partner_time=in_zone(session.span, zones[partner.aad_object_id]),
            number=number,
            planned=self.programme.sessions.planned,
            join_url=session.join_url,
            dev_link=session.dev_link,
            agenda=self.agenda_for(number),
            changeable=session.changeable(now),
            headline=headline,
            notice=notice[0] if notice else None,
            notice_style=notice[1] if notice else "good",
        )

    async def calendar_failed(
        self, error: CalendarError, attempted: str, retry: RetryBooking | None = None
    ) -> SchedulingNotice:
        """What the person hears when the calendar did not do what they asked."""
        pairing = retry.pairing_id if retry else None
        if isinstance(error, PermissionMissing):
            await self.alerts.missing(error, attempted)
            return SchedulingNotice(
                "Tandem cannot reach the calendars yet",
                f"Nothing was changed: Tandem is not yet allowed to {attempted} in Microsoft "
                "Teams. The programme administrators have been told and will fix it; "
                "please try again later.",
            )
        if isinstance(error, CalendarItemMissing):
            return SchedulingNotice(
                "A calendar could not be found",
                f"Nothing was changed: one of your calendars could not be found. Please write "
                f"to {self.programme.contact}.",
                pairing_id=pairing,
            )
        busy = isinstance(error, CalendarUnavailable)
        why = "did not answer in time" if busy else "refused the request"
        return SchedulingNotice(
            "Nothing was changed",
            f"Microsoft Teams calendars {why}, so we could not {attempted}. Please try again "
            "in a moment.",
            retry=retry,
            pairing_id=pairing,
        )

    async def audit(self, actor: str, action: str, session: Session) -> None:
        """One audit row per scheduling change: identifiers only."""
        entry = AuditEntry(self.clock.now(), actor, action, f"session:{session.id}")
        await self.store.append_audit(entry)

    async def remember_card(self, session: Session, role: Role, activity: str | None) -> None:
        """Keep a person's session card so later changes update it in place."""
        if activity and session.id is not None:
            await self.store.set_session_card(session.id, role, activity)

    async def arm_reminders(self, pair: Pair, session: Session) -> None:
        """Remind both people before a session just booked or moved."""
        if self.follow_ups is not None:
            await self.follow_ups.session_booked(pair.pairing, session)

    def now(self) -> datetime:
        """The current time, by the clock."""
        return self.clock.now()

    async def _choose_partner(self, person: str, pairing_ids: list[int]) -> ChoosePartnerView:
        choices = []
        for pairing_id in pairing_ids:
            pairing = await self.store.get_pairing(pairing_id)
            if pairing is None:
                continue
            partner_id = pairing.mentor if pairing.mentee == person else pairing.mentee
            partner = await self.store.get_person(partner_id)
            choices.append(PartnerChoice(pairing_id, partner.name if partner else "Your partner"))
        return ChoosePartnerView(self.programme.name, tuple(choices))


def first_name(name: str) -> str:
    """The first word of a name, for friendly sentences."""
    return name.split(" ")[0] if name else name


def local_time(session: Session, pair: Pair, person: str) -> str:
    """When the session runs in `person`'s local time."""
    zone = session.time_zone if person == pair.mentee.aad_object_id else session.mentor_zone
    return in_zone(session.span, zone)
