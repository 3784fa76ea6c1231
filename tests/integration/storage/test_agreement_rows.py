"""Agreement items change by compare-and-set with their history; journals stay per author."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from teams_app.domain.agreement import AgreementItem, ItemStatus
from teams_app.domain.pairing import Pairing, StaleRecord
from teams_app.storage.sql_store import SqlStore


async def _pairing(store: SqlStore) -> int:
    cohort = await store.ensure_cohort("iom", "2026")
    started = datetime(2026, 3, 1, tzinfo=UTC)
    stored = await store.create_pairing(Pairing(cohort.id, "mentee", "mentor", started), 1, 1)
    assert stored.id is not None
    return stored.id


async def test_an_item_changes_once_per_version_and_each_change_is_in_the_history(
    store: SqlStore,
) -> None:
    pairing = await _pairing(store)
    item = await store.add_agreement_item(AgreementItem(pairing, "Lead", "Shadow"), "mentee")
    assert item.id is not None

    done = await store.change_agreement_item(
        item.id, pairing, 1, {"status": ItemStatus.DONE}, "mentor"
    )
    with pytest.raises(StaleRecord):
        await store.change_agreement_item(item.id, pairing, 1, {"goal": "Other"}, "mentee")
    await store.remove_agreement_item(item.id, pairing, 2, "mentee")

    assert (done.status, done.version) == (ItemStatus.DONE, 2)
    assert await store.agreement_items(pairing) == []
    history = await store.agreement_history(pairing)
    assert [(h.by, h.item_id) for h in history] == [
        ("mentee", item.id),
        ("mentor", item.id),
        ("mentee", item.id),
    ]
    assert history[0].change.startswith("removed")


async def test_a_journal_entry_is_found_only_by_its_author(store: SqlStore) -> None:
    entry = await store.add_journal_entry("amina", "A private note")
    assert entry.id is not None

    assert await store.change_journal_entry(entry.id, "priya", 1, "changed") is None
    assert await store.change_journal_entry(entry.id, "priya", 1, None) is None
    assert await store.journal_of("priya") == []
    changed = await store.change_journal_entry(entry.id, "amina", 1, "Rewritten")

    assert changed is not None and (changed.text, changed.version) == ("Rewritten", 2)
    with pytest.raises(StaleRecord):
        await store.change_journal_entry(entry.id, "amina", 1, None)
