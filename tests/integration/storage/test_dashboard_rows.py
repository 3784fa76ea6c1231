"""The dashboard's counts come out of the database the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from teams_app.domain.calendar import BookedMeeting
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.sessions import Session
from teams_app.storage.sql_store import SqlStore
from tests.integration.matching_cohort import add_applicant

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _session(store: SqlStore, pairing_id: int, start: datetime, key: str) -> None:
    claim = Session(pairing_id, start, start + timedelta(hours=1), "m", "m", key)
    claimed, _ = await store.claim_session(claim)
    meeting = BookedMeeting(event_id=key, join_url="https://example.org/" + key)
    await store.confirm_session(claimed.id or 0, claimed.version, meeting, ("UTC", "UTC"))


async def test_the_figures_of_a_small_cohort(store: SqlStore) -> None:
    cohort = await store.ensure_cohort("iom", "2026")
    for key in ("lea", "ana", "tom"):
        await add_applicant(store, cohort, key, "mentee", {"preferred_language": "fr"})
    await store.upsert_person(Person("lea", "lea@un.org", "Lea", duty_station="Dakar", grade="P2"))
    for key in ("omar", "ines"):
        await add_applicant(store, cohort, key, "mentor")
    lea = await store.create_pairing(Pairing(cohort.id, "lea", "omar", START), 1, 1)
    ana = await store.create_pairing(Pairing(cohort.id, "ana", "ines", START), 1, 1)
    await store.record_contact(lea.id or 0, START + timedelta(days=5), "session")
    await _session(store, lea.id or 0, START + timedelta(days=6), "s1")
    await _session(store, lea.id or 0, START + timedelta(days=40), "s2")
    await store.schedule_job(
        "contact-check", f"contact-check:pairing:{ana.id}:mentor-ping", f"pairing:{ana.id}", START
    )

    now = START + timedelta(days=20)
    figures = await store.dashboard_figures(cohort.id, now, planned=1)

    assert dict(figures.funnel) == {
        "applied": 3,
        "eligible": 3,
        "suggested": 2,
        "paired": 2,
        "first_contact": 1,
        "active": 1,
        "completed": 1,
    }
    assert dict(figures.pairs_by["duty_station"]) == {"Dakar": 1, "not given": 1}
    assert dict(figures.pairs_by["language"]) == {"fr": 2}
    assert figures.sessions_per_month == (("2026-03", 1), ("2026-04", 1))
    assert dict(figures.first_contact_days) == {
        "0–3 days": 0,
        "4–7 days": 1,
        "8–14 days": 0,
        "15–30 days": 0,
        "over 30 days": 0,
        "no contact yet": 1,
    }
    assert figures.nudges == (("mentor-ping", "waiting", 1),)
    assert [(p.pairing_id, p.mentee) for p in figures.without_contact] == [(ana.id, "Ana")]
    before = await store.dashboard_version(cohort.id)
    await store.record_contact(ana.id or 0, now, "confirmed")
    after_contact = await store.dashboard_version(cohort.id)
    await store.end_pairing(ana.id or 0, ana.version, now, "rematch")
    after_end = await store.dashboard_version(cohort.id)
    changed = {name for name in before if before[name] != after_contact[name]}
    assert changed == {"funnel", "first_contact_days", "without_contact"}
    assert after_end["unmatched"] != after_contact["unmatched"]
