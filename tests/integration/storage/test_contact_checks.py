"""No-contact nudges end to end with a controllable clock: the store, the runner, the checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from teams_app.domain.delivery import NotDelivered
from teams_app.domain.jobs import JobStatus
from teams_app.domain.nudges import NudgeKind
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.programme.rules import Reminders
from teams_app.jobs.runner import JobRunner
from teams_app.services.contact_checks import KIND, ContactChecks, key_of, parse_key
from teams_app.services.nudge_views import AdminAlertView, MenteeReminderView, MentorPingView
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.job_doubles import ManualClock, RecordingNotifier

MONDAY = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
FRIDAY_NOON = datetime(2026, 6, 5, 12, 0, tzinfo=UTC)
ADMIN = "aad-admin"
ANA = Person("aad-ana", "ana@example.org", "Ana Mentee", time_zone="UTC")
MO = Person("aad-mo", "mo@example.org", "Mo Mentor", time_zone="UTC")


@pytest.fixture
def clock() -> ManualClock:
    """Time standing on a Monday morning, UTC."""
    return ManualClock(MONDAY)


@pytest.fixture
async def store(database_url: str, clock: ManualClock) -> AsyncIterator[SqlStore]:
    """A store on a migrated database, reading the manual clock."""
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock)
    yield opened
    await opened.close()


@pytest.fixture
def notifier(clock: ManualClock) -> RecordingNotifier:
    """Records every nudge sent, with the time it went."""
    return RecordingNotifier(clock)


@pytest.fixture
def checks(store: SqlStore, notifier: RecordingNotifier, clock: ManualClock) -> ContactChecks:
    """The contact checks with the default reminder days (3, 7, 14)."""
    return ContactChecks(store, notifier, clock, Reminders(), admins=(ADMIN,))


@pytest.fixture
def runner(store: SqlStore, clock: ManualClock, checks: ContactChecks) -> JobRunner:
    """A runner with the contact-check handler."""
    return JobRunner(store, clock, {KIND: checks}, owner="test", lease_seconds=60)


async def _paired(store: SqlStore, started_at: datetime, mentor: Person = MO) -> Pairing:
    cohort = await store.ensure_cohort("together", "2026")
    for person in (ANA, mentor):
        await store.upsert_person(person)
    return await store.create_pairing(
        Pairing(cohort.id, ANA.aad_object_id, mentor.aad_object_id, started_at), 3, 1
    )


async def _sweep(runner: JobRunner, clock: ManualClock, days: int, step_hours: int = 6) -> None:
    for _ in range(days * 24 // step_hours):
        clock.advance(timedelta(hours=step_hours))
        await runner.run_once()


async def test_without_contact_the_mentor_is_pinged_exactly_once_on_day_7(
    store: SqlStore,
    clock: ManualClock,
    checks: ContactChecks,
    runner: JobRunner,
    notifier: RecordingNotifier,
) -> None:
    pairing = await _paired(store, MONDAY)
    await checks.schedule(pairing)
    await checks.schedule(pairing)  # scheduling twice changes nothing

    await _sweep(runner, clock, days=16)

    assert pairing.id is not None
    assert notifier.views(MentorPingView) == [
        (
            MONDAY + timedelta(days=7),
            MO.aad_object_id,
            MentorPingView(pairing.id, ANA.name, ANA.email, 7),
        ),
    ]
    assert [(at, who) for at, who, _ in notifier.views(MenteeReminderView)] == [
        (datetime(2026, 6, 4, 9, 0, tzinfo=UTC), ANA.aad_object_id)
    ]
    assert [(at, who) for at, who, _ in notifier.views(AdminAlertView)] == [
        (MONDAY + timedelta(days=14), ADMIN)
    ]
    assert {job.status for job in await store.list_jobs()} == {JobStatus.DONE}


async def test_with_contact_on_day_5_the_mentor_is_never_pinged(
    store: SqlStore,
    clock: ManualClock,
    checks: ContactChecks,
    runner: JobRunner,
    notifier: RecordingNotifier,
) -> None:
    pairing = await _paired(store, MONDAY)
    assert pairing.id is not None
    await checks.schedule(pairing)
    await _sweep(runner, clock, days=5)

    assert await checks.record_contact(pairing.id, "connected", by=MO.aad_object_id) == 2
    await _sweep(runner, clock, days=11)

    assert [type(view) for _, _, view in notifier.sent] == [MenteeReminderView]
    statuses = [job.status for job in await store.list_jobs(subject=f"pairing:{pairing.id}")]
    assert statuses == [JobStatus.DONE, JobStatus.CANCELLED, JobStatus.CANCELLED]


async def test_contact_recorded_elsewhere_cancels_the_ping_when_it_falls_due(
    store: SqlStore,
    clock: ManualClock,
    checks: ContactChecks,
    runner: JobRunner,
    notifier: RecordingNotifier,
) -> None:
    pairing = await _paired(store, MONDAY)
    assert pairing.id is not None
    await checks.schedule(pairing)
    await store.record_contact(pairing.id, MONDAY + timedelta(days=1), "session")

    await _sweep(runner, clock, days=16)

    assert notifier.sent == []
    assert {job.last_error for job in await store.list_jobs()} == {"contact made"}


async def test_an_ended_pairing_gets_no_nudges(
    store: SqlStore,
    clock: ManualClock,
    checks: ContactChecks,
    runner: JobRunner,
    notifier: RecordingNotifier,
) -> None:
    pairing = await _paired(store, MONDAY)
    assert pairing.id is not None
    await checks.schedule(pairing)
    await store.end_pairing(pairing.id, pairing.version, MONDAY + timedelta(days=2), "moved")

    await _sweep(runner, clock, days=16)

    assert notifier.sent == []
    assert {job.status for job in await store.list_jobs()} == {JobStatus.CANCELLED}


async def test_a_ping_due_on_friday_night_in_tokyo_waits_for_monday_nine_in_tokyo(
    store: SqlStore,
    clock: ManualClock,
    checks: ContactChecks,
    runner: JobRunner,
    notifier: RecordingNotifier,
) -> None:
    clock.current = FRIDAY_NOON
    tokyo_mentor = Person("aad-kenji", "kenji@example.org", "Kenji", time_zone="Asia/Tokyo")
    pairing = await _paired(store, FRIDAY_NOON, mentor=tokyo_mentor)
    await checks.schedule(pairing)

    await _sweep(runner, clock, days=11, step_hours=1)

    # Day 7 is Friday 12:00 UTC, 21:00 in Tokyo; Monday 09:00 in Tokyo is 00:00 UTC.
    (ping,) = notifier.views(MentorPingView)
    assert ping[:2] == (datetime(2026, 6, 15, 0, 0, tzinfo=UTC), tokyo_mentor.aad_object_id)


async def test_nudges_due_while_tandem_was_down_go_out_on_the_next_run(
    store: SqlStore,
    clock: ManualClock,
    checks: ContactChecks,
    runner: JobRunner,
    notifier: RecordingNotifier,
) -> None:
    pairing = await _paired(store, MONDAY)
    await checks.schedule(pairing)

    clock.current = MONDAY + timedelta(days=22, hours=1)  # a Tuesday, 10:00 UTC
    assert await runner.run_once() == 3
    assert await runner.run_once() == 0

    assert sorted(type(view).__name__ for _, _, view in notifier.sent) == [
        "AdminAlertView", "MenteeReminderView", "MentorPingView",
    ]  # fmt: skip


async def test_an_unreachable_mentor_is_noted_on_the_job(
    store: SqlStore, clock: ManualClock
) -> None:
    notifier = RecordingNotifier(clock, unreachable=frozenset({MO.aad_object_id}))
    checks = ContactChecks(store, notifier, clock, Reminders(), admins=(ADMIN,))
    pairing = await _paired(store, MONDAY)
    assert pairing.id is not None
    await checks.schedule(pairing)

    clock.advance(timedelta(days=7))
    await JobRunner(store, clock, {KIND: checks}, owner="t").run_once()

    ping = await store.get_job(key_of(pairing.id, NudgeKind.MENTOR_PING))
    assert ping is not None
    assert (ping.status, ping.last_error) == (JobStatus.DONE, "unreachable: 1")


def test_only_well_formed_contact_check_keys_are_parsed() -> None:
    assert parse_key("contact-check:pairing:42:mentor-ping") is not None
    for key in [
        "contact-check:pairing:x:mentor-ping",
        "other:pairing:1:mentor-ping",
        "contact-check:pairing:1:party",
        "contact-check:pairing:1",
    ]:
        assert parse_key(key) is None


class FlakyNotifier(RecordingNotifier):
    """Teams fails the first `failures` deliveries for a while, then takes them."""

    def __init__(self, clock: ManualClock, failures: int) -> None:
        super().__init__(clock)
        self.failures = failures

    async def deliver(self, person_aad_id: str, view: object) -> str | None:
        if self.failures > 0:
            self.failures -= 1
            raise NotDelivered("HTTP 502 after 5 attempt(s)")
        return await self.notify(person_aad_id, view)


async def test_a_nudge_teams_failed_for_a_while_is_sent_later_not_lost(
    store: SqlStore, clock: ManualClock
) -> None:
    flaky = FlakyNotifier(clock, failures=2)
    checks = ContactChecks(store, flaky, clock, Reminders(), admins=(ADMIN,))
    runner = JobRunner(store, clock, {KIND: checks}, owner="test", lease_seconds=60)
    pairing = await _paired(store, MONDAY)
    await checks.schedule(pairing)
    await _sweep(runner, clock, days=4)
    reminders = flaky.views(MenteeReminderView)
    assert len(reminders) == 1 and flaky.failures == 0
    assert reminders[0][0] > MONDAY + timedelta(days=3)  # after its due time, once retried
