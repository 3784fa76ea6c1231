"""Pairings for SqlStore: accepting a request or publishing a pair within capacity, race-free.

Capacity is a count of other rows, which no constraint can hold, so every transaction that
adds a pairing first serializes on its mentor and its mentee: on PostgreSQL with transaction
advisory locks on both (taken in a fixed order, so two of them never deadlock), on SQLite by
taking the database's write lock before the first read (BEGIN IMMEDIATE). Then the counts it
reads cannot change before it commits.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, or_, select, text, union, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.pairing import (
    AcceptRefused,
    MentorRequest,
    Pairing,
    PairingStatus,
    RequestStatus,
    StaleRecord,
)
from teams_app.storage.request_rows import IS_PENDING, request_of
from teams_app.storage.tables import ApplicationRow, MentorRequestRow, PairingRow

# What a refused accept closes the request as: a paired mentee withdraws (no next choice is
# asked), a full mentor falls through to the mentee's next choice.
_CLOSED_AS = {"mentee_paired": RequestStatus.WITHDRAWN, "mentor_full": RequestStatus.FULL}
_EXCLUDING = (RequestStatus.DECLINED.value, RequestStatus.EXPIRED.value)


@dataclasses.dataclass(frozen=True)
class _Limits:
    mentor_capacity: int
    max_mentors_per_mentee: int


class PairingRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _dialect: str

    async def accept_request(
        self,
        request_id: int,
        expected_version: int,
        at: datetime,
        mentor_capacity: int,
        max_mentors_per_mentee: int,
    ) -> tuple[MentorRequest, Pairing]:
        """Accept a pending request and pair its mentee and mentor, in one transaction.

        StaleRecord when the request is not pending at `expected_version`. When the mentee
        already has enough mentors the request is closed WITHDRAWN, when the mentor is full
        it is closed FULL, and AcceptRefused is raised after that close is committed.
        """
        limits = _Limits(mentor_capacity, max_mentors_per_mentee)
        async with self._sessions.begin() as session:
            await self._serialize_writes(session)
            found = await _parties(session, request_id)
            if found is None:
                raise StaleRecord(f"request {request_id} does not exist")
            cohort_id, mentee, mentor = found
            await self._lock_people(session, cohort_id, mentee, mentor)
            refusal = await _refusal(session, cohort_id, mentee, mentor, limits)
            status = RequestStatus.ACCEPTED if refusal is None else _CLOSED_AS[refusal]
            request = await _close(session, request_id, expected_version, status, at)
            if refusal is None:
                return request, await _insert(session, _pairing_for(request, at))
        # Raised after the commit: the request stays closed with the reason it could not be.
        raise AcceptRefused(refusal)

    async def create_pairing(
        self, p: Pairing, mentor_capacity: int, max_mentors_per_mentee: int
    ) -> Pairing:
        """Insert an active pairing (published by an administrator) within capacity.

        Raises AcceptRefused ("mentee_paired" or "mentor_full") and changes nothing otherwise.
        """
        if p.status is not PairingStatus.ACTIVE:
            raise ValueError("a new pairing must be active")
        limits = _Limits(mentor_capacity, max_mentors_per_mentee)
        async with self._sessions.begin() as session:
            await self._serialize_writes(session)
            await self._lock_people(session, p.cohort_id, p.mentee, p.mentor)
            refusal = await _refusal(session, p.cohort_id, p.mentee, p.mentor, limits)
            if refusal is not None:
                raise AcceptRefused(refusal)
            return await _insert(session, p)

    async def pairings(
        self,
        cohort_id: int,
        *,
        person: str | None = None,
        status: PairingStatus | None = PairingStatus.ACTIVE,
    ) -> Sequence[Pairing]:
        """A cohort's pairings (of a person as mentee or mentor; None = any), ordered by id."""
        query = select(PairingRow).where(PairingRow.cohort_id == cohort_id)
        if person is not None:
            query = query.where(or_(PairingRow.mentee == person, PairingRow.mentor == person))
        if status is not None:
            query = query.where(PairingRow.status == status.value)
        async with self._sessions() as session:
            return [_pairing(row) for row in await session.scalars(query.order_by(PairingRow.id))]

    async def pairings_of(self, person: str) -> Sequence[Pairing]:
        """Every pairing of a person as mentee or mentor, in any cohort, newest first."""
        query = (
            select(PairingRow)
            .where(or_(PairingRow.mentee == person, PairingRow.mentor == person))
            .order_by(PairingRow.started_at.desc(), PairingRow.id.desc())
        )
        async with self._sessions() as session:
            return [_pairing(row) for row in await session.scalars(query)]

    async def end_pairing(
        self, pairing_id: int, expected_version: int, at: datetime, reason: str
    ) -> Pairing:
        """End an active pairing read at `expected_version`; raises StaleRecord otherwise."""
        statement = (
            update(PairingRow)
            .where(
                PairingRow.id == pairing_id,
                PairingRow.version == expected_version,
                PairingRow.status == PairingStatus.ACTIVE.value,
            )
            .values(
                status=PairingStatus.ENDED.value,
                ended_at=at,
                end_reason=reason,
                version=PairingRow.version + 1,
            )
            .returning(PairingRow)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            row = (await session.scalars(statement)).first()
            if row is None:
                raise StaleRecord(f"pairing {pairing_id} changed since it was read")
            return _pairing(row)

    async def excluded_pairs(self, cohort_id: int) -> frozenset[tuple[str, str]]:
        """(mentee, mentor) pairs not to suggest in a cohort.

        Any pairing ever, in any cohort, between two people who applied to this cohort, and
        every request of this cohort that was declined or expired.
        """
        members = select(ApplicationRow.person_aad_id).where(ApplicationRow.cohort_id == cohort_id)
        paired = select(PairingRow.mentee, PairingRow.mentor).where(
            PairingRow.mentee.in_(members), PairingRow.mentor.in_(members)
        )
        refused = select(MentorRequestRow.mentee, MentorRequestRow.mentor).where(
            MentorRequestRow.cohort_id == cohort_id, MentorRequestRow.status.in_(_EXCLUDING)
        )
        async with self._sessions() as session:
            rows = (await session.execute(union(paired, refused))).all()
        return frozenset((mentee, mentor) for mentee, mentor in rows)

    async def _serialize_writes(self, session: AsyncSession) -> None:
        """On SQLite, take the write lock before reading, so no other process writes between."""
        if self._dialect == "sqlite":
            connection = await session.connection()
            await connection.exec_driver_sql("BEGIN IMMEDIATE")

    async def _lock_people(
        self, session: AsyncSession, cohort_id: int, mentee: str, mentor: str
    ) -> None:
        """On PostgreSQL, hold the mentor's and the mentee's pairing locks until commit."""
        if self._dialect != "postgresql":
            return
        keys = sorted(
            {_lock_key(cohort_id, "mentor", mentor), _lock_key(cohort_id, "mentee", mentee)}
        )
        for key in keys:
            await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _lock_key(cohort_id: int, role: str, person: str) -> int:
    """A stable signed 64-bit advisory lock key (the same on every replica)."""
    digest = hashlib.blake2b(f"tandem:pairing:{cohort_id}:{role}:{person}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


async def _parties(session: AsyncSession, request_id: int) -> tuple[int, str, str] | None:
    """The cohort, mentee and mentor of a request (which never change), if it exists."""
    query = select(
        MentorRequestRow.cohort_id, MentorRequestRow.mentee, MentorRequestRow.mentor
    ).where(MentorRequestRow.id == request_id)
    row = (await session.execute(query)).first()
    return None if row is None else (row.cohort_id, row.mentee, row.mentor)


async def _refusal(
    session: AsyncSession, cohort_id: int, mentee: str, mentor: str, limits: _Limits
) -> str | None:
    """Why pairing these two would break a capacity rule, or None if it would not."""
    query = select(PairingRow.mentee, PairingRow.mentor).where(
        PairingRow.cohort_id == cohort_id,
        PairingRow.status == PairingStatus.ACTIVE.value,
        or_(PairingRow.mentee == mentee, PairingRow.mentor == mentor),
    )
    active = [(row.mentee, row.mentor) for row in await session.execute(query)]
    mentee_load = sum(1 for paired_mentee, _ in active if paired_mentee == mentee)
    if mentee_load >= limits.max_mentors_per_mentee or (mentee, mentor) in active:
        return "mentee_paired"
    if sum(1 for _, paired_mentor in active if paired_mentor == mentor) >= limits.mentor_capacity:
        return "mentor_full"
    return None


async def _close(
    session: AsyncSession, request_id: int, version: int, status: RequestStatus, at: datetime
) -> MentorRequest:
    """Close a pending request read at `version` (compare-and-set); StaleRecord otherwise."""
    statement = (
        update(MentorRequestRow)
        .where(MentorRequestRow.id == request_id, MentorRequestRow.version == version, IS_PENDING)
        .values(status=status.value, decided_at=at, version=MentorRequestRow.version + 1)
        .returning(MentorRequestRow)
        .execution_options(synchronize_session=False)
    )
    row = (await session.scalars(statement)).first()
    if row is None:
        raise StaleRecord(f"request {request_id} changed since version {version} was read")
    return request_of(row)


def _pairing_for(request: MentorRequest, at: datetime) -> Pairing:
    return Pairing(request.cohort_id, request.mentee, request.mentor, at, request_id=request.id)


async def _insert(session: AsyncSession, p: Pairing) -> Pairing:
    statement = insert(PairingRow).values(
        cohort_id=p.cohort_id,
        mentee=p.mentee,
        mentor=p.mentor,
        status=p.status.value,
        request_id=p.request_id,
        started_at=p.started_at,
        ended_at=p.ended_at,
        end_reason=p.end_reason,
        version=1,
    )
    pairing_id = (await session.execute(statement.returning(PairingRow.id))).scalar_one()
    return dataclasses.replace(p, id=pairing_id, version=1)


def _pairing(row: PairingRow) -> Pairing:
    return Pairing(
        cohort_id=row.cohort_id,
        mentee=row.mentee,
        mentor=row.mentor,
        started_at=row.started_at,
        status=PairingStatus(row.status),
        request_id=row.request_id,
        ended_at=row.ended_at,
        end_reason=row.end_reason,
        version=row.version,
        id=row.id,
    )
