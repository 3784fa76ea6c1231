"""Matching: suggestions, mentor requests and pairings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

`cohorts.status` already holds free text ("registration", "matching", "published"), so it is
unchanged. Mentee and mentor columns are not foreign keys to `people`: a suggestions row lists
its mentors in JSON, which no key can cover, and the three tables follow one rule.
Two partial unique indexes (both SQLite and PostgreSQL have them) hold the rules that races
could break: one pending request per mentee and cohort, one active pairing per pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("status = 'pending'")
ACTIVE = sa.text("status = 'active'")


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _cohort(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["cohort_id"], ["cohorts.id"], name=f"fk_{table}_cohort_id_cohorts"
    )


def _suggestions() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("mentee", sa.String(64), nullable=False),
        sa.Column("mentors", _json(), nullable=False),
        sa.Column("choices", _json(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        _utc("published_at", nullable=True),
        _utc("chosen_at", nullable=True),
        sa.Column("card_activity_id", sa.String(256), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _utc("updated_at"),
        _cohort("suggestions"),
        sa.PrimaryKeyConstraint("id", name="pk_suggestions"),
    )
    op.create_index(
        "ix_suggestions_cohort_id_mentee", "suggestions", ["cohort_id", "mentee"], unique=True
    )


def _mentor_requests() -> None:
    op.create_table(
        "mentor_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("mentee", sa.String(64), nullable=False),
        sa.Column("mentor", sa.String(64), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        _utc("due_at"),
        _utc("created_at"),
        _utc("decided_at", nullable=True),
        sa.Column("card_activity_id", sa.String(256), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'declined', 'expired', 'full', 'withdrawn')",
            name="ck_mentor_requests_status",
        ),
        _cohort("mentor_requests"),
        sa.PrimaryKeyConstraint("id", name="pk_mentor_requests"),
    )
    op.create_index(
        "ix_mentor_requests_pending_mentee",
        "mentor_requests",
        ["cohort_id", "mentee"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )
    op.create_index(
        "ix_mentor_requests_pending_due_at",
        "mentor_requests",
        ["due_at"],
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )
    op.create_index(
        "ix_mentor_requests_cohort_id_mentor", "mentor_requests", ["cohort_id", "mentor"]
    )
    op.create_index(
        "ix_mentor_requests_cohort_id_mentee", "mentor_requests", ["cohort_id", "mentee"]
    )


def _pairings() -> None:
    op.create_table(
        "pairings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("mentee", sa.String(64), nullable=False),
        sa.Column("mentor", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        _utc("started_at"),
        _utc("ended_at", nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'ended')", name="ck_pairings_status"),
        _cohort("pairings"),
        sa.ForeignKeyConstraint(
            ["request_id"], ["mentor_requests.id"], name="fk_pairings_request_id_mentor_requests"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pairings"),
        sa.UniqueConstraint("request_id", name="uq_pairings_request_id"),
    )
    op.create_index(
        "ix_pairings_active_pair",
        "pairings",
        ["cohort_id", "mentee", "mentor"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )
    op.create_index("ix_pairings_cohort_id", "pairings", ["cohort_id"])
    op.create_index("ix_pairings_mentor_cohort_id", "pairings", ["mentor", "cohort_id"])
    op.create_index("ix_pairings_mentee_cohort_id", "pairings", ["mentee", "cohort_id"])


def upgrade() -> None:
    """Create the matching tables."""
    _suggestions()
    _mentor_requests()
    _pairings()


def downgrade() -> None:
    """Drop the matching tables, dependants first (their rows are lost)."""
    for table in ("pairings", "mentor_requests", "suggestions"):
        op.drop_table(table)
