"""Tables of the tab: the pair's Mentorship Agreement with its history, and learning journals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from teams_app.storage.column_types import UtcDateTime
from teams_app.storage.tables import ApplicationRow, Base, JobRow, PersonRow, SessionRow


class AgreementItemRow(Base):
    """One goal and action of a pair's agreement."""

    __tablename__ = "agreement_items"
    __table_args__ = (
        CheckConstraint("owner IN ('mentee', 'mentor', 'both')", name="owner"),
        CheckConstraint("status IN ('open', 'in_progress', 'done')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"), index=True)
    goal: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(16))
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer)


class AgreementHistoryRow(Base):
    """One change of a pair's agreement; kept when the item is removed."""

    __tablename__ = "agreement_history"
    __table_args__ = (Index(None, "pairing_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"))
    item_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    by: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(Text)


class JournalEntryRow(Base):
    """A private note of someone's learning journal."""

    __tablename__ = "journal_entries"
    __table_args__ = (Index(None, "author", "written_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer)


# The dashboard's data version reads the newest change of these tables (dashboard_rows.py):
# with these indexes each is one index lookup instead of a scan.
DASHBOARD_VERSION_INDEXES = (
    Index(
        "ix_applications_cohort_id_updated_at", ApplicationRow.cohort_id, ApplicationRow.updated_at
    ),
    Index("ix_sessions_updated_at", SessionRow.updated_at),
    Index("ix_jobs_updated_at", JobRow.updated_at),
    Index("ix_people_updated_at", PersonRow.updated_at),
)
