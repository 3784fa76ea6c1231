"""The record of every message Tandem sent to Teams, with its outcome.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

One row per message (not per attempt): where it went, sent / unreachable / failed, how many
attempts it took and Teams' last HTTP status. It holds no content and no personal data beyond
the conversation id, which the conversations table already keeps.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the deliveries table."""
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(256), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_deliveries_conversation", "deliveries", ["conversation_id", "at"])
    op.create_index("ix_deliveries_outcome_at", "deliveries", ["outcome", "at"])


def downgrade() -> None:
    """Drop the deliveries table."""
    op.drop_table("deliveries")
