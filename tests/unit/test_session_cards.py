"""Every scheduling card validates against the Adaptive Card 1.5 schema, stays under 28 KB and
carries what its buttons need."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.notifier import card_for_view
from teams_app.agendas import load_agendas
from teams_app.domain.agendas import Agenda
from teams_app.domain.sessions import SessionState
from teams_app.presets import load_programme
from teams_app.services.session_views import (
    BookingView,
    CalendarPermissionAlert,
    ChoosePartnerView,
    ConfirmChangeView,
    Moving,
    OffersView,
    PartnerChoice,
    RetryBooking,
    SchedulingNotice,
    SessionCardView,
    SessionLine,
    SlotChoice,
)
from tests.card_schema import assert_valid_card

START = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)


def largest_agenda() -> Agenda:
    programme = load_programme("together")
    found = load_agendas(programme).for_phase(programme.sessions.phase_for(1))
    assert found is not None and found.sections
    return found


def executes(card: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(card, dict):
        if card.get("type") == "Action.Execute":
            found.append(card)
        for value in card.values():
            found.extend(executes(value))
    elif isinstance(card, list):
        for item in card:
            found.extend(executes(item))
    return found


def offers(**changes: Any) -> OffersView:
    slots = tuple(
        SlotChoice(
            START + timedelta(days=day),
            f"Tue {3 + day} Mar 14:00–15:00 (Africa/Dakar)",
            f"Tue {3 + day} Mar 09:00–10:00 (America/New_York)",
        )
        for day in range(5)
    )
    view = OffersView(
        "Together",
        7,
        "Priya Raman",
        60,
        2,
        8,
        "We suggest meeting twice a month.",
        slots,
        "ab12cd34",
    )
    return OffersView(**{**view.__dict__, **changes})


def session_view(**changes: Any) -> SessionCardView:
    view = SessionCardView(
        programme_name="Together",
        session_id=11,
        version=2,
        pairing_id=7,
        partner_name="Priya Raman",
        state=SessionState.SCHEDULED,
        viewer_time="Tue 3 Mar 14:00–15:00 (Africa/Dakar)",
        partner_time="Tue 3 Mar 09:00–10:00 (America/New_York)",
        number=1,
        planned=8,
        join_url="https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
        dev_link=False,
        agenda=largest_agenda(),
        changeable=True,
        headline="Session booked",
    )
    return SessionCardView(**{**view.__dict__, **changes})


def test_offers_card_books_each_slot_with_the_card_key_and_shows_both_local_times() -> None:
    card = card_for_view(offers(upcoming=(SessionLine(3, 1, "Mon 2 Mar"),), held=1, booked=1))

    assert_valid_card(card)
    books = [a for a in executes(card) if a["verb"] == "session.book"]
    assert len(books) == 5
    assert books[0]["data"] == {
        "verb": "session.book",
        "pairing": 7,
        "start": START.isoformat(),
        "offer": "ab12cd34",
    }
    text = json.dumps(card, ensure_ascii=False)
    assert "(Africa/Dakar)" in text and "Priya: Tue 3 Mar 09:00" in text
    assert "60 minutes · session 2 of 8" in text and "twice a month" in text
    assert "So far: 1 held, 1 booked ahead." in text
    assert any(a["verb"] == "session.show" and a["data"]["session"] == 3 for a in executes(card))


def test_offers_card_for_moving_a_session_moves_instead_of_booking() -> None:
    card = card_for_view(offers(moving=Moving(11, 2, "Mon 2 Mar 14:00")))

    assert_valid_card(card)
    moves = [a for a in executes(card) if a["verb"] == "session.move"]
    assert len(moves) == 5 and moves[0]["data"]["session"] == 11
    assert moves[0]["data"]["version"] == 2
    assert not [a for a in executes(card) if a["verb"] == "session.book"]


def test_offers_card_without_free_time_says_why() -> None:
    card = card_for_view(offers(slots=(), empty_reason="your working hours do not overlap"))

    assert_valid_card(card)
    assert "your working hours do not overlap" in json.dumps(card)


def test_session_card_has_the_join_link_the_agenda_and_reschedule_and_cancel() -> None:
    card = card_for_view(session_view(notice="Priya has been told."))

    assert_valid_card(card)
    text = json.dumps(card, ensure_ascii=False)
    assert "Join the Teams meeting" in text and "meetup-join" in text
    assert "Questions for the first meeting" in text and "Agenda · " in text
    assert [a["verb"] for a in card["actions"]] == ["session.reschedule", "session.cancel"]
    assert card["actions"][1]["data"] == {"verb": "session.cancel", "session": 11, "version": 2}


def test_session_card_of_the_dev_calendar_says_no_teams_meeting_exists() -> None:
    card = card_for_view(
        session_view(dev_link=True, join_url="http://127.0.0.1:3978/dev/meetings/1")
    )

    assert_valid_card(card)
    text = json.dumps(card)
    assert "Open the dev meeting page" in text and "no real Teams meeting" in text


def test_held_and_cancelled_sessions_offer_the_next_one_instead_of_changes() -> None:
    for state, words in ((SessionState.HELD, "taken place"), (SessionState.CANCELLED, "cancelled")):
        card = card_for_view(session_view(state=state, changeable=False))
        assert_valid_card(card)
        assert words in json.dumps(card)
        assert [a["verb"] for a in card["actions"]] == ["session.offers"]
    cancelled = card_for_view(session_view(state=SessionState.CANCELLED, changeable=False))
    assert "Agenda" not in json.dumps(cancelled)


def test_confirmations_say_when_a_change_comes_inside_the_notice_period() -> None:
    cancel = ConfirmChangeView("IOM", 11, 2, "Priya Raman", "Tue 3 Mar", True, True, 24)
    move = ConfirmChangeView(
        "IOM", 11, 2, "Priya Raman", "Tue 3 Mar", False, True, 24, START, "Wed 4 Mar"
    )

    for view, verb in ((cancel, "session.cancel_confirm"), (move, "session.move")):
        card = card_for_view(view)
        assert_valid_card(card)
        assert "less than 24 hours" in json.dumps(card)
        assert card["actions"][0]["verb"] == verb
        assert card["actions"][1]["associatedInputs"] == "none"
    assert "cancel_message" in json.dumps(card_for_view(cancel))
    moved = card_for_view(move)["actions"][0]["data"]
    assert moved["confirmed"] is True and moved["start"] == START.isoformat()


def test_notices_offer_try_again_with_the_same_slot_and_card() -> None:
    retry = RetryBooking(7, START, "ab12cd34")
    card = card_for_view(SchedulingNotice("Nothing was changed", "Try again.", retry, 7))

    assert_valid_card(card)
    again = card["actions"][0]
    assert again["verb"] == "session.book" and again["data"]["offer"] == "ab12cd34"
    assert card["actions"][1]["verb"] == "session.offers"


def test_the_small_cards_validate() -> None:
    for view in (
        BookingView("Booking your session…", "This card updates in a moment."),
        ChoosePartnerView("Together", (PartnerChoice(7, "Priya Raman"), PartnerChoice(8, "Bo"))),
        CalendarPermissionAlert(
            "Calendars.ReadWrite", "create the session invitation", "book a session"
        ),
    ):
        card = card_for_view(view)
        assert_valid_card(card)
    alert = json.dumps(card_for_view(view))
    assert "Calendars.ReadWrite" in alert and "Grant admin consent" in alert
