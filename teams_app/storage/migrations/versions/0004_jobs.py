"""Durable jobs and the contacts that cancel no-contact nudges.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-14

`jobs.key` is unique, so scheduling the same job twice keeps one. A partial index on the open
jobs' due times serves the claim, which every replica runs every few seconds; finished jobs
stay for the record without slowing it. `pair_contacts` keeps each sign of contact (a booked
session, a "We've connected" press) rather than one flag, so later cadence nudges can use them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_JOB = sa.text("status IN ('pending', 'in_flight')")


def _utc(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _jobs() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        _utc("due_at"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(128), nullable=True),
        _utc("lease_until", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.CheckConstraint(
            "status IN ('pending', 'in_flight', 'done', 'cancelled', 'failed')",
            name="ck_jobs_status",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.UniqueConstraint("key", name="uq_jobs_key"),
    )
    op.create_index(
        "ix_jobs_open_due_at",
        "jobs",
        ["due_at"],
        sqlite_where=OPEN_JOB,
        postgresql_where=OPEN_JOB,
    )
    op.create_index("ix_jobs_subject", "jobs", ["subject"])


def _pair_contacts() -> None:
    op.create_table(
        "pair_contacts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        _utc("at"),
        sa.Column("how", sa.String(32), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairings.id"], name="fk_pair_contacts_pairing_id_pairings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pair_contacts"),
    )
    op.create_index("ix_pair_contacts_pairing_id", "pair_contacts", ["pairing_id"])


def upgrade() -> None:
    """Create the jobs and pair contacts tables."""
    _jobs()
    _pair_contacts()


def downgrade() -> None:
    """Drop the jobs and pair contacts tables (their rows are lost)."""
    op.drop_table("pair_contacts")
    op.drop_table("jobs")
