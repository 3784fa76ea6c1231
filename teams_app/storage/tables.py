"""The SQLAlchemy models of Tandem's tables; migrations/versions must create exactly these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
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
    false,
    text,
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
    # `end cohort` and the retention of personal data (migration 0010).
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_by: Mapped[str | None] = mapped_column(String(64))
    erase_on: Mapped[datetime | None] = mapped_column(UtcDateTime)
    personal_data_deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


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


PENDING = "status = 'pending'"
ACTIVE = "status = 'active'"


class SuggestionsRow(Base):
    """The mentors suggested to one mentee of a cohort, and the mentee's ranked choices."""

    __tablename__ = "suggestions"
    __table_args__ = (Index(None, "cohort_id", "mentee", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"))
    # People are not foreign keys here: the mentors list is JSON and cannot be one either.
    mentee: Mapped[str] = mapped_column(String(64))
    # [{"mentor": id, "score": float, "reasons": [str]}] in the order shown.
    mentors: Mapped[list[dict[str, Any]]] = mapped_column(json_document())
    choices: Mapped[list[str]] = mapped_column(json_document())
    round: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    chosen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    card_activity_id: Mapped[str | None] = mapped_column(String(256))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MentorRequestRow(Base):
    """A mentee's request to one mentor."""

    __tablename__ = "mentor_requests"
    __table_args__ = (
        # One pending request per mentee and cohort, even when two requests race.
        Index(
            "ix_mentor_requests_pending_mentee",
            "cohort_id",
            "mentee",
            unique=True,
            sqlite_where=text(PENDING),
            postgresql_where=text(PENDING),
        ),
        # The deadline sweep reads pending requests only.
        Index(
            "ix_mentor_requests_pending_due_at",
            "due_at",
            sqlite_where=text(PENDING),
            postgresql_where=text(PENDING),
        ),
        Index(None, "cohort_id", "mentor"),
        Index(None, "cohort_id", "mentee"),
        CheckConstraint(
            "status IN ('pending', 'accepted', 'declined', 'expired', 'full', 'withdrawn')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"))
    mentee: Mapped[str] = mapped_column(String(64))
    mentor: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer)
    round: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    card_activity_id: Mapped[str | None] = mapped_column(String(256))
    version: Mapped[int] = mapped_column(Integer)


class PairingRow(Base):
    """A mentor and a mentee mentoring together in a cohort."""

    __tablename__ = "pairings"
    __table_args__ = (
        # The same two people are never actively paired twice in one cohort.
        Index(
            "ix_pairings_active_pair",
            "cohort_id",
            "mentee",
            "mentor",
            unique=True,
            sqlite_where=text(ACTIVE),
            postgresql_where=text(ACTIVE),
        ),
        # Leading with the person serves both "in this cohort" and "in any cohort".
        Index(None, "mentor", "cohort_id"),
        Index(None, "mentee", "cohort_id"),
        CheckConstraint("status IN ('active', 'ended')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    mentee: Mapped[str] = mapped_column(String(64))
    mentor: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    # An accepted request gives one pairing at most.
    request_id: Mapped[int | None] = mapped_column(ForeignKey("mentor_requests.id"), unique=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_reason: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)


OPEN_JOB = "status IN ('pending', 'in_flight')"


class JobRow(Base):
    """A durable job: due time, unique key and lease (see teams_app.storage.job_rows)."""

    __tablename__ = "jobs"
    __table_args__ = (
        # The claim reads open jobs by due time only; done jobs pile up outside the index.
        Index(
            "ix_jobs_open_due_at",
            "due_at",
            sqlite_where=text(OPEN_JOB),
            postgresql_where=text(OPEN_JOB),
        ),
        Index(None, "subject"),
        CheckConstraint(
            "status IN ('pending', 'in_flight', 'done', 'cancelled', 'failed')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255), unique=True)
    subject: Mapped[str] = mapped_column(String(255))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PairContactRow(Base):
    """A sign that a pair has met: a booked session or a "We've connected" press."""

    __tablename__ = "pair_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    how: Mapped[str] = mapped_column(String(32))
    # Who said so (an AAD object id), when a person did; None for Tandem's own records.
    recorded_by: Mapped[str | None] = mapped_column(String(64))


LIVE_SESSION = "status IN ('booking', 'scheduled')"


class SessionRow(Base):
    """A pair's session: claimed while booking, then scheduled (or cancelled)."""

    __tablename__ = "sessions"
    __table_args__ = (
        # One live session per pair and start time: a second click on a slot finds the first.
        Index(
            "ix_sessions_live_slot",
            "pairing_id",
            "starts_at",
            unique=True,
            sqlite_where=text(LIVE_SESSION),
            postgresql_where=text(LIVE_SESSION),
        ),
        CheckConstraint("status IN ('booking', 'scheduled', 'cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    organizer: Mapped[str] = mapped_column(String(64))
    booked_by: Mapped[str] = mapped_column(String(64))
    # The calendar's idempotency key: a retried create returns the meeting it made.
    transaction_id: Mapped[str] = mapped_column(String(128), unique=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    mentor_zone: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str | None] = mapped_column(String(512))
    join_url: Mapped[str | None] = mapped_column(Text)
    dev_link: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    mentee_card: Mapped[str | None] = mapped_column(String(256))
    mentor_card: Mapped[str | None] = mapped_column(String(256))
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer)


class LocalEventRow(Base):
    """An event of the local development calendar (dev mode without Microsoft Graph)."""

    __tablename__ = "local_calendar_events"
    __table_args__ = (UniqueConstraint("organizer", "transaction_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organizer: Mapped[str] = mapped_column(String(320))
    # Lower-cased SMTP addresses, organiser included when invited.
    attendees: Mapped[list[str]] = mapped_column(json_document())
    subject: Mapped[str] = mapped_column(String(400))
    body_html: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    time_zone: Mapped[str] = mapped_column(String(64))
    transaction_id: Mapped[str] = mapped_column(String(128))
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    cancel_comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DeliveryRow(Base):
    """One message sent to Teams and how it ended (no content)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_conversation", "conversation_id", "at"),
        Index("ix_deliveries_outcome_at", "outcome", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(256))
    kind: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    status: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


# Tables defined beside the code that uses them join Base.metadata when imported; importing
# them here keeps one complete metadata for migrations and their tests.
from teams_app.storage import admin_tables as _admin_tables  # noqa: E402, F401
