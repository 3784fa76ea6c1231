"""End-of-programme survey answers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

One row per person, survey and pairing (unique, so a replayed Submit stores nothing twice).
Answers are private to their author: Tandem shows them to no one else and gives the
administrators only the aggregate.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the survey_answers table."""
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("survey_id", sa.String(64), nullable=False),
        sa.Column("pairing_id", sa.Integer, sa.ForeignKey("pairings.id"), nullable=False),
        sa.Column("person", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("answers", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("survey_id", "pairing_id", "person"),
    )
    op.create_index("ix_survey_answers_survey_id", "survey_answers", ["survey_id"])


def downgrade() -> None:
    """Drop the survey_answers table."""
    op.drop_index("ix_survey_answers_survey_id", table_name="survey_answers")
    op.drop_table("survey_answers")
