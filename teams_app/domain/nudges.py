"""The no-contact nudges of a new pairing and when each may reach its recipient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from teams_app.domain.pairing import Pairing, PairingStatus
from teams_app.domain.programme.rules import Reminders
from teams_app.domain.working_hours import WorkingHours

# Working hours recur weekly, so a search this long always finds the next period.
_HORIZON = timedelta(days=8)


class NudgeKind(StrEnum):
    """Who hears about a pairing without contact: the mentee, then the mentor, then admins."""

    MENTEE_REMINDER = "mentee-reminder"
    MENTOR_PING = "mentor-ping"
    ADMIN_ALERT = "admin-alert"


@dataclass(frozen=True)
class Nudge:
    """One nudge of one pairing, due `day` days after the pairing started."""

    kind: NudgeKind
    day: int
    due_at: datetime


def nudge_schedule(started_at: datetime, reminders: Reminders) -> tuple[Nudge, ...]:
    """The three no-contact nudges of a pairing started at `started_at`, in due order."""
    days = (
        (NudgeKind.MENTEE_REMINDER, reminders.mentee_nudge_days),
        (NudgeKind.MENTOR_PING, reminders.mentor_ping_days),
        (NudgeKind.ADMIN_ALERT, reminders.admin_alert_days),
    )
    nudges = (Nudge(kind, day, started_at + timedelta(days=day)) for kind, day in days)
    return tuple(sorted(nudges, key=lambda nudge: (nudge.due_at, nudge.day)))


def nudge_of(kind: NudgeKind, started_at: datetime, reminders: Reminders) -> Nudge:
    """The nudge of one kind in a pairing's schedule."""
    return next(n for n in nudge_schedule(started_at, reminders) if n.kind is kind)


def still_wanted(pairing: Pairing, contact_made_at: datetime | None) -> bool:
    """Whether no-contact nudges still make sense: the pair is active and has not met."""
    return pairing.status is PairingStatus.ACTIVE and contact_made_at is None


def due_nudges(
    pairing: Pairing, contact_made_at: datetime | None, now: datetime, reminders: Reminders
) -> tuple[Nudge, ...]:
    """The nudges due by `now` for a pairing, none once it ended or contact was made."""
    if not still_wanted(pairing, contact_made_at):
        return ()
    return tuple(n for n in nudge_schedule(pairing.started_at, reminders) if n.due_at <= now)


def deliver_at(due: datetime, hours: WorkingHours) -> datetime:
    """The first moment at or after `due` inside the recipient's working hours (UTC).

    `WorkingHours.default_for(person.time_zone)` gives 09:00–17:00 Monday to Friday locally.
    """
    if due.tzinfo is None:
        raise ValueError("a naive due time has no meaning across time zones")
    spans = hours.spans(due, due + _HORIZON)
    if not spans:
        raise ValueError("working hours with no period in a week")
    return spans[0][0].astimezone(UTC)
