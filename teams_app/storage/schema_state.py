"""Where a database's schema stands against the packaged migrations, without changing it."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import alembic_config


async def schema_state(url: str) -> tuple[str | None, str | None]:
    """(current revision, newest packaged revision); current is None on an empty database."""
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            current = await connection.run_sync(_current_revision)
    finally:
        await engine.dispose()
    return current, head


def _current_revision(connection: Connection) -> str | None:
    revision: str | None = MigrationContext.configure(connection).get_current_revision()
    return revision
