"""The initial schema: people, cohorts, applications, conversation references, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Types are spelled out here rather than imported from the models, so that this revision keeps
meaning the same schema when the models change later. `UtcDateTime` only converts in Python;
in the database it is a timezone-aware DateTime.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _people() -> None:
    op.create_table(
        "people",
        sa.Column("aad_object_id", sa.String(64), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(20), nullable=True),
        sa.Column("entry_date", sa.Date(), nullable=True),
        sa.Column("duty_station", sa.String(100), nullable=True),
        sa.Column("time_zone", sa.String(64), nullable=True),
        sa.Column("entity", sa.String(100), nullable=True),
        sa.Column("unit", sa.String(200), nullable=True),
        sa.Column("job_network", sa.String(100), nullable=True),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("aad_object_id", name="pk_people"),
        sa.UniqueConstraint("email", name="uq_people_email"),
    )


def _cohorts() -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("programme_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        _utc("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
    )
    op.create_index("ix_cohorts_programme_id", "cohorts", ["programme_id"])


def _applications() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("person_aad_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("answers", _json(), nullable=False),
        sa.Column("confidential", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.CheckConstraint("role IN ('mentor', 'mentee')", name="ck_applications_role"),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name="fk_applications_cohort_id_cohorts"
        ),
        sa.ForeignKeyConstraint(
            ["person_aad_id"],
            ["people.aad_object_id"],
            name="fk_applications_person_aad_id_people",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_applications"),
        sa.UniqueConstraint(
            "cohort_id",
            "person_aad_id",
            "role",
            name="uq_applications_cohort_id_person_aad_id_role",
        ),
    )
    op.create_index("ix_applications_person_aad_id", "applications", ["person_aad_id"])


def _conversation_references() -> None:
    op.create_table(
        "conversation_references",
        sa.Column("conversation_id", sa.String(512), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=True),
        sa.Column("user_aad_id", sa.String(64), nullable=True),
        sa.Column("team_id", sa.String(512), nullable=True),
        sa.Column("service_url", sa.Text(), nullable=False),
        sa.Column("reference", _json(), nullable=False),
        _utc("welcomed_at", nullable=True),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("conversation_id", name="pk_conversation_references"),
    )
    op.create_index(
        "ix_conversation_references_user_aad_id", "conversation_references", ["user_aad_id"]
    )


def _audit_log() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _utc("at"),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("detail", _json(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def upgrade() -> None:
    """Create the initial tables."""
    _people()
    _cohorts()
    _applications()
    _conversation_references()
    _audit_log()


def downgrade() -> None:
    """Drop the initial tables, dependants first."""
    for table in ("audit_log", "conversation_references", "applications", "cohorts", "people"):
        op.drop_table(table)
