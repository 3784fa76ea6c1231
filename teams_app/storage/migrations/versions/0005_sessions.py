"""Sessions of pairs, and the local development calendar.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-20

A partial unique index allows one live (booking or scheduled) session per pair and start
time: a second click on the same slot, or Teams re-sending a slow invoke, finds the first
claim instead of booking again. `transaction_id` is unique and is what the calendar
de-duplicates retried creates by. `local_calendar_events` is the calendar of dev mode
without Microsoft Graph; production never writes to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE_SESSION = sa.text("status IN ('booking', 'scheduled')")


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _sessions() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        _utc("starts_at"),
        _utc("ends_at"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("organizer", sa.String(64), nullable=False),
        sa.Column("booked_by", sa.String(64), nullable=False),
        sa.Column("transaction_id", sa.String(128), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("mentor_zone", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(512), nullable=True),
        sa.Column("join_url", sa.Text(), nullable=True),
        sa.Column("dev_link", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("mentee_card", sa.String(256), nullable=True),
        sa.Column("mentor_card", sa.String(256), nullable=True),
        _utc("cancelled_at", nullable=True),
        sa.Column("cancelled_by", sa.String(64), nullable=True),
        _utc("created_at"),
        _utc("updated_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('booking', 'scheduled', 'cancelled')", name="ck_sessions_status"
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairings.id"], name="fk_sessions_pairing_id_pairings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("transaction_id", name="uq_sessions_transaction_id"),
    )
    op.create_index("ix_sessions_pairing_id", "sessions", ["pairing_id"])
    op.create_index(
        "ix_sessions_live_slot",
        "sessions",
        ["pairing_id", "starts_at"],
        unique=True,
        sqlite_where=LIVE_SESSION,
        postgresql_where=LIVE_SESSION,
    )


def _local_calendar() -> None:
    op.create_table(
        "local_calendar_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organizer", sa.String(320), nullable=False),
        sa.Column("attendees", _json(), nullable=False),
        sa.Column("subject", sa.String(400), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        _utc("starts_at"),
        _utc("ends_at"),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("transaction_id", sa.String(128), nullable=False),
        sa.Column("cancelled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("cancel_comment", sa.Text(), nullable=True),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_local_calendar_events"),
        sa.UniqueConstraint(
            "organizer",
            "transaction_id",
            name="uq_local_calendar_events_organizer_transaction_id",
        ),
    )
    op.create_index("ix_local_calendar_events_starts_at", "local_calendar_events", ["starts_at"])


def upgrade() -> None:
    """Create the sessions and local calendar tables."""
    _sessions()
    _local_calendar()


def downgrade() -> None:
    """Drop the sessions and local calendar tables (their rows are lost)."""
    op.drop_table("local_calendar_events")
    op.drop_table("sessions")
