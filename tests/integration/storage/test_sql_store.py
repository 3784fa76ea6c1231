"""SqlStore keeps Tandem's state the same way on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import StatementError

from teams_app.domain.audit import AuditEntry
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.people import Person
from teams_app.services.ports import Clock
from teams_app.storage.sql_store import SqlStore

WELCOME_AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def conversation(
    conversation_id: str = "a:1",
    *,
    scope: Scope = Scope.PERSONAL,
    user: str | None = "aad-ana",
    service_url: str = "https://smba.trafficmanager.net/emea/",
) -> ConversationRecord:
    """A conversation record as the bot layer would save it."""
    return ConversationRecord(
        conversation_id=conversation_id,
        scope=scope,
        tenant_id="tenant-1",
        user_aad_id=user,
        team_id="team-1" if scope is Scope.TEAM else None,
        service_url=service_url,
        reference={"conversation": {"id": conversation_id}, "serviceUrl": service_url},
    )


def ana(**changes: Any) -> Person:
    """Ana, with any fields changed."""
    person = Person(
        aad_object_id="aad-ana",
        email="ana@example.org",
        name="Ana Lima",
        grade="P-3",
        entry_date=date(2019, 5, 1),
        duty_station="Geneva",
        time_zone="Europe/Zurich",
    )
    return replace(person, **changes)


async def test_ping_answers_on_a_live_database(store: SqlStore) -> None:
    await store.ping()


async def test_ping_raises_when_the_server_cannot_be_reached() -> None:
    unreachable = SqlStore.open("postgresql://tandem@127.0.0.1:9/nowhere")
    try:
        with pytest.raises(OSError):
            await unreachable.ping()
    finally:
        await unreachable.close()


async def test_a_saved_conversation_comes_back_as_it_was_saved(store: SqlStore) -> None:
    await store.save_conversation(conversation())

    stored = await store.get_conversation("a:1")

    assert stored == replace(conversation(), updated_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert await store.get_conversation("a:unknown") is None


async def test_saving_a_conversation_again_refreshes_it_and_keeps_the_welcome(
    store: SqlStore,
) -> None:
    await store.save_conversation(conversation())
    assert await store.mark_welcomed("a:1", WELCOME_AT)

    await store.save_conversation(conversation(service_url="https://smba.example/amer/"))

    stored = await store.get_conversation("a:1")
    assert stored is not None
    assert stored.service_url == "https://smba.example/amer/"
    assert stored.reference["serviceUrl"] == "https://smba.example/amer/"
    assert not await store.mark_welcomed("a:1", WELCOME_AT + timedelta(hours=1))


async def test_the_personal_conversation_of_a_person_ignores_team_conversations(
    store: SqlStore,
) -> None:
    await store.save_conversation(conversation("19:team@thread", scope=Scope.TEAM))
    await store.save_conversation(conversation("a:1"))
    await store.save_conversation(conversation("a:2", user="aad-ben"))

    found = await store.personal_conversation_of("aad-ana")

    assert found is not None and found.conversation_id == "a:1"
    assert await store.personal_conversation_of("aad-nobody") is None


async def test_only_one_of_twenty_concurrent_welcomes_wins(
    store: SqlStore, database_url: str
) -> None:
    await store.save_conversation(conversation())
    # A second store is a second replica: its own engine and connection pool.
    replica = SqlStore.open(database_url)
    try:
        outcomes = await asyncio.gather(
            *((store if n % 2 else replica).mark_welcomed("a:1", WELCOME_AT) for n in range(20))
        )
    finally:
        await replica.close()

    assert outcomes.count(True) == 1


async def test_welcoming_an_unknown_conversation_wins_nothing(store: SqlStore) -> None:
    assert not await store.mark_welcomed("a:unknown", WELCOME_AT)


async def test_a_person_is_inserted_then_updated_in_place(store: SqlStore) -> None:
    await store.upsert_person(ana())
    await store.upsert_person(ana(grade="P-4", unit="Statistics"))

    assert await store.get_person("aad-ana") == ana(grade="P-4", unit="Statistics")
    assert await store.get_person("aad-nobody") is None
    assert len(await store.list_people()) == 1


async def test_people_are_listed_by_name(store: SqlStore) -> None:
    for aad, name in [("aad-3", "Zoe"), ("aad-1", "Ana"), ("aad-2", "Mei")]:
        await store.upsert_person(Person(aad, f"{aad}@example.org", name))

    assert [person.name for person in await store.list_people()] == ["Ana", "Mei", "Zoe"]


async def test_audit_entries_come_back_newest_first_and_limited(
    store: SqlStore, clock: Clock
) -> None:
    for n in range(5):
        await store.append_audit(
            AuditEntry(clock.now(), "admin", f"action-{n}", "cohort:1", {"n": str(n)})
        )

    newest = await store.list_audit(limit=3)

    assert [entry.action for entry in newest] == ["action-4", "action-3", "action-2"]
    assert newest[0].detail == {"n": "4"}


async def test_datetimes_come_back_timezone_aware_in_utc(store: SqlStore) -> None:
    geneva_noon = datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    await store.append_audit(AuditEntry(geneva_noon, "admin", "opened", "cohort:1"))
    await store.save_conversation(conversation())

    [entry] = await store.list_audit()
    stored = await store.get_conversation("a:1")

    assert entry.at == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert entry.at.tzinfo == UTC
    assert stored is not None and stored.updated_at is not None
    assert stored.updated_at.tzinfo == UTC


async def test_naive_datetimes_are_refused(store: SqlStore) -> None:
    with pytest.raises(StatementError, match="naive datetime refused"):
        await store.append_audit(AuditEntry(datetime(2026, 1, 1), "admin", "x", "y"))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    instant=st.datetimes(
        min_value=datetime(1970, 1, 2),
        max_value=datetime(2200, 1, 1),
        timezones=st.timezones(),
        allow_imaginary=False,
    )
)
async def test_any_aware_instant_is_read_back_as_the_same_utc_instant(
    store: SqlStore, instant: datetime
) -> None:
    subject = uuid.uuid4().hex
    await store.append_audit(AuditEntry(instant, "prop", "instant", subject))

    [entry] = [entry for entry in await store.list_audit(limit=100) if entry.subject == subject]

    # Compared as timestamps: Python never finds a time in a DST fold equal across zones.
    assert entry.at.timestamp() == instant.timestamp()
    assert entry.at.tzinfo == UTC
