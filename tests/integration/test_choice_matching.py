"""Choice mode end to end through the services: suggestions, ranked requests, fallback, pairing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from teams_app.domain.pairing import RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorRequestView,
    NoMentorLeftAlert,
    PairingView,
    SuggestionsView,
)
from teams_app.services.mentor_requests import MentorRequests
from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.doubles.manual_clock import ManualClock
from tests.integration.matching_cohort import (
    RecordingNotifier,
    add_applicant,
    cohort_of,
)


@dataclass
class World:
    """The use cases over one SQLite store, a hand-moved clock and a recording notifier."""

    store: SqlStore
    clock: ManualClock
    notifier: RecordingNotifier
    programme: Programme
    matching: CohortMatching
    requests: MentorRequests

    def person(self, key: str) -> Person:
        return Person(key, f"{key}@un.org", key.title())

    def last(self, person: str, kind: type) -> object:
        views = self.notifier.views_of(person, kind)
        assert views, f"{person} received no {kind.__name__}"
        return views[-1]


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}"
    await upgrade(url)
    clock = ManualClock()
    store = SqlStore(create_engine(url), clock, None)
    programme = load_programme("together")
    questionnaire = questionnaire_for(programme)
    notifier = RecordingNotifier()
    checks = ContactChecks(store, notifier, clock, programme.reminders, ["aad-sofia"])
    parts = (store, clock, programme, questionnaire, notifier, checks)
    yield World(store, clock, notifier, programme, CohortMatching(*parts), MentorRequests(*parts))
    await store.close()


async def three_mentors_one_mentee(world: World) -> None:
    cohort = await cohort_of(world.store, world.programme)
    await add_applicant(world.store, cohort, "ana", "mentor")
    await add_applicant(world.store, cohort, "ben", "mentor", {"skills_to_share": "writing"})
    await add_applicant(world.store, cohort, "carla", "mentor", {"topics": "mobility"})
    await add_applicant(world.store, cohort, "mia", "mentee")


async def publish_and_choose(world: World, choices: list[str]) -> SuggestionsView:
    report = await world.matching.publish(await cohort_of(world.store, world.programme))
    assert report.suggestions_sent == 1
    card = world.last("mia", SuggestionsView)
    assert isinstance(card, SuggestionsView)
    assert {o.profile.key for o in card.options} == {"ana", "ben", "carla"}
    view = await world.requests.choose(world.person("mia"), choices, card.version)
    assert isinstance(view, SuggestionsView)
    return view


async def answer(world: World, mentor: str, accept: bool, message: str = "") -> MentorRequestView:
    request = world.last(mentor, MentorRequestView)
    assert isinstance(request, MentorRequestView)
    view = await world.requests.answer(
        world.person(mentor), request.request_id, request.version, accept, message
    )
    assert isinstance(view, MentorRequestView)
    return view


async def test_first_choice_declines_second_accepts_and_both_get_the_pairing_card(
    world: World,
) -> None:
    await three_mentors_one_mentee(world)
    view = await publish_and_choose(world, ["ana", "ben", "carla"])
    assert [(line.mentor_name, line.status) for line in view.requests] == [
        ("Ana", RequestStatus.PENDING)
    ]
    assert not world.notifier.views_of("ben", MentorRequestView)

    declined = await answer(world, "ana", accept=False, message="My places are full, sorry.")
    assert declined.status is RequestStatus.DECLINED
    accepted = await answer(world, "ben", accept=True)
    assert accepted.status is RequestStatus.ACCEPTED

    mentee_card = world.last("mia", PairingView)
    mentor_card = world.last("ben", PairingView)
    assert isinstance(mentee_card, PairingView) and isinstance(mentor_card, PairingView)
    assert mentee_card.partner.key == "ben" and mentor_card.partner.key == "mia"
    assert mentee_card.checklist and mentee_card.questions
    assert not world.notifier.views_of("carla", MentorRequestView)
    final = world.last("mia", SuggestionsView)
    assert isinstance(final, SuggestionsView) and final.paired_with == "Ben"


async def test_a_request_without_answer_by_the_deadline_passes_to_the_next_choice(
    world: World,
) -> None:
    await three_mentors_one_mentee(world)
    await publish_and_choose(world, ["ana", "ben"])
    world.clock.advance(days=2, hours=23)
    assert await world.requests.expire_overdue() == 0
    world.clock.advance(hours=1)
    assert await world.requests.expire_overdue() == 1
    expired = world.last("ana", MentorRequestView)
    assert isinstance(expired, MentorRequestView) and expired.status is RequestStatus.EXPIRED
    assert world.notifier.views_of("ben", MentorRequestView)
    assert await world.requests.expire_overdue() == 0


async def test_a_replayed_accept_changes_nothing_twice(world: World) -> None:
    await three_mentors_one_mentee(world)
    await publish_and_choose(world, ["ana"])
    request = world.last("ana", MentorRequestView)
    assert isinstance(request, MentorRequestView)
    mentor = world.person("ana")
    first = await world.requests.answer(mentor, request.request_id, request.version, True, "")
    again = await world.requests.answer(mentor, request.request_id, request.version, True, "")
    assert isinstance(first, MentorRequestView) and isinstance(again, MentorRequestView)
    assert first.status is again.status is RequestStatus.ACCEPTED
    assert again.notice is not None
    cohort = await cohort_of(world.store, world.programme)
    assert len(await world.store.pairings(cohort.id)) == 1
    assert len(world.notifier.views_of("mia", PairingView)) == 1


async def test_when_every_choice_is_gone_the_mentee_gets_new_suggestions(
    world: World, engine_on_loop: list[bool]
) -> None:
    await three_mentors_one_mentee(world)
    cohort = await cohort_of(world.store, world.programme)
    await add_applicant(world.store, cohort, "dan", "mentor", {"topics": "mobility"})
    await world.matching.publish(cohort)
    card = world.last("mia", SuggestionsView)
    assert isinstance(card, SuggestionsView)
    listed = [o.profile.key for o in card.options]
    # A mentor who joins after publishing is one the new round can offer: the mentors Mia
    # was shown already and did not choose are not offered again.
    await add_applicant(world.store, cohort, "eve", "mentor")
    await world.requests.choose(world.person("mia"), listed[:1], card.version)
    await answer(world, listed[0], accept=False)
    fresh = world.last("mia", SuggestionsView)
    assert isinstance(fresh, SuggestionsView)
    assert fresh.round == 2
    assert [o.profile.key for o in fresh.options] == ["eve"]
    # The first round's card, updated in place, keeps that round's outcome and no form.
    (first_card,) = {s.activity_id for s in world.notifier.sent if s.view is card}
    updates = [s.view for s in world.notifier.sent if s.refreshed and s.activity_id == first_card]
    closed = updates[-1]
    assert isinstance(closed, SuggestionsView) and closed.round == 1
    assert not closed.open_for_choices
    assert [(r.mentor_name, r.status) for r in closed.requests] == [
        (card.options[0].profile.name, RequestStatus.DECLINED)
    ]
    # The cohort at publishing, then the mentee's new round: both on a worker thread.
    assert engine_on_loop == [False, False]


@pytest.mark.parametrize("admin_reachable", [True, False])
async def test_with_no_mentor_left_the_administrators_are_alerted_and_the_mentee_told_so(
    world: World, admin_reachable: bool
) -> None:
    await three_mentors_one_mentee(world)
    if not admin_reachable:
        world.notifier.unreachable.add("aad-sofia")
    await publish_and_choose(world, ["ana"])
    await answer(world, "ana", accept=False)  # ben and carla were suggested: none left

    alerts = world.notifier.views_of("aad-sofia", NoMentorLeftAlert)
    notice = world.last("mia", MatchingNotice)
    assert isinstance(notice, MatchingNotice) and notice.title == "No mentor is free right now"
    if admin_reachable:
        why = "Every mentor with a free place was among those already suggested to them."
        assert alerts == [NoMentorLeftAlert("Mia", "mia@un.org", 1, why)]
        assert "The programme team has been told and will be in touch" in notice.text
    else:  # nobody was told: the mentee is not promised that anyone was
        assert alerts == []
        assert "has been told" not in notice.text
        assert f"write to the programme team at {world.programme.contact}" in notice.text


async def test_the_alert_names_the_rule_when_the_remaining_mentors_do_not_fit(
    world: World,
) -> None:
    await three_mentors_one_mentee(world)
    await publish_and_choose(world, ["ana"])
    cohort = await cohort_of(world.store, world.programme)
    await add_applicant(world.store, cohort, "eve", "mentor", {"languages": "ar"})
    await answer(world, "ana", accept=False)

    (alert,) = world.notifier.views_of("aad-sofia", NoMentorLeftAlert)
    assert isinstance(alert, NoMentorLeftAlert)
    assert alert.why == (
        "Tandem's reason, as worded for the mentee: “no mentor shares a language with you”."
    )


async def test_choices_outside_the_list_or_repeated_are_refused_with_a_message(
    world: World,
) -> None:
    await three_mentors_one_mentee(world)
    await world.matching.publish(await cohort_of(world.store, world.programme))
    card = world.last("mia", SuggestionsView)
    assert isinstance(card, SuggestionsView)
    mia = world.person("mia")
    for bad in (["ana", "ana"], ["zoe"], [], ["ana", "ben", "carla", "ana"]):
        view = await world.requests.choose(mia, bad, card.version)
        assert isinstance(view, SuggestionsView) and view.error, bad
        assert not view.chosen
    assert not world.notifier.views_of("ana", MentorRequestView)


async def test_publishing_twice_sends_each_mentee_one_list(world: World) -> None:
    await three_mentors_one_mentee(world)
    cohort = await cohort_of(world.store, world.programme)
    await world.matching.publish(cohort)
    again = await world.matching.publish(await cohort_of(world.store, world.programme))
    assert again.suggestions_sent == 0 and again.already_published == 1
    assert len([s for s in world.notifier.sent if not s.refreshed and s.person == "mia"]) == 1


async def test_a_mentee_without_a_common_language_hears_why_no_mentor_was_suggested(
    world: World,
) -> None:
    cohort = await cohort_of(world.store, world.programme)
    await add_applicant(world.store, cohort, "ana", "mentor")
    await add_applicant(
        world.store, cohort, "li", "mentee", {"languages": "zh", "preferred_language": "zh"}
    )
    report = await world.matching.publish(cohort)
    assert report.unmatched == 1
    notice = world.last("li", MatchingNotice)
    assert isinstance(notice, MatchingNotice) and "language" in notice.text


async def test_a_new_pair_gets_its_no_contact_nudges_until_either_says_they_connected(
    world: World,
) -> None:
    from teams_app.domain.jobs import JobStatus

    await three_mentors_one_mentee(world)
    await publish_and_choose(world, ["ana"])
    await answer(world, "ana", accept=True)
    cohort = await cohort_of(world.store, world.programme)
    pairing = (await world.store.pairings(cohort.id))[0]
    assert pairing.id is not None
    jobs = await world.store.list_jobs(subject=f"pairing:{pairing.id}")
    assert len(jobs) == 3 and all(job.status is JobStatus.PENDING for job in jobs)

    stranger = await world.requests.confirm_contact(world.person("ben"), pairing.id)
    assert isinstance(stranger, MatchingNotice) and "not one of yours" in stranger.text
    thanks = await world.requests.confirm_contact(world.person("mia"), pairing.id)
    assert isinstance(thanks, MatchingNotice) and thanks.title.startswith("Thank you")
    jobs = await world.store.list_jobs(subject=f"pairing:{pairing.id}")
    assert all(job.status is JobStatus.CANCELLED for job in jobs)
