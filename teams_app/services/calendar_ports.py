"""The ports of scheduling: directory, calendar and session storage (to be merged into ports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from teams_app.domain.audit import AuditEntry
from teams_app.domain.calendar import BookedMeeting, DirectoryEntry, FreeBusy, MailboxSettings
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.domain.sessions import Session


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


class SessionStore(Protocol):
    """What scheduling reads and writes; changes are compare-and-set (StaleRecord)."""

    async def claim_session(self, s: Session) -> tuple[Session, bool]:
        """Insert a booking; (stored, True), or (the claim of that slot made before, False)."""
        ...

    async def take_over_booking(self, session_id: int, expected_version: int) -> Session:
        """Claim a stalled booking for another try."""
        ...

    async def confirm_session(
        self,
        session_id: int,
        expected_version: int,
        meeting: BookedMeeting,
        zones: tuple[str, str],
    ) -> Session:
        """A booking the calendar made becomes scheduled, with (mentee's, mentor's) zones."""
        ...

    async def drop_booking(self, session_id: int, expected_version: int) -> bool:
        """Delete a booking the calendar did not make; False if it changed meanwhile."""
        ...

    async def move_session(
        self, session_id: int, expected_version: int, starts_at: datetime, ends_at: datetime
    ) -> Session:
        """Move a scheduled session."""
        ...

    async def cancel_session(self, session_id: int, expected_version: int, by: str) -> Session:
        """Cancel a scheduled session."""
        ...

    async def reopen_session(self, session_id: int, expected_version: int) -> Session:
        """Undo a cancellation the calendar refused."""
        ...

    async def set_session_card(self, session_id: int, role: Role, activity_id: str) -> None:
        """Remember a person's session card, to update it in place."""
        ...

    async def get_session(self, session_id: int) -> Session | None:
        """A session by id."""
        ...

    async def sessions_of(self, pairing_id: int) -> Sequence[Session]:
        """A pair's scheduled, held and cancelled sessions, earliest first."""
        ...

    async def get_pairing(self, pairing_id: int) -> Pairing | None:
        """A pairing by id, in any status."""
        ...

    async def pairings_of(self, person: str) -> Sequence[Pairing]:
        """Every pairing of a person, newest first."""
        ...

    async def get_person(self, aad_object_id: str) -> Person | None:
        """A person by AAD object id."""
        ...

    async def append_audit(self, entry: AuditEntry) -> None:
        """Append one audit entry."""
        ...
