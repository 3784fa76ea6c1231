"""The local development calendar: the Calendar and Directory ports on Tandem's own database.

Dev mode without Microsoft Graph credentials books sessions here, so the whole scheduling
flow runs in the Agents Playground. People come from the people table (their HR time zone,
no published working hours, so scheduling falls back to 09:00–17:00 at the duty station);
busy time is the events of this calendar. Its join links open a page that says plainly that
no Teams meeting exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from teams_app.domain.calendar import (
    BookedMeeting,
    CalendarItemMissing,
    DirectoryEntry,
    FreeBusy,
    MailboxSettings,
    TimeSpan,
)
from teams_app.services.ports import Clock
from teams_app.storage.application_rows import insert_unless_present
from teams_app.storage.tables import LocalEventRow, PersonRow

DEV_MEETING_PATH = "/dev/meetings"


class LocalCalendar:
    """Calendar and Directory in the database; `join_base` is Tandem's own address."""

    def __init__(self, engine: AsyncEngine, clock: Clock, join_base: str) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._dialect = engine.dialect.name
        self._clock = clock
        self._join_base = join_base.rstrip("/")

    async def person(self, upn_or_id: str) -> DirectoryEntry | None:
        """A person of the people table by object id or e-mail."""
        row = await self._person(upn_or_id)
        return None if row is None else DirectoryEntry(row.aad_object_id, row.email, row.name)

    async def mailbox_settings(self, upn_or_id: str) -> MailboxSettings:
        """The person's HR time zone; no working hours are published here."""
        row = await self._person(upn_or_id)
        if row is None:
            raise CalendarItemMissing("the local calendar knows no such person")
        return MailboxSettings(time_zone=row.time_zone, working_hours=None)

    async def free_busy(
        self, requester: str, addresses: Sequence[str], start: datetime, end: datetime
    ) -> Sequence[FreeBusy]:
        """Each address's events of this calendar in [start, end), in the order asked."""
        query = select(LocalEventRow).where(
            LocalEventRow.cancelled.is_(False),
            LocalEventRow.starts_at < end,
            LocalEventRow.ends_at > start,
        )
        async with self._sessions() as db:
            events = list(await db.scalars(query))
        return [
            FreeBusy(
                address,
                tuple(
                    TimeSpan(e.starts_at, e.ends_at)
                    for e in events
                    if address.lower() in e.attendees
                ),
            )
            for address in addresses
        ]

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
        """An event with a dev join link; one per organiser and `transaction_id`."""
        now = self._clock.now()
        values = {
            "organizer": organizer,
            "attendees": sorted({a.lower() for a in attendees}),
            "subject": subject[:400],
            "body_html": body_html,
            "starts_at": start,
            "ends_at": end,
            "time_zone": time_zone,
            "transaction_id": transaction_id,
            "cancelled": False,
            "created_at": now,
            "updated_at": now,
        }
        statement = insert_unless_present(
            self._dialect, LocalEventRow, values, ["organizer", "transaction_id"]
        )
        same = select(LocalEventRow.id).where(
            LocalEventRow.organizer == organizer, LocalEventRow.transaction_id == transaction_id
        )
        async with self._sessions.begin() as db:
            await db.execute(statement)
            event_id = (await db.scalars(same)).one()
        return BookedMeeting(str(event_id), self.join_url(event_id), dev_link=True)

    async def update_event(
        self, organizer: str, event_id: str, start: datetime, end: datetime, time_zone: str
    ) -> None:
        """Move an event of this organiser."""
        async with self._sessions.begin() as db:
            row = await self._event(db, organizer, event_id)
            row.starts_at, row.ends_at, row.time_zone = start, end, time_zone
            row.updated_at = self._clock.now()

    async def cancel_event(self, organizer: str, event_id: str, comment: str) -> None:
        """Cancel an event of this organiser, keeping the comment."""
        async with self._sessions.begin() as db:
            row = await self._event(db, organizer, event_id)
            row.cancelled, row.cancel_comment = True, comment
            row.updated_at = self._clock.now()

    def join_url(self, event_id: int) -> str:
        """The dev meeting page of an event."""
        return f"{self._join_base}{DEV_MEETING_PATH}/{event_id}"

    async def _person(self, upn_or_id: str) -> PersonRow | None:
        query = select(PersonRow).where(
            or_(PersonRow.aad_object_id == upn_or_id, PersonRow.email == upn_or_id.lower())
        )
        async with self._sessions() as db:
            return (await db.scalars(query)).first()

    async def _event(self, db: AsyncSession, organizer: str, event_id: str) -> LocalEventRow:
        row = await db.get(LocalEventRow, int(event_id)) if event_id.isdigit() else None
        if row is None or row.organizer != organizer:
            raise CalendarItemMissing("the local calendar has no such event")
        return row
