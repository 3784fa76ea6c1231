"""What Tandem knows of calendars: time spans, directory entries, mailbox settings, free/busy,
booked meetings, and the failures a calendar service reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from teams_app.domain.working_hours import WorkingHours


@dataclass(frozen=True, order=True)
class TimeSpan:
    """A half-open span of time [start, end), timezone-aware."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("time spans take timezone-aware datetimes")
        if self.end <= self.start:
            raise ValueError("a time span ends after it starts")

    @property
    def length(self) -> timedelta:
        """How long the span lasts."""
        return self.end - self.start

    def overlaps(self, other: TimeSpan) -> bool:
        """Whether the two spans share any moment."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: TimeSpan) -> bool:
        """Whether `other` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class DirectoryEntry:
    """A person as the directory knows them: object id, SMTP address, display name."""

    id: str
    mail: str
    display_name: str


@dataclass(frozen=True)
class MailboxSettings:
    """A mailbox's IANA time zone and working hours; None where the mailbox does not say."""

    time_zone: str | None
    working_hours: WorkingHours | None


@dataclass(frozen=True)
class FreeBusy:
    """One person's busy time in a window, and the working hours their calendar publishes."""

    address: str
    busy: tuple[TimeSpan, ...]
    working_hours: WorkingHours | None = None


@dataclass(frozen=True)
class BookedMeeting:
    """An event on the organiser's calendar and the link to join it.

    `dev_link` marks the local development calendar's link, which opens no Teams meeting.
    """

    event_id: str
    join_url: str | None
    dev_link: bool = False


class CalendarError(Exception):
    """A calendar or directory operation that did not happen."""


class CalendarUnavailable(CalendarError):
    """The calendar service stayed busy or unreachable after retries; try again later."""


class PermissionMissing(CalendarError):
    """The app lacks a permission (or its consent); an administrator must grant it."""

    def __init__(self, permission: str, reason: str = "") -> None:
        super().__init__(f"the app needs the Microsoft Graph permission {permission}")
        self.permission = permission
        self.reason = reason  # what Tandem uses the permission for, for the administrator


class CalendarItemMissing(CalendarError):
    """The person, mailbox or event does not exist (any more)."""
