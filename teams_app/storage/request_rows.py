"""Mentor requests for SqlStore: one pending request per mentee, closed by compare-and-set."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.pairing import MentorRequest, RequestStatus, StaleRecord
from teams_app.storage.application_rows import insert_unless_present
from teams_app.storage.tables import PENDING, MentorRequestRow

# A literal predicate, not a bound parameter: only then can the planner (SQLite's and
# PostgreSQL's generic plans alike) see that the partial indexes on pending requests apply.
IS_PENDING = text(f"mentor_requests.{PENDING}")


class RequestRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _dialect: str

    async def add_request(self, r: MentorRequest) -> MentorRequest:
        """Insert a pending request; StaleRecord if the mentee has one pending in the cohort."""
        if r.status is not RequestStatus.PENDING:
            raise ValueError("a new request must be pending")
        values = {
            "cohort_id": r.cohort_id,
            "mentee": r.mentee,
            "mentor": r.mentor,
            "rank": r.rank,
            "round": r.round,
            "message": r.message,
            "status": r.status.value,
            "answer": r.answer,
            "due_at": r.due_at,
            "created_at": r.created_at,
            "decided_at": r.decided_at,
            "card_activity_id": r.card_activity_id,
            "version": 1,
        }
        keys = ["cohort_id", "mentee"]
        statement = insert_unless_present(
            self._dialect, MentorRequestRow, values, keys, where=text(PENDING)
        ).returning(MentorRequestRow.id)
        async with self._sessions.begin() as session:
            inserted = (await session.execute(statement)).first()
        if inserted is None:
            raise StaleRecord("the mentee already has a pending request in this cohort")
        return dataclasses.replace(r, id=inserted[0], version=1)

    async def get_request(self, request_id: int) -> MentorRequest | None:
        """A request by id."""
        async with self._sessions() as session:
            row = await session.get(MentorRequestRow, request_id)
            return None if row is None else request_of(row)

    async def list_requests(
        self,
        cohort_id: int,
        *,
        mentee: str | None = None,
        mentor: str | None = None,
        status: RequestStatus | None = None,
    ) -> Sequence[MentorRequest]:
        """A cohort's requests, narrowed to a mentee, a mentor and a status; ordered by id."""
        query = select(MentorRequestRow).where(MentorRequestRow.cohort_id == cohort_id)
        if mentee is not None:
            query = query.where(MentorRequestRow.mentee == mentee)
        if mentor is not None:
            query = query.where(MentorRequestRow.mentor == mentor)
        if status is not None:
            query = query.where(MentorRequestRow.status == status.value)
        async with self._sessions() as session:
            rows = await session.scalars(query.order_by(MentorRequestRow.id))
            return [request_of(row) for row in rows]

    async def overdue_requests(self, now: datetime) -> Sequence[MentorRequest]:
        """Pending requests whose deadline is at or before `now`, in any cohort, oldest first."""
        query = (
            select(MentorRequestRow)
            .where(IS_PENDING, MentorRequestRow.due_at <= now)
            .order_by(MentorRequestRow.due_at, MentorRequestRow.id)
        )
        async with self._sessions() as session:
            return [request_of(row) for row in await session.scalars(query)]

    async def close_request(self, r: MentorRequest) -> MentorRequest:
        """Store a decided request if the stored one is still pending at r.version.

        Raises StaleRecord otherwise; returns the stored copy (version + 1).
        """
        if r.id is None or not r.status.closed:
            raise ValueError("close_request needs a stored request with its closing status")
        statement = (
            update(MentorRequestRow)
            .where(
                MentorRequestRow.id == r.id,
                MentorRequestRow.version == r.version,
                IS_PENDING,
            )
            .values(
                status=r.status.value,
                answer=r.answer,
                decided_at=r.decided_at,
                version=MentorRequestRow.version + 1,
            )
            .returning(MentorRequestRow)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            row = (await session.scalars(statement)).first()
            if row is None:
                raise StaleRecord(f"request {r.id} changed since version {r.version} was read")
            return request_of(row)

    async def set_request_card(self, request_id: int, activity_id: str) -> None:
        """Remember the mentor's request card; no version bump (the card carries it)."""
        statement = (
            update(MentorRequestRow)
            .where(MentorRequestRow.id == request_id)
            .values(card_activity_id=activity_id)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            await session.execute(statement)


def request_of(row: MentorRequestRow) -> MentorRequest:
    """The domain request of a row."""
    return MentorRequest(
        cohort_id=row.cohort_id,
        mentee=row.mentee,
        mentor=row.mentor,
        due_at=row.due_at,
        created_at=row.created_at,
        rank=row.rank,
        round=row.round,
        message=row.message,
        status=RequestStatus(row.status),
        answer=row.answer,
        decided_at=row.decided_at,
        card_activity_id=row.card_activity_id,
        version=row.version,
        id=row.id,
    )
