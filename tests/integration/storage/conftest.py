"""One storage suite, two databases: every test taking `database_url` runs on both."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.doubles.postgres_server import PostgresServer


class SteppingClock:
    """A clock that moves one second each time it is read."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        """The current time, then one second later for the next reader."""
        now = self.current
        self.current += timedelta(seconds=1)
        return now


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL server shared by the session; skipped if not installed."""
    server = PostgresServer.find()
    if server is None:
        message = (
            "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin "
            "(apt-get install postgresql)"
        )
        if os.environ.get("TANDEM_REQUIRE_ALL") == "1":
            pytest.fail(f"TANDEM_REQUIRE_ALL=1 but {message}")
        pytest.skip(message)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def clock() -> SteppingClock:
    """A clock starting at a fixed UTC instant."""
    return SteppingClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
async def store(database_url: str, clock: SteppingClock) -> AsyncIterator[SqlStore]:
    """A SqlStore on a migrated, empty database."""
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock)
    yield opened
    await opened.close()
