"""Group commit: rows saved while a transaction runs are written together in the next one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

Row = dict[str, Any]
# Bounds one group-commit transaction: a few hundred small rows write in milliseconds.
GROUP_COMMIT_ROWS = 500


class GroupCommit:
    """Rows saved while a transaction is under way are written together in the next one.

    Under aiosqlite a transaction makes about five trips through the event loop, and SQLite
    has one writer (one pooled connection): when the loop is busy, one transaction per row
    queued the first sight of hundreds of conversations for seconds. A batch costs the trips
    of one transaction. Each caller still returns only once its row is committed.
    """

    def __init__(self, write: Callable[[list[Row]], Awaitable[None]], key: str) -> None:
        self._write = write
        self._key = key
        self._pending: list[tuple[Row, asyncio.Future[None]]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def save(self, row: Row) -> None:
        """Return once `row` is committed; raise what its transaction raised."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((row, done))
        if self._flushing is None:
            self._flushing = asyncio.create_task(self._flush())
        await done

    async def drain(self) -> None:
        """Wait until every row saved so far is written (or has failed)."""
        while self._flushing is not None:
            await asyncio.wait({self._flushing})

    async def _flush(self) -> None:
        try:
            while self._pending:
                batch = self._pending[:GROUP_COMMIT_ROWS]
                del self._pending[:GROUP_COMMIT_ROWS]
                await self._write_batch(batch)
        finally:
            self._flushing = None
            # Only a cancelled flush (shutdown) leaves rows behind: their callers are cancelled.
            for _, done in self._pending:
                done.cancel()
            self._pending.clear()

    async def _write_batch(self, batch: list[tuple[Row, asyncio.Future[None]]]) -> None:
        try:
            await self._write(self._latest([row for row, _ in batch]))
        except Exception as error:
            if len(batch) == 1 or not _row_error(error):
                for _, done in batch:
                    _settle(done, error)
                return
            # One bad row must not fail the others: write each alone.
            for item in batch:
                await self._write_batch([item])
            return
        except BaseException:
            for _, done in batch:
                done.cancel()
            raise
        for _, done in batch:
            _settle(done, None)

    def _latest(self, rows: list[Row]) -> list[Row]:
        """The last row saved for each key: PostgreSQL cannot update a row twice in one INSERT."""
        return list({row[self._key]: row for row in rows}.values())


def _row_error(error: Exception) -> bool:
    """Whether a row, rather than the database (locked, gone, full), made the write fail."""
    if isinstance(error, IntegrityError | DataError):
        return True
    return isinstance(error, StatementError) and not isinstance(error, DBAPIError)


def _settle(done: asyncio.Future[None], error: Exception | None) -> None:
    if done.done():  # the caller was cancelled; its row was written (or failed) all the same
        return
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)
