"""Covering indexes for the dashboard's counts.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-07

The dashboard counts a cohort's pairings with their mentees, sessions and first contacts;
with these indexes each count reads an index only (teams_app/storage/dashboard_indexes.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    (
        "ix_pairings_dashboard",
        "pairings",
        ["cohort_id", "id", "mentee", "mentor", "status", "started_at", "version"],
    ),
    ("ix_people_dashboard", "people", ["aad_object_id", "duty_station", "grade", "entity", "name"]),
    ("ix_sessions_dashboard", "sessions", ["pairing_id", "status", "starts_at", "ends_at"]),
    ("ix_applications_dashboard", "applications", ["cohort_id", "role", "status"]),
    ("ix_pair_contacts_pairing_id_at", "pair_contacts", ["pairing_id", "at"]),
)


def upgrade() -> None:
    """Create the dashboard's covering indexes."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    """Drop them."""
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
