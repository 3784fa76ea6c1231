"""Cohort reads and status changes for SqlStore: the status moves by compare-and-set."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.dml import Update

from teams_app.domain.applications import Cohort
from teams_app.domain.pairing import StaleRecord
from teams_app.domain.retention import ENDED
from teams_app.storage.tables import CohortRow


class CohortRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def get_cohort(self, cohort_id: int) -> Cohort | None:
        """A cohort by id."""
        async with self._sessions() as session:
            row = await session.get(CohortRow, cohort_id)
            return None if row is None else cohort_of(row)

    async def set_cohort_status(
        self, cohort_id: int, status: str, expected: str | None = None
    ) -> Cohort:
        """Move a cohort to `status`, only from `expected` when given; raises StaleRecord."""
        statement = update(CohortRow).where(CohortRow.id == cohort_id).values(status=status)
        if expected is not None:
            statement = statement.where(CohortRow.status == expected)
        return await self._cohort_changed(cohort_id, statement, f"not in status {expected!r}")

    async def end_cohort(self, cohort_id: int, at: datetime, by: str, erase_on: datetime) -> Cohort:
        """Mark a cohort ended (registration closed with it); raises StaleRecord if it was."""
        statement = (
            update(CohortRow)
            .where(CohortRow.id == cohort_id, CohortRow.status != ENDED)
            .values(status=ENDED, ended_at=at, ended_by=by, erase_on=erase_on)
        )
        return await self._cohort_changed(cohort_id, statement, "ended already")

    async def _cohort_changed(self, cohort_id: int, statement: Update, stale: str) -> Cohort:
        changed = statement.returning(CohortRow.id).execution_options(synchronize_session=False)
        async with self._sessions.begin() as session:
            if (await session.execute(changed)).first() is None:
                raise StaleRecord(f"cohort {cohort_id} is {stale}")
            row = (await session.scalars(select(CohortRow).where(CohortRow.id == cohort_id))).one()
            return cohort_of(row)


def cohort_of(row: CohortRow) -> Cohort:
    """The domain value of a cohort row."""
    return Cohort(
        row.id,
        row.programme_id,
        row.name,
        row.status,
        ended_at=row.ended_at,
        ended_by=row.ended_by,
        erase_on=row.erase_on,
        personal_data_deleted_at=row.personal_data_deleted_at,
    )
