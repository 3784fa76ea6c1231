"""The reminder before a session: the session card itself, to each of the pair, with a
reminder headline, so the times, the Teams join link and Reschedule and Cancel are at hand.

Decided when due: a session cancelled, moved (the reminder of its old start) or already
started is never reminded of. Quiet hours give way when waiting for the recipient's working
hours would leave less than REMINDER_MIN_LEAD before the session: it is sent at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from teams_app.domain.follow_ups import (
    FollowUpKey,
    parse_reminder_detail,
    reminder_due,
    reminder_send_time,
)
from teams_app.domain.jobs import Cancel, Decision, Defer, Send
from teams_app.domain.programme import Role
from teams_app.domain.sessions import Session, SessionStatus
from teams_app.domain.working_hours import WorkingHours
from teams_app.services.pair_times import Pair
from teams_app.services.session_context import SessionContext, first_name

NOTICE = (
    "A reminder from Tandem. If the time no longer works, use Reschedule or Cancel session "
    "here, so {partner} is told and both your calendars are updated.",
    "emphasis",
)


class SessionReminders:
    """Decides due session reminders with the scheduling context's session cards."""

    def __init__(self, context: SessionContext) -> None:
        self._context = context

    async def decide(
        self, key: FollowUpKey, sessions: Sequence[Session], now: datetime
    ) -> Decision:
        """Cancel, wait for working hours, or send the session card as a reminder."""
        parsed = parse_reminder_detail(key.detail)
        if parsed is None:
            return Cancel("not a session reminder")
        session_id, start = parsed
        session = next((s for s in sessions if s.id == session_id), None)
        if session is None or session.status is not SessionStatus.SCHEDULED:
            return Cancel("session cancelled")
        if session.starts_at != start:
            return Cancel("session moved")
        if now >= session.starts_at:
            return Cancel("session started")
        due = reminder_due(session, self._context.programme.reminders.session_reminder_hours)
        if now < due:
            return Defer(due)
        pairing = await self._context.store.get_pairing(key.pairing_id)
        if pairing is None:
            return Cancel("pairing ended")
        member = pairing.mentee if key.role is Role.MENTEE else pairing.mentor
        pair = await self._context.pair_of(member, key.pairing_id)
        if not isinstance(pair, Pair):
            return Cancel("pair not readable")
        recipient = pair.member(member)
        send_at = reminder_send_time(now, start, WorkingHours.default_for(recipient.time_zone))
        if send_at > now:
            return Defer(send_at)
        return Send(lambda: self._send(pair, session, key.role))

    async def _send(self, pair: Pair, session: Session, role: Role) -> str | None:
        context = self._context
        person = pair.mentee if role is Role.MENTEE else pair.mentor
        partner = first_name(pair.partner_of(person.aad_object_id).name)
        left = session.starts_at - context.now()
        headline = f"Reminder: your session with {partner} is in {_spoken(left.total_seconds())}"
        text, style = NOTICE
        view = await context.card_view(
            pair, session, person.aad_object_id, headline, (text.format(partner=partner), style)
        )
        activity = await context.notifier.deliver(person.aad_object_id, view)
        await context.remember_card(session, role, activity)
        return None if activity is not None else "unreachable"


def _spoken(seconds: float) -> str:
    """`24 hours`, `3 hours`, `1 hour`, `45 minutes`: how long until the session."""
    hours = round(seconds / 3600)
    if hours >= 2:
        return f"{hours} hours"
    if hours == 1:
        return "1 hour"
    return f"{max(1, round(seconds / 60))} minutes"
