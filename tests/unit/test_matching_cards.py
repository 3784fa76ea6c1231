"""The matching cards validate, fit Teams' size limit, and show what each person needs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.notifier import card_for_view
from teams_app.domain.first_meeting import FIRST_ENCOUNTER_CHECKLIST, FIRST_MEETING_QUESTIONS
from teams_app.domain.pairing import RequestStatus
from teams_app.domain.programme import Role
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorOption,
    MentorProfileView,
    MentorRequestView,
    PairingView,
    ProfileLine,
    PublicProfile,
    RequestLine,
    SearchFilter,
    SearchResultsView,
    SuggestionsView,
)
from tests.card_schema import assert_valid_card

DUE = datetime(2026, 10, 4, 9, 0, tzinfo=UTC)
LONG = "A very long answer about twenty years of field experience. " * 8


def mentor(n: int) -> PublicProfile:
    lines = (
        ProfileLine("Grade", "P-5", "grade"),
        ProfileLine("Duty station", "Geneva", "duty_station"),
        ProfileLine("Languages", "English; French", "languages"),
        ProfileLine("Experience to share", LONG, "experience_to_share"),
    )
    return PublicProfile(f"mentor-{n}", f"Mentor Number{n}", f"m{n}@un.org", lines)


def option(n: int, available: bool = True) -> MentorOption:
    reasons = (
        "3 of your goals: negotiation, leadership, planning",
        "you both speak French",
        "4 h of shared working hours",
    )
    return MentorOption(mentor(n), reasons, available)


def suggestions(**changes: Any) -> SuggestionsView:
    base = SuggestionsView(
        "Together",
        "Mia",
        tuple(option(n) for n in range(1, 6)),
        choices_allowed=3,
        response_days=3,
        version=1,
    )
    return SuggestionsView(**{**base.__dict__, **changes})


def text_of(card: dict[str, Any]) -> str:
    return json.dumps(card, ensure_ascii=False)


def verbs(card: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(node["verb"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def test_open_suggestions_card_lists_five_mentors_with_reasons_and_three_ranked_choices() -> None:
    card = card_for_view(suggestions())
    assert_valid_card(card)
    text = text_of(card)
    assert all(f"Mentor Number{n}" in text for n in range(1, 6))
    assert "you both speak French" in text
    inputs = [e for e in card["body"] if e.get("type") == "Input.ChoiceSet"]
    assert [i["id"] for i in inputs] == ["choice.1", "choice.2", "choice.3"]
    assert inputs[0].get("isRequired") is True and not inputs[1].get("isRequired")
    assert "matching.choose" in verbs(card)


def test_suggestions_card_after_choosing_shows_where_each_request_stands() -> None:
    lines = (
        RequestLine("Mentor Number1", 1, RequestStatus.DECLINED, answer="My places are full"),
        RequestLine("Mentor Number2", 2, RequestStatus.PENDING, due_at=DUE),
    )
    card = card_for_view(suggestions(chosen=("mentor-1", "mentor-2"), requests=lines))
    assert_valid_card(card)
    text = text_of(card)
    assert "could not take you on" in text and "My places are full" in text
    assert "waiting for an answer" in text and "DATE(2026-10-04T09:00:00Z" in text
    assert "matching.choose" not in verbs(card) and "matching.withdraw" in verbs(card)


def test_a_paired_mentee_sees_the_pair_and_no_choices() -> None:
    card = card_for_view(suggestions(paired_with="Mentor Number2", chosen=("mentor-2",)))
    assert_valid_card(card)
    assert "You are paired with Mentor Number2" in text_of(card)
    assert "matching.choose" not in verbs(card)


def test_mentor_request_card_offers_accept_and_decline_then_shows_the_outcome_in_place() -> None:
    mentee = PublicProfile(
        "mia", "Mia Lopez", "mia@un.org", (), "Prepare for a first manager role."
    )
    pending = MentorRequestView(
        "Together", 7, 1, mentee, ("you both speak French",), RequestStatus.PENDING, DUE
    )
    card = card_for_view(pending)
    assert_valid_card(card)
    assert verbs(card) == ["matching.accept", "matching.decline"]
    assert "Prepare for a first manager role." in text_of(card)
    for status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.EXPIRED):
        closed = card_for_view(MentorRequestView(**{**pending.__dict__, "status": status}))
        assert_valid_card(closed)
        assert verbs(closed) == []


def test_pairing_card_has_the_checklist_the_questions_and_a_chat_link() -> None:
    view = PairingView(
        "Together",
        Role.MENTEE,
        mentor(1),
        FIRST_ENCOUNTER_CHECKLIST,
        FIRST_MEETING_QUESTIONS,
        "mentoring@un.org",
        "15 October 2026",
    )
    card = card_for_view(view)
    assert_valid_card(card)
    text = text_of(card)
    assert "Meet your mentor: Mentor Number1" in text
    assert FIRST_ENCOUNTER_CHECKLIST[0] in text and FIRST_MEETING_QUESTIONS[0] in text
    assert "https://teams.microsoft.com/l/chat/0/0?users=m1%40un.org" in text
    assert "session.offers" not in verbs(card)  # no pairing id: nothing to schedule for


def test_pairing_card_of_a_stored_pairing_offers_schedule_a_session() -> None:
    view = PairingView(
        "IOM", Role.MENTEE, mentor(1), (), (), "mentoring@iom.int", None, pairing_id=9
    )
    card = card_for_view(view)
    assert_valid_card(card)
    schedule = card["actions"][0]
    assert (schedule["title"], schedule["verb"]) == ("Schedule a session", "session.offers")
    assert schedule["data"]["pairing"] == 9
    assert "press Schedule a session" in text_of(card)


def test_search_and_profile_cards_validate_and_carry_the_mentor_key() -> None:
    filters = (SearchFilter("duty_station", "Duty station", (("Geneva", "Geneva"),), "Geneva"),)
    results = SearchResultsView("JPOSC", filters, tuple(option(n) for n in range(1, 11)), 14)
    card = card_for_view(results)
    assert_valid_card(card)
    assert verbs(card).count("search.profile") == 10
    profile = card_for_view(MentorProfileView("JPOSC", option(1), "Dear Mentor,", True))
    assert_valid_card(profile)
    assert "search.request" in verbs(profile)
    notice = card_for_view(MatchingNotice("Declined", "Search again.", offer="find_mentor"))
    assert_valid_card(notice)
    assert "search.run" in verbs(notice)


def test_nudge_cards_offer_a_chat_with_the_mentee_a_session_and_we_have_connected() -> None:
    from teams_app.services.nudge_views import AdminAlertView, MenteeReminderView, MentorPingView

    ping = card_for_view(MentorPingView(42, "Mia Lopez", "mia@un.org", 7))
    assert_valid_card(ping)
    assert "https://teams.microsoft.com/l/chat/0/0?users=mia%40un.org" in text_of(ping)
    assert verbs(ping) == ["session.offers", "nudge.connected"]
    assert ping["actions"][1]["data"]["pairing"] == 42
    reminder = card_for_view(MenteeReminderView(42, "Omar Haddad", 3))
    assert_valid_card(reminder)
    assert "Have you written to Omar yet?" in text_of(reminder)
    alert = card_for_view(AdminAlertView(42, "Mia Lopez", "Omar Haddad", 14))
    assert_valid_card(alert)
    assert "14 days" in text_of(alert)


def test_the_unreachable_card_says_why_and_what_the_administrators_can_do() -> None:
    from teams_app.services.nudge_views import UnreachableView

    tried = card_for_view(UnreachableView("Mo Mentor", "mo@un.org", 403, tried_install=True))
    assert_valid_card(tried)
    assert "Mo Mentor (mo@un.org)" in text_of(tried)
    assert "blocked for them or was removed" in text_of(tried)
    assert "Installing Tandem for them did not help" in text_of(tried)
    untried = card_for_view(UnreachableView("Mo Mentor", "mo@un.org", 404, tried_install=False))
    assert_valid_card(untried)
    assert "their chat with Tandem is gone" in text_of(untried)
    assert "TANDEM_TEAMS_APP_CATALOG_ID" in text_of(untried)


def test_the_no_mentor_left_alert_says_what_happened_why_and_offers_a_chat() -> None:
    from teams_app.services.matching_views import NoMentorLeftAlert

    why = "Every mentor with a free place was among those already suggested to them."
    alert = card_for_view(NoMentorLeftAlert("Mia Lopez", "mia@un.org", 2, why))
    assert_valid_card(alert)
    shown = text_of(alert)
    assert "No mentor left for Mia Lopez" in shown
    assert "None of the mentors Mia Lopez chose from suggestion round 2" in shown
    assert why in shown
    assert alert["actions"][0]["title"] == "Message Mia"
    assert alert["actions"][0]["url"] == "https://teams.microsoft.com/l/chat/0/0?users=mia%40un.org"
    no_email = card_for_view(NoMentorLeftAlert("Mia Lopez", "", 1, why))
    assert_valid_card(no_email)
    assert all(a.get("title") != "Message Mia" for a in no_email["actions"])
