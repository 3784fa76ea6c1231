"""What the scheduling use cases return for the cards to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.agendas import Agenda
from teams_app.domain.sessions import SessionState


@dataclass(frozen=True)
class SlotChoice:
    """One free time offered, in the viewer's and in the partner's local time."""

    start: datetime
    viewer_time: str
    partner_time: str


@dataclass(frozen=True)
class SessionLine:
    """An upcoming session listed on the offers card."""

    session_id: int
    number: int
    viewer_time: str


@dataclass(frozen=True)
class Moving:
    """The session a reschedule moves, as read (compare-and-set)."""

    session_id: int
    version: int
    viewer_time: str


@dataclass(frozen=True)
class OffersView:
    """Free times for the pair's next session (or for moving one), 3 to 5 of them."""

    programme_name: str
    pairing_id: int
    partner_name: str
    length_minutes: int
    number: int  # the number the session would have in the pair's series
    planned: int
    rhythm: str
    slots: tuple[SlotChoice, ...]
    offer_key: str
    organiser_note: str | None = None  # to a mentor: the invitation comes from the mentee
    upcoming: tuple[SessionLine, ...] = ()
    moving: Moving | None = None
    empty_reason: str | None = None
    notice: str | None = None
    held: int = 0  # counted toward the programme's planned sessions
    booked: int = 0


@dataclass(frozen=True)
class SessionCardView:
    """One session as one of the pair sees it: times, join link, agenda, changes."""

    programme_name: str
    session_id: int
    version: int
    pairing_id: int
    partner_name: str
    state: SessionState
    viewer_time: str
    partner_time: str
    number: int
    planned: int
    join_url: str | None
    dev_link: bool
    agenda: Agenda | None
    changeable: bool
    headline: str
    notice: str | None = None
    notice_style: str = "good"


@dataclass(frozen=True)
class BookingView:
    """Shown while the calendar is still working; the card updates when it is done."""

    title: str
    text: str


@dataclass(frozen=True)
class ConfirmChangeView:
    """A cancellation, or a move inside the agreed notice period, asks first."""

    programme_name: str
    session_id: int
    version: int
    partner_name: str
    viewer_time: str
    cancelling: bool
    short_notice: bool
    notice_hours: int
    new_start: datetime | None = None
    new_time: str | None = None


@dataclass(frozen=True)
class RetryBooking:
    """What "Try again" sends: the same slot from the same offers card."""

    pairing_id: int
    start: datetime
    offer_key: str


@dataclass(frozen=True)
class SchedulingNotice:
    """A short scheduling message: nothing booked, not paired, calendars unreachable…"""

    title: str
    text: str
    retry: RetryBooking | None = None
    pairing_id: int | None = None  # offers "Show free times" for this pair
    style: str = "warning"


@dataclass(frozen=True)
class PartnerChoice:
    """One of a mentor's mentees (or a mentee's mentors) to schedule with."""

    pairing_id: int
    partner_name: str


@dataclass(frozen=True)
class ChoosePartnerView:
    """Someone with several active pairings picks whom to schedule with."""

    programme_name: str
    partners: tuple[PartnerChoice, ...]


@dataclass(frozen=True)
class CalendarPermissionAlert:
    """To the administrators: Microsoft Graph refused for want of a permission."""

    permission: str
    reason: str
    attempted: str  # what a participant was doing, e.g. "book a session"
