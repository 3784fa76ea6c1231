"""Accepting requests and pairing people within capacity, also when replicas race."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from teams_app.domain.pairing import (
    AcceptRefused,
    MentorRequest,
    PairingStatus,
    RequestStatus,
    StaleRecord,
)
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.conftest import SteppingClock
from tests.integration.storage.matching_data import MENTEES, MENTORS, T0, pairing, request, seed

ANA, BEN, CHLOE = MENTEES[:3]
MONA, MIKE = MENTORS
AT = T0 + timedelta(days=1)


@pytest.fixture
async def store(database_url: str, clock: SteppingClock) -> AsyncIterator[SqlStore]:
    """A store on a migrated database."""
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock)
    yield opened
    await opened.close()


@pytest.fixture
async def cohort_id(store: SqlStore) -> int:
    """A cohort whose mentors and mentees have applied."""
    return await seed(store)


async def stored(store: SqlStore, r: MentorRequest) -> MentorRequest:
    """The stored copy of a request."""
    assert r.id is not None
    found = await store.get_request(r.id)
    assert found is not None
    return found


async def test_an_accepted_request_starts_a_pairing(store: SqlStore, cohort_id: int) -> None:
    pending = await store.add_request(request(cohort_id, ANA))
    assert pending.id is not None

    accepted, paired = await store.accept_request(pending.id, pending.version, AT, 2, 1)

    assert (accepted.status, accepted.decided_at, accepted.version) == (
        RequestStatus.ACCEPTED,
        AT,
        2,
    )
    assert await stored(store, pending) == accepted
    assert (paired.mentee, paired.mentor, paired.request_id) == (ANA, MONA, pending.id)
    assert (paired.status, paired.started_at, paired.version) == (PairingStatus.ACTIVE, AT, 1)
    assert await store.pairings(cohort_id) == [paired]


async def test_a_replayed_accept_is_stale_and_pairs_once(store: SqlStore, cohort_id: int) -> None:
    pending = await store.add_request(request(cohort_id, ANA))
    assert pending.id is not None
    await store.accept_request(pending.id, pending.version, AT, 2, 1)

    with pytest.raises(StaleRecord):
        await store.accept_request(pending.id, pending.version, AT, 2, 1)
    with pytest.raises(StaleRecord):
        await store.accept_request(pending.id + 100, 1, AT, 2, 1)

    assert len(await store.pairings(cohort_id)) == 1


async def test_a_full_mentor_closes_the_request_as_full(store: SqlStore, cohort_id: int) -> None:
    await store.create_pairing(pairing(cohort_id, BEN), 1, 1)
    pending = await store.add_request(request(cohort_id, ANA))
    assert pending.id is not None

    with pytest.raises(AcceptRefused) as refused:
        await store.accept_request(pending.id, pending.version, AT, 1, 1)

    assert refused.value.reason == "mentor_full"
    closed = await stored(store, pending)
    assert (closed.status, closed.version) == (RequestStatus.FULL, 2)
    assert [p.mentee for p in await store.pairings(cohort_id)] == [BEN]


async def test_a_mentee_with_enough_mentors_withdraws_the_request(
    store: SqlStore, cohort_id: int
) -> None:
    await store.create_pairing(pairing(cohort_id, ANA, MIKE), 3, 1)
    pending = await store.add_request(request(cohort_id, ANA))
    assert pending.id is not None

    with pytest.raises(AcceptRefused) as refused:
        await store.accept_request(pending.id, pending.version, AT, 3, 1)

    assert refused.value.reason == "mentee_paired"
    assert (await stored(store, pending)).status is RequestStatus.WITHDRAWN


async def test_publishing_pairs_keeps_capacity_and_never_pairs_two_people_twice(
    store: SqlStore, cohort_id: int
) -> None:
    first = await store.create_pairing(pairing(cohort_id, ANA), 2, 2)

    with pytest.raises(AcceptRefused, match="mentee_paired"):
        await store.create_pairing(pairing(cohort_id, ANA), 2, 2)
    await store.create_pairing(pairing(cohort_id, BEN), 2, 2)
    with pytest.raises(AcceptRefused, match="mentor_full"):
        await store.create_pairing(pairing(cohort_id, CHLOE), 2, 2)

    assert first.id is not None and first.version == 1
    assert [p.mentee for p in await store.pairings(cohort_id, person=MONA)] == [ANA, BEN]


async def test_ending_a_pairing_is_compare_and_set_and_frees_the_place(
    store: SqlStore, cohort_id: int
) -> None:
    active = await store.create_pairing(pairing(cohort_id, ANA), 1, 1)
    assert active.id is not None

    ended = await store.end_pairing(active.id, active.version, AT, "mentee left")

    assert (ended.status, ended.ended_at, ended.end_reason, ended.version) == (
        PairingStatus.ENDED,
        AT,
        "mentee left",
        2,
    )
    with pytest.raises(StaleRecord):
        await store.end_pairing(active.id, active.version, AT, "again")
    with pytest.raises(StaleRecord):
        await store.end_pairing(active.id, ended.version, AT, "already ended")
    assert await store.pairings(cohort_id) == []
    assert await store.pairings(cohort_id, status=None) == [ended]
    await store.create_pairing(pairing(cohort_id, BEN), 1, 1)


async def test_pairings_of_a_person_span_cohorts_newest_first(
    store: SqlStore, cohort_id: int
) -> None:
    later = await seed(store, name="2027")
    old = await store.create_pairing(pairing(cohort_id, ANA), 1, 1)
    new = await store.create_pairing(replace(pairing(later, BEN, ANA), started_at=AT), 1, 1)

    assert await store.pairings_of(ANA) == [new, old]
    assert await store.pairings(later, person=ANA) == [new]
    assert await store.pairings(cohort_id, person=BEN) == []
    assert await store.pairings_of("aad-nobody") == []


async def test_excluded_pairs_are_past_pairings_and_refusals(
    store: SqlStore, cohort_id: int
) -> None:
    earlier = await seed(store, name="2025")
    await store.create_pairing(pairing(earlier, ANA, MIKE), 1, 1)
    await store.create_pairing(pairing(earlier, "aad-gone", MONA), 1, 1)
    declined = await store.add_request(request(cohort_id, BEN, MONA))
    expired = await store.add_request(request(cohort_id, CHLOE, MIKE))
    full = await store.add_request(request(cohort_id, MENTEES[3], MONA))
    for r, status in [
        (declined, RequestStatus.DECLINED),
        (expired, RequestStatus.EXPIRED),
        (full, RequestStatus.FULL),
    ]:
        await store.close_request(r.decided(status, AT))
    await store.add_request(request(cohort_id, MENTEES[4], MONA))

    excluded = await store.excluded_pairs(cohort_id)

    assert excluded == frozenset({(ANA, MIKE), (BEN, MONA), (CHLOE, MIKE)})


async def test_racing_accepts_for_one_place_pair_one_mentee(
    store: SqlStore, cohort_id: int, database_url: str
) -> None:
    requests = [await store.add_request(request(cohort_id, mentee)) for mentee in MENTEES]
    concurrent_connections(store)
    # A second replica: on SQLite, a second connection to the file (another process's view).
    replica = SqlStore.open(database_url)
    stores = [store, replica] * (len(requests) // 2)

    try:
        outcomes = await asyncio.gather(
            *(
                s.accept_request(r.id or 0, r.version, AT, 1, 1)
                for s, r in zip(stores, requests, strict=True)
            ),
            return_exceptions=True,
        )
    finally:
        await replica.close()

    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert all(isinstance(o, AcceptRefused) and o.reason == "mentor_full" for o in refused)
    assert len(refused) == len(requests) - 1
    assert len(await store.pairings(cohort_id)) == 1
    statuses = [r.status for r in await store.list_requests(cohort_id)]
    assert sorted(statuses) == sorted([RequestStatus.ACCEPTED] + [RequestStatus.FULL] * 7)


async def test_racing_pairs_for_one_mentee_pair_once(store: SqlStore, cohort_id: int) -> None:
    pending = await store.add_request(request(cohort_id, ANA, MONA))
    concurrent_connections(store)

    outcomes = await asyncio.gather(
        store.accept_request(pending.id or 0, pending.version, AT, 5, 1),
        store.create_pairing(pairing(cohort_id, ANA, MIKE), 5, 1),
        return_exceptions=True,
    )

    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert [getattr(o, "reason", o) for o in refused] == ["mentee_paired"]
    assert len(await store.pairings(cohort_id, person=ANA)) == 1


async def test_racing_replays_of_one_accept_pair_once(store: SqlStore, cohort_id: int) -> None:
    pending = await store.add_request(request(cohort_id, ANA))
    concurrent_connections(store)

    outcomes = await asyncio.gather(
        *(store.accept_request(pending.id or 0, pending.version, AT, 5, 5) for _ in range(4)),
        return_exceptions=True,
    )

    assert sum(1 for o in outcomes if isinstance(o, StaleRecord)) == 3
    assert len(await store.pairings(cohort_id)) == 1


def concurrent_connections(store: SqlStore) -> None:
    """On PostgreSQL the race is real only if the pool hands out several connections."""
    if store.engine.dialect.name == "postgresql":
        assert store.engine.pool.size() > 1  # type: ignore[attr-defined]
