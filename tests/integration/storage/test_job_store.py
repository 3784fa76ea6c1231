"""Durable jobs and pair contacts on SQLite and PostgreSQL: keys, leases, owners, cancels."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from teams_app.domain.jobs import JobStatus
from teams_app.domain.people import Person
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.matching_data import MENTEES, MENTORS, pairing

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
LEASE = 60.0


async def _schedule(store: SqlStore, count: int, due: datetime = NOW) -> None:
    for n in range(count):
        await store.schedule_job("test", f"test:{n:04d}", f"thing:{n % 7}", due)


async def test_scheduling_a_key_twice_keeps_the_first_job(store: SqlStore) -> None:
    first = await store.schedule_job("contact-check", "contact-check:pairing:1:x", "pairing:1", NOW)
    again = await store.schedule_job(
        "contact-check", "contact-check:pairing:1:x", "pairing:9", NOW + timedelta(days=3)
    )

    assert again == first
    assert first.status is JobStatus.PENDING and first.attempts == 0
    assert first.due_at == NOW
    assert len(await store.list_jobs()) == 1


async def test_only_due_jobs_are_claimed_oldest_first_and_leased_to_the_owner(
    store: SqlStore,
) -> None:
    await store.schedule_job("test", "later", "s", NOW + timedelta(seconds=1))
    await store.schedule_job("test", "second", "s", NOW - timedelta(minutes=1))
    await store.schedule_job("test", "first", "s", NOW - timedelta(minutes=2))

    claimed = await store.claim_due_jobs(NOW, "worker-a", LEASE, 10)

    assert [job.key for job in claimed] == ["first", "second"]
    assert {job.lease_owner for job in claimed} == {"worker-a"}
    assert {job.lease_until for job in claimed} == {NOW + timedelta(seconds=LEASE)}
    assert {job.attempts for job in claimed} == {1}
    assert await store.claim_due_jobs(NOW, "worker-b", LEASE, 10) == []


async def test_an_expired_lease_is_claimable_again_even_in_flight(store: SqlStore) -> None:
    await store.schedule_job("test", "k", "s", NOW)
    (job,) = await store.claim_due_jobs(NOW, "dead-worker", LEASE, 10)
    assert await store.mark_in_flight(job.id, "dead-worker")

    before_expiry = NOW + timedelta(seconds=LEASE - 1)
    assert await store.claim_due_jobs(before_expiry, "worker-b", LEASE, 10) == []
    (again,) = await store.claim_due_jobs(NOW + timedelta(seconds=LEASE), "worker-b", LEASE, 10)

    assert again.id == job.id
    assert again.status is JobStatus.IN_FLIGHT  # tells the handler a send may have happened
    assert again.attempts == 2
    assert not await store.settle_job(job.id, "dead-worker", JobStatus.DONE)
    assert await store.settle_job(job.id, "worker-b", JobStatus.DONE)


async def test_only_the_lease_owner_marks_and_settles_and_settling_frees_the_lease(
    store: SqlStore,
) -> None:
    await store.schedule_job("test", "k", "s", NOW)
    (job,) = await store.claim_due_jobs(NOW, "a", LEASE, 10)

    assert not await store.mark_in_flight(job.id, "b")
    assert await store.mark_in_flight(job.id, "a")
    assert await store.settle_job(job.id, "a", JobStatus.DONE, "note")
    assert not await store.settle_job(job.id, "a", JobStatus.FAILED)

    done = await store.get_job("k")
    assert done is not None
    assert (done.status, done.last_error, done.lease_owner, done.lease_until) == (
        JobStatus.DONE,
        "note",
        None,
        None,
    )
    assert await store.claim_due_jobs(NOW + timedelta(days=1), "a", LEASE, 10) == []


async def test_a_retry_moves_the_due_time_and_a_deferral_resets_the_attempts(
    store: SqlStore,
) -> None:
    await store.schedule_job("test", "k", "s", NOW)
    (job,) = await store.claim_due_jobs(NOW, "a", LEASE, 10)
    retry_at = NOW + timedelta(minutes=5)
    assert await store.settle_job(job.id, "a", JobStatus.PENDING, "Boom: x", retry_at)

    assert await store.claim_due_jobs(NOW + timedelta(minutes=4), "a", LEASE, 10) == []
    (retried,) = await store.claim_due_jobs(retry_at, "a", LEASE, 10)
    assert (retried.attempts, retried.last_error) == (2, "Boom: x")
    await store.settle_job(job.id, "a", JobStatus.PENDING, due_at=retry_at, reset_attempts=True)

    stored = await store.get_job("k")
    assert stored is not None and stored.attempts == 0
    with pytest.raises(ValueError, match="settle"):
        await store.settle_job(job.id, "a", JobStatus.PENDING)


async def test_cancelling_by_key_prefix_or_subject_touches_pending_jobs_only(
    store: SqlStore,
) -> None:
    for key, subject in [("c:p:1:a", "p:1"), ("c:p:1:b", "p:1"), ("c:p:10:a", "p:10")]:
        await store.schedule_job("test", key, subject, NOW)
    await store.schedule_job("test", "c_p:1:a", "p:1x", NOW)  # `_` is no LIKE wildcard here
    (first,) = await store.claim_due_jobs(NOW, "a", LEASE, 1)
    await store.mark_in_flight(first.id, "a")

    assert await store.cancel_jobs(key_prefix="c:p:1:", reason="contact made") == 1
    assert await store.cancel_jobs(subject="p:10") == 1
    statuses = {job.key: job.status for job in await store.list_jobs()}

    assert statuses == {
        "c:p:1:a": JobStatus.IN_FLIGHT,
        "c:p:1:b": JobStatus.CANCELLED,
        "c:p:10:a": JobStatus.CANCELLED,
        "c_p:1:a": JobStatus.PENDING,
    }


async def test_two_owners_claiming_together_take_each_due_job_once(
    store: SqlStore, database_url: str
) -> None:
    await _schedule(store, 200)
    other = SqlStore.open(database_url)  # its own engine, as another replica would have

    async def claim_all(claimer: SqlStore, owner: str) -> list[int]:
        taken: list[int] = []
        while batch := await claimer.claim_due_jobs(NOW, owner, LEASE, 7):
            taken += [job.id for job in batch]
            await asyncio.sleep(0)
        return taken

    try:
        a, b = await asyncio.gather(claim_all(store, "a"), claim_all(other, "b"))
    finally:
        await other.close()

    counts = Counter(a + b)
    assert len(counts) == 200 and set(counts.values()) == {1}
    assert a and b


# SQLite has one writer and no row locks to skip: this one runs on PostgreSQL only.
@pytest.mark.parametrize(
    "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_on_postgresql_a_claim_skips_rows_locked_by_another_claim(
    store: SqlStore, database_url: str
) -> None:
    await _schedule(store, 10)
    async with store.engine.connect() as holder:
        await holder.execute(
            text("SELECT id FROM jobs ORDER BY due_at, id LIMIT 4 FOR UPDATE")
        )  # an open transaction, like a replica in the middle of its claim
        claimed = await asyncio.wait_for(store.claim_due_jobs(NOW, "b", LEASE, 10), timeout=5)
        await holder.rollback()

    assert len(claimed) == 6
    assert [job.key for job in claimed] == [f"test:{n:04d}" for n in range(4, 10)]


async def test_the_first_contact_of_a_pairing_is_remembered(store: SqlStore) -> None:
    cohort = await store.ensure_cohort("together", "2026")
    for person in (MENTEES[0], MENTORS[0]):
        await store.upsert_person(Person(person, f"{person}@example.org", person))
    paired = await store.create_pairing(pairing(cohort.id, MENTEES[0]), 3, 1)
    assert paired.id is not None
    assert await store.contact_made_at(paired.id) is None

    await store.record_contact(paired.id, NOW + timedelta(days=2), "session")
    await store.record_contact(paired.id, NOW + timedelta(days=1), "connected", MENTORS[0])

    assert await store.contact_made_at(paired.id) == NOW + timedelta(days=1)
    assert await store.get_pairing(paired.id) == paired
    assert await store.get_pairing(paired.id + 1) is None
