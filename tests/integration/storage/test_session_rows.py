"""Sessions in the database (SQLite and PostgreSQL): one live claim per slot, compare-and-set
changes, and failed bookings that leave nothing behind."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from teams_app.domain.calendar import BookedMeeting
from teams_app.domain.pairing import Pairing, StaleRecord
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.domain.sessions import Session, SessionStatus, transaction_id
from teams_app.storage.sql_store import SqlStore

START = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
MEETING = BookedMeeting("event-1", "https://teams.microsoft.com/l/meetup-join/x")
ZONES = ("Africa/Dakar", "America/New_York")


async def paired(store: SqlStore) -> int:
    for key in ("ana", "mo"):
        await store.upsert_person(Person(key, f"{key}@example.org", key.title()))
    cohort = await store.ensure_cohort("iom", "2026")
    pairing = await store.create_pairing(Pairing(cohort.id, "ana", "mo", START - 48 * HOUR), 1, 1)
    assert pairing.id is not None
    return pairing.id


def claim(pairing_id: int, start: datetime = START, card: str = "card1") -> Session:
    tx = transaction_id(pairing_id, card, start)
    return Session(pairing_id, start, start + HOUR, "ana", "ana", tx)


async def booked(store: SqlStore, pairing_id: int, start: datetime = START) -> Session:
    claimed, fresh = await store.claim_session(claim(pairing_id, start))
    assert fresh and claimed.id is not None
    return await store.confirm_session(claimed.id, claimed.version, MEETING, ZONES)


async def test_a_second_claim_of_the_same_slot_finds_the_first(store: SqlStore) -> None:
    pairing_id = await paired(store)

    first, fresh = await store.claim_session(claim(pairing_id))
    again, again_fresh = await store.claim_session(claim(pairing_id))
    other_card, other_fresh = await store.claim_session(claim(pairing_id, card="card2"))

    assert fresh and not again_fresh and not other_fresh
    assert again.id == first.id == other_card.id
    assert first.status is SessionStatus.BOOKING and first.version == 1


async def test_concurrent_claims_of_one_slot_leave_exactly_one_claim(store: SqlStore) -> None:
    pairing_id = await paired(store)

    results = await asyncio.gather(*(store.claim_session(claim(pairing_id)) for _ in range(6)))

    assert sum(fresh for _, fresh in results) == 1
    assert len({session.id for session, _ in results}) == 1


async def test_a_confirmed_booking_is_a_scheduled_session_with_its_meeting(store: SqlStore) -> None:
    pairing_id = await paired(store)
    pending, _ = await store.claim_session(claim(pairing_id))
    assert await store.sessions_of(pairing_id) == []  # a booking is not a session yet

    session = await booked(store, pairing_id, START + 24 * HOUR)
    await store.set_session_card(session.id or 0, Role.MENTOR, "activity-9")

    (listed,) = await store.sessions_of(pairing_id)
    assert listed.status is SessionStatus.SCHEDULED and listed.event_id == "event-1"
    assert listed.join_url == MEETING.join_url and not listed.dev_link
    assert (listed.time_zone, listed.mentor_zone) == ZONES
    assert listed.mentor_card == "activity-9" and listed.version == session.version
    assert pending.id != listed.id


async def test_a_dropped_booking_leaves_nothing_and_the_slot_is_free_again(store: SqlStore) -> None:
    pairing_id = await paired(store)
    pending, _ = await store.claim_session(claim(pairing_id))
    assert pending.id is not None

    assert not await store.drop_booking(pending.id, pending.version + 1)
    assert await store.drop_booking(pending.id, pending.version)
    assert await store.get_session(pending.id) is None
    _, fresh = await store.claim_session(claim(pairing_id))
    assert fresh


async def test_a_stalled_booking_is_taken_over_once(store: SqlStore) -> None:
    pairing_id = await paired(store)
    pending, _ = await store.claim_session(claim(pairing_id))
    assert pending.id is not None

    taken = await store.take_over_booking(pending.id, pending.version)

    assert taken.version == pending.version + 1
    with pytest.raises(StaleRecord):
        await store.take_over_booking(pending.id, pending.version)
    with pytest.raises(StaleRecord):
        await store.confirm_session(pending.id, pending.version, MEETING, ZONES)


async def test_moving_is_compare_and_set_and_never_onto_another_session(store: SqlStore) -> None:
    pairing_id = await paired(store)
    first = await booked(store, pairing_id)
    second = await booked(store, pairing_id, START + 24 * HOUR)
    assert first.id is not None

    moved = await store.move_session(first.id, first.version, START + 2 * HOUR, START + 3 * HOUR)

    assert moved.starts_at == START + 2 * HOUR and moved.version == first.version + 1
    with pytest.raises(StaleRecord):
        await store.move_session(first.id, first.version, START, START + HOUR)
    with pytest.raises(StaleRecord):  # the pair already meets then
        await store.move_session(first.id, moved.version, second.starts_at, second.ends_at)


async def test_cancelling_frees_the_slot_and_can_be_undone(store: SqlStore) -> None:
    pairing_id = await paired(store)
    session = await booked(store, pairing_id)
    assert session.id is not None

    cancelled = await store.cancel_session(session.id, session.version, "mo")

    assert cancelled.status is SessionStatus.CANCELLED and cancelled.cancelled_by == "mo"
    with pytest.raises(StaleRecord):
        await store.cancel_session(session.id, session.version, "mo")
    reopened = await store.reopen_session(cancelled.id or 0, cancelled.version)
    assert reopened.status is SessionStatus.SCHEDULED and reopened.cancelled_at is None
    again = await store.cancel_session(session.id, reopened.version, "ana")
    rebooked, fresh = await store.claim_session(replace(claim(pairing_id), transaction_id="tx-2"))
    assert fresh and rebooked.id != again.id
    assert [s.status for s in await store.sessions_of(pairing_id)] == [SessionStatus.CANCELLED]
