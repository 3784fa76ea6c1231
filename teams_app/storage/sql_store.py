"""The Store port on SQLAlchemy 2 async: SQLite (aiosqlite) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.sql.dml import Insert

from teams_app.clock import SystemClock
from teams_app.domain.audit import AuditEntry
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.people import Person
from teams_app.services.ports import Clock
from teams_app.storage.admin_case_rows import AdminCaseRows
from teams_app.storage.agreement_rows import AgreementRows
from teams_app.storage.application_rows import ApplicationRows
from teams_app.storage.cipher import AnswerCipher
from teams_app.storage.cohort_rows import CohortRows
from teams_app.storage.contact_rows import ContactRows
from teams_app.storage.dashboard_rows import DashboardRows
from teams_app.storage.delivery_rows import DeliveryRows
from teams_app.storage.engine import create_engine
from teams_app.storage.group_commit import GroupCommit, Row
from teams_app.storage.job_rows import JobRows
from teams_app.storage.pairing_rows import PairingRows
from teams_app.storage.people_rows import PeopleRows
from teams_app.storage.request_rows import RequestRows
from teams_app.storage.retention_rows import RetentionRows
from teams_app.storage.session_rows import SessionRows
from teams_app.storage.suggestion_rows import SuggestionRows
from teams_app.storage.survey_rows import SurveyRows
from teams_app.storage.tables import AuditRow, ConversationRow, PersonRow

CONVERSATION_COLUMNS = (
    "scope",
    "tenant_id",
    "user_aad_id",
    "team_id",
    "service_url",
    "reference",
    "updated_at",
)


def upsert(
    dialect: str, table: Table, values: Row | None, key: str, refresh: Iterable[str]
) -> Insert:
    """INSERT ... ON CONFLICT (key) DO UPDATE SET refresh columns, on SQLite or PostgreSQL.

    Without `values` the statement takes its rows as execute() parameters.
    """
    if dialect == "postgresql":
        pg = postgresql.insert(table)
        pg = pg if values is None else pg.values(values)
        return pg.on_conflict_do_update(
            index_elements=[key], set_={name: pg.excluded[name] for name in refresh}
        )
    if dialect == "sqlite":
        lite = sqlite.insert(table)
        lite = lite if values is None else lite.values(values)
        return lite.on_conflict_do_update(
            index_elements=[key], set_={name: lite.excluded[name] for name in refresh}
        )
    raise ValueError(f"no upsert for dialect {dialect!r}")


class SqlStore(
    ApplicationRows,
    PeopleRows,
    CohortRows,
    SuggestionRows,
    RequestRows,
    PairingRows,
    JobRows,
    ContactRows,
    SessionRows,
    DeliveryRows,
    AdminCaseRows,
    SurveyRows,
    AgreementRows,
    DashboardRows,
    RetentionRows,
):
    """Tandem's durable state in a SQL database; it owns the engine and closes it.

    `cipher` encrypts confidential answers; without one, saving or reading them fails.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        clock: Clock | None = None,
        cipher: AnswerCipher | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock or SystemClock()
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._dialect = engine.dialect.name
        self._cipher = cipher
        self._conversation_writes = GroupCommit(self._save_conversations, "conversation_id")

    @classmethod
    def open(
        cls, url: str | URL, clock: Clock | None = None, cipher: AnswerCipher | None = None
    ) -> SqlStore:
        """A store on a new engine for `url` (the schema must already be migrated)."""
        return cls(create_engine(url), clock, cipher)

    @property
    def cipher(self) -> AnswerCipher | None:
        """The answers' cipher (also seals short-lived links), if keys are configured."""
        return self._cipher

    @property
    def engine(self) -> AsyncEngine:
        """The engine the store runs on (for adapters that share the database)."""
        return self._engine

    async def close(self) -> None:
        """Finish the writes under way, then close every pooled connection."""
        await self._conversation_writes.drain()
        await self._engine.dispose()

    async def ping(self) -> None:
        """Raise if the database cannot answer a trivial query."""
        async with self._engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def save_conversation(self, record: ConversationRecord) -> None:
        """Insert or refresh a conversation reference; a recorded welcome is kept.

        Saves made while another is being written share one transaction (see GroupCommit).
        """
        await self._conversation_writes.save(
            {
                "conversation_id": record.conversation_id,
                "scope": record.scope.value,
                "tenant_id": record.tenant_id,
                "user_aad_id": record.user_aad_id,
                "team_id": record.team_id,
                "service_url": record.service_url,
                "reference": record.reference,
                "updated_at": record.updated_at or self._clock.now(),
            }
        )

    async def _save_conversations(self, rows: list[Row]) -> None:
        statement = upsert(
            self._dialect, _table(ConversationRow), None, "conversation_id", CONVERSATION_COLUMNS
        )
        async with self._sessions.begin() as session:
            connection = await session.connection()
            await connection.execute(statement, rows)

    async def get_conversation(self, conversation_id: str) -> ConversationRecord | None:
        """The stored reference of a conversation, if any."""
        async with self._sessions() as session:
            row = await session.get(ConversationRow, conversation_id)
            return None if row is None else _conversation(row)

    async def personal_conversation_of(self, user_aad_id: str) -> ConversationRecord | None:
        """The newest personal (1:1) conversation with a person, if any."""
        query = (
            select(ConversationRow)
            .where(ConversationRow.user_aad_id == user_aad_id)
            .where(ConversationRow.scope == Scope.PERSONAL.value)
            .order_by(ConversationRow.updated_at.desc())
            .limit(1)
        )
        async with self._sessions() as session:
            row = (await session.scalars(query)).first()
            return None if row is None else _conversation(row)

    async def mark_welcomed(self, conversation_id: str, at: datetime) -> bool:
        """Record the welcome; True only for the caller whose UPDATE changed the row."""
        statement = (
            update(_table(ConversationRow))
            .where(ConversationRow.conversation_id == conversation_id)
            .where(ConversationRow.welcomed_at.is_(None))
            .values(welcomed_at=at)
        )
        async with self._sessions.begin() as session:
            connection = await session.connection()
            result = await connection.execute(statement)
            return result.rowcount == 1

    async def upsert_person(self, person: Person) -> None:
        """Insert or update a person by their AAD object id."""
        now = self._clock.now()
        values = dataclasses.asdict(person) | {"created_at": now, "updated_at": now}
        keep = {"aad_object_id", "created_at"}
        refresh = [name for name in values if name not in keep]
        statement = upsert(self._dialect, _table(PersonRow), values, "aad_object_id", refresh)
        async with self._sessions.begin() as session:
            await session.execute(statement)

    async def get_person(self, aad_object_id: str) -> Person | None:
        """A person by AAD object id."""
        async with self._sessions() as session:
            row = await session.get(PersonRow, aad_object_id)
            return None if row is None else _person(row)

    async def list_people(self) -> Sequence[Person]:
        """Everyone known, ordered by name (then id, so the order is stable)."""
        query = select(PersonRow).order_by(PersonRow.name, PersonRow.aad_object_id)
        async with self._sessions() as session:
            return [_person(row) for row in await session.scalars(query)]

    async def append_audit(self, entry: AuditEntry) -> None:
        """Append one audit entry."""
        row = AuditRow(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            detail=dict(entry.detail),
        )
        async with self._sessions.begin() as session:
            session.add(row)

    async def list_audit(self, limit: int = 100) -> Sequence[AuditEntry]:
        """The newest audit entries first (ties broken by insertion order)."""
        query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)
        async with self._sessions() as session:
            return [_audit(row) for row in await session.scalars(query)]


def _table(model: type[Any]) -> Table:
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def _conversation(row: ConversationRow) -> ConversationRecord:
    return ConversationRecord(
        conversation_id=row.conversation_id,
        scope=Scope(row.scope),
        tenant_id=row.tenant_id,
        user_aad_id=row.user_aad_id,
        team_id=row.team_id,
        service_url=row.service_url,
        reference=dict(row.reference),
        updated_at=row.updated_at,
    )


def _person(row: PersonRow) -> Person:
    return Person(
        aad_object_id=row.aad_object_id,
        email=row.email,
        name=row.name,
        grade=row.grade,
        entry_date=row.entry_date,
        duty_station=row.duty_station,
        time_zone=row.time_zone,
        entity=row.entity,
        unit=row.unit,
        job_network=row.job_network,
    )


def _audit(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        at=row.at, actor=row.actor, action=row.action, subject=row.subject, detail=dict(row.detail)
    )
