"""The cohort's pairs and their statuses as CSV, for the administrator who asked."""

from __future__ import annotations

import csv
import io
from typing import Protocol

from teams_app.domain.sessions import SessionStatus
from teams_app.services.admin_ports import CaseStore
from teams_app.services.job_ports import ContactStore

COLUMNS = (
    "pairing_id",
    "mentee",
    "mentee_email",
    "mentor",
    "mentor_email",
    "paired_on",
    "status",
    "ended_on",
    "first_contact_on",
    "sessions_booked",
    "open_cases",
)
LINK_MINUTES = 15


class ExportLinks(Protocol):
    """Short-lived download links for one administrator's export."""

    def link_for(self, cohort_id: int, admin: str) -> str:
        """A URL that serves the cohort's CSV for `LINK_MINUTES` minutes."""
        ...


class ExportStore(CaseStore, ContactStore, Protocol):
    """What the export reads."""


async def pairs_csv(store: ExportStore, cohort_id: int) -> str:
    """Every pairing of the cohort (active and ended) with its status, one row each."""
    people = {p.aad_object_id: p for p in await store.list_people()}
    waiting = {c.pairing_id for c in await store.list_cases(cohort_id, waiting_only=True)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for pairing in await store.pairings(cohort_id, status=None):
        pid = pairing.id or 0
        mentee, mentor = people.get(pairing.mentee), people.get(pairing.mentor)
        contact = await store.contact_made_at(pid)
        sessions = [
            s for s in await store.sessions_of(pid) if s.status is not SessionStatus.CANCELLED
        ]
        writer.writerow(
            (
                pid,
                _safe(mentee.name if mentee else pairing.mentee),
                _safe(mentee.email if mentee else ""),
                _safe(mentor.name if mentor else pairing.mentor),
                _safe(mentor.email if mentor else ""),
                pairing.started_at.date().isoformat(),
                pairing.status.value,
                pairing.ended_at.date().isoformat() if pairing.ended_at else "",
                contact.date().isoformat() if contact else "",
                len(sessions),
                "yes" if pid in waiting else "",
            )
        )
    return out.getvalue()


def _safe(value: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets: neutralise it.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
