"""Ending a cohort and deleting its personal data after the retention period.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

`cohorts` records when `end cohort` was confirmed and by whom, when the cohort's personal data
is to be deleted, and when it was.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("ended_at", "ended_by", "erase_on", "personal_data_deleted_at")


def upgrade() -> None:
    """Add the cohort's end and retention columns (nullable: earlier cohorts have not ended)."""
    op.add_column("cohorts", sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("cohorts", sa.Column("ended_by", sa.String(64), nullable=True))
    op.add_column("cohorts", sa.Column("erase_on", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "cohorts",
        sa.Column("personal_data_deleted_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    """Drop the columns again."""
    with op.batch_alter_table("cohorts") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
