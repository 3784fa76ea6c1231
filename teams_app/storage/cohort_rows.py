"""Cohort reads and status changes for SqlStore: the status moves by compare-and-set."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.applications import Cohort
from teams_app.domain.pairing import StaleRecord
from teams_app.storage.tables import CohortRow


class CohortRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def get_cohort(self, cohort_id: int) -> Cohort | None:
        """A cohort by id."""
        async with self._sessions() as session:
            row = await session.get(CohortRow, cohort_id)
            return None if row is None else _cohort(row)

    async def set_cohort_status(
        self, cohort_id: int, status: str, expected: str | None = None
    ) -> Cohort:
        """Move a cohort to `status`, only from `expected` when given; raises StaleRecord."""
        statement = update(CohortRow).where(CohortRow.id == cohort_id).values(status=status)
        if expected is not None:
            statement = statement.where(CohortRow.status == expected)
        statement = statement.returning(CohortRow.id).execution_options(synchronize_session=False)
        async with self._sessions.begin() as session:
            if (await session.execute(statement)).first() is None:
                raise StaleRecord(f"cohort {cohort_id} is not in status {expected!r}")
            row = (await session.scalars(select(CohortRow).where(CohortRow.id == cohort_id))).one()
            return _cohort(row)


def _cohort(row: CohortRow) -> Cohort:
    return Cohort(row.id, row.programme_id, row.name, row.status)
