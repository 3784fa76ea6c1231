"""Offering a pair free times and booking one as a Teams meeting the mentee organises.

A click claims the slot in the database before the calendar is asked, with a transaction id
tied to the pairing, the offers card and the slot: a double click or a re-sent invoke finds
the claim, and a retried request makes one meeting. A booking the calendar refuses is
dropped, so no half-recorded session remains, and the person can try again.
"""

from __future__ import annotations

import html
import secrets
from datetime import datetime, timedelta

from teams_app.domain.calendar import CalendarError, TimeSpan
from teams_app.domain.free_time import NoSlotReason
from teams_app.domain.pairing import StaleRecord
from teams_app.domain.programme import Role
from teams_app.domain.sessions import (
    Session,
    SessionStatus,
    number_of,
    tally,
    transaction_id,
    upcoming,
)
from teams_app.services.pair_times import (
    Pair,
    PairHours,
    pair_hours,
    shared_free_times,
    slot_request,
)
from teams_app.services.session_context import SessionContext, first_name, local_time
from teams_app.services.session_views import (
    BookingView,
    Moving,
    OffersView,
    RetryBooking,
    SchedulingNotice,
    SessionCardView,
    SessionLine,
    SlotChoice,
)

# A booking claimed this long ago whose owner never finished it (the process died) may be
# taken over; the calendar's transaction id keeps that from making a second meeting.
STALE_BOOKING = timedelta(minutes=2)
# A slot offered on a card may be chosen until shortly before it starts.
LAST_CALL = timedelta(minutes=15)
SEARCH_DAYS = 14

LOOKING = BookingView(
    "Looking for free times…",
    "Reading both your calendars. This card updates in a moment.",
)
BOOKING = BookingView(
    "Booking your session…",
    "Creating the Teams meeting in both your calendars. This card updates as soon as it is done.",
)
NO_SLOT_WORDS = {
    NoSlotReason.NO_SHARED_HOURS: "your working hours do not overlap on any day",
    NoSlotReason.SHARED_HOURS_TOO_SHORT: "your shared working hours are shorter than a session",
    NoSlotReason.CALENDARS_FULL: "your calendars are full where your working hours overlap",
}


