"""Mentoring sessions of a pair: booked, held or cancelled, numbered and counted toward the
programme's cadence, and the rules for changing one at short notice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from teams_app.domain.calendar import TimeSpan


class SessionStatus(StrEnum):
    """What is stored about a session."""

    BOOKING = "booking"  # claimed by a click; the calendar has not confirmed the meeting yet
    SCHEDULED = "scheduled"  # the meeting exists on the organiser's calendar
    CANCELLED = "cancelled"


class SessionState(StrEnum):
    """What a person sees: a scheduled session whose end has passed was held."""

    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Session:
    """One meeting of a pair, organised by the mentee (as the programmes' guides expect).

    `transaction_id` ties the calendar event to the pairing, the offers card and the slot, so
    a retried request or a second click makes one meeting. `version` guards every change.
    """

    pairing_id: int
    starts_at: datetime
    ends_at: datetime
    organizer: str  # the mentee's AAD object id: the event is on their calendar
    booked_by: str
    transaction_id: str
    time_zone: str = "UTC"  # the mentee's (organiser's) zone: the event is written in it
    mentor_zone: str = "UTC"  # the mentor's, so cards show both local times without a lookup
    status: SessionStatus = SessionStatus.BOOKING
    event_id: str | None = None
    join_url: str | None = None
    dev_link: bool = False  # the local dev calendar's page, not a Teams meeting
    created_at: datetime | None = None
    updated_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    mentee_card: str | None = None  # activity ids of each person's session card
    mentor_card: str | None = None
    version: int = 0
    id: int | None = None

    @property
    def span(self) -> TimeSpan:
        """When the session runs."""
        return TimeSpan(self.starts_at, self.ends_at)

    def state(self, now: datetime) -> SessionState | None:
        """Scheduled, held (ended and not cancelled) or cancelled; None while booking."""
        if self.status is SessionStatus.CANCELLED:
            return SessionState.CANCELLED
        if self.status is SessionStatus.BOOKING:
            return None
        return SessionState.HELD if self.ends_at <= now else SessionState.SCHEDULED

    def changeable(self, now: datetime) -> bool:
        """Whether it can still be moved or cancelled: scheduled and not yet started."""
        return self.status is SessionStatus.SCHEDULED and now < self.starts_at

    def within_notice(self, now: datetime, notice_hours: int) -> bool:
        """Whether a change now comes later than the agreed notice before the start."""
        return now < self.starts_at and self.starts_at - now < timedelta(hours=notice_hours)


def transaction_id(pairing_id: int, offer_key: str, start: datetime) -> str:
    """The calendar transaction of booking `start` from one offers card of one pairing.

    Every click and every retried request for that slot on that card carries the same id,
    so the calendar makes one meeting.
    """
    stamp = start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    return f"tandem-pairing-{pairing_id}-{offer_key}-{stamp}"


def held_or_planned(sessions: Iterable[Session]) -> list[Session]:
    """The sessions that count: scheduled or held, earliest first."""
    return sorted(
        (s for s in sessions if s.status is SessionStatus.SCHEDULED), key=lambda s: s.starts_at
    )


def number_of(start: datetime, sessions: Iterable[Session]) -> int:
    """The number a session starting at `start` has in the pair's series (1 = first)."""
    return 1 + sum(1 for s in held_or_planned(sessions) if s.starts_at < start)


@dataclass(frozen=True)
class SessionTally:
    """How far a pair is along the programme's planned sessions."""

    held: int
    upcoming: int
    cancelled: int
    planned: int

    @property
    def remaining(self) -> int:
        """Planned sessions neither held nor booked yet (never below zero)."""
        return max(0, self.planned - self.held - self.upcoming)


def tally(sessions: Sequence[Session], now: datetime, planned: int) -> SessionTally:
    """Count a pair's sessions toward the programme's plan."""
    states = [s.state(now) for s in sessions]
    return SessionTally(
        held=states.count(SessionState.HELD),
        upcoming=states.count(SessionState.SCHEDULED),
        cancelled=states.count(SessionState.CANCELLED),
        planned=planned,
    )


def upcoming(sessions: Iterable[Session], now: datetime) -> list[Session]:
    """Scheduled sessions that have not started, earliest first."""
    return [s for s in held_or_planned(sessions) if now < s.starts_at]
