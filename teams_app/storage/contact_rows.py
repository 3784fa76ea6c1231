"""Contacts between paired people for SqlStore, and a pairing by id for the nudges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.pairing import Pairing
from teams_app.storage.pairing_rows import _pairing as pairing_of
from teams_app.storage.tables import PairContactRow, PairingRow


class ContactRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def record_contact(
        self, pairing_id: int, at: datetime, how: str, recorded_by: str | None = None
    ) -> None:
        """Record a sign that the pair has met ("session", "connected", ...); kept, not merged."""
        row = PairContactRow(pairing_id=pairing_id, at=at, how=how, recorded_by=recorded_by)
        async with self._sessions.begin() as session:
            session.add(row)

    async def contact_made_at(self, pairing_id: int) -> datetime | None:
        """When the pair first had contact, or None if it never had."""
        query = (
            select(PairContactRow.at)
            .where(PairContactRow.pairing_id == pairing_id)
            .order_by(PairContactRow.at)
            .limit(1)
        )
        async with self._sessions() as session:
            return (await session.scalars(query)).first()

    async def get_pairing(self, pairing_id: int) -> Pairing | None:
        """A pairing by id, in any status."""
        async with self._sessions() as session:
            row = await session.get(PairingRow, pairing_id)
            return None if row is None else pairing_of(row)