class SessionBooking(SessionContext):
    """Free times for a pair, and booking one of them."""

    async def offers(
        self, person: str, pairing_id: int | None = None, moving: Moving | None = None
    ) -> object:
        """The offers card (possibly a LateView while the calendars are read)."""
        pair = await self.pair_of(person, pairing_id)
        if not isinstance(pair, Pair):
            return pair
        return await self.fresh_offers(pair, person, moving)

    async def fresh_offers(
        self, pair: Pair, viewer: str, moving: Moving | None = None, notice: str | None = None
    ) -> object:
        """The offers card within Teams' time (a LateView while slow calendars are read)."""
        work = self.offers_now(pair, viewer, moving, notice)
        return await self.background.within_budget(viewer, work, LOOKING)

    async def offers_now(
        self, pair: Pair, viewer: str, moving: Moving | None = None, notice: str | None = None
    ) -> OffersView | SchedulingNotice:
        """Read both calendars and offer 3 to 5 free times (fewer only if no more exist)."""
        sessions = self.programme.sessions
        try:
            hours = await pair_hours(self.directory, pair)
            search = await shared_free_times(
                self.calendar, pair, hours, slot_request(self.now(), sessions)
            )
        except CalendarError as error:
            return await self.calendar_failed(error, "read your calendars")
        booked = await self.store.sessions_of(pair.id)
        counted = tally(booked, self.now(), sessions.planned)
        slots = tuple(self._choice(pair, hours, viewer, slot) for slot in search.slots)
        start = search.slots[0].start if search.slots else self.now()
        reason = NO_SLOT_WORDS[search.reason] if search.reason and not slots else None
        return OffersView(
            programme_name=self.programme.name,
            pairing_id=pair.id,
            partner_name=pair.partner_of(viewer).name,
            length_minutes=sessions.length_minutes,
            number=number_of(start, booked) if moving is None else 0,
            planned=sessions.planned,
            rhythm=sessions.rhythm,
            slots=slots,
            offer_key=secrets.token_hex(4),
            organiser_note=self._organiser_note(pair, viewer),
            upcoming=tuple(
                SessionLine(s.id or 0, number_of(s.starts_at, booked), local_time(s, pair, viewer))
                for s in upcoming(booked, self.now())
            ),
            moving=moving,
            empty_reason=reason,
            notice=notice,
            held=counted.held,
            booked=counted.upcoming,
        )

    async def book(
        self,
        person: str,
        pairing_id: int,
        start: datetime,
        offer_key: str,
        card_activity: str | None = None,
    ) -> object:
        """Book the chosen slot (a LateView while the calendar works); once per slot."""
        pair = await self.pair_of(person, pairing_id)
        if not isinstance(pair, Pair):
            return pair
        span = TimeSpan(start, start + self.programme.sessions.length)
        problem = await self._slot_problem(pair, span)
        if problem is not None:
            return await self.fresh_offers(pair, person, notice=problem)
        claim = Session(
            pair.id,
            span.start,
            span.end,
            organizer=pair.mentee.aad_object_id,
            booked_by=person,
            transaction_id=transaction_id(pair.id, offer_key, span.start),
        )
        try:
            claimed, fresh = await self.store.claim_session(claim)
        except StaleRecord:  # the earlier claim failed just now: this click may try again
            claimed, fresh = await self.store.claim_session(claim)
        if not fresh:
            taken = await self._claimed_before(pair, person, claimed)
            if taken is not None:
                return taken
            try:
                claimed = await self.store.take_over_booking(claimed.id or 0, claimed.version)
            except StaleRecord:  # another click took it over first and is booking it
                return BOOKING
        retry = RetryBooking(pair.id, span.start, offer_key)
        work = self._finish_booking(pair, claimed, person, (card_activity, retry))
        return await self.background.within_budget(person, work, BOOKING)

    async def _claimed_before(self, pair: Pair, person: str, found: Session) -> object | None:
        """What a second click sees; None when a stalled booking may be taken over."""
        if found.status is SessionStatus.SCHEDULED:
            already = ("This session is already booked.", "good")
            return await self.card_view(pair, found, person, "Session booked", already)
        if found.status is SessionStatus.CANCELLED:
            gone = "That session was booked and then cancelled. Here are fresh times."
            return await self.fresh_offers(pair, person, notice=gone)
        claimed_at = found.updated_at or self.now()
        if self.now() - claimed_at < STALE_BOOKING:
            return BOOKING
        return None

    async def _finish_booking(
        self,
        pair: Pair,
        claimed: Session,
        person: str,
        context: tuple[str | None, RetryBooking],
    ) -> SessionCardView | SchedulingNotice:
        card_activity, retry = context
        assert claimed.id is not None
        number = number_of(claimed.starts_at, await self.store.sessions_of(pair.id))
        try:
            hours = await pair_hours(self.directory, pair)
            meeting = await self.calendar.create_event(
                organizer=pair.mentee.aad_object_id,
                attendees=[pair.mentee.email, pair.mentor.email],
                subject=self._subject(pair),
                body_html=self._invitation(number),
                start=claimed.starts_at,
                end=claimed.ends_at,
                time_zone=hours.mentee_zone,
                transaction_id=claimed.transaction_id,
            )
        except CalendarError as error:
            await self.store.drop_booking(claimed.id, claimed.version)
            return await self.calendar_failed(error, "book the session", retry)
        except BaseException:
            await self.store.drop_booking(claimed.id, claimed.version)
            raise
        zones = (hours.mentee_zone, hours.mentor_zone)
        session = await self.store.confirm_session(claimed.id, claimed.version, meeting, zones)
        await self._booked(pair, session, person, card_activity)
        told = self._told(pair, person)
        return await self.card_view(pair, session, person, "Session booked", told)

    async def _booked(
        self, pair: Pair, session: Session, person: str, card_activity: str | None
    ) -> None:
        """Count it as contact, remember the cards, and tell the partner."""
        await self.audit(person, "sessions.booked", session)
        if self.contact_checks is not None:
            await self.contact_checks.record_contact(pair.id, "session", by=person)
        await self.arm_reminders(pair, session)
        role = pair.role_of(person) or Role.MENTEE
        await self.remember_card(session, role, card_activity)
        partner = pair.partner_of(person)
        booker = pair.mentee if role is Role.MENTEE else pair.mentor
        headline = f"{first_name(booker.name)} booked your next session"
        notice = (
            "The Outlook invitation with the Teams link is in your calendar. Change it here, so "
            "you are both told.",
            "good",
        )
        view = await self.card_view(pair, session, partner.aad_object_id, headline, notice)
        activity = await self.notifier.notify(partner.aad_object_id, view)
        other = Role.MENTOR if role is Role.MENTEE else Role.MENTEE
        await self.remember_card(session, other, activity)

    async def _slot_problem(self, pair: Pair, span: TimeSpan) -> str | None:
        now = self.now()
        if span.start < now + LAST_CALL or span.start > now + timedelta(days=SEARCH_DAYS + 1):
            return "That time is no longer available, so nothing was booked. Here are fresh times."
        for other in await self.store.sessions_of(pair.id):
            clash = other.span.overlaps(span) and other.starts_at != span.start
            if other.status is SessionStatus.SCHEDULED and clash:
                return "You already have a session at that time. Here are other free times."
        return None

    def _choice(self, pair: Pair, hours: PairHours, viewer: str, slot: TimeSpan) -> SlotChoice:
        mine, theirs = hours.both_times(pair, viewer, slot)
        return SlotChoice(slot.start, mine, theirs)

    def _organiser_note(self, pair: Pair, viewer: str) -> str | None:
        if viewer == pair.mentee.aad_object_id:
            return None
        return (
            f"The invitation comes from {first_name(pair.mentee.name)}'s calendar: in this "
            "programme the mentee organises the sessions."
        )

    def _told(self, pair: Pair, person: str) -> tuple[str, str]:
        partner = first_name(pair.partner_of(person).name)
        return (
            f"The Outlook invitation with the Teams link is in both your calendars, and "
            f"{partner} has been told here too.",
            "good",
        )

    def _subject(self, pair: Pair) -> str:
        return f"Mentoring session: {pair.mentee.name} and {pair.mentor.name}"

    def _invitation(self, number: int) -> str:
        """The invitation's body: the programme, and the agenda of the pair's phase."""
        agenda = self.agenda_for(number)
        name = html.escape(self.programme.name)
        parts = [f"<p>{name}: a mentoring session booked in Tandem.</p>"]
        if agenda is not None:
            parts.append(f"<p><b>Agenda: {html.escape(agenda.phase_title)}</b></p>")
            parts.append(_html_list(agenda.items))
            for section in agenda.sections:
                parts.append(f"<p><b>{html.escape(section.title)}</b></p>")
                parts.append(_html_list(section.items))
        parts.append(
            "<p>To move or cancel it, use the session card in Tandem (Microsoft Teams), so "
            "both of you are told.</p>"
        )
        return "".join(parts)


def _html_list(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"
