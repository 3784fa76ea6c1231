"""Durable jobs for SqlStore: scheduled once by key, claimed under leases, settled by owner.

A claim takes due open jobs whose lease is free or has expired and leases them to one owner.
On PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`, so replicas claiming at the
same moment take different jobs instead of waiting on each other. SQLite has one writer: the
claim takes the write lock first (BEGIN IMMEDIATE), and one process runs the jobs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.jobs import Job, JobStatus
from teams_app.services.ports import Clock
from teams_app.storage.application_rows import insert_unless_present
from teams_app.storage.tables import OPEN_JOB, JobRow

# A literal predicate, so the planner sees that the partial index on open jobs applies.
IS_OPEN = text(f"jobs.{OPEN_JOB}")
_OWNED = (JobStatus.PENDING.value, JobStatus.IN_FLIGHT.value)


class JobRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock
    _dialect: str

    async def schedule_job(self, kind: str, key: str, subject: str, due_at: datetime) -> Job:
        """Add a pending job unless one with `key` exists (in any status); the stored job."""
        now = self._clock.now()
        values = {
            "kind": kind,
            "key": key,
            "subject": subject,
            "due_at": due_at,
            "status": JobStatus.PENDING.value,
            "attempts": 0,
            "last_error": "",
            "created_at": now,
            "updated_at": now,
        }
        statement = insert_unless_present(self._dialect, JobRow, values, ["key"])
        async with self._sessions.begin() as session:
            await session.execute(statement)
            row = (await session.scalars(select(JobRow).where(JobRow.key == key))).one()
            return job_of(row)

    async def claim_due_jobs(
        self, now: datetime, owner: str, lease_seconds: float, limit: int
    ) -> Sequence[Job]:
        """Lease up to `limit` open jobs due by `now` to `owner`, oldest due first.

        Jobs under another live lease are skipped; an expired lease (its owner died) is free
        again. Each claim counts as an attempt.
        """
        picked = (
            select(JobRow.id)
            .where(IS_OPEN, JobRow.due_at <= now, _lease_free(now))
            .order_by(JobRow.due_at, JobRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(JobRow)
            .where(JobRow.id.in_(picked.scalar_subquery()))
            .values(
                lease_owner=owner,
                lease_until=now + timedelta(seconds=lease_seconds),
                attempts=JobRow.attempts + 1,
                updated_at=now,
            )
            .returning(JobRow)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            await self._take_write_lock(session)
            rows = (await session.scalars(statement)).all()
        return sorted((job_of(row) for row in rows), key=lambda job: (job.due_at, job.id))

    async def mark_in_flight(self, job_id: int, owner: str) -> bool:
        """Record that the job's effect starts now; False if `owner` no longer holds it."""
        return await self._owned_update(job_id, owner, status=JobStatus.IN_FLIGHT.value)

    async def settle_job(
        self,
        job_id: int,
        owner: str,
        status: JobStatus,
        error: str = "",
        due_at: datetime | None = None,
        reset_attempts: bool = False,
    ) -> bool:
        """Finish the owner's run: a final status, or PENDING again at `due_at`.

        A retry keeps the attempts; a deferral (`reset_attempts`) was no failure and
        starts them again. The lease is released; False if `owner` no longer held the job.
        """
        if status is JobStatus.IN_FLIGHT or (status is JobStatus.PENDING) != (due_at is not None):
            raise ValueError("settle as a final status, or as pending with a new due time")
        changes: dict[str, object] = {
            "status": status.value,
            "last_error": error,
            "lease_owner": None,
            "lease_until": None,
        }
        if due_at is not None:
            changes["due_at"] = due_at
        if reset_attempts:
            changes["attempts"] = 0
        return await self._owned_update(job_id, owner, **changes)

    async def cancel_jobs(
        self, *, subject: str | None = None, key_prefix: str | None = None, reason: str = ""
    ) -> int:
        """Cancel the pending jobs of a subject or with keys starting with `key_prefix`.

        Jobs in flight are left to finish: their effect may already have happened. Returns
        how many were cancelled.
        """
        if (subject is None) == (key_prefix is None):
            raise ValueError("cancel by subject or by key prefix, not both")
        chosen = (
            JobRow.subject == subject
            if subject is not None
            else JobRow.key.startswith(key_prefix or "", autoescape=True)
        )
        statement = (
            update(JobRow)
            .where(chosen, JobRow.status == JobStatus.PENDING.value)
            .values(
                status=JobStatus.CANCELLED.value,
                last_error=reason,
                lease_owner=None,
                lease_until=None,
                updated_at=self._clock.now(),
            )
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            connection = await session.connection()
            return (await connection.execute(statement)).rowcount

    async def bring_forward_job(self, key: str, due_at: datetime) -> bool:
        """Make a pending job due by `due_at` if it was due later; whether it moved."""
        statement = (
            update(JobRow)
            .where(
                JobRow.key == key,
                JobRow.status == JobStatus.PENDING.value,
                JobRow.due_at > due_at,
            )
            .values(due_at=due_at, updated_at=self._clock.now())
        )
        async with self._sessions.begin() as session:
            connection = await session.connection()
            return bool((await connection.execute(statement)).rowcount)

    async def get_job(self, key: str) -> Job | None:
        """A job by its key."""
        async with self._sessions() as session:
            row = (await session.scalars(select(JobRow).where(JobRow.key == key))).first()
            return None if row is None else job_of(row)

    async def list_jobs(
        self, *, subject: str | None = None, status: JobStatus | None = None
    ) -> Sequence[Job]:
        """Jobs (of one subject, in one status; None = any), by due time then id."""
        query = select(JobRow)
        if subject is not None:
            query = query.where(JobRow.subject == subject)
        if status is not None:
            query = query.where(JobRow.status == status.value)
        async with self._sessions() as session:
            rows = await session.scalars(query.order_by(JobRow.due_at, JobRow.id))
            return [job_of(row) for row in rows]

    async def _owned_update(self, job_id: int, owner: str, **changes: object) -> bool:
        statement = (
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.lease_owner == owner, JobRow.status.in_(_OWNED))
            .values(updated_at=self._clock.now(), **changes)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            connection = await session.connection()
            return (await connection.execute(statement)).rowcount == 1

    async def _take_write_lock(self, session: AsyncSession) -> None:
        if self._dialect == "sqlite":
            connection = await session.connection()
            await connection.exec_driver_sql("BEGIN IMMEDIATE")


def _lease_free(now: datetime) -> ColumnElement[bool]:
    return or_(JobRow.lease_until.is_(None), JobRow.lease_until <= now)


def job_of(row: JobRow) -> Job:
    """The domain job of a row."""
    return Job(
        id=row.id,
        kind=row.kind,
        key=row.key,
        subject=row.subject,
        due_at=row.due_at,
        status=JobStatus(row.status),
        attempts=row.attempts,
        lease_owner=row.lease_owner,
        lease_until=row.lease_until,
        last_error=row.last_error,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
