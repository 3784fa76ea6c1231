"""Cohort status, suggestions and mentor requests on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.pairing import (
    RequestStatus,
    StaleRecord,
    SuggestedMentor,
    Suggestions,
)
from teams_app.storage.cipher import AnswerCipher, generate_key
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.conftest import SteppingClock
from tests.integration.storage.matching_data import MENTEES, MENTORS, T0, request, seed

ANA, BEN = MENTEES[0], MENTEES[1]
MONA, MIKE = MENTORS


@pytest.fixture
async def store(database_url: str, clock: SteppingClock) -> AsyncIterator[SqlStore]:
    """A store with a cipher on a migrated database."""
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock, AnswerCipher([generate_key()]))
    yield opened
    await opened.close()


@pytest.fixture
async def cohort_id(store: SqlStore) -> int:
    """A cohort whose mentors and mentees have applied."""
    return await seed(store)


def suggestions(cohort_id: int, mentee: str = ANA) -> Suggestions:
    """Two suggested mentors, never saved."""
    return Suggestions(
        cohort_id,
        mentee,
        (
            SuggestedMentor(MONA, 0.92, ("same job network", "time zones overlap")),
            SuggestedMentor(MIKE, 0.5),
        ),
        published_at=T0,
    )


async def test_a_cohort_moves_status_only_from_the_status_expected(
    store: SqlStore, cohort_id: int
) -> None:
    matching = await store.set_cohort_status(cohort_id, "matching", expected="registration")

    with pytest.raises(StaleRecord):
        await store.set_cohort_status(cohort_id, "published", expected="registration")
    published = await store.set_cohort_status(cohort_id, "published")

    assert matching.status == "matching"
    assert await store.get_cohort(cohort_id) == published
    assert published.status == "published"
    assert await store.get_cohort(cohort_id + 100) is None
    with pytest.raises(StaleRecord):
        await store.set_cohort_status(cohort_id + 100, "matching")


async def test_listing_applications_filters_by_role_and_status_and_decrypts(
    store: SqlStore, cohort_id: int
) -> None:
    draft = await store.get_application(cohort_id, ANA, "mentee")
    assert draft is not None
    await store.save_application(
        replace(draft, status=ApplicationStatus.DRAFT, confidential={"gender": "woman"})
    )

    submitted = await store.list_applications(cohort_id)
    mentors = await store.list_applications(cohort_id, role="mentor")
    everyone = await store.list_applications(cohort_id, status=None)

    assert [a.person_aad_id for a in mentors] == list(MENTORS)
    assert ANA not in {a.person_aad_id for a in submitted}
    assert len(everyone) == len(submitted) + 1 == len(MENTORS) + len(MENTEES)
    assert [a.id for a in everyone] == sorted(a.id or 0 for a in everyone)
    ana = next(a for a in everyone if a.person_aad_id == ANA)
    assert isinstance(ana, Application)
    assert ana.confidential == {"gender": "woman"}
    # Counting reads the same rows as listing, without reading any.
    assert await store.count_applications(cohort_id) == len(submitted)
    assert await store.count_applications(cohort_id, role="mentor") == len(mentors)
    assert await store.count_applications(cohort_id, status=None) == len(everyone)


async def test_suggestions_round_trip_with_scores_reasons_and_choices(
    store: SqlStore, cohort_id: int
) -> None:
    saved = await store.save_suggestions(suggestions(cohort_id))
    chosen = await store.save_suggestions(saved.with_choices((MIKE, MONA), T0))

    assert (saved.version, chosen.version) == (1, 2)
    assert saved.id is not None and chosen.id == saved.id
    assert await store.get_suggestions(cohort_id, ANA) == chosen
    assert chosen.mentors[0].reasons == ("same job network", "time zones overlap")
    assert chosen.choices == (MIKE, MONA)
    assert await store.get_suggestions(cohort_id, BEN) is None


async def test_stale_or_duplicate_suggestions_are_refused(store: SqlStore, cohort_id: int) -> None:
    saved = await store.save_suggestions(suggestions(cohort_id))
    await store.save_suggestions(saved.with_choices((MONA,), T0))

    with pytest.raises(StaleRecord):
        await store.save_suggestions(suggestions(cohort_id))
    with pytest.raises(StaleRecord):
        await store.save_suggestions(saved.with_choices((MIKE,), T0))
    stored = await store.get_suggestions(cohort_id, ANA)
    assert stored is not None and stored.choices == (MONA,)


async def test_the_suggestions_card_is_kept_without_a_version_bump(
    store: SqlStore, cohort_id: int
) -> None:
    saved = await store.save_suggestions(suggestions(cohort_id))
    await store.save_suggestions(suggestions(cohort_id, BEN))

    await store.set_suggestions_card(cohort_id, ANA, "activity-1")
    # A copy read before the card was sent must not erase it.
    rechosen = await store.save_suggestions(saved.with_choices((MONA,), T0))

    assert rechosen.card_activity_id == "activity-1"
    assert [(s.mentee, s.version) for s in await store.list_suggestions(cohort_id)] == [
        (ANA, 2),
        (BEN, 1),
    ]


async def test_requests_round_trip_and_filter(store: SqlStore, cohort_id: int) -> None:
    first = await store.add_request(replace(request(cohort_id, ANA), message="Hello", rank=2))
    second = await store.add_request(request(cohort_id, BEN, MIKE))

    assert first.id is not None and first.version == 1
    assert await store.get_request(first.id) == first
    assert await store.get_request(first.id + 100) is None
    assert await store.list_requests(cohort_id) == [first, second]
    assert await store.list_requests(cohort_id, mentor=MIKE) == [second]
    assert await store.list_requests(cohort_id, mentee=ANA, status=RequestStatus.PENDING) == [first]
    assert await store.list_requests(cohort_id, status=RequestStatus.DECLINED) == []


async def test_a_mentee_has_one_pending_request_per_cohort(store: SqlStore, cohort_id: int) -> None:
    other_cohort = await seed(store, name="2027")
    first = await store.add_request(request(cohort_id, ANA))

    with pytest.raises(StaleRecord):
        await store.add_request(request(cohort_id, ANA, MIKE))
    await store.add_request(request(other_cohort, ANA))
    await store.close_request(first.decided(RequestStatus.DECLINED, T0, "Sorry"))
    after_decline = await store.add_request(request(cohort_id, ANA, MIKE))

    assert after_decline.status is RequestStatus.PENDING
    assert len(await store.list_requests(cohort_id, mentee=ANA)) == 2


async def test_the_database_itself_refuses_a_second_pending_request(
    store: SqlStore, cohort_id: int
) -> None:
    await store.add_request(request(cohort_id, ANA))
    insert = (
        "INSERT INTO mentor_requests (cohort_id, mentee, mentor, rank, round, message, status, "
        "answer, due_at, created_at, version) VALUES (:cohort, :mentee, :mentor, 1, 1, '', "
        ":status, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
    )
    values = {"cohort": cohort_id, "mentee": ANA, "mentor": MIKE}

    async with store.engine.begin() as connection:
        await connection.execute(text(insert), values | {"status": "declined"})
    with pytest.raises(IntegrityError):
        async with store.engine.begin() as connection:
            await connection.execute(text(insert), values | {"status": "pending"})


async def test_racing_requests_of_one_mentee_leave_one_pending(
    store: SqlStore, cohort_id: int
) -> None:
    attempts = [store.add_request(request(cohort_id, ANA, m)) for m in MENTORS * 3]

    outcomes = await asyncio.gather(*attempts, return_exceptions=True)

    assert sum(1 for o in outcomes if not isinstance(o, BaseException)) == 1
    assert all(isinstance(o, StaleRecord) for o in outcomes if isinstance(o, BaseException))
    assert len(await store.list_requests(cohort_id, mentee=ANA)) == 1


async def test_overdue_requests_are_the_pending_ones_past_their_deadline(
    store: SqlStore, cohort_id: int
) -> None:
    other_cohort = await seed(store, name="2027")
    late = await store.add_request(request(cohort_id, ANA, days=1))
    await store.add_request(request(cohort_id, BEN, days=5))
    answered = await store.add_request(request(other_cohort, BEN, days=1))
    other_late = await store.add_request(request(other_cohort, ANA, days=2))
    await store.close_request(answered.decided(RequestStatus.DECLINED, T0))

    due = await store.overdue_requests(T0 + timedelta(days=2))

    assert due == [late, other_late]
    assert all(r.overdue(T0 + timedelta(days=2)) for r in due)
    assert await store.overdue_requests(T0) == []


async def test_closing_a_request_is_compare_and_set(store: SqlStore, cohort_id: int) -> None:
    pending = await store.add_request(request(cohort_id, ANA))
    assert pending.id is not None
    await store.set_request_card(pending.id, "activity-9")

    declined = await store.close_request(pending.decided(RequestStatus.DECLINED, T0, "Busy"))

    assert (declined.status, declined.answer, declined.decided_at) == (
        RequestStatus.DECLINED,
        "Busy",
        T0,
    )
    assert (declined.version, declined.card_activity_id) == (2, "activity-9")
    assert await store.get_request(pending.id) == declined
    with pytest.raises(StaleRecord):
        await store.close_request(pending.decided(RequestStatus.EXPIRED, T0))
    with pytest.raises(StaleRecord):
        await store.close_request(replace(declined, status=RequestStatus.WITHDRAWN))
