"""People methods of SqlStore beyond the basics: adopting an HR placeholder on first contact."""

from __future__ import annotations

import dataclasses

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.people import Person
from teams_app.services.ports import Clock
from teams_app.storage.tables import ApplicationRow, PersonRow

PLACEHOLDER_PREFIX = "hr:"
_PERSON_FIELDS = tuple(f.name for f in dataclasses.fields(Person) if f.name != "aad_object_id")


class PeopleRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock

    async def adopt_placeholder(self, email: str, aad_object_id: str) -> Person | None:
        """Re-key the HR-imported placeholder with this e-mail to the person's real id.

        HR files know e-mails, Teams knows Entra object ids: when the person first shows up,
        their imported record and applications move to the real id in one transaction.
        Returns the adopted person, or None when no placeholder has that e-mail.
        """
        async with self._sessions.begin() as session:
            row = await session.scalar(
                select(PersonRow)
                .where(func.lower(PersonRow.email) == email.casefold())
                .where(PersonRow.aad_object_id.startswith(PLACEHOLDER_PREFIX))
                .with_for_update()
            )
            if row is None:
                return None
            old_id, now = row.aad_object_id, self._clock.now()
            fields = {c: getattr(row, c) for c in _PERSON_FIELDS}
            # Free the unique e-mail before the real-id row takes it.
            await session.execute(
                update(PersonRow).where(PersonRow.aad_object_id == old_id).values(email=old_id)
            )
            session.add(
                PersonRow(aad_object_id=aad_object_id, created_at=now, updated_at=now, **fields)
            )
            await session.flush()
            await session.execute(
                update(ApplicationRow)
                .where(ApplicationRow.person_aad_id == old_id)
                .values(person_aad_id=aad_object_id)
            )
            await session.execute(delete(PersonRow).where(PersonRow.aad_object_id == old_id))
        return Person(aad_object_id=aad_object_id, **fields)
