"""Async engines for SQLite (aiosqlite, the embedded default) and PostgreSQL (asyncpg)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SQLITE_BUSY_TIMEOUT_MS = 5_000
_WAL_ATTEMPTS = 20

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def normalise_url(url: str | URL) -> URL:
    """The URL with the async driver Tandem uses for its database; other schemes are refused."""
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.drivername)
    if driver is None:
        raise ValueError(
            f"unsupported database scheme {parsed.drivername!r}: "
            "use sqlite+aiosqlite:///path or postgresql+asyncpg://..."
        )
    return parsed.set(drivername=driver)


def create_engine(url: str | URL) -> AsyncEngine:
    """An AsyncEngine for the URL: SQLite gets WAL, foreign keys and a busy timeout."""
    normalised = normalise_url(url)
    if normalised.get_backend_name() == "sqlite":
        return _sqlite_engine(normalised)
    return create_async_engine(normalised, pool_pre_ping=True)


def _is_sqlite_file(url: URL) -> bool:
    database = url.database or ""
    return database not in ("", ":memory:") and not database.startswith("file:")


def _sqlite_engine(url: URL) -> AsyncEngine:
    file_backed = _is_sqlite_file(url)
    if file_backed:
        Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)
    # One connection per process: SQLite has one writer at a time, and pooled connections
    # racing for its lock wait out busy timeouts (seconds of p99 under load) instead of queueing.
    pooling: dict[str, Any] = (
        {"pool_size": 1, "max_overflow": 0, "pool_timeout": 30} if file_backed else {}
    )
    engine = create_async_engine(url, **pooling)
    locked: type[Exception] = engine.dialect.loaded_dbapi.OperationalError

    @event.listens_for(engine.sync_engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            if file_backed:
                _use_wal(cursor, locked)
                # In WAL mode NORMAL keeps the database consistent after a crash and skips an
                # fsync per commit; only the last commits before a power cut can be lost.
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return engine


def _use_wal(cursor: Any, locked: type[Exception]) -> None:
    """Put the file in WAL mode; the mode is persistent, so this is usually a single read."""
    for attempt in range(_WAL_ATTEMPTS):
        cursor.execute("PRAGMA journal_mode")
        if cursor.fetchone()[0] == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except locked:
            # The switch reads, then writes: SQLite refuses that lock upgrade at once instead of
            # waiting busy_timeout, so processes opening a fresh file together must retry.
            if attempt == _WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
