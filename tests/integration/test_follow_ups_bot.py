"""A pair's follow-ups through the real Tandem: session reminders, the cadence nudge and the
phase prompts, delivered by the job runner as time moves on a manual clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from teams_app.domain.follow_ups import REFLECTION_BEFORE_END, pair_ends_at
from teams_app.domain.jobs import JobStatus
from teams_app.domain.sessions import Session
from teams_app.services.follow_up_planner import FollowUpPlanner
from tests.card_schema import assert_valid_card
from tests.integration.session_world import (
    AMINA,
    PRIYA,
    Member,
    SessionWorld,
    find_buttons,
    session_world,
    text_of,
)

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]
REMINDER = "Reminder: your session with"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path) as opened:
        yield opened


async def book(world: SessionWorld, pick: int = 0) -> tuple[str, dict[str, Any]]:
    """Amina asks for times and books one; (offers message id, the session card)."""
    offers_id, offers = await world.offers(AMINA)
    button = find_buttons(offers, "session.book")[pick]
    card = (await world.press(AMINA, button, offers_id)).card
    if "Booking your session" in text_of(card):
        card = await world.updated(offers_id, "Session booked")
    return offers_id, card


async def sweep_until(world: SessionWorld, until: datetime, step: timedelta) -> None:
    """Move the clock by `step` up to `until`, running due jobs at each step."""
    assert world.tandem.jobs is not None
    while world.clock.now() < until:
        world.clock.advance(min(step, until - world.clock.now()))
        await world.tandem.jobs.run_until_idle()


def cards_with(world: SessionWorld, member: Member, words: str) -> list[dict[str, Any]]:
    """Every card sent to `member` (as first sent) containing `words`."""
    found = []
    for activity in world.messages(member):
        first = world.connector.versions(activity["id"])[0]
        for attachment in first.get("attachments") or []:
            if words in text_of(attachment["content"]):
                found.append(attachment["content"])
    return found


async def only_session(world: SessionWorld) -> Session:
    (session,) = await world.tandem.store.sessions_of(world.pairing_id)
    return session


async def test_both_get_one_reminder_a_day_before_with_times_join_link_and_changes(
    world: SessionWorld,
) -> None:
    await book(world)
    session = await only_session(world)

    await sweep_until(world, session.starts_at - timedelta(hours=24, minutes=1), timedelta(hours=1))
    assert cards_with(world, AMINA, REMINDER) == []
    await sweep_until(world, session.starts_at + timedelta(hours=2), timedelta(minutes=30))

    for member, partner in ((AMINA, "Priya"), (PRIYA, "Amina")):
        (card,) = cards_with(world, member, REMINDER)
        assert_valid_card(card)
        assert f"{REMINDER} {partner} is in 24 hours" in text_of(card)
        assert "(Africa/Dakar)" in text_of(card) and "(America/New_York)" in text_of(card)
        assert find_buttons(card, "session.reschedule") and find_buttons(card, "session.cancel")
        assert "Join the Teams meeting" in text_of(card)


async def test_a_moved_session_is_reminded_at_its_new_time_only(world: SessionWorld) -> None:
    offers_id, booked = await book(world)
    before = await only_session(world)
    moving = await world.press(AMINA, find_buttons(booked, "session.reschedule")[0], offers_id)
    card = moving.card
    if "Looking for free times" in text_of(card):
        card = await world.updated(offers_id, "Move here")
    await world.press(AMINA, find_buttons(card, "session.move")[-1], offers_id)
    after = await only_session(world)
    assert after.starts_at > before.starts_at

    await sweep_until(world, after.starts_at, timedelta(minutes=30))

    for member in (AMINA, PRIYA):
        (card,) = cards_with(world, member, REMINDER)  # one reminder: the new time's
        assert find_buttons(card, "session.cancel")[0]["data"]["version"] == after.version
    reminders = [j for j in await world.tandem.store.list_jobs() if "session-reminder" in j.key]
    old_stamp = before.starts_at.strftime("%Y%m%dT%H%MZ")
    assert {j.status for j in reminders if old_stamp in j.key} == {JobStatus.CANCELLED}
    assert {j.status for j in reminders if old_stamp not in j.key} == {JobStatus.DONE}


async def test_a_cancelled_session_is_never_reminded(world: SessionWorld) -> None:
    offers_id, booked = await book(world)
    session = await only_session(world)
    asked = await world.press(AMINA, find_buttons(booked, "session.cancel")[0], offers_id)
    await world.press(AMINA, find_buttons(asked.card, "session.cancel_confirm")[0], offers_id)

    await sweep_until(world, session.starts_at + timedelta(hours=1), timedelta(hours=1))

    assert cards_with(world, AMINA, REMINDER) == [] and cards_with(world, PRIYA, REMINDER) == []


async def test_no_session_for_a_rhythm_nudges_the_mentee_then_the_mentor(
    world: SessionWorld,
) -> None:
    await book(world)
    session = await only_session(world)
    days = world.tandem.programme.reminders.cadence_nudge_days  # IOM: 35

    await sweep_until(world, session.starts_at + timedelta(days=days - 1), timedelta(hours=6))
    assert cards_with(world, AMINA, "Time for your next session") == []
    await sweep_until(world, session.starts_at + timedelta(days=days + 8), timedelta(hours=6))

    (to_mentee,) = cards_with(world, AMINA, "Time for your next session with Priya")
    assert_valid_card(to_mentee)
    (schedule,) = find_buttons(to_mentee, "session.offers")
    assert schedule["data"]["pairing"] == world.pairing_id
    (to_mentor,) = cards_with(world, PRIYA, "Time for your next session with Amina")
    assert_valid_card(to_mentor)


async def test_a_session_booked_in_time_re_arms_the_cadence_nudge(world: SessionWorld) -> None:
    await book(world)
    first = await only_session(world)
    days = world.tandem.programme.reminders.cadence_nudge_days
    await sweep_until(world, first.starts_at + timedelta(days=days - 10), timedelta(hours=12))
    await book(world)

    await sweep_until(world, first.starts_at + timedelta(days=days + 8), timedelta(hours=12))

    assert cards_with(world, AMINA, "Time for your next session") == []


async def test_after_the_second_session_both_are_prompted_for_the_action_plan(
    world: SessionWorld,
) -> None:
    await book(world, 0)
    await book(world, 0)
    _, second = await world.tandem.store.sessions_of(world.pairing_id)
    await sweep_until(world, second.starts_at, timedelta(hours=6))
    assert cards_with(world, AMINA, "Time to write your action plan") == []

    await sweep_until(world, second.ends_at + timedelta(days=4), timedelta(hours=3))

    for member in (AMINA, PRIYA):
        (card,) = cards_with(world, member, "Time to write your action plan")
        assert_valid_card(card)
        assert "Mentorship Agreement" in text_of(card)


async def test_the_reflection_prompt_comes_before_the_end_and_nothing_follows_the_end(
    world: SessionWorld,
) -> None:
    tandem = world.tandem
    pairing = await tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None
    await FollowUpPlanner(tandem.store, world.clock, tandem.programme).schedule(pairing)
    ends = pair_ends_at(tandem.programme, pairing)
    world.clock.current = ends - REFLECTION_BEFORE_END - timedelta(days=1)
    assert tandem.jobs is not None
    await tandem.jobs.run_until_idle()
    assert cards_with(world, AMINA, "Your last session is coming up") == []

    await sweep_until(world, ends + timedelta(days=40), timedelta(hours=6))

    for member in (AMINA, PRIYA):
        (card,) = cards_with(world, member, "Your last session is coming up")
        assert_valid_card(card)
        assert "Reflect on your experience" in text_of(card)  # IOM's final phase
    open_jobs = [j for j in await tandem.store.list_jobs() if j.status.open]
    assert open_jobs == []  # after the end every follow-up is settled, none left waiting
