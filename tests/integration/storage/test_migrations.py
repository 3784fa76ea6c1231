"""The Alembic migrations build the agreed schema, match the models and can run again."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

import teams_app.storage.agreement_tables  # noqa: F401  (maps its tables onto Base)
from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import alembic_config, upgrade
from teams_app.storage.tables import Base

AGREED_TABLES = {
    "people",
    "cohorts",
    "applications",
    "conversation_references",
    "audit_log",
    "suggestions",
    "mentor_requests",
    "pairings",
    "jobs",
    "pair_contacts",
    "sessions",
    "local_calendar_events",
    "deliveries",
    "admin_channels",
    "admin_cases",
    "survey_answers",
    "agreement_items",
    "agreement_history",
    "journal_entries",
}
HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _schema(connection: Connection) -> dict[str, Any]:
    inspector = inspect(connection)
    return {
        table: (
            [column["name"] for column in inspector.get_columns(table)],
            sorted(index["name"] or "" for index in inspector.get_indexes(table)),
        )
        for table in inspector.get_table_names()
    }


async def _run(url: str, statement: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(text(statement))
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


async def _schema_of(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_schema)
    finally:
        await engine.dispose()


async def test_upgrade_creates_exactly_the_agreed_tables(database_url: str) -> None:
    await upgrade(database_url)

    assert set(await _schema_of(database_url)) == AGREED_TABLES | {"alembic_version"}


async def test_upgrading_twice_changes_nothing_and_keeps_the_data(database_url: str) -> None:
    await upgrade(database_url)
    await _run(
        database_url,
        "INSERT INTO cohorts (programme_id, name, status, created_at) "
        "VALUES ('together', '2026', 'open', CURRENT_TIMESTAMP)",
    )
    before = await _schema_of(database_url)

    await upgrade(database_url)

    assert await _schema_of(database_url) == before
    assert await _run(database_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert await _run(database_url, "SELECT name FROM cohorts") == [("2026",)]


async def test_migrated_schema_matches_the_models(database_url: str) -> None:
    await upgrade(database_url)

    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
    finally:
        await engine.dispose()


async def test_replicas_starting_together_migrate_once(database_url: str) -> None:
    await asyncio.gather(*(upgrade(database_url) for _ in range(4)))

    assert await _run(database_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]


async def test_an_application_for_an_unknown_person_is_refused(database_url: str) -> None:
    await upgrade(database_url)
    await _run(
        database_url,
        "INSERT INTO cohorts (id, programme_id, name, status, created_at) "
        "VALUES (1, 'together', '2026', 'open', CURRENT_TIMESTAMP)",
    )

    with pytest.raises(IntegrityError):
        await _run(
            database_url,
            "INSERT INTO applications (cohort_id, person_aad_id, role, status, answers, "
            "created_at, updated_at) VALUES (1, 'nobody', 'mentee', 'draft', '{}', "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        )


@pytest.mark.parametrize(("first_role", "second_role"), [("mentee", "mentee"), ("mentor", "coach")])
async def test_an_application_is_unique_per_role_and_the_role_is_checked(
    database_url: str, first_role: str, second_role: str
) -> None:
    await upgrade(database_url)
    await _run(
        database_url,
        "INSERT INTO people (aad_object_id, email, name, created_at, updated_at) VALUES "
        "('a1', 'ana@example.org', 'Ana', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    )
    await _run(
        database_url,
        "INSERT INTO cohorts (id, programme_id, name, status, created_at) "
        "VALUES (1, 'together', '2026', 'open', CURRENT_TIMESTAMP)",
    )
    insert = (
        "INSERT INTO applications (cohort_id, person_aad_id, role, status, answers, "
        "created_at, updated_at) VALUES (1, 'a1', '{role}', 'draft', '{{}}', "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    await _run(database_url, insert.format(role=first_role))

    with pytest.raises(IntegrityError):
        await _run(database_url, insert.format(role=second_role))


async def _downgrade(url: str, revision: str) -> None:
    def downgrade_on(connection: Connection) -> None:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_on)
    finally:
        await engine.dispose()


async def test_upgrading_from_0001_keeps_applications_and_unique_cohorts_follow(
    database_url: str,
) -> None:
    await upgrade(database_url, "0001")
    for statement in [
        "INSERT INTO people (aad_object_id, email, name, created_at, updated_at) VALUES "
        "('a1', 'ana@example.org', 'Ana', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "INSERT INTO cohorts (id, programme_id, name, status, created_at) "
        "VALUES (1, 'together', '2026', 'open', CURRENT_TIMESTAMP)",
        "INSERT INTO applications (cohort_id, person_aad_id, role, status, answers, "
        "created_at, updated_at) VALUES (1, 'a1', 'mentee', 'draft', '{}', "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    ]:
        await _run(database_url, statement)

    await upgrade(database_url)

    assert await _run(
        database_url, "SELECT person_aad_id, version, step, submitted_at FROM applications"
    ) == [("a1", 1, None, None)]
    with pytest.raises(IntegrityError):
        await _run(
            database_url,
            "INSERT INTO cohorts (programme_id, name, status, created_at) "
            "VALUES ('together', '2026', 'open', CURRENT_TIMESTAMP)",
        )


async def test_0002_downgrades_to_0001_and_upgrades_again(database_url: str) -> None:
    await upgrade(database_url)
    schema = await _schema_of(database_url)

    await _downgrade(database_url, "0001")
    assert "step" not in (await _schema_of(database_url))["applications"][0]
    await upgrade(database_url)

    assert await _schema_of(database_url) == schema
