"""The administrators' channel and their cases (rematch requests, conflict reports).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

The participant's note is stored encrypted with the answers' key (administrators only).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = "status IN ('open', 'more_info')"


def upgrade() -> None:
    """Create admin_channels and admin_cases."""
    op.create_table(
        "admin_channels",
        sa.Column("programme_id", sa.String(64), primary_key=True),
        sa.Column("conversation_id", sa.String(256), nullable=False),
        sa.Column("team_id", sa.String(256), nullable=True),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "admin_cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("cohort_id", sa.Integer, sa.ForeignKey("cohorts.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("pairing_id", sa.Integer, sa.ForeignKey("pairings.id"), nullable=False),
        sa.Column("requester", sa.String(64), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("note", sa.LargeBinary, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("alternatives", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("new_mentor", sa.String(64), nullable=True),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("admin_message", sa.Text, nullable=False),
        sa.Column("info_requests", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_activity_id", sa.String(256), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("kind IN ('rematch', 'conflict')", name="ck_admin_cases_kind"),
        sa.CheckConstraint(
            "status IN ('open', 'more_info', 'decided')", name="ck_admin_cases_status"
        ),
    )
    op.create_index(
        "ix_admin_cases_waiting_pairing",
        "admin_cases",
        ["pairing_id", "kind"],
        unique=True,
        sqlite_where=sa.text(WAITING),
        postgresql_where=sa.text(WAITING),
    )
    op.create_index("ix_admin_cases_cohort_id_status", "admin_cases", ["cohort_id", "status"])


def downgrade() -> None:
    """Drop the administrators' tables."""
    op.drop_table("admin_cases")
    op.drop_table("admin_channels")
