"""The pair's Mentorship Agreement (shared by both, editable by both, with history) and each
person's learning journal (their own only: not the partner's, not administrators')."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from teams_app.domain.agreement import (
    AgreementChange,
    AgreementItem,
    JournalEntry,
    item_changes,
    journal_text,
)
from teams_app.domain.pairing import Pairing, PairingStatus, StaleRecord
from teams_app.services.my_mentoring import MyMentoring


class AgreementStore(Protocol):
    """What the agreement and the journal read and write; changes are compare-and-set."""

    async def agreement_items(self, pairing_id: int) -> Sequence[AgreementItem]:
        """A pair's agreement, oldest item first."""
        ...

    async def agreement_item(self, item_id: int) -> AgreementItem | None:
        """An agreement item by id."""
        ...

    async def agreement_history(self, pairing_id: int) -> Sequence[AgreementChange]:
        """A pair's agreement changes, newest first."""
        ...

    async def add_agreement_item(self, item: AgreementItem, by: str) -> AgreementItem:
        """Store a new item and its history line."""
        ...

    async def change_agreement_item(
        self, item_id: int, pairing_id: int, expected_version: int, changes: dict[str, Any], by: str
    ) -> AgreementItem:
        """Change an item; StaleRecord if it changed since it was read."""
        ...

    async def remove_agreement_item(
        self, item_id: int, pairing_id: int, expected_version: int, by: str
    ) -> None:
        """Remove an item; StaleRecord if it changed since it was read."""
        ...

    async def journal_of(self, author: str) -> Sequence[JournalEntry]:
        """An author's journal, newest first."""
        ...

    async def add_journal_entry(self, author: str, text: str) -> JournalEntry:
        """Store a new journal entry."""
        ...

    async def change_journal_entry(
        self, entry_id: int, author: str, expected_version: int, text: str | None
    ) -> JournalEntry | None:
        """Rewrite or remove (None) an entry of `author`; None if they have no such entry."""
        ...


class NotYours(Exception):
    """There is no such pairing, item or entry for this person."""


class PairingEnded(Exception):
    """The pairing has ended: its agreement can be read, no longer changed."""


@dataclass(frozen=True)
class AgreementView:
    """A pair's agreement and its history, with the names of who changed what."""

    pairing: Pairing
    items: tuple[AgreementItem, ...]
    history: tuple[AgreementChange, ...]
    names: dict[str, str]


class Agreements:
    """The Mentorship Agreement and the learning journal."""

    def __init__(self, store: AgreementStore, mentoring: MyMentoring) -> None:
        self._store = store
        self._mentoring = mentoring

    async def read(self, person: str, pairing_id: int | None) -> AgreementView | None:
        """The person's pair's agreement; None when they have no pairing."""
        pairing = await self._mentoring.pairing_of(person, pairing_id)
        if pairing is None:
            if pairing_id is not None:
                raise NotYours("this pairing is not one of yours")
            return None
        assert pairing.id is not None
        names = {}
        for member in (pairing.mentee, pairing.mentor):
            found = await self._mentoring.store_person(member)
            names[member] = found.name if found else "A participant"
        return AgreementView(
            pairing,
            tuple(await self._store.agreement_items(pairing.id)),
            tuple(await self._store.agreement_history(pairing.id)),
            names,
        )

    async def add(self, person: str, pairing_id: int | None, raw: dict[str, Any]) -> AgreementItem:
        """Add an item to the person's active pair's agreement (InvalidField on bad input)."""
        pairing = await self._writable(person, pairing_id)
        changes = item_changes(raw, creating=True)
        item = replace(AgreementItem(pairing.id or 0, "", ""), **changes)
        return await self._store.add_agreement_item(item, person)

    async def change(
        self, person: str, item_id: int, version: int, raw: dict[str, Any]
    ) -> AgreementItem:
        """Change an item of the person's pair (StaleRecord when `version` is not current)."""
        item = await self._item(person, item_id)
        changes = item_changes(raw, creating=False)
        if not changes:
            if item.version != version:
                raise StaleRecord("the item changed since it was read")
            return item
        return await self._store.change_agreement_item(
            item_id, item.pairing_id, version, changes, person
        )

    async def remove(self, person: str, item_id: int, version: int) -> None:
        """Remove an item of the person's pair."""
        item = await self._item(person, item_id)
        await self._store.remove_agreement_item(item_id, item.pairing_id, version, person)

    async def journal(self, person: str) -> Sequence[JournalEntry]:
        """The person's own journal, newest first."""
        return await self._store.journal_of(person)

    async def write(self, person: str, raw: object) -> JournalEntry:
        """A new entry in the person's journal."""
        return await self._store.add_journal_entry(person, journal_text(raw))

    async def rewrite(self, person: str, entry_id: int, version: int, raw: object) -> JournalEntry:
        """Rewrite an entry of the person's own journal."""
        changed = await self._store.change_journal_entry(
            entry_id, person, version, journal_text(raw)
        )
        if changed is None:
            raise NotYours("no such journal entry")
        return changed

    async def erase(self, person: str, entry_id: int, version: int) -> None:
        """Remove an entry of the person's own journal."""
        if await self._store.change_journal_entry(entry_id, person, version, None) is None:
            raise NotYours("no such journal entry")

    async def _writable(self, person: str, pairing_id: int | None) -> Pairing:
        pairing = await self._mentoring.pairing_of(person, pairing_id)
        if pairing is None:
            raise NotYours("you have no pairing with an agreement")
        if pairing.status is not PairingStatus.ACTIVE:
            raise PairingEnded("this pairing has ended: its agreement can no longer change")
        return pairing

    async def _item(self, person: str, item_id: int) -> AgreementItem:
        item = await self._store.agreement_item(item_id)
        if item is None:
            raise NotYours("no such agreement item")
        await self._writable(person, item.pairing_id)  # NotYours unless it is the person's pair
        return item
