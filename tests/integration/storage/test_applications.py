"""Cohorts and applications on SQLite and PostgreSQL: compare-and-set, encryption at rest."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from teams_app.domain.applications import Application, ApplicationStatus, StaleApplication
from teams_app.domain.people import Person
from teams_app.storage.application_rows import NoEncryptionKey
from teams_app.storage.cipher import AnswerCipher, UndecryptableAnswers, generate_key
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.conftest import SteppingClock

CONFIDENTIAL = {"gender": "woman", "nationality": "Brazilian", "disability": False}
SUBMITTED_AT = datetime(2026, 3, 5, 17, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def key() -> str:
    """The one encryption key of the store under test."""
    return generate_key()


@pytest.fixture
async def store(database_url: str, clock: SteppingClock, key: str) -> AsyncIterator[SqlStore]:
    """A SqlStore with a cipher, on a migrated database where Ana and Ben exist."""
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock, AnswerCipher([key]))
    for aad, name in [("aad-ana", "Ana Lima"), ("aad-ben", "Ben Okafor")]:
        await opened.upsert_person(Person(aad, f"{aad}@example.org", name))
    yield opened
    await opened.close()


@pytest.fixture
async def cohort_id(store: SqlStore) -> int:
    """The id of the 2026 cohort of the together programme."""
    return (await store.ensure_cohort("together", "2026")).id


def draft(cohort_id: int, person: str = "aad-ana", role: str = "mentee") -> Application:
    """A new application, never saved."""
    return Application(
        cohort_id, person, role, answers={"goals": ["career"]}, confidential=CONFIDENTIAL
    )


async def raw_rows(database_url: str, statement: str) -> list[tuple[object, ...]]:
    """Rows read straight from the database, past the store."""
    store = SqlStore.open(database_url)
    try:
        async with store.engine.connect() as connection:
            return [tuple(row) for row in await connection.execute(text(statement))]
    finally:
        await store.close()


async def test_ensuring_a_cohort_twice_gives_the_same_cohort(store: SqlStore) -> None:
    first = await store.ensure_cohort("together", "2026")
    again = await store.ensure_cohort("together", "2026")
    other_name = await store.ensure_cohort("together", "2027")
    other_programme = await store.ensure_cohort("iom", "2026")

    assert again == first
    assert (first.programme_id, first.name, first.status) == ("together", "2026", "registration")
    assert len({first.id, other_name.id, other_programme.id}) == 3


async def test_replicas_ensuring_one_cohort_together_create_it_once(
    store: SqlStore, database_url: str
) -> None:
    replica = SqlStore.open(database_url)
    try:
        cohorts = await asyncio.gather(
            *((store if n % 2 else replica).ensure_cohort("jposc", "2026") for n in range(10))
        )
    finally:
        await replica.close()

    assert len({cohort.id for cohort in cohorts}) == 1
    rows = await raw_rows(database_url, "SELECT id FROM cohorts WHERE programme_id = 'jposc'")
    assert len(rows) == 1


async def test_a_new_application_is_stored_at_version_one_and_read_back_whole(
    store: SqlStore, cohort_id: int
) -> None:
    saved = await store.save_application(draft(cohort_id))

    assert saved.version == 1 and saved.id is not None
    assert saved.created_at == saved.updated_at == datetime(2026, 3, 2, 9, 0, 3, tzinfo=UTC)
    assert await store.get_application(cohort_id, "aad-ana", "mentee") == saved
    assert await store.get_application(cohort_id, "aad-ana", "mentor") is None


async def test_an_update_stating_the_stored_version_moves_it_to_the_next(
    store: SqlStore, cohort_id: int
) -> None:
    saved = await store.save_application(draft(cohort_id))
    submitted = replace(
        saved,
        status=ApplicationStatus.SUBMITTED,
        answers={"goals": ["career", "network"]},
        step="review",
        submitted_at=SUBMITTED_AT,
    )

    updated = await store.save_application(submitted)

    assert updated.version == 2 and updated.id == saved.id
    assert updated.created_at == saved.created_at
    assert updated.updated_at is not None and saved.updated_at is not None
    assert updated.updated_at > saved.updated_at
    stored = await store.get_application(cohort_id, "aad-ana", "mentee")
    assert stored == updated
    assert stored.submitted_at == datetime(2026, 3, 5, 16, 30, tzinfo=UTC)
    assert stored.submitted_at.tzinfo == UTC


async def test_a_stale_update_is_refused_and_the_stored_row_is_unchanged(
    store: SqlStore, cohort_id: int
) -> None:
    first = await store.save_application(draft(cohort_id))
    current = await store.save_application(replace(first, step="goals"))

    with pytest.raises(StaleApplication):
        await store.save_application(replace(first, step="stale", answers={}))

    assert await store.get_application(cohort_id, "aad-ana", "mentee") == current


async def test_inserting_an_application_that_exists_is_refused_as_stale(
    store: SqlStore, cohort_id: int
) -> None:
    saved = await store.save_application(draft(cohort_id))

    with pytest.raises(StaleApplication):
        await store.save_application(replace(draft(cohort_id), answers={"goals": []}))

    assert await store.get_application(cohort_id, "aad-ana", "mentee") == saved


async def test_updating_an_application_never_saved_is_refused_as_stale(
    store: SqlStore, cohort_id: int
) -> None:
    with pytest.raises(StaleApplication):
        await store.save_application(replace(draft(cohort_id), version=1))

    assert await store.get_application(cohort_id, "aad-ana", "mentee") is None


async def test_an_application_of_an_unknown_person_breaks_integrity_not_version(
    store: SqlStore, cohort_id: int
) -> None:
    with pytest.raises(IntegrityError):
        await store.save_application(draft(cohort_id, person="aad-nobody"))


async def test_a_persons_applications_come_newest_cohort_first_then_by_role(
    store: SqlStore, cohort_id: int
) -> None:
    newer = (await store.ensure_cohort("together", "2027")).id
    for cohort, role in [(cohort_id, "mentee"), (newer, "mentor"), (newer, "mentee")]:
        await store.save_application(draft(cohort, role=role))
    await store.save_application(draft(newer, person="aad-ben"))

    found = await store.applications_of("aad-ana")

    assert [(a.cohort_id, a.role) for a in found] == [
        (newer, "mentee"),
        (newer, "mentor"),
        (cohort_id, "mentee"),
    ]
    assert all(a.confidential == CONFIDENTIAL for a in found)
    assert await store.applications_of("aad-nobody") == []


async def test_confidential_answers_are_encrypted_at_rest(
    store: SqlStore, cohort_id: int, database_url: str, key: str
) -> None:
    await store.save_application(draft(cohort_id))
    await store.save_application(replace(draft(cohort_id, person="aad-ben"), confidential={}))

    rows = await raw_rows(
        database_url, "SELECT person_aad_id, confidential FROM applications ORDER BY id"
    )

    [(_, sealed), (_, empty)] = rows
    assert isinstance(sealed, bytes) and empty is None
    for secret in ["woman", "Brazilian", "gender", "nationality", key]:
        assert secret.encode() not in sealed
    assert AnswerCipher([key]).decrypt(sealed) == CONFIDENTIAL


async def test_without_a_cipher_confidential_answers_are_refused_before_any_write(
    database_url: str, store: SqlStore, cohort_id: int
) -> None:
    keyless = SqlStore.open(database_url)
    try:
        with pytest.raises(NoEncryptionKey, match="TANDEM_ENCRYPTION_KEYS"):
            await keyless.save_application(draft(cohort_id))
        plain = await keyless.save_application(replace(draft(cohort_id), confidential={}))
    finally:
        await keyless.close()

    assert plain.version == 1
    assert await store.get_application(cohort_id, "aad-ana", "mentee") == plain


async def test_rotation_to_a_new_first_key_lets_the_old_key_be_removed(
    store: SqlStore, cohort_id: int, database_url: str, key: str
) -> None:
    for person in ["aad-ana", "aad-ben"]:
        await store.save_application(draft(cohort_id, person=person))
    await store.save_application(replace(draft(cohort_id, role="mentor"), confidential={}))
    new_key = generate_key()

    both = SqlStore.open(database_url, cipher=AnswerCipher([new_key, key]))
    new_only = SqlStore.open(database_url, cipher=AnswerCipher([new_key]))
    try:
        rotated = await both.rotate_confidential()
        found = await new_only.applications_of("aad-ben")
    finally:
        await both.close()
        await new_only.close()

    assert rotated == 2
    assert [a.confidential for a in found] == [CONFIDENTIAL]


async def test_saves_during_a_rotation_are_kept(
    store: SqlStore, cohort_id: int, database_url: str, key: str
) -> None:
    people = ["aad-ana", "aad-ben"]
    saved = [await store.save_application(draft(cohort_id, person=p)) for p in people]
    new_key = generate_key()
    both = SqlStore.open(database_url, cipher=AnswerCipher([new_key, key]))
    changed = [replace(application, confidential={"gender": "man"}) for application in saved]
    try:
        *updated, _ = await asyncio.gather(
            *(both.save_application(application) for application in changed),
            both.rotate_confidential(),
        )
    finally:
        await both.close()

    new_only = SqlStore.open(database_url, cipher=AnswerCipher([new_key]))
    try:
        assert [(await new_only.applications_of(p))[0] for p in people] == updated
    finally:
        await new_only.close()


async def test_reading_with_the_wrong_key_is_a_clear_error_not_garbage(
    store: SqlStore, cohort_id: int, database_url: str
) -> None:
    await store.save_application(draft(cohort_id))
    stranger = SqlStore.open(database_url, cipher=AnswerCipher([generate_key()]))
    try:
        with pytest.raises(UndecryptableAnswers, match="TANDEM_ENCRYPTION_KEYS"):
            await stranger.get_application(cohort_id, "aad-ana", "mentee")
        with pytest.raises(UndecryptableAnswers):
            await stranger.rotate_confidential()
    finally:
        await stranger.close()


async def test_only_one_of_twenty_concurrent_saves_of_one_version_wins(
    store: SqlStore, cohort_id: int, database_url: str
) -> None:
    read = await store.save_application(draft(cohort_id))
    replica = SqlStore.open(database_url, cipher=AnswerCipher([generate_key()]))

    async def attempt(n: int) -> Application | None:
        writer = store if n % 2 else replica
        try:
            return await writer.save_application(replace(read, answers={"n": n}, confidential={}))
        except StaleApplication:
            return None

    try:
        outcomes = await asyncio.gather(*(attempt(n) for n in range(20)))
    finally:
        await replica.close()

    [winner] = [outcome for outcome in outcomes if outcome is not None]
    assert winner.version == 2
    assert await store.get_application(cohort_id, "aad-ana", "mentee") == winner


async def test_only_one_of_twenty_concurrent_first_saves_wins(
    store: SqlStore, cohort_id: int, database_url: str, key: str
) -> None:
    replica = SqlStore.open(database_url, cipher=AnswerCipher([key]))

    async def attempt(n: int) -> Application | None:
        writer = store if n % 2 else replica
        try:
            return await writer.save_application(replace(draft(cohort_id), answers={"n": n}))
        except StaleApplication:
            return None

    try:
        outcomes = await asyncio.gather(*(attempt(n) for n in range(20)))
    finally:
        await replica.close()

    [winner] = [outcome for outcome in outcomes if outcome is not None]
    assert winner.version == 1
    assert await store.get_application(cohort_id, "aad-ana", "mentee") == winner
