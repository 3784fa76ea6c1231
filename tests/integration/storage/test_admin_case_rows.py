"""Administrators' cases in the store (SQLite and PostgreSQL): one waiting case per pairing and
kind, compare-and-set decisions, notes encrypted at rest and re-encrypted on key rotation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from teams_app.domain.admin_cases import (
    AdminCase,
    AdminChannel,
    Alternative,
    CaseCategory,
    CaseKind,
    Outcome,
)
from teams_app.domain.pairing import Pairing, StaleRecord
from teams_app.domain.people import Person
from teams_app.storage.cipher import AnswerCipher, generate_key
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOTE = "My mentor is on the panel of my next recruitment."


@pytest.fixture
async def keyed(database_url: str) -> AsyncIterator[tuple[SqlStore, str]]:
    await upgrade(database_url)
    key = generate_key()
    opened = SqlStore.open(database_url, cipher=AnswerCipher([key]))
    yield opened, key
    await opened.close()


async def a_pairing(store: SqlStore) -> Pairing:
    for key in ("mentee", "mentor"):
        await store.upsert_person(Person(key, f"{key}@un.org", key.title()))
    cohort = await store.ensure_cohort("iom", "2026")
    return await store.create_pairing(Pairing(cohort.id, "mentee", "mentor", NOW), 1, 1)


def a_case(pairing: Pairing, kind: CaseKind = CaseKind.REMATCH) -> AdminCase:
    assert pairing.id is not None
    return AdminCase(
        pairing.cohort_id,
        kind,
        pairing.id,
        "mentee",
        NOW,
        CaseCategory.CONFLICT_OF_INTEREST,
        NOTE,
        alternatives=(Alternative("other-mentor", ("you both speak French",)),),
    )


async def test_one_waiting_case_per_pairing_and_kind(keyed: tuple[SqlStore, str]) -> None:
    store, _ = keyed
    pairing = await a_pairing(store)
    opened = await store.open_case(a_case(pairing))

    with pytest.raises(StaleRecord):
        await store.open_case(a_case(pairing))
    conflict = await store.open_case(a_case(pairing, CaseKind.CONFLICT))

    assert opened.version == 1 and conflict.id != opened.id
    read = await store.get_case(opened.id or 0)
    assert read == opened
    assert await store.waiting_case(pairing.id or 0, CaseKind.REMATCH) == opened


async def test_a_decision_is_stored_once_and_frees_the_pairing_for_a_new_case(
    keyed: tuple[SqlStore, str],
) -> None:
    store, _ = keyed
    pairing = await a_pairing(store)
    opened = await store.open_case(a_case(pairing))
    decided = opened.decided(Outcome.APPROVED, "admin", NOW, mentor="other-mentor")

    saved = await store.save_case(decided)
    with pytest.raises(StaleRecord):
        await store.save_case(decided)  # the same click again: read at the old version

    assert saved.version == 2 and saved.outcome is Outcome.APPROVED
    assert await store.waiting_case(pairing.id or 0, CaseKind.REMATCH) is None
    again = await store.open_case(a_case(pairing))  # a new request may follow
    waiting = await store.list_cases(pairing.cohort_id, waiting_only=True)
    assert [c.id for c in waiting] == [again.id]


async def test_the_note_is_encrypted_at_rest_and_rotates_to_a_new_key(
    keyed: tuple[SqlStore, str], database_url: str
) -> None:
    store, old_key = keyed
    pairing = await a_pairing(store)
    opened = await store.open_case(a_case(pairing))
    async with store.engine.connect() as connection:
        raw = (await connection.execute(text("SELECT note FROM admin_cases"))).scalar_one()
    assert NOTE.encode() not in bytes(raw)

    new_key = generate_key()
    both = SqlStore.open(database_url, cipher=AnswerCipher([new_key, old_key]))
    new_only = SqlStore.open(database_url, cipher=AnswerCipher([new_key]))
    try:
        assert await both.rotate_case_notes() == 1
        reread = await new_only.get_case(opened.id or 0)
    finally:
        await both.close()
        await new_only.close()
    assert reread is not None and reread.note == NOTE


async def test_the_admin_channel_is_replaced_not_duplicated(keyed: tuple[SqlStore, str]) -> None:
    store, _ = keyed
    first = AdminChannel("iom", "19:a@thread.tacv2", "team", "admin", NOW)
    await store.set_admin_channel(first)
    await store.set_admin_channel(replace(first, conversation_id="19:b@thread.tacv2"))

    stored = await store.admin_channel("iom")
    assert stored is not None and stored.conversation_id == "19:b@thread.tacv2"
    assert await store.admin_channel("together") is None
