"""The table of end-of-programme survey answers (migration 0009)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from teams_app.storage.column_types import UtcDateTime, json_document
from teams_app.storage.tables import Base


class SurveyAnswerRow(Base):
    """One person's answers to one survey about one pairing; private to that person."""

    __tablename__ = "survey_answers"
    # One submission per person, survey and pairing: a replayed Submit finds the first.
    __table_args__ = (UniqueConstraint("survey_id", "pairing_id", "person"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    survey_id: Mapped[str] = mapped_column(String(64), index=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"))
    person: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(json_document())
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
