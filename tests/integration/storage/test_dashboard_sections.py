"""The dashboard keeps each section's counts only while what it counts is unchanged: a write
is visible on the very next read, and only the sections it touches are counted again."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from teams_app.domain.pairing import MentorRequest, Pairing, RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.dashboard import Dashboard
from teams_app.storage.sql_store import SqlStore
from tests.integration.matching_cohort import RecordingNotifier, add_applicant
from tests.integration.storage.conftest import SteppingClock


class CountingStore:
    """The real store, remembering which sections it was asked to count."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.counted: list[set[str]] = []

    async def dashboard_sections(
        self, cohort_id: int, now: datetime, planned: int, sections: Collection[str]
    ) -> dict[str, Any]:
        """Count through the real store and note what was asked."""
        self.counted.append(set(sections))
        return await self.store.dashboard_sections(cohort_id, now, planned, sections)

    async def dashboard_version(self, cohort_id: int) -> dict[str, tuple[Any, ...]]:
        """The real store's version."""
        return await self.store.dashboard_version(cohort_id)


async def _dashboard(store: SqlStore, clock: SteppingClock) -> tuple[Dashboard, CountingStore]:
    programme = load_programme("iom")
    questionnaire = questionnaire_for(programme)
    checks = ContactChecks(store, RecordingNotifier(), clock, programme.reminders, [])
    parts = (store, clock, programme, questionnaire, RecordingNotifier(), checks)
    counting = CountingStore(store)
    dashboard = Dashboard(counting, CohortMatching(*parts), clock, programme, questionnaire)
    return dashboard, counting


async def _pairs(store: SqlStore, clock: SteppingClock) -> tuple[Pairing, Pairing]:
    programme = load_programme("iom")
    cohort = await store.ensure_cohort(programme.id, programme.edition)
    for key in ("lea", "ana"):
        await add_applicant(store, cohort, key, "mentee")
    for key in ("omar", "ines"):
        await add_applicant(store, cohort, key, "mentor")
    started = clock.now() - timedelta(days=10)
    lea = await store.create_pairing(Pairing(cohort.id, "lea", "omar", started), 1, 1)
    ana = await store.create_pairing(Pairing(cohort.id, "ana", "ines", started), 1, 1)
    return lea, ana


async def test_a_contact_is_counted_on_the_next_read_and_only_its_sections_again(
    store: SqlStore, clock: SteppingClock
) -> None:
    lea, _ = await _pairs(store, clock)
    dashboard, counting = await _dashboard(store, clock)
    first = await dashboard.view()
    assert dict(first.figures.first_contact_days)["no contact yet"] == 2
    assert dict(first.figures.funnel)["first_contact"] == 0

    await store.record_contact(lea.id or 0, clock.now(), "confirmed")
    second = await dashboard.view()

    assert dict(second.figures.first_contact_days)["no contact yet"] == 1
    assert dict(second.figures.funnel)["first_contact"] == 1
    assert [p.mentee for p in second.figures.without_contact] == ["Ana"]
    assert counting.counted[-1] == {"funnel", "first_contact_days", "without_contact"}
    assert second.figures.pairs_by == first.figures.pairs_by


async def test_a_new_duty_station_is_counted_on_the_next_read(
    store: SqlStore, clock: SteppingClock
) -> None:
    await _pairs(store, clock)
    dashboard, _ = await _dashboard(store, clock)
    before = await dashboard.view()
    assert "Vienna" not in dict(before.figures.pairs_by["duty_station"])

    await store.upsert_person(Person("lea", "lea@un.org", "Lea", duty_station="Vienna"))
    after = await dashboard.view()

    assert dict(after.figures.pairs_by["duty_station"])["Vienna"] == 1


async def test_an_ended_pairing_is_counted_on_the_next_read_everywhere(
    store: SqlStore, clock: SteppingClock
) -> None:
    _, ana = await _pairs(store, clock)
    dashboard, counting = await _dashboard(store, clock)
    await dashboard.view()

    await store.end_pairing(ana.id or 0, ana.version, clock.now(), "rematch")
    after = await dashboard.view()

    assert [p.mentee for p in after.figures.without_contact] == ["Lea"]
    assert len(counting.counted[-1]) == 6  # every section counts pairings


async def test_nothing_changed_counts_nothing_again(store: SqlStore, clock: SteppingClock) -> None:
    await _pairs(store, clock)
    dashboard, counting = await _dashboard(store, clock)
    first = await dashboard.view()

    again = await dashboard.view()

    assert len(counting.counted) == 1
    assert again.figures == first.figures


async def test_a_declined_request_changes_the_version_even_at_the_same_instant(
    store: SqlStore, clock: SteppingClock
) -> None:
    await _pairs(store, clock)
    cohort = await store.ensure_cohort("iom", load_programme("iom").edition)
    now = clock.now()
    asked = await store.add_request(MentorRequest(cohort.id, "ana", "omar", now, now))
    before = await store.dashboard_version(cohort.id)

    await store.close_request(asked.decided(RequestStatus.DECLINED, now))

    after = await store.dashboard_version(cohort.id)
    assert after["unmatched"] != before["unmatched"]
    assert after["funnel"] != before["funnel"]
    assert after["pairs_by"] == before["pairs_by"]
