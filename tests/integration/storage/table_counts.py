"""Rows per table, to show exactly what an operation removed or added."""

from __future__ import annotations

from sqlalchemy import func, select, text

from teams_app.storage.sql_store import SqlStore
from teams_app.storage.tables import Base

TABLES = sorted(Base.metadata.tables)


async def row_counts(store: SqlStore) -> dict[str, int]:
    """How many rows each of Tandem's tables holds now."""
    async with store.engine.connect() as db:
        return {
            table: (await db.execute(select(func.count()).select_from(text(table)))).scalar_one()
            for table in TABLES
        }
