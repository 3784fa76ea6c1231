"""The Mentorship Agreement of each pair, its history, the learning journals, and indexes
for the dashboard's data version.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Agreement items belong to a pairing and are changed by compare-and-set on `version`; every
change adds a history row in the same transaction (kept when the item is removed). Journal
entries belong to their author alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create agreement_items, agreement_history and journal_entries."""
    op.create_table(
        "agreement_items",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("pairing_id", sa.Integer, nullable=False),
        sa.Column("goal", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("owner", sa.String(16), nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "owner IN ('mentee', 'mentor', 'both')", name="ck_agreement_items_owner"
        ),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'done')", name="ck_agreement_items_status"
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairings.id"], name="fk_agreement_items_pairing_id_pairings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agreement_items"),
    )
    op.create_index("ix_agreement_items_pairing_id", "agreement_items", ["pairing_id"])
    op.create_table(
        "agreement_history",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("pairing_id", sa.Integer, nullable=False),
        sa.Column("item_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("change", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairings.id"], name="fk_agreement_history_pairing_id_pairings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agreement_history"),
    )
    op.create_index("ix_agreement_history_pairing_id_at", "agreement_history", ["pairing_id", "at"])
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_journal_entries"),
    )
    op.create_index(
        "ix_journal_entries_author_written_at", "journal_entries", ["author", "written_at"]
    )
    # The dashboard's data version reads the newest change of these tables.
    op.create_index(
        "ix_applications_cohort_id_updated_at", "applications", ["cohort_id", "updated_at"]
    )
    op.create_index("ix_sessions_updated_at", "sessions", ["updated_at"])
    op.create_index("ix_jobs_updated_at", "jobs", ["updated_at"])
    op.create_index("ix_people_updated_at", "people", ["updated_at"])


def downgrade() -> None:
    """Drop the three tables and the dashboard's indexes."""
    for index, table in (
        ("ix_people_updated_at", "people"),
        ("ix_jobs_updated_at", "jobs"),
        ("ix_sessions_updated_at", "sessions"),
        ("ix_applications_cohort_id_updated_at", "applications"),
    ):
        op.drop_index(index, table_name=table)
    op.drop_table("journal_entries")
    op.drop_table("agreement_history")
    op.drop_table("agreement_items")
