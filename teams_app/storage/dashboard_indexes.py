"""Covering indexes of the dashboard's counts (migration 0011).

Each count of dashboard_rows.py reads only the columns of one of these indexes, so on a
cohort of thousands of pairs it walks an index instead of visiting every row of the table.
"""

from __future__ import annotations

from sqlalchemy import Index

from teams_app.storage.tables import (
    ApplicationRow,
    PairContactRow,
    PairingRow,
    PersonRow,
    SessionRow,
)

DASHBOARD_INDEXES = (
    # Every count starts from the cohort's pairings; the data version sums their versions.
    Index(
        "ix_pairings_dashboard",
        PairingRow.cohort_id,
        PairingRow.id,
        PairingRow.mentee,
        PairingRow.mentor,
        PairingRow.status,
        PairingRow.started_at,
        PairingRow.version,
    ),
    # Pairs by the mentee's duty station, grade and entity; the names of silent pairs.
    Index(
        "ix_people_dashboard",
        PersonRow.aad_object_id,
        PersonRow.duty_station,
        PersonRow.grade,
        PersonRow.entity,
        PersonRow.name,
    ),
    # Held sessions (status, end) and sessions per month (start), per pairing.
    Index(
        "ix_sessions_dashboard",
        SessionRow.pairing_id,
        SessionRow.status,
        SessionRow.starts_at,
        SessionRow.ends_at,
    ),
    # The funnel's applied and eligible mentees.
    Index(
        "ix_applications_dashboard",
        ApplicationRow.cohort_id,
        ApplicationRow.role,
        ApplicationRow.status,
    ),
    # The first contact of each pair.
    Index("ix_pair_contacts_pairing_id_at", PairContactRow.pairing_id, PairContactRow.at),
)
