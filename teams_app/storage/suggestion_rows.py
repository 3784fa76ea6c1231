"""Suggestions for SqlStore: one row per cohort and mentee, saved by compare-and-set."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.pairing import StaleRecord, SuggestedMentor, Suggestions
from teams_app.services.ports import Clock
from teams_app.storage.application_rows import insert_unless_present
from teams_app.storage.tables import SuggestionsRow


class SuggestionRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock
    _dialect: str

    async def save_suggestions(self, s: Suggestions) -> Suggestions:
        """Insert (version 0) or update (version equal to the stored one); StaleRecord if not.

        `card_activity_id` is written on insert only, then by set_suggestions_card: a copy
        read before the card was sent must not erase it. The returned copy has the stored one.
        """
        if s.version == 0:
            return await self._insert_suggestions(s)
        statement = (
            update(SuggestionsRow)
            .where(
                SuggestionsRow.cohort_id == s.cohort_id,
                SuggestionsRow.mentee == s.mentee,
                SuggestionsRow.version == s.version,
            )
            .values(_changes(s, self._clock.now()) | {"version": SuggestionsRow.version + 1})
            .returning(SuggestionsRow.id, SuggestionsRow.card_activity_id)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            updated = (await session.execute(statement)).first()
        if updated is None:
            raise StaleRecord(f"the suggestions changed since version {s.version} was read")
        return dataclasses.replace(
            s, id=updated[0], card_activity_id=updated[1], version=s.version + 1
        )

    async def _insert_suggestions(self, s: Suggestions) -> Suggestions:
        values = _changes(s, self._clock.now()) | {
            "cohort_id": s.cohort_id,
            "mentee": s.mentee,
            "card_activity_id": s.card_activity_id,
            "version": 1,
        }
        keys = ["cohort_id", "mentee"]
        statement = insert_unless_present(self._dialect, SuggestionsRow, values, keys)
        async with self._sessions.begin() as session:
            inserted = (await session.execute(statement.returning(SuggestionsRow.id))).first()
        if inserted is None:
            raise StaleRecord("the mentee already has suggestions: read them, then update them")
        return dataclasses.replace(s, id=inserted[0], version=1)

    async def get_suggestions(self, cohort_id: int, mentee: str) -> Suggestions | None:
        """The suggestions of one mentee in a cohort, if any."""
        query = select(SuggestionsRow).where(
            SuggestionsRow.cohort_id == cohort_id, SuggestionsRow.mentee == mentee
        )
        async with self._sessions() as session:
            row = (await session.scalars(query)).first()
            return None if row is None else _suggestions(row)

    async def list_suggestions(self, cohort_id: int) -> Sequence[Suggestions]:
        """Every mentee's suggestions in a cohort, ordered by id."""
        query = (
            select(SuggestionsRow)
            .where(SuggestionsRow.cohort_id == cohort_id)
            .order_by(SuggestionsRow.id)
        )
        async with self._sessions() as session:
            return [_suggestions(row) for row in await session.scalars(query)]

    async def set_suggestions_card(self, cohort_id: int, mentee: str, activity_id: str) -> None:
        """Remember the mentee's suggestions card; no version bump (the card carries it)."""
        statement = (
            update(SuggestionsRow)
            .where(SuggestionsRow.cohort_id == cohort_id, SuggestionsRow.mentee == mentee)
            .values(card_activity_id=activity_id)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            await session.execute(statement)


def _changes(s: Suggestions, now: datetime) -> dict[str, Any]:
    """The columns a save writes, whether it inserts or updates."""
    return {
        "mentors": [
            {"mentor": m.mentor, "score": m.score, "reasons": list(m.reasons)} for m in s.mentors
        ],
        "choices": list(s.choices),
        "round": s.round,
        "published_at": s.published_at,
        "chosen_at": s.chosen_at,
        "updated_at": now,
    }


def _suggestions(row: SuggestionsRow) -> Suggestions:
    return Suggestions(
        cohort_id=row.cohort_id,
        mentee=row.mentee,
        mentors=tuple(
            SuggestedMentor(m["mentor"], float(m["score"]), tuple(m["reasons"]))
            for m in row.mentors
        ),
        round=row.round,
        choices=tuple(row.choices),
        published_at=row.published_at,
        chosen_at=row.chosen_at,
        card_activity_id=row.card_activity_id,
        version=row.version,
        id=row.id,
    )
