"""Conversation saves made together share transactions, and each still waits for its commit.

Proposed for tests/integration/storage/ (uses that folder's conftest: `store`, `database_url`,
`clock`; runs on SQLite and PostgreSQL).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.storage.group_commit import GroupCommit
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore


def record(
    conversation_id: str, service_url: str = "https://smba.example/emea/"
) -> ConversationRecord:
    """A personal conversation as the bot layer would save it."""
    return ConversationRecord(
        conversation_id=conversation_id,
        scope=Scope.PERSONAL,
        tenant_id="tenant-1",
        user_aad_id=f"aad-{conversation_id}",
        team_id=None,
        service_url=service_url,
        reference={"conversation": {"id": conversation_id}, "serviceUrl": service_url},
    )


async def test_hundreds_of_concurrent_saves_take_a_few_transactions_and_all_land(
    store: SqlStore,
) -> None:
    batches: list[int] = []
    write = store._save_conversations

    async def counted(rows: list[dict[str, Any]]) -> None:
        batches.append(len(rows))
        await write(rows)

    store._conversation_writes = GroupCommit(counted, "conversation_id")
    await asyncio.gather(*(store.save_conversation(record(f"a:{i}")) for i in range(300)))

    assert sum(batches) == 300 and len(batches) <= 3
    assert all([await store.get_conversation(f"a:{i}") for i in range(300)])


async def test_the_last_of_concurrent_saves_of_one_conversation_wins(store: SqlStore) -> None:
    await asyncio.gather(
        *(store.save_conversation(record("a:1", f"https://smba.example/{n}/")) for n in range(3))
    )

    stored = await store.get_conversation("a:1")
    assert stored is not None and stored.service_url == "https://smba.example/2/"


async def test_a_bad_row_fails_only_its_own_save(store: SqlStore) -> None:
    bad = replace(record("a:bad"), service_url=None)  # type: ignore[arg-type]
    outcomes = await asyncio.gather(
        store.save_conversation(record("a:1")),
        store.save_conversation(bad),
        store.save_conversation(record("a:2")),
        return_exceptions=True,
    )

    assert outcomes[0] is None and outcomes[2] is None and isinstance(outcomes[1], Exception)
    assert await store.get_conversation("a:2") is not None


async def test_a_database_failure_fails_the_batch_once_without_retrying_each_row() -> None:
    attempts: list[int] = []

    async def locked(rows: list[dict[str, Any]]) -> None:
        attempts.append(len(rows))
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    writes = GroupCommit(locked, "id")
    outcomes = await asyncio.gather(
        *(writes.save({"id": n}) for n in range(5)), return_exceptions=True
    )

    assert attempts == [5]
    assert all(isinstance(outcome, OperationalError) for outcome in outcomes)


async def test_a_cancelled_caller_leaves_the_other_saves_alone(store: SqlStore) -> None:
    first = asyncio.create_task(store.save_conversation(record("a:1")))
    second = asyncio.create_task(store.save_conversation(record("a:2")))
    await asyncio.sleep(0)
    first.cancel()

    await second
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await store.get_conversation("a:2") is not None


async def test_closing_the_store_finishes_the_saves_under_way(
    database_url: str, clock: Any
) -> None:
    await upgrade(database_url)
    store = SqlStore.open(database_url, clock)
    saving = asyncio.create_task(store.save_conversation(record("a:9")))
    await asyncio.sleep(0)
    await store.close()
    await saving

    reopened = SqlStore.open(database_url, clock)
    try:
        assert await reopened.get_conversation("a:9") is not None
    finally:
        await reopened.close()
