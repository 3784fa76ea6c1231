"""Scheduling through /api/messages: the Bot Connector double carries the cards, the Graph
double is the calendar (the real GraphServiceClient talks to it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from teams_app.domain.sessions import SessionStatus
from tests.card_schema import assert_valid_card
from tests.doubles.graph_model import graph_error
from tests.doubles.loopback_server import ScriptedResponse
from tests.integration import activities as act
from tests.integration.session_world import (
    AMINA,
    OMAR,
    PRIYA,
    SOFIA,
    SessionWorld,
    find_buttons,
    session_world,
    text_of,
)

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]
EVENTS = "/users/*/events"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path) as opened:
        yield opened


async def book_first_offer(world: SessionWorld) -> tuple[str, dict[str, object]]:
    """Amina asks for times and books the first; (offers message id, the card shown)."""
    offers_id, offers = await world.offers(AMINA)
    first = find_buttons(offers, "session.book")[0]
    pressed = await world.press(AMINA, first, offers_id)
    card = pressed.card
    if "Booking your session" in text_of(card):
        card = await world.updated(offers_id, "Session booked")
    return offers_id, card


async def test_mentee_books_a_slot_and_both_get_the_teams_link(world: SessionWorld) -> None:
    assert world.graph is not None
    offers_id, offers = await world.offers(AMINA)
    assert_valid_card(offers)
    slots = find_buttons(offers, "session.book")
    assert 3 <= len(slots) <= 5
    # Both local times: Dakar (UTC) and New York, inside both working hours.
    assert "(Africa/Dakar)" in text_of(offers) and "Priya: " in text_of(offers)
    starts = [datetime.fromisoformat(b["data"]["start"]) for b in slots]
    # Dakar 09–17 UTC and New York 09–17 EDT (13–21 UTC) share 13:00–17:00 UTC.
    assert all(13 <= s.hour <= 16 and s.weekday() < 5 for s in starts), starts

    pressed = await world.press(AMINA, slots[0], offers_id)

    assert pressed.seconds < 5
    assert_valid_card(pressed.card)
    assert "Session booked" in text_of(pressed.card)
    (post,) = world.graph.requests("POST", EVENTS)
    assert post.path == f"/users/{AMINA.aad_id}/events"  # the mentee organises
    body = post.json
    attendees = {a["emailAddress"]["address"] for a in body["attendees"]}
    assert attendees == {AMINA.email, PRIYA.email}
    assert body["isOnlineMeeting"] is True
    assert body["onlineMeetingProvider"] == "teamsForBusiness"
    assert body["transactionId"].startswith(f"tandem-pairing-{world.pairing_id}-")
    assert "Establish expectations" in body["body"]["content"]  # the phase's agenda
    (event,) = world.graph.events()
    join = event["onlineMeeting"]["joinUrl"]
    assert join in text_of(pressed.card) and "Join the Teams meeting" in text_of(pressed.card)
    _, priya_card = world.last_card(PRIYA, "Amina booked your next session")
    assert_valid_card(priya_card)
    assert join in text_of(priya_card) and "Questions for the first meeting" in text_of(priya_card)
    store = world.tandem.store
    (session,) = await store.sessions_of(world.pairing_id)
    assert session.status is SessionStatus.SCHEDULED and session.starts_at == starts[0]
    assert await store.contact_made_at(world.pairing_id) is not None


async def test_two_clicks_on_the_same_slot_make_one_meeting(world: SessionWorld) -> None:
    assert world.graph is not None
    offers_id, offers = await world.offers(AMINA)
    slot = find_buttons(offers, "session.book")[1]

    first = await world.press(AMINA, slot, offers_id)
    again = await world.press(AMINA, slot, offers_id)

    assert world.graph.count("POST", EVENTS) == 1 and len(world.graph.events()) == 1
    assert "Session booked" in text_of(first.card)
    assert "already booked" in text_of(again.card)
    assert len(await world.tandem.store.sessions_of(world.pairing_id)) == 1


async def test_slow_graph_still_answers_within_five_seconds_and_the_card_updates_later(
    world: SessionWorld,
) -> None:
    assert world.graph is not None
    offers_id, offers = await world.offers(AMINA)
    world.graph.script("POST", EVENTS, ScriptedResponse(delay=8))
    slot = find_buttons(offers, "session.book")[0]

    pressed = await world.press(AMINA, slot, offers_id)

    assert pressed.seconds < 5
    assert "Booking your session" in text_of(pressed.card)
    updated = await world.updated(offers_id, "Session booked")
    assert_valid_card(updated)
    assert world.graph.count("POST", EVENTS) == 1 and len(world.graph.events()) == 1
    assert world.graph.events()[0]["onlineMeeting"]["joinUrl"] in text_of(updated)


async def test_throttled_booking_waits_as_graph_asks_and_makes_one_meeting(
    world: SessionWorld,
) -> None:
    assert world.graph is not None
    world.graph.script("POST", EVENTS, graph_error(429, retry_after=1))

    _, card = await book_first_offer(world)

    first, second = world.graph.requests("POST", EVENTS)
    assert (first.status, second.status) == (429, 201)
    assert second.monotonic - first.monotonic >= 1
    assert first.json["transactionId"] == second.json["transactionId"]
    assert len(world.graph.events()) == 1 and "Session booked" in text_of(card)


async def test_unavailable_graph_leaves_no_session_and_trying_again_books_once(
    world: SessionWorld,
) -> None:
    assert world.graph is not None
    world.graph.script("POST", EVENTS, *[graph_error(503, retry_after=1)] * 4)
    offers_id, offers = await world.offers(AMINA)
    slot = find_buttons(offers, "session.book")[0]

    pressed = await world.press(AMINA, slot, offers_id)
    card = pressed.card
    if "Booking your session" in text_of(card):
        card = await world.updated(offers_id, "Nothing was changed")

    assert_valid_card(card)
    assert "did not answer in time" in text_of(card)
    assert world.graph.events() == []
    assert await world.tandem.store.sessions_of(world.pairing_id) == []
    assert await world.tandem.store.contact_made_at(world.pairing_id) is None
    (retry,) = find_buttons(card, "session.book")
    assert retry["data"]["start"] == slot["data"]["start"]

    again = await world.press(AMINA, retry, offers_id)

    assert "Session booked" in text_of(again.card)
    assert len(world.graph.events()) == 1
    # Every attempt of that slot from that card carried one transaction id.
    assert len({p.json["transactionId"] for p in world.graph.requests("POST", EVENTS)}) == 1


async def test_missing_permission_tells_the_administrators_which_one(world: SessionWorld) -> None:
    assert world.graph is not None
    world.graph.script("POST", EVENTS, graph_error(403, "ErrorAccessDenied"))
    offers_id, offers = await world.offers(AMINA)

    pressed = await world.press(AMINA, find_buttons(offers, "session.book")[0], offers_id)

    assert "Tandem cannot reach the calendars yet" in text_of(pressed.card)
    assert "administrators have been told" in text_of(pressed.card)
    _, alert = world.last_card(SOFIA, "Tandem needs a Microsoft Graph permission")
    assert_valid_card(alert)
    assert "Calendars.ReadWrite" in text_of(alert) and "Grant admin consent" in text_of(alert)
    assert await world.tandem.store.sessions_of(world.pairing_id) == []
    assert world.graph.events() == []


async def test_moving_a_session_updates_the_meeting_and_tells_the_partner(
    world: SessionWorld,
) -> None:
    assert world.graph is not None
    offers_id, booked = await book_first_offer(world)
    reschedule = find_buttons(booked, "session.reschedule")[0]

    moved_offers = await world.press(AMINA, reschedule, offers_id)
    card = moved_offers.card
    if "Looking for free times" in text_of(card):
        card = await world.updated(offers_id, "Move here")
    assert "Move your session with Priya" in text_of(card)
    target = find_buttons(card, "session.move")[-1]
    done = await world.press(AMINA, target, offers_id)

    assert "Session moved" in text_of(done.card)
    (patch,) = world.graph.requests("PATCH", "/users/*/events/*")
    assert patch.json["start"]["timeZone"] == "Africa/Dakar"
    (event,) = world.graph.events()
    assert event["start"]["dateTime"].startswith(target["data"]["start"][:16])
    _, told = world.last_card(PRIYA, "Amina moved your session")
    assert_valid_card(told)
    assert "short notice" not in text_of(told)


async def test_cancelling_inside_the_notice_period_asks_first_and_tells_the_partner_kindly(
    world: SessionWorld,
) -> None:
    assert world.graph is not None
    offers_id, booked = await book_first_offer(world)
    (session,) = await world.tandem.store.sessions_of(world.pairing_id)
    world.clock.current = session.starts_at - timedelta(hours=3)

    asked = await world.press(AMINA, find_buttons(booked, "session.cancel")[0], offers_id)

    assert_valid_card(asked.card)
    assert "Cancel this session?" in text_of(asked.card)
    assert "less than 24 hours" in text_of(asked.card)
    assert world.graph.count("POST", "/users/*/events/*/cancel") == 0
    confirm = find_buttons(asked.card, "session.cancel_confirm")[0]
    confirm = {**confirm, "data": {**confirm["data"], "cancel_message": "My flight moved."}}
    done = await world.press(AMINA, confirm, offers_id)

    assert "Session cancelled" in text_of(done.card)
    (cancel,) = world.graph.requests("POST", "/users/*/events/*/cancel")
    assert "My flight moved." in text_of(cancel.json)
    assert world.graph.events() == []
    _, told = world.last_card(PRIYA, "Amina cancelled a session")
    assert "short notice" in text_of(told) and "My flight moved." in text_of(told)
    (cancelled,) = await world.tandem.store.sessions_of(world.pairing_id)
    assert cancelled.status is SessionStatus.CANCELLED and cancelled.cancelled_by == AMINA.aad_id


async def test_a_session_whose_end_has_passed_shows_as_held(world: SessionWorld) -> None:
    _offers_id, _booked = await book_first_offer(world)
    (session,) = await world.tandem.store.sessions_of(world.pairing_id)
    world.clock.current = session.ends_at + timedelta(minutes=1)
    show = {"verb": "session.show", "data": {"verb": "session.show", "session": session.id}}

    shown = await world.press(PRIYA, show)

    assert "Session held" in text_of(shown.card) and "has taken place" in text_of(shown.card)
    assert find_buttons(shown.card, "session.cancel") == []


async def test_someone_outside_the_pair_changes_nothing(world: SessionWorld) -> None:
    _offers_id, offers = await world.offers(AMINA)
    slot = find_buttons(offers, "session.book")[0]

    pressed = await world.press(OMAR, slot)
    await world.say(OMAR, "schedule")

    assert "not one of yours" in text_of(pressed.card)
    _, told = world.last_card(OMAR, "You are not paired yet")
    assert_valid_card(told)
    assert await world.tandem.store.sessions_of(world.pairing_id) == []


async def test_without_graph_dev_mode_books_in_the_local_calendar(tmp_path: Path) -> None:
    async with session_world(tmp_path, with_graph=False) as world:
        _, card = await book_first_offer(world)

        assert "Open the dev meeting page" in text_of(card)
        assert "no real Teams meeting" in text_of(card)
        (session,) = await world.tandem.store.sessions_of(world.pairing_id)
        assert session.dev_link and session.join_url
        page = await world.client.get(urlsplit(session.join_url).path)
        assert page.status == 200 and "no Teams meeting" in await page.text()
        _, priya = world.last_card(PRIYA, "Amina booked your next session")
        assert "Open the dev meeting page" in text_of(priya)


async def test_slow_calendars_answer_schedule_at_once_and_the_offers_follow(
    world: SessionWorld,
) -> None:
    assert world.graph is not None
    world.graph.script("POST", "/users/*/calendar/getSchedule", ScriptedResponse(delay=8))

    await world.say(AMINA, "schedule")

    activity_id, first = world.last_card(AMINA, "")
    assert "Looking for free times" in text_of(first)
    offers = await world.updated(activity_id, "Book this time")
    assert_valid_card(offers)
    assert len(find_buttons(offers, "session.book")) >= 3


async def test_schedule_on_the_pairing_card_keeps_it_and_sends_the_times_as_a_new_card(
    world: SessionWorld,
) -> None:
    button = {
        "verb": "session.offers",
        "data": {"verb": "session.offers", "pairing": world.pairing_id, "new_card": True},
    }
    before = len(world.messages(AMINA))

    pressed = await world.press(AMINA, button, reply_to="pairing-card")

    assert pressed.card == "Free times for your next session are in the new card below."
    assert len(world.messages(AMINA)) == before + 1
    _, offers = world.last_card(AMINA, "Schedule a session with Priya")
    assert find_buttons(offers, "session.book")


async def test_schedule_in_a_channel_points_to_the_personal_chat(world: SessionWorld) -> None:
    await world.post(act.message(world.connector.url, "schedule", channel=True))

    (card,) = world.connector.cards(act.CHANNEL_CONVERSATION)
    assert_valid_card(card)
    assert "Schedule in your personal chat with Tandem" in text_of(card)
    assert world.graph is not None and world.graph.count("POST") == 0


async def test_the_offers_count_held_and_booked_sessions_toward_the_plan(
    world: SessionWorld,
) -> None:
    await book_first_offer(world)
    (session,) = await world.tandem.store.sessions_of(world.pairing_id)
    world.clock.current = session.ends_at + timedelta(hours=1)

    _, offers = await world.offers(AMINA)

    assert "session 2 of 6" in text_of(offers)
    assert "So far: 1 held, 0 booked ahead." in text_of(offers)
