"""The directory and calendar ports of scheduling (to be merged into ports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from teams_app.domain.calendar import BookedMeeting, DirectoryEntry, FreeBusy, MailboxSettings


class Directory(Protocol):
    """People and their mailbox settings; raises CalendarError subclasses on failure."""

    async def person(self, upn_or_id: str) -> DirectoryEntry | None:
        """A person by user principal name or object id; None if the directory has no one."""
        ...

    async def mailbox_settings(self, upn_or_id: str) -> MailboxSettings:
        """The person's time zone and working hours (IANA); None fields where unset."""
        ...


class Calendar(Protocol):
    """Free/busy and meetings on an organiser's calendar; raises CalendarError subclasses."""

    async def free_busy(
        self, requester: str, addresses: Sequence[str], start: datetime, end: datetime
    ) -> Sequence[FreeBusy]:
        """Busy time of each address in [start, end), in the order asked, read as `requester`."""
        ...

    async def create_event(
        self,
        *,
        organizer: str,
        attendees: Sequence[str],
        subject: str,
        body_html: str,
        start: datetime,
        end: datetime,
        time_zone: str,
        transaction_id: str,
    ) -> BookedMeeting:
        """An online Teams meeting on the organiser's calendar; one per `transaction_id`."""
        ...

    async def update_event(
        self, organizer: str, event_id: str, start: datetime, end: datetime, time_zone: str
    ) -> None:
        """Move a meeting; attendees get the updated invitation."""
        ...

    async def cancel_event(self, organizer: str, event_id: str, comment: str) -> None:
        """Cancel a meeting, sending attendees the comment."""
        ...
