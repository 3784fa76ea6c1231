"""People methods of SqlStore beyond the basics: adopting an HR placeholder on first contact."""

from __future__ import annotations

import dataclasses

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.people import Person
from teams_app.services.ports import Clock
from teams_app.storage.tables import (
    ApplicationRow,
    MentorRequestRow,
    PairingRow,
    PersonRow,
    SuggestionsRow,
)

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
            await _rekey_matching(session, old_id, aad_object_id)
            await session.execute(delete(PersonRow).where(PersonRow.aad_object_id == old_id))
        return Person(aad_object_id=aad_object_id, **fields)


async def _rekey_matching(session: AsyncSession, old_id: str, new_id: str) -> None:
    """Move suggestions, requests and pairings made before the person first opened Tandem."""
    for row_type in (MentorRequestRow, PairingRow):
        for column in (row_type.mentee, row_type.mentor):
            await session.execute(update(row_type).where(column == old_id).values({column: new_id}))
    await session.execute(
        update(SuggestionsRow).where(SuggestionsRow.mentee == old_id).values(mentee=new_id)
    )
    # A mentor appears inside the JSON lists of suggestions: rewrite the lists naming them.
    for row in await session.scalars(select(SuggestionsRow)):
        if any(entry.get("mentor") == old_id for entry in row.mentors) or old_id in row.choices:
            row.mentors = [
                {**entry, "mentor": new_id} if entry.get("mentor") == old_id else entry
                for entry in row.mentors
            ]
            row.choices = [new_id if choice == old_id else choice for choice in row.choices]
