"""Survey answers on SQLite and PostgreSQL: stored once, read back by their author only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.domain.survey import SurveyResponse
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.conftest import SteppingClock


@pytest.fixture
async def store(database_url: str, clock: SteppingClock) -> AsyncIterator[SqlStore]:
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock)
    yield opened
    await opened.close()


async def _pairing(store: SqlStore) -> int:
    cohort = await store.ensure_cohort("iom", "2026")
    for aad in ("ana", "mo"):
        await store.upsert_person(Person(aad, f"{aad}@example.org", aad.title()))
    pairing = Pairing(cohort.id, "ana", "mo", datetime(2026, 3, 1, tzinfo=UTC))
    stored = await store.create_pairing(pairing, 1, 1)
    assert stored.id is not None
    return stored.id


async def test_a_second_submission_finds_the_first_and_stores_nothing(store: SqlStore) -> None:
    pairing_id = await _pairing(store)
    first = SurveyResponse("s1", pairing_id, "ana", Role.MENTEE, {"overall": "5"})

    saved, fresh = await store.save_survey_response(first)
    again, fresh_again = await store.save_survey_response(
        SurveyResponse("s1", pairing_id, "ana", Role.MENTEE, {"overall": "1"})
    )

    assert fresh and not fresh_again
    assert again == saved and dict(again.answers) == {"overall": "5"}
    assert await store.survey_answer_sets("s1") == [{"overall": "5"}]


async def test_each_person_reads_only_their_own_answers(store: SqlStore) -> None:
    pairing_id = await _pairing(store)
    await store.save_survey_response(SurveyResponse("s1", pairing_id, "ana", Role.MENTEE, {}))

    assert await store.survey_response_of("s1", pairing_id, "mo") is None
    mine = await store.survey_response_of("s1", pairing_id, "ana")
    assert mine is not None and mine.role is Role.MENTEE and mine.submitted_at is not None
    assert await store.survey_answer_sets("other survey") == []
