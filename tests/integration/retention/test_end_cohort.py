"""`end cohort` through /api/messages with the Bot Connector double, on SQLite and PostgreSQL:
a confirmation first, one end however often Confirm is pressed, the survey once per person,
and the retention job erasing the cohort's personal data when the clock passes its date."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cohort_routes import background_settled
from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.follow_ups import pair_ends_at
from teams_app.domain.pairing import MentorRequest, Pairing, PairingStatus, RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.domain.retention import COHORT_ENDED, ENDED, retention_key
from teams_app.services.follow_up_planner import FollowUpPlanner
from tests.card_schema import assert_valid_card
from tests.integration.admin_world import channel_cards, press_in_channel, say_in_channel
from tests.integration.matching_cohort import MENTEE_BASE
from tests.integration.session_world import (
    AMINA,
    OMAR,
    PRIYA,
    SOFIA,
    Member,
    SessionWorld,
    find_buttons,
    session_world,
    text_of,
)
from tests.integration.storage.table_counts import row_counts
from tests.integration.tab_client import signed_in

SURVEY = "Your mentoring programme: reflection and feedback"  # IOM's survey title
CONFIRM = "cohort.end.confirm"


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[SessionWorld]:
    env = {"TANDEM_DATABASE_URL": database_url}
    async with session_world(tmp_path, with_graph=False, env=env) as opened:
        await say_in_channel(opened, SOFIA, "set admin channel")
        yield opened


async def cohort_of(world: SessionWorld) -> Any:
    programme = world.tandem.programme
    return await world.tandem.store.ensure_cohort(programme.id, programme.edition)


async def confirm_button(world: SessionWorld) -> dict[str, Any]:
    card = await say_in_channel(world, SOFIA, "end cohort")
    (button,) = find_buttons(card, CONFIRM)
    return button


async def run_jobs_for(world: SessionWorld, days: float) -> None:
    """Move the clock two hours at a time, running due jobs, so working hours come round."""
    assert world.tandem.jobs is not None
    # The surveys' first run starts in the background at Confirm; a clock moved under it
    # would expire its leases and let a second run send the same card.
    await background_settled()
    end = world.clock.now() + timedelta(days=days)
    while world.clock.now() < end:
        await world.tandem.jobs.run_until_idle()
        world.clock.advance(hours=2)


def surveys_to(world: SessionWorld, member: Member) -> int:
    return sum(SURVEY in text_of(m) for m in world.messages(member))


async def test_end_cohort_asks_first_and_changes_nothing_until_confirmed(
    world: SessionWorld,
) -> None:
    card = await say_in_channel(world, SOFIA, "end cohort")

    assert_valid_card(card)
    shown = text_of(card)
    assert "End this cohort?" in shown and "1 active pair" in shown
    assert "cannot be undone" in shown and "5 October 2027" in shown  # 365 days on
    assert find_buttons(card, CONFIRM) and find_buttons(card, "cohort.end.cancel")
    assert (await cohort_of(world)).status != ENDED
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None and pairing.status is PairingStatus.ACTIVE


async def test_confirm_pressed_twice_and_concurrently_ends_the_cohort_once(
    world: SessionWorld,
) -> None:
    button = await confirm_button(world)
    (card_id, _) = channel_cards(world, "End this cohort?")[-1]

    presses = (press_in_channel(world, SOFIA, button, card_id) for _ in range(3))
    pressed = await asyncio.gather(*presses)
    again = await press_in_channel(world, SOFIA, button, card_id)

    answers = [text_of(p.card) for p in (*pressed, again)]
    assert sum("nobody is sent anything twice" not in a for a in answers) == 1
    for answer in (*pressed, again):
        assert_valid_card(answer.card)
        assert "Cohort ended" in text_of(answer.card) and "Sofia Alvarez" in text_of(answer.card)
    store = world.tandem.store
    audit = await store.list_audit()
    assert [e.subject for e in audit if e.action == "cohort.ended"] == [
        f"cohort:{(await cohort_of(world)).id}"
    ]
    cohort = await cohort_of(world)
    assert cohort.status == ENDED and cohort.ended_by == SOFIA.aad_id
    assert cohort.erase_on == cohort.ended_at + timedelta(days=365)
    pairing = await store.get_pairing(world.pairing_id)
    assert pairing is not None and pairing.end_reason == COHORT_ENDED
    job = await store.get_job(retention_key(cohort.id))
    assert job is not None and job.due_at == cohort.erase_on
    # Everyone in the channel sees the outcome in place of the question.
    shown = await world.updated(card_id, "Cohort ended")
    assert "Sofia Alvarez" in text_of(shown) and not find_buttons(shown, CONFIRM)


async def test_a_non_administrator_is_refused_and_audited(world: SessionWorld) -> None:
    refused = await say_in_channel(world, OMAR, "end cohort")
    button = await confirm_button(world)
    pressed = await press_in_channel(world, OMAR, button)

    assert "Administrators only" in text_of(refused)
    assert "administrators" in str(pressed.card).lower()
    attempts = [
        e.detail["attempted"]
        for e in await world.tandem.store.list_audit()
        if e.action == "admin.refused" and e.actor == OMAR.aad_id
    ]
    assert sorted(attempts) == ["cohort.end", "cohort.end.confirm"]
    assert (await cohort_of(world)).status != ENDED


async def test_cancel_leaves_the_cohort_running(world: SessionWorld) -> None:
    card = await say_in_channel(world, SOFIA, "end cohort")
    (cancel,) = find_buttons(card, "cohort.end.cancel")

    answer = await press_in_channel(world, SOFIA, cancel)

    assert "was cancelled" in text_of(answer.card)
    assert (await cohort_of(world)).status != ENDED


async def test_each_participant_gets_the_survey_once_and_ending_again_sends_nothing(
    world: SessionWorld,
) -> None:
    await press_in_channel(world, SOFIA, await confirm_button(world))
    await run_jobs_for(world, days=1)

    assert surveys_to(world, AMINA) == 1 and surveys_to(world, PRIYA) == 1
    _, card = world.last_card(AMINA, SURVEY)
    assert_valid_card(card)

    again = await say_in_channel(world, SOFIA, "end cohort")
    await run_jobs_for(world, days=1)

    assert "nobody is sent anything twice" in text_of(again) and not find_buttons(again, CONFIRM)
    assert surveys_to(world, AMINA) == 1 and surveys_to(world, PRIYA) == 1


async def test_a_survey_already_sent_at_the_programme_end_is_not_sent_again(
    world: SessionWorld,
) -> None:
    tandem = world.tandem
    pairing = await arm_follow_ups(world)
    world.clock.current = pair_ends_at(tandem.programme, pairing)
    await run_jobs_for(world, days=1)
    assert surveys_to(world, AMINA) == 1

    await press_in_channel(world, SOFIA, await confirm_button(world))
    await run_jobs_for(world, days=1)

    assert surveys_to(world, AMINA) == 1 and surveys_to(world, PRIYA) == 1


async def test_the_retention_job_erases_this_cohort_only_once_its_date_has_passed(
    world: SessionWorld,
) -> None:
    store = world.tandem.store
    other = await store.ensure_cohort(world.tandem.programme.id, "2027")
    await store.upsert_person(Person("aad-next", "next@un.org", "Next Year"))
    await store.save_application(
        Application(
            other.id,
            "aad-next",
            "mentee",
            ApplicationStatus.SUBMITTED,
            answers=dict(MENTEE_BASE),
        )
    )
    mine = await cohort_of(world)
    await store.save_application(
        Application(mine.id, AMINA.aad_id, "mentee", answers=dict(MENTEE_BASE))
    )
    await store.add_journal_entry(AMINA.aad_id, "What I learnt this year")
    await press_in_channel(world, SOFIA, await confirm_button(world))
    cohort = await cohort_of(world)
    assert cohort.erase_on is not None

    world.clock.current = cohort.erase_on - timedelta(hours=1)
    await run_jobs_for(world, days=0.01)
    assert await store.get_person(AMINA.aad_id) is not None
    before = await row_counts(store)

    world.clock.current = cohort.erase_on + timedelta(minutes=1)
    await run_jobs_for(world, days=0.01)

    after = await row_counts(store)
    assert {t: before[t] - after[t] for t in before if before[t] != after[t]} == {
        "applications": 1,  # Amina's; the 2027 cohort's stays
        "journal_entries": 1,
        "conversation_references": 2,  # Amina's and Priya's personal chats
        "people": 2,  # Amina and Priya; Sofia, Omar and the 2027 applicant stay
        "audit_log": -1,  # the record of the erasure
    }

    erased = await cohort_of(world)
    assert erased.personal_data_deleted_at is not None
    for member in (AMINA, PRIYA):
        assert await store.get_person(member.aad_id) is None
    assert await store.get_person(SOFIA.aad_id) is not None  # an administrator, not a member
    assert await store.get_person("aad-next") is not None
    assert len(await store.list_applications(other.id, Role.MENTEE)) == 1
    status = await say_in_channel(world, SOFIA, "status")
    assert "personal data deleted on 5 October 2027" in text_of(status)
    tab = await signed_in(world, SOFIA)
    code, dashboard = await tab.call("GET", "/admin/dashboard")
    assert code == 200 and "personal data deleted on" in dashboard["cohort_notice"]
    assert dict((r["stage"], r["count"]) for r in dashboard["funnel"])["paired"] == 1
    deleted = [e for e in await store.list_audit() if e.action == "cohort.personal_data_deleted"]
    assert [e.subject for e in deleted] == [f"cohort:{cohort.id}"]


async def test_status_tells_when_the_cohort_ended_and_when_its_data_goes(
    world: SessionWorld,
) -> None:
    await press_in_channel(world, SOFIA, await confirm_button(world))

    status = await say_in_channel(world, SOFIA, "status")

    assert_valid_card(status)
    shown = text_of(status)
    assert "Ended on 5 October 2026" in shown
    assert "personal data will be deleted on 5 October 2027" in shown
    published = await say_in_channel(world, SOFIA, "open registration")
    assert "The cohort has ended" in text_of(published)
    matched = await say_in_channel(world, SOFIA, "run matching")
    assert "has ended; there is nothing more to match" in text_of(matched)


async def test_a_pending_request_is_withdrawn_so_no_pair_forms_after_the_end(
    world: SessionWorld,
) -> None:
    store = world.tandem.store
    cohort = await cohort_of(world)
    now = world.clock.now()
    pending = await store.add_request(
        MentorRequest(cohort.id, OMAR.aad_id, PRIYA.aad_id, now + timedelta(days=7), now)
    )
    assert pending.id is not None

    await press_in_channel(world, SOFIA, await confirm_button(world))

    request = await store.get_request(pending.id)
    assert request is not None and request.status is RequestStatus.WITHDRAWN
    assert not await store.pairings(cohort.id, person=OMAR.aad_id, status=None)


async def test_an_end_cut_short_by_a_crash_is_completed_by_the_next_end_cohort(
    world: SessionWorld,
) -> None:
    store = world.tandem.store
    cohort = await cohort_of(world)
    now = world.clock.now()
    # The process died right after the compare-and-set: nothing else happened.
    await store.end_cohort(cohort.id, now, SOFIA.aad_id, now + timedelta(days=365))

    again = await say_in_channel(world, SOFIA, "end cohort")
    await say_in_channel(world, SOFIA, "end cohort")
    await run_jobs_for(world, days=1)

    assert "nobody is sent anything twice" in text_of(again)
    pairing = await store.get_pairing(world.pairing_id)
    assert pairing is not None and pairing.end_reason == COHORT_ENDED
    assert await store.get_job(retention_key(cohort.id)) is not None
    assert surveys_to(world, AMINA) == 1 and surveys_to(world, PRIYA) == 1


async def test_a_survey_armed_for_the_programme_end_is_brought_forward_to_now(
    world: SessionWorld,
) -> None:
    tandem = world.tandem
    pairing = await arm_follow_ups(world)
    await run_jobs_for(world, days=1)
    assert surveys_to(world, AMINA) == 0  # due at the programme's end, months away

    await press_in_channel(world, SOFIA, await confirm_button(world))
    await run_jobs_for(world, days=1)

    assert surveys_to(world, AMINA) == 1 and surveys_to(world, PRIYA) == 1
    assert pair_ends_at(tandem.programme, pairing) > world.clock.now() + timedelta(days=90)


async def arm_follow_ups(world: SessionWorld) -> Pairing:
    """The world's pairing with its follow-ups armed, as a new pairing gets them."""
    tandem = world.tandem
    pairing = await tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None
    await FollowUpPlanner(tandem.store, world.clock, tandem.programme).schedule(pairing)
    return pairing
