"""IOM (administrators publish pairs) and JPOSC (mentees search) through the services."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.notifier import card_for_view
from teams_app.domain.pairing import RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorProfileView,
    MentorRequestView,
    PairingView,
    SearchResultsView,
)
from teams_app.services.mentor_requests import MentorRequests
from teams_app.services.mentor_search import MentorSearch
from teams_app.storage.cipher import AnswerCipher, generate_key
from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.doubles.manual_clock import ManualClock
from tests.integration.matching_cohort import RecordingNotifier, add_applicant, cohort_of


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlStore]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}"
    await upgrade(url)
    opened = SqlStore(create_engine(url), ManualClock(), AnswerCipher([generate_key()]))
    yield opened
    await opened.close()


def person(key: str) -> Person:
    return Person(key, f"{key}@un.org", key.title())


async def test_iom_administrators_publish_pairs_and_no_registration_answer_reaches_the_partner(
    store: SqlStore,
) -> None:
    programme = load_programme("iom")
    notifier = RecordingNotifier()
    matching = CohortMatching(
        store, ManualClock(), programme, questionnaire_for(programme), notifier
    )
    cohort = await cohort_of(store, programme)
    secret_unit = "Unit of Quiet Negotiations 4471"
    secret_objective = "Objective nobody but administrators may read 9931"
    mentor = await add_applicant(store, cohort, "omar", "mentor", {"unit": secret_unit})
    await store.save_application(
        mentor.__class__(
            **{
                **mentor.__dict__,
                "confidential": {"diversity_sogiesc": "yes", "diversity_consent": "true"},
            }
        )
    )
    await add_applicant(store, cohort, "lea", "mentee", {"personal_objective": secret_objective})

    report = await matching.publish(cohort)

    assert report.pairs_created == 1
    assert len(await store.pairings(cohort.id)) == 1
    for receiver, partner in (("lea", "omar"), ("omar", "lea")):
        cards = [card_for_view(s.view) for s in notifier.sent if s.person == receiver]
        assert any("Meet your" in json.dumps(card) for card in cards)
        text = json.dumps(cards, ensure_ascii=False)
        assert f"{partner}@un.org" in text
        for secret in (secret_unit, secret_objective, "Geneva", "Nairobi", "P-5", "P-2"):
            assert secret not in text, (receiver, secret)
    pairing = notifier.views_of("lea", PairingView)[0]
    assert isinstance(pairing, PairingView) and pairing.partner.lines == ()


async def test_jposc_mentee_searches_requests_is_declined_and_searches_again(
    store: SqlStore,
) -> None:
    programme = load_programme("jposc")
    notifier = RecordingNotifier()
    parts = (store, ManualClock(), programme, questionnaire_for(programme), notifier)
    search, requests = MentorSearch(*parts), MentorRequests(*parts)
    cohort = await cohort_of(store, programme)
    jpo_mentor = {"former_jpo": "jpo", "gender": "woman"}
    await add_applicant(store, cohort, "ines", "mentor", {**jpo_mentor, "duty_station": "Bangkok"})
    await add_applicant(store, cohort, "rosa", "mentor", {**jpo_mentor, "duty_station": "Geneva"})
    await add_applicant(store, cohort, "tom", "mentee", {"assignment_type": "JPO"})
    tom = person("tom")

    everyone = await search.search(tom)
    assert isinstance(everyone, SearchResultsView) and everyone.total == 2
    geneva = await search.search(tom, {"duty_station": "Geneva"})
    assert isinstance(geneva, SearchResultsView)
    assert [o.profile.key for o in geneva.results] == ["rosa"]

    profile = await search.profile(tom, "rosa")
    assert isinstance(profile, MentorProfileView) and profile.can_request
    empty = await search.request(tom, "rosa", "   ")
    assert isinstance(empty, MentorProfileView) and empty.error
    sent = await search.request(tom, "rosa", "Dear Rosa, may I ask you to mentor me?")
    assert isinstance(sent, MatchingNotice)
    twice = await search.request(tom, "ines", "Dear Ines, …")
    assert isinstance(twice, MentorProfileView) and twice.error

    card = notifier.views_of("rosa", MentorRequestView)[-1]
    assert isinstance(card, MentorRequestView) and "may I ask you" in card.message
    declined = await requests.answer(person("rosa"), card.request_id, card.version, False, "Full")
    assert isinstance(declined, MentorRequestView) and declined.status is RequestStatus.DECLINED
    notice = notifier.views_of("tom", MatchingNotice)[-1]
    assert isinstance(notice, MatchingNotice) and notice.offer == "find_mentor"
    again = await search.search(tom)
    assert isinstance(again, SearchResultsView)
    assert [o.profile.key for o in again.results] == ["ines"]  # a declined pair is not offered


async def test_opening_the_search_twice_tells_each_mentee_once(store: SqlStore) -> None:
    programme = load_programme("jposc")
    notifier = RecordingNotifier()
    matching = CohortMatching(
        store, ManualClock(), programme, questionnaire_for(programme), notifier
    )
    cohort = await cohort_of(store, programme)
    await add_applicant(store, cohort, "ines", "mentor", {"former_jpo": "jpo", "gender": "woman"})
    await add_applicant(store, cohort, "tom", "mentee", {"assignment_type": "JPO"})
    first = await matching.publish(cohort)
    again = await matching.publish(await cohort_of(store, programme))
    assert (first.suggestions_sent, again.suggestions_sent, again.already_published) == (1, 0, 1)
    assert len(notifier.views_of("tom", MatchingNotice)) == 1
