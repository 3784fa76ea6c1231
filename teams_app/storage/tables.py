"""The SQLAlchemy models of Tandem's tables; migrations/versions must create exactly these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from teams_app.storage.column_types import UtcDateTime, json_document

# Named constraints let later migrations alter them by name, SQLite batch mode included.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("mentor", "mentee")


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PersonRow(Base):
    """A staff member, keyed by Microsoft Entra object id."""

    __tablename__ = "people"

    aad_object_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    grade: Mapped[str | None] = mapped_column(String(20))
    entry_date: Mapped[date | None] = mapped_column(Date)
    duty_station: Mapped[str | None] = mapped_column(String(100))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    entity: Mapped[str | None] = mapped_column(String(100))
    unit: Mapped[str | None] = mapped_column(String(200))
    job_network: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CohortRow(Base):
    """One run of a programme (e.g. the 2026 intake of a preset)."""

    __tablename__ = "cohorts"
    # A unique index, not a table constraint: SQLite adds an index in place, whereas a
    # constraint means copying the table, which foreign keys from applications forbid.
    __table_args__ = (Index(None, "programme_id", "name", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    programme_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32))
    opens_on: Mapped[date | None] = mapped_column(Date)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApplicationRow(Base):
    """A person's application to a cohort as mentor or mentee."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("cohort_id", "person_aad_id", "role"),
        CheckConstraint("role IN ('mentor', 'mentee')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"))
    person_aad_id: Mapped[str] = mapped_column(ForeignKey("people.aad_object_id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(json_document())
    # Encrypted diversity data; the key never reaches the database.
    confidential: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The questionnaire step a draft stopped at, so it resumes there.
    step: Mapped[str | None] = mapped_column(String(64))
    # Compare-and-set: every change states the version it read.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ConversationRow(Base):
    """A conversation reference kept from an installation event, for proactive messages."""

    __tablename__ = "conversation_references"

    conversation_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    user_aad_id: Mapped[str | None] = mapped_column(String(64), index=True)
    team_id: Mapped[str | None] = mapped_column(String(512))
    service_url: Mapped[str] = mapped_column(Text)
    reference: Mapped[dict[str, Any]] = mapped_column(json_document())
    welcomed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditRow(Base):
    """One audit entry: identifiers and outcomes, never personal values."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, str]] = mapped_column(json_document())
