"""Tables of the administrators' work: their Teams channel and the cases they decide."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from teams_app.storage.column_types import UtcDateTime, json_document
from teams_app.storage.tables import Base

WAITING = "status IN ('open', 'more_info')"


class AdminChannelRow(Base):
    """The channel where a programme's administrators receive their cards."""

    __tablename__ = "admin_channels"

    programme_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(256))
    team_id: Mapped[str | None] = mapped_column(String(256))
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AdminCaseRow(Base):
    """A rematch request or conflict report; the participant's note is encrypted."""

    __tablename__ = "admin_cases"
    __table_args__ = (
        # One waiting case of each kind per pairing, even when two requests race.
        Index(
            "ix_admin_cases_waiting_pairing",
            "pairing_id",
            "kind",
            unique=True,
            sqlite_where=text(WAITING),
            postgresql_where=text(WAITING),
        ),
        Index(None, "cohort_id", "status"),
        CheckConstraint("kind IN ('rematch', 'conflict')", name="kind"),
        CheckConstraint("status IN ('open', 'more_info', 'decided')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"))
    kind: Mapped[str] = mapped_column(String(16))
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"))
    requester: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    note: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16))
    alternatives: Mapped[list[dict[str, object]]] = mapped_column(json_document())
    outcome: Mapped[str | None] = mapped_column(String(16))
    new_mentor: Mapped[str | None] = mapped_column(String(64))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    admin_message: Mapped[str] = mapped_column(Text)
    info_requests: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel_activity_id: Mapped[str | None] = mapped_column(String(256))
    version: Mapped[int] = mapped_column(Integer)
