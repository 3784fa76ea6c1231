"""The Mentorship Agreement and learning journals for SqlStore: compare-and-set on `version`,
each agreement change written with its history line in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.agreement import (
    AgreementChange,
    AgreementItem,
    ItemStatus,
    JournalEntry,
    Owner,
    describe,
)
from teams_app.domain.pairing import StaleRecord
from teams_app.services.ports import Clock
from teams_app.storage.agreement_tables import (
    AgreementHistoryRow,
    AgreementItemRow,
    JournalEntryRow,
)


class AgreementRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock

    async def agreement_items(self, pairing_id: int) -> Sequence[AgreementItem]:
        """A pair's agreement, oldest item first."""
        query = (
            select(AgreementItemRow)
            .where(AgreementItemRow.pairing_id == pairing_id)
            .order_by(AgreementItemRow.id)
        )
        async with self._sessions() as db:
            return [_item(row) for row in await db.scalars(query)]

    async def agreement_item(self, item_id: int) -> AgreementItem | None:
        """An agreement item by id."""
        async with self._sessions() as db:
            row = await db.get(AgreementItemRow, item_id)
            return None if row is None else _item(row)

    async def agreement_history(self, pairing_id: int) -> Sequence[AgreementChange]:
        """A pair's agreement changes, newest first."""
        query = (
            select(AgreementHistoryRow)
            .where(AgreementHistoryRow.pairing_id == pairing_id)
            .order_by(AgreementHistoryRow.at.desc(), AgreementHistoryRow.id.desc())
        )
        async with self._sessions() as db:
            return [
                AgreementChange(row.at, row.by, row.item_id, row.change)
                for row in await db.scalars(query)
            ]

    async def add_agreement_item(self, item: AgreementItem, by: str) -> AgreementItem:
        """Store a new item (version 1) and its history line."""
        now = self._clock.now()
        values = _values(item) | {"created_by": by, "created_at": now, "updated_at": now}
        async with self._sessions.begin() as db:
            statement = insert(AgreementItemRow).values(values | {"version": 1})
            row = (await db.scalars(statement.returning(AgreementItemRow))).one()
            stored = _item(row)
            await _history(db, stored.pairing_id, row.id, now, by, describe(None, stored))
        return stored

    async def change_agreement_item(
        self, item_id: int, pairing_id: int, expected_version: int, changes: dict[str, Any], by: str
    ) -> AgreementItem:
        """Change an item read at `expected_version`; StaleRecord if it changed or is gone."""
        now = self._clock.now()
        async with self._sessions.begin() as db:
            before = await _current(db, item_id, pairing_id, expected_version)
            values = {k: (v.value if hasattr(v, "value") else v) for k, v in changes.items()}
            statement = (
                update(AgreementItemRow)
                .where(
                    AgreementItemRow.id == item_id,
                    AgreementItemRow.version == expected_version,
                )
                .values(values | {"version": expected_version + 1, "updated_at": now})
                .returning(AgreementItemRow)
                .execution_options(synchronize_session=False)
            )
            row = (await db.scalars(statement)).first()
            if row is None:
                raise StaleRecord(f"agreement item {item_id} changed since it was read")
            after = _item(row)
            await _history(db, pairing_id, item_id, now, by, describe(before, after))
        return after

    async def remove_agreement_item(
        self, item_id: int, pairing_id: int, expected_version: int, by: str
    ) -> None:
        """Remove an item read at `expected_version`; its history stays."""
        now = self._clock.now()
        async with self._sessions.begin() as db:
            before = await _current(db, item_id, pairing_id, expected_version)
            statement = delete(AgreementItemRow).where(
                AgreementItemRow.id == item_id, AgreementItemRow.version == expected_version
            )
            if (await db.execute(statement)).rowcount != 1:  # type: ignore[attr-defined]
                raise StaleRecord(f"agreement item {item_id} changed since it was read")
            await _history(db, pairing_id, item_id, now, by, describe(before, None))

    async def journal_of(self, author: str) -> Sequence[JournalEntry]:
        """An author's journal, newest entry first."""
        query = (
            select(JournalEntryRow)
            .where(JournalEntryRow.author == author)
            .order_by(JournalEntryRow.written_at.desc(), JournalEntryRow.id.desc())
        )
        async with self._sessions() as db:
            return [_entry(row) for row in await db.scalars(query)]

    async def add_journal_entry(self, author: str, text: str) -> JournalEntry:
        """Store a new entry of `author`'s journal."""
        now = self._clock.now()
        values = {"author": author, "text": text, "written_at": now, "updated_at": now}
        async with self._sessions.begin() as db:
            statement = insert(JournalEntryRow).values(values | {"version": 1})
            return _entry((await db.scalars(statement.returning(JournalEntryRow))).one())

    async def change_journal_entry(
        self, entry_id: int, author: str, expected_version: int, text: str | None
    ) -> JournalEntry | None:
        """Rewrite (text) or remove (None) an entry of `author` read at `expected_version`.

        None when `author` has no such entry; StaleRecord when it changed since it was read.
        """
        mine = (JournalEntryRow.id == entry_id, JournalEntryRow.author == author)
        async with self._sessions.begin() as db:
            row = (await db.scalars(select(JournalEntryRow).where(*mine))).first()
            if row is None:
                return None
            if row.version != expected_version:
                raise StaleRecord(f"journal entry {entry_id} changed since it was read")
            if text is None:
                await db.execute(delete(JournalEntryRow).where(*mine))
                return _entry(row)
            row.text, row.version, row.updated_at = text, row.version + 1, self._clock.now()
            return _entry(row)


async def _current(
    db: AsyncSession, item_id: int, pairing_id: int, expected_version: int
) -> AgreementItem:
    row = await db.get(AgreementItemRow, item_id)
    if row is None or row.pairing_id != pairing_id or row.version != expected_version:
        raise StaleRecord(f"agreement item {item_id} changed since it was read")
    return _item(row)


async def _history(
    db: AsyncSession, pairing_id: int, item_id: int, at: datetime, by: str, change: str
) -> None:
    db.add(AgreementHistoryRow(pairing_id=pairing_id, item_id=item_id, at=at, by=by, change=change))


def _values(item: AgreementItem) -> dict[str, Any]:
    return {
        "pairing_id": item.pairing_id,
        "goal": item.goal,
        "action": item.action,
        "owner": item.owner.value,
        "due": item.due,
        "status": item.status.value,
    }


def _item(row: AgreementItemRow) -> AgreementItem:
    return AgreementItem(
        pairing_id=row.pairing_id,
        goal=row.goal,
        action=row.action,
        owner=Owner(row.owner),
        due=row.due,
        status=ItemStatus(row.status),
        version=row.version,
        id=row.id,
    )


def _entry(row: JournalEntryRow) -> JournalEntry:
    return JournalEntry(row.author, row.text, row.written_at, row.version, row.id)
