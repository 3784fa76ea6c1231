"""Engines get the async drivers, and SQLite connections the settings Tandem relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from teams_app.storage.engine import SQLITE_BUSY_TIMEOUT_MS, create_engine, normalise_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///var/tandem.db", "sqlite+aiosqlite:///var/tandem.db"),
        ("sqlite+aiosqlite:///var/tandem.db", "sqlite+aiosqlite:///var/tandem.db"),
        ("postgresql://u:p@db:5432/tandem", "postgresql+asyncpg://u:p@db:5432/tandem"),
        ("postgres://u:p@db/tandem", "postgresql+asyncpg://u:p@db/tandem"),
        ("postgresql+asyncpg://u@db/tandem", "postgresql+asyncpg://u@db/tandem"),
    ],
)
def test_plain_urls_are_given_the_async_drivers(given: str, expected: str) -> None:
    assert normalise_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("url", ["mysql://u@db/tandem", "postgresql+psycopg2://u@db/tandem"])
def test_other_databases_and_drivers_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported database scheme"):
        normalise_url(url)


async def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'tandem.db'}")
    try:
        async with engine.connect() as connection:
            pragmas = [
                (await connection.execute(text(f"PRAGMA {name}"))).scalar_one()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            ]
    finally:
        await engine.dispose()

    assert pragmas == ["wal", 1, SQLITE_BUSY_TIMEOUT_MS]


async def test_the_folder_of_a_new_sqlite_file_is_created(tmp_path: Path) -> None:
    database = tmp_path / "var" / "data" / "tandem.db"
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()

    assert database.exists()
