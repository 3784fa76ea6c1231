"""Cohorts and applications for SqlStore: compare-and-set saves, confidential answers encrypted."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, TextClause, and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.dml import Insert

from teams_app.domain.applications import (
    Application,
    ApplicationStatus,
    Cohort,
    StaleApplication,
)
from teams_app.services.ports import Clock
from teams_app.storage.cipher import AnswerCipher
from teams_app.storage.cohort_rows import cohort_of
from teams_app.storage.tables import ApplicationRow, CohortRow

_ROTATION_BATCH = 200


class NoEncryptionKey(RuntimeError):
    """Confidential answers must be written or read, but the store was given no cipher."""

    def __init__(self) -> None:
        super().__init__(
            "confidential answers need an encryption key: set TANDEM_ENCRYPTION_KEYS "
            "(python -m teams_app generate-key); Tandem never stores them in clear text"
        )


def insert_unless_present(
    dialect: str,
    model: type[Any],
    values: dict[str, Any],
    keys: list[str],
    where: ColumnElement[bool] | TextClause | None = None,
) -> Insert:
    """INSERT ... ON CONFLICT (keys) [WHERE partial index] DO NOTHING, on SQLite or PostgreSQL."""
    if dialect == "postgresql":
        pg = postgresql.insert(model).values(values)
        return pg.on_conflict_do_nothing(index_elements=keys, index_where=where)
    if dialect == "sqlite":
        lite = sqlite.insert(model).values(values)
        return lite.on_conflict_do_nothing(index_elements=keys, index_where=where)
    raise ValueError(f"no ON CONFLICT insert for dialect {dialect!r}")


class ApplicationRows:
    """The cohort and application methods of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock
    _dialect: str
    _cipher: AnswerCipher | None

    async def ensure_cohort(self, programme_id: str, name: str) -> Cohort:
        """The cohort of one programme edition, created on first use (safe when concurrent)."""
        values = {
            "programme_id": programme_id,
            "name": name,
            "status": "registration",
            "created_at": self._clock.now(),
        }
        statement = insert_unless_present(
            self._dialect, CohortRow, values, ["programme_id", "name"]
        )
        query = select(CohortRow).where(
            CohortRow.programme_id == programme_id, CohortRow.name == name
        )
        async with self._sessions.begin() as session:
            await session.execute(statement)
            row = (await session.scalars(query)).one()
            return cohort_of(row)

    async def find_cohort(self, programme_id: str, name: str) -> Cohort | None:
        """The cohort of one programme edition if it exists; never creates it."""
        query = select(CohortRow).where(
            CohortRow.programme_id == programme_id, CohortRow.name == name
        )
        async with self._sessions() as session:
            row = (await session.scalars(query)).first()
            return None if row is None else cohort_of(row)

    async def get_application(
        self, cohort_id: int, person_aad_id: str, role: str
    ) -> Application | None:
        """A person's application in one role of a cohort, confidential answers decrypted."""
        query = select(ApplicationRow).where(
            ApplicationRow.cohort_id == cohort_id,
            ApplicationRow.person_aad_id == person_aad_id,
            ApplicationRow.role == role,
        )
        async with self._sessions() as session:
            row = (await session.scalars(query)).first()
            return None if row is None else self._application(row)

    async def applications_of(self, person_aad_id: str) -> Sequence[Application]:
        """Every application of a person, newest cohort first, then by role."""
        query = (
            select(ApplicationRow)
            .join(CohortRow, CohortRow.id == ApplicationRow.cohort_id)
            .where(ApplicationRow.person_aad_id == person_aad_id)
            .order_by(CohortRow.created_at.desc(), CohortRow.id.desc(), ApplicationRow.role)
        )
        async with self._sessions() as session:
            return [self._application(row) for row in await session.scalars(query)]

    async def list_applications(
        self,
        cohort_id: int,
        role: str | None = None,
        status: ApplicationStatus | None = ApplicationStatus.SUBMITTED,
    ) -> Sequence[Application]:
        """A cohort's applications (in one role, with one status; None = any), ordered by id."""
        query = select(ApplicationRow).where(*_of_cohort(cohort_id, role, status))
        async with self._sessions() as session:
            rows = await session.scalars(query.order_by(ApplicationRow.id))
            return [self._application(row) for row in rows]

    async def count_applications(
        self,
        cohort_id: int,
        role: str | None = None,
        status: ApplicationStatus | None = ApplicationStatus.SUBMITTED,
    ) -> int:
        """How many applications list_applications would return, none of them read."""
        query = select(func.count()).where(*_of_cohort(cohort_id, role, status))
        async with self._sessions() as session:
            return int(await session.scalar(query) or 0)

    async def save_application(self, application: Application) -> Application:
        """Insert (version 0) or update (version equal to the stored one) atomically.

        Returns the stored application with its new version; raises StaleApplication when
        the stored version differs (or, on insert, when the application already exists).
        """
        sealed = self._seal(application.confidential)
        now = self._clock.now()
        if application.version == 0:
            return await self._insert(application, sealed, now)
        return await self._update(application, sealed, now)

    async def rotate_confidential(self) -> int:
        """Re-encrypt every stored confidential document with the primary key; returns how many.

        Run it after putting the new key first in TANDEM_ENCRYPTION_KEYS on every replica;
        the old keys can be removed once it has returned.
        """
        cipher = self._require_cipher()
        rotated, after = 0, 0
        while True:
            query = (
                select(ApplicationRow.id, ApplicationRow.confidential)
                .where(ApplicationRow.id > after, ApplicationRow.confidential.is_not(None))
                .order_by(ApplicationRow.id)
                .limit(_ROTATION_BATCH)
            )
            # Read, then write in a transaction of its own: a SQLite transaction that reads
            # first cannot wait for the write lock, so a concurrent save would fail it.
            async with self._sessions() as session:
                batch = (await session.execute(query)).all()
            swaps = [(row_id, old, cipher.rotate(old)) for row_id, old in batch if old is not None]
            async with self._sessions.begin() as session:
                for row_id, old, new in swaps:
                    rotated += await _replace_token(session, row_id, old, new)
            if len(batch) < _ROTATION_BATCH:
                return rotated
            after = batch[-1][0]

    async def _insert(
        self, application: Application, sealed: bytes | None, now: datetime
    ) -> Application:
        values = _changes(application, sealed, now) | {
            "cohort_id": application.cohort_id,
            "person_aad_id": application.person_aad_id,
            "role": application.role,
            "version": 1,
            "created_at": now,
        }
        unique = ["cohort_id", "person_aad_id", "role"]
        statement = insert_unless_present(self._dialect, ApplicationRow, values, unique).returning(
            ApplicationRow.id
        )
        async with self._sessions.begin() as session:
            inserted = (await session.execute(statement)).first()
        if inserted is None:
            raise StaleApplication("the application already exists: read it, then update it")
        return dataclasses.replace(
            application, id=inserted[0], version=1, created_at=now, updated_at=now
        )

    async def _update(
        self, application: Application, sealed: bytes | None, now: datetime
    ) -> Application:
        matches = [
            ApplicationRow.cohort_id == application.cohort_id,
            ApplicationRow.person_aad_id == application.person_aad_id,
            ApplicationRow.role == application.role,
            ApplicationRow.version == application.version,
        ]
        if application.id is not None:
            matches.append(ApplicationRow.id == application.id)
        statement = (
            update(ApplicationRow)
            .where(and_(*matches))
            .values(_changes(application, sealed, now) | {"version": ApplicationRow.version + 1})
            .returning(ApplicationRow.id, ApplicationRow.created_at)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions.begin() as session:
            updated = (await session.execute(statement)).first()
        if updated is None:
            raise StaleApplication(
                f"the application changed since version {application.version} was read"
            )
        return dataclasses.replace(
            application,
            id=updated[0],
            version=application.version + 1,
            created_at=updated[1],
            updated_at=now,
        )

    def _seal(self, confidential: dict[str, Any]) -> bytes | None:
        if not confidential:
            return None
        return self._require_cipher().encrypt(confidential)

    def _require_cipher(self) -> AnswerCipher:
        if self._cipher is None:
            raise NoEncryptionKey()
        return self._cipher

    def _application(self, row: ApplicationRow) -> Application:
        token = row.confidential
        return Application(
            cohort_id=row.cohort_id,
            person_aad_id=row.person_aad_id,
            role=row.role,
            status=ApplicationStatus(row.status),
            answers=dict(row.answers),
            confidential={} if token is None else self._require_cipher().decrypt(token),
            step=row.step,
            version=row.version,
            id=row.id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            submitted_at=row.submitted_at,
        )


def _changes(application: Application, sealed: bytes | None, now: datetime) -> dict[str, Any]:
    """The columns a save writes, whether it inserts or updates."""
    return {
        "status": application.status.value,
        "answers": dict(application.answers),
        "confidential": sealed,
        "step": application.step,
        "submitted_at": application.submitted_at,
        "updated_at": now,
    }


async def _replace_token(session: AsyncSession, row_id: int, old: bytes, new: bytes) -> int:
    """Swap one token, unless a save replaced it meanwhile (that one is already current)."""
    statement = (
        update(ApplicationRow)
        .where(ApplicationRow.id == row_id, ApplicationRow.confidential == old)
        .values(confidential=new)
        .execution_options(synchronize_session=False)
    )
    connection = await session.connection()
    result = await connection.execute(statement)
    return result.rowcount


def _of_cohort(
    cohort_id: int, role: str | None, status: ApplicationStatus | None
) -> list[ColumnElement[bool]]:
    """A cohort's applications, in one role and with one status where given."""
    where = [ApplicationRow.cohort_id == cohort_id]
    if role is not None:
        where.append(ApplicationRow.role == role)
    if status is not None:
        where.append(ApplicationRow.status == status.value)
    return where
