"""People, a cohort and requests for the matching storage tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.pairing import MentorRequest, Pairing
from teams_app.domain.people import Person
from teams_app.storage.sql_store import SqlStore

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
MENTORS = ("aad-mona", "aad-mike")
MENTEES = tuple(f"aad-mentee-{n}" for n in range(8))


async def seed(store: SqlStore, programme: str = "together", name: str = "2026") -> int:
    """A cohort where MENTORS and MENTEES have submitted applications; returns its id."""
    cohort = await store.ensure_cohort(programme, name)
    for person, role in [(m, "mentor") for m in MENTORS] + [(m, "mentee") for m in MENTEES]:
        await store.upsert_person(Person(person, f"{person}@example.org", person))
        await store.save_application(
            Application(cohort.id, person, role, ApplicationStatus.SUBMITTED, answers={"goals": []})
        )
    return cohort.id


def request(cohort_id: int, mentee: str, mentor: str = MENTORS[0], days: int = 7) -> MentorRequest:
    """A new pending request, due `days` after T0."""
    return MentorRequest(cohort_id, mentee, mentor, T0 + timedelta(days=days), T0)


def pairing(cohort_id: int, mentee: str, mentor: str = MENTORS[0]) -> Pairing:
    """A new active pairing started at T0."""
    return Pairing(cohort_id, mentee, mentor, T0)
