"""Application progress and one cohort per programme edition name.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

`applications` gains `step` (where a draft questionnaire stopped) and `submitted_at`.
`cohorts` gets a unique index on (programme_id, name), which `ensure_cohort` relies on; it
replaces the index on programme_id alone, which the new one's leading column makes redundant.
A unique index rather than a table constraint: on SQLite a constraint means rebuilding the table,
and dropping the old `cohorts` fails while applications refer to it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the progress columns and the unique cohort index."""
    op.add_column("applications", sa.Column("step", sa.String(64), nullable=True))
    op.add_column(
        "applications", sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index(
        "ix_cohorts_programme_id_name", "cohorts", ["programme_id", "name"], unique=True
    )
    op.drop_index("ix_cohorts_programme_id", table_name="cohorts")


def downgrade() -> None:
    """Restore the 0001 schema (the progress columns' values are lost)."""
    op.create_index("ix_cohorts_programme_id", "cohorts", ["programme_id"])
    op.drop_index("ix_cohorts_programme_id_name", table_name="cohorts")
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("submitted_at")
        batch.drop_column("step")
