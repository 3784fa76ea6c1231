"""Scheduling sessions in Teams: offers and booking (SessionBooking), then showing, moving
and cancelling a booked session with the other person told kindly.

A change inside the programme's notice period asks for confirmation first. The database is
changed first (compare-and-set, so a double click changes once), then the calendar; if the
calendar refuses, the change is undone and the person is told.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from teams_app.domain.calendar import CalendarError, TimeSpan
from teams_app.domain.pairing import StaleRecord
from teams_app.domain.programme import Role
from teams_app.domain.sessions import Session, SessionState
from teams_app.services.pair_times import Pair
from teams_app.services.session_booking import SessionBooking
from teams_app.services.session_context import first_name, local_time
from teams_app.services.session_views import (
    BookingView,
    ConfirmChangeView,
    Moving,
    SchedulingNotice,
    SessionCardView,
)

MAX_MESSAGE = 500
CHANGED = (
    "This session changed since this card was shown, so nothing was done. Here it is now.",
    "warning",
)
MOVING = BookingView("Moving your session…", "Updating the Teams meeting in both your calendars.")
CANCELLING = BookingView("Cancelling your session…", "Cancelling the Teams meeting.")
NO_SESSION = SchedulingNotice(
    "Session not found", "This session is not one of yours. Nothing was changed."
)


class SessionScheduling(SessionBooking):
    """The scheduling use cases behind the `schedule` command and the session cards."""

    async def show(self, person: str, session_id: int) -> SessionCardView | SchedulingNotice:
        """A session's card as it stands now."""
        found = await self._session_of(person, session_id)
        if isinstance(found, SchedulingNotice):
            return found
        session, pair = found
        return await self.card_view(pair, session, person, _headline(session, self.now()))

    async def reschedule(self, person: str, session_id: int, version: int) -> object:
        """Free times to move a session to."""
        found = await self._session_of(person, session_id)
        if isinstance(found, SchedulingNotice):
            return found
        session, pair = found
        if session.version != version or not session.changeable(self.now()):
            return await self.card_view(pair, session, person, "Your session", CHANGED)
        moving = Moving(session_id, version, local_time(session, pair, person))
        return await self.fresh_offers(pair, person, moving)

    async def move(
        self, person: str, session_id: int, version: int, start: datetime, confirmed: bool
    ) -> object:
        """Move a session to `start`; inside the notice period only once confirmed."""
        found = await self._changeable(person, session_id, version)
        if not isinstance(found, tuple):
            return found
        session, pair = found
        end = start + self.programme.sessions.length
        problem = await self._slot_problem(pair, TimeSpan(start, end))
        if problem is not None and start != session.starts_at:
            moving = Moving(session_id, version, local_time(session, pair, person))
            return await self.fresh_offers(pair, person, moving, notice=problem)
        hours = self.programme.sessions.notice_hours
        if session.within_notice(self.now(), hours) and not confirmed:
            return self._confirm(pair, session, person, cancelling=False, new_start=start)
        work = self._finish_move(pair, session, person, (start, end))
        return await self.background.within_budget(person, work, MOVING)

    async def cancel(self, person: str, session_id: int, version: int) -> object:
        """Ask before cancelling (and say so when it is inside the notice period)."""
        found = await self._changeable(person, session_id, version)
        if not isinstance(found, tuple):
            return found
        session, pair = found
        return self._confirm(pair, session, person, cancelling=True)

    async def confirm_cancel(
        self, person: str, session_id: int, version: int, message: str
    ) -> object:
        """Cancel the session; the partner gets the person's message, if any."""
        found = await self._changeable(person, session_id, version)
        if not isinstance(found, tuple):
            return found
        session, pair = found
        work = self._finish_cancel(pair, session, person, message.strip()[:MAX_MESSAGE])
        return await self.background.within_budget(person, work, CANCELLING)

    async def _finish_move(
        self, pair: Pair, session: Session, person: str, times: tuple[datetime, datetime]
    ) -> SessionCardView | SchedulingNotice:
        assert session.id is not None and session.event_id is not None
        short = session.within_notice(self.now(), self.programme.sessions.notice_hours)
        try:
            moved = await self.store.move_session(session.id, session.version, *times)
        except StaleRecord:
            return await self._current(pair, session, person)
        try:
            await self.calendar.update_event(
                pair.mentee.aad_object_id, session.event_id, *times, session.time_zone
            )
        except CalendarError as error:
            await self.store.move_session(
                moved.id or 0, moved.version, session.starts_at, session.ends_at
            )
            return await self.calendar_failed(error, "move the session")
        await self.audit(person, "sessions.moved", moved)
        await self.arm_reminders(pair, moved)
        mover = first_name(pair.member(person).name)
        text = f"{mover} moved your session to the time below; your calendar invitation is updated."
        if short:
            text += f" This comes at short notice; {mover} thanks you for your understanding."
        await self._tell_partner(pair, moved, person, (f"{mover} moved your session", text))
        notice = (f"{first_name(pair.partner_of(person).name)} has been told.", "good")
        return await self.card_view(pair, moved, person, "Session moved", notice)

    async def _finish_cancel(
        self, pair: Pair, session: Session, person: str, message: str
    ) -> SessionCardView | SchedulingNotice:
        assert session.id is not None and session.event_id is not None
        short = session.within_notice(self.now(), self.programme.sessions.notice_hours)
        try:
            cancelled = await self.store.cancel_session(session.id, session.version, person)
        except StaleRecord:
            return await self._current(pair, session, person)
        name = pair.member(person).name
        comment = f"{name} cancelled this mentoring session in Tandem."
        try:
            await self.calendar.cancel_event(
                pair.mentee.aad_object_id, session.event_id, f"{comment} {message}".strip()
            )
        except CalendarError as error:
            await self.store.reopen_session(cancelled.id or 0, cancelled.version)
            return await self.calendar_failed(error, "cancel the session")
        await self.audit(person, "sessions.cancelled", cancelled)
        who = first_name(name)
        text = f"{who} had to cancel this session."
        if short:
            text += f" It comes at short notice; {who} thanks you for your understanding."
        if message:
            text += f" {who} wrote: “{message}”"
        text += " You can choose a new time together with Schedule a session."
        await self._tell_partner(pair, cancelled, person, (f"{who} cancelled a session", text))
        notice = (f"{first_name(pair.partner_of(person).name)} has been told.", "good")
        return await self.card_view(pair, cancelled, person, "Session cancelled", notice)

    async def _tell_partner(
        self, pair: Pair, session: Session, person: str, words: tuple[str, str]
    ) -> None:
        """Update the partner's earlier card and send them a new one saying what changed."""
        partner = pair.partner_of(person).aad_object_id
        role = pair.role_of(partner) or Role.MENTOR
        earlier = session.mentee_card if role is Role.MENTEE else session.mentor_card
        if earlier:
            current = await self.card_view(pair, session, partner, _headline(session, self.now()))
            await self.notifier.refresh(partner, earlier, current)
        headline, text = words
        view = await self.card_view(pair, session, partner, headline, (text, "warning"))
        await self.remember_card(session, role, await self.notifier.notify(partner, view))

    async def _session_of(
        self, person: str, session_id: int
    ) -> tuple[Session, Pair] | SchedulingNotice:
        session = await self.store.get_session(session_id)
        if session is None:
            return NO_SESSION
        pair = await self.pair_of(person, session.pairing_id)
        if not isinstance(pair, Pair):
            return pair if isinstance(pair, SchedulingNotice) else NO_SESSION
        return session, pair

    async def _changeable(
        self, person: str, session_id: int, version: int
    ) -> tuple[Session, Pair] | SessionCardView | SchedulingNotice:
        found = await self._session_of(person, session_id)
        if isinstance(found, SchedulingNotice):
            return found
        session, pair = found
        if session.version != version or not session.changeable(self.now()):
            headline = _headline(session, self.now())
            return await self.card_view(pair, session, person, headline, CHANGED)
        return session, pair

    async def _current(self, pair: Pair, session: Session, person: str) -> SessionCardView:
        fresh = await self.store.get_session(session.id or 0) or session
        return await self.card_view(pair, fresh, person, _headline(fresh, self.now()), CHANGED)

    def _confirm(
        self,
        pair: Pair,
        session: Session,
        person: str,
        cancelling: bool,
        new_start: datetime | None = None,
    ) -> ConfirmChangeView:
        hours = self.programme.sessions.notice_hours
        new_time = None
        if new_start is not None:
            end = new_start + self.programme.sessions.length
            moved = replace(session, starts_at=new_start, ends_at=end)
            new_time = local_time(moved, pair, person)
        return ConfirmChangeView(
            programme_name=self.programme.name,
            session_id=session.id or 0,
            version=session.version,
            partner_name=pair.partner_of(person).name,
            viewer_time=local_time(session, pair, person),
            cancelling=cancelling,
            short_notice=session.within_notice(self.now(), hours),
            notice_hours=hours,
            new_start=new_start,
            new_time=new_time,
        )


def _headline(session: Session, now: datetime) -> str:
    state = session.state(now)
    if state is SessionState.CANCELLED:
        return "Session cancelled"
    if state is SessionState.HELD:
        return "Session held"
    return "Your next session"
