"""A pair, their time zones and working hours, and the free times they share, read through
the Directory and Calendar ports."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from teams_app.domain.calendar import CalendarItemMissing, MailboxSettings, TimeSpan
from teams_app.domain.free_time import SlotRequest, SlotSearch, find_offers
from teams_app.domain.local_times import in_zone
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.programme import Role, Sessions
from teams_app.domain.working_hours import WorkingHours, zone_of
from teams_app.services.calendar_ports import Calendar, Directory


@dataclass(frozen=True)
class Pair:
    """A pairing with both people read."""

    pairing: Pairing
    mentee: Person
    mentor: Person

    @property
    def id(self) -> int:
        """The pairing's id."""
        assert self.pairing.id is not None
        return self.pairing.id

    def role_of(self, person: str) -> Role | None:
        """`person`'s role in the pair; None if they are not in it."""
        if person == self.mentee.aad_object_id:
            return Role.MENTEE
        if person == self.mentor.aad_object_id:
            return Role.MENTOR
        return None

    def member(self, person: str) -> Person:
        """The one of the pair who is `person` (the mentor unless it is the mentee)."""
        return self.mentee if person == self.mentee.aad_object_id else self.mentor

    def partner_of(self, person: str) -> Person:
        """The other one of the pair."""
        return self.mentor if person == self.mentee.aad_object_id else self.mentee


@dataclass(frozen=True)
class PairHours:
    """Each person's local time zone (for display) and working hours (for the search)."""

    mentee_zone: str
    mentor_zone: str
    mentee_hours: WorkingHours
    mentor_hours: WorkingHours

    def zone_of(self, pair: Pair, person: str) -> str:
        """The local time zone of one of the pair."""
        return self.mentee_zone if person == pair.mentee.aad_object_id else self.mentor_zone

    def both_times(self, pair: Pair, viewer: str, span: TimeSpan) -> tuple[str, str]:
        """The span in the viewer's and in the partner's local time."""
        partner = pair.partner_of(viewer).aad_object_id
        return in_zone(span, self.zone_of(pair, viewer)), in_zone(span, self.zone_of(pair, partner))


async def pair_hours(directory: Directory, pair: Pair) -> PairHours:
    """Both people's zones and working hours: their mailbox settings, else 09:00–17:00 in
    the duty station's time zone (from HR)."""
    mentee, mentor = await asyncio.gather(
        _settings(directory, pair.mentee), _settings(directory, pair.mentor)
    )
    mentee_hours = _hours(mentee, pair.mentee)
    mentor_hours = _hours(mentor, pair.mentor)
    return PairHours(
        _zone(mentee, pair.mentee, mentee_hours),
        _zone(mentor, pair.mentor, mentor_hours),
        mentee_hours,
        mentor_hours,
    )


async def shared_free_times(
    calendar: Calendar, pair: Pair, hours: PairHours, request: SlotRequest
) -> SlotSearch:
    """A few well-spread slots inside both working hours that neither calendar has taken.

    Free/busy is read as the mentee, who organises the sessions.
    """
    start, end = request.window()
    addresses = [pair.mentee.email, pair.mentor.email]
    schedules = await calendar.free_busy(pair.mentee.aad_object_id, addresses, start, end)
    busy = [span for schedule in schedules for span in schedule.busy]
    return find_offers([hours.mentee_hours, hours.mentor_hours], busy, request)


def slot_request(now: datetime, sessions: Sessions, offers: int = 5) -> SlotRequest:
    """A search over the next 14 days for sessions of the programme's length, starting no
    sooner than the notice the programme asks for changes (so nobody is surprised)."""
    return SlotRequest(
        now=now,
        length=sessions.length,
        notice=timedelta(hours=sessions.notice_hours),
        offers=offers,
    )


async def _settings(directory: Directory, person: Person) -> MailboxSettings:
    try:
        return await directory.mailbox_settings(person.aad_object_id)
    except CalendarItemMissing:  # no mailbox: the duty station's hours will do
        return MailboxSettings(None, None)


def _hours(settings: MailboxSettings, person: Person) -> WorkingHours:
    if settings.working_hours is not None:
        return settings.working_hours
    return WorkingHours.default_for(settings.time_zone or person.time_zone)


def _zone(settings: MailboxSettings, person: Person, hours: WorkingHours) -> str:
    for candidate in (settings.time_zone, person.time_zone):
        if candidate:
            try:
                zone_of(candidate)
            except ValueError:
                continue
            return candidate
    return hours.time_zone
