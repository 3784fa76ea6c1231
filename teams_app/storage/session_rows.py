"""Sessions for SqlStore: claimed once per slot, then confirmed, moved or cancelled by
compare-and-set on their version.

A booking is claimed before the calendar is asked, so a second click on the same slot (or
Teams re-sending a slow invoke) finds the first claim through the unique live-slot index
instead of making a second meeting. A claim that fails is deleted: no half-recorded session
remains.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.calendar import BookedMeeting
from teams_app.domain.pairing import StaleRecord
from teams_app.domain.programme import Role
from teams_app.domain.sessions import Session, SessionStatus
from teams_app.services.ports import Clock
from teams_app.storage.tables import SessionRow

Zones = tuple[str, str]
_LIVE = (SessionStatus.BOOKING.value, SessionStatus.SCHEDULED.value)
_SHOWN = (SessionStatus.SCHEDULED.value, SessionStatus.CANCELLED.value)


class SessionRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock

    async def claim_session(self, s: Session) -> tuple[Session, bool]:
        """Insert a booking; (stored, True), or (the claim already made, False).

        The claim already made is the live session of the same pair and start, or the one
        with the same transaction id. StaleRecord if that one vanished meanwhile.
        """
        now = self._clock.now()
        values = _values(s) | {"status": SessionStatus.BOOKING.value, "version": 1}
        values |= {"created_at": now, "updated_at": now}
        try:
            async with self._sessions.begin() as db:
                statement = insert(SessionRow).values(values).returning(SessionRow)
                row = (await db.scalars(statement)).one()
                return session_of(row), True
        except IntegrityError:
            pass
        same = or_(
            SessionRow.transaction_id == s.transaction_id,
            and_(
                SessionRow.pairing_id == s.pairing_id,
                SessionRow.starts_at == s.starts_at,
                SessionRow.status.in_(_LIVE),
            ),
        )
        async with self._sessions() as db:
            query = select(SessionRow).where(same).order_by(SessionRow.id)
            found = (await db.scalars(query)).first()
        if found is None:
            raise StaleRecord("the earlier claim of this slot was dropped meanwhile")
        return session_of(found), False

    async def take_over_booking(self, session_id: int, expected_version: int) -> Session:
        """Claim a stalled booking for another try (its owner died); StaleRecord if it moved."""
        return await self._change(session_id, expected_version, SessionStatus.BOOKING, {})

    async def confirm_session(
        self, session_id: int, expected_version: int, meeting: BookedMeeting, zones: Zones
    ) -> Session:
        """A booking the calendar made becomes scheduled, with the pair's zones as booked
        (mentee's, mentor's); StaleRecord if it changed meanwhile."""
        changes = {
            "status": SessionStatus.SCHEDULED.value,
            "event_id": meeting.event_id,
            "join_url": meeting.join_url,
            "dev_link": meeting.dev_link,
            "time_zone": zones[0],
            "mentor_zone": zones[1],
        }
        return await self._change(session_id, expected_version, SessionStatus.BOOKING, changes)

    async def drop_booking(self, session_id: int, expected_version: int) -> bool:
        """Delete a booking the calendar did not make; False if it changed meanwhile."""
        statement = delete(SessionRow).where(
            SessionRow.id == session_id,
            SessionRow.version == expected_version,
            SessionRow.status == SessionStatus.BOOKING.value,
        )
        async with self._sessions.begin() as db:
            connection = await db.connection()
            return (await connection.execute(statement)).rowcount == 1

    async def move_session(
        self, session_id: int, expected_version: int, starts_at: datetime, ends_at: datetime
    ) -> Session:
        """Move a scheduled session; StaleRecord if it changed or the pair has that slot."""
        changes = {"starts_at": starts_at, "ends_at": ends_at}
        try:
            return await self._change(
                session_id, expected_version, SessionStatus.SCHEDULED, changes
            )
        except IntegrityError as error:
            raise StaleRecord("the pair already has a session at that time") from error

    async def cancel_session(self, session_id: int, expected_version: int, by: str) -> Session:
        """Cancel a scheduled session; StaleRecord if it changed since it was read."""
        changes = {
            "status": SessionStatus.CANCELLED.value,
            "cancelled_at": self._clock.now(),
            "cancelled_by": by,
        }
        return await self._change(session_id, expected_version, SessionStatus.SCHEDULED, changes)

    async def reopen_session(self, session_id: int, expected_version: int) -> Session:
        """Undo a cancellation the calendar refused; StaleRecord if it changed meanwhile."""
        changes = {
            "status": SessionStatus.SCHEDULED.value,
            "cancelled_at": None,
            "cancelled_by": None,
        }
        return await self._change(session_id, expected_version, SessionStatus.CANCELLED, changes)

    async def set_session_card(self, session_id: int, role: Role, activity_id: str) -> None:
        """Remember a person's session card, to update it in place; the version stays."""
        column = "mentee_card" if role is Role.MENTEE else "mentor_card"
        statement = update(SessionRow).where(SessionRow.id == session_id)
        async with self._sessions.begin() as db:
            await db.execute(statement.values({column: activity_id}))

    async def get_session(self, session_id: int) -> Session | None:
        """A session by id, in any status."""
        async with self._sessions() as db:
            row = await db.get(SessionRow, session_id)
            return None if row is None else session_of(row)

    async def sessions_of(self, pairing_id: int) -> Sequence[Session]:
        """A pair's scheduled, held and cancelled sessions (not bookings), earliest first."""
        query = (
            select(SessionRow)
            .where(SessionRow.pairing_id == pairing_id, SessionRow.status.in_(_SHOWN))
            .order_by(SessionRow.starts_at, SessionRow.id)
        )
        async with self._sessions() as db:
            return [session_of(row) for row in await db.scalars(query)]

    async def _change(
        self,
        session_id: int,
        expected_version: int,
        status: SessionStatus,
        changes: dict[str, Any],
    ) -> Session:
        where: list[ColumnElement[bool]] = [
            SessionRow.id == session_id,
            SessionRow.version == expected_version,
            SessionRow.status == status.value,
        ]
        statement = (
            update(SessionRow)
            .where(*where)
            .values(changes | {"version": SessionRow.version + 1, "updated_at": self._clock.now()})
            .returning(SessionRow)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as db:
            row = (await db.scalars(statement)).first()
            if row is None:
                raise StaleRecord(f"session {session_id} changed since it was read")
            return session_of(row)


def _values(s: Session) -> dict[str, Any]:
    return {
        "pairing_id": s.pairing_id,
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
        "organizer": s.organizer,
        "booked_by": s.booked_by,
        "transaction_id": s.transaction_id,
        "time_zone": s.time_zone,
        "mentor_zone": s.mentor_zone,
        "dev_link": s.dev_link,
    }


def session_of(row: SessionRow) -> Session:
    """The domain session of a row."""
    return Session(
        pairing_id=row.pairing_id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        organizer=row.organizer,
        booked_by=row.booked_by,
        transaction_id=row.transaction_id,
        time_zone=row.time_zone,
        mentor_zone=row.mentor_zone,
        status=SessionStatus(row.status),
        event_id=row.event_id,
        join_url=row.join_url,
        dev_link=row.dev_link,
        created_at=row.created_at,
        updated_at=row.updated_at,
        cancelled_at=row.cancelled_at,
        cancelled_by=row.cancelled_by,
        mentee_card=row.mentee_card,
        mentor_card=row.mentor_card,
        version=row.version,
        id=row.id,
    )
