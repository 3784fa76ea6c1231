"""Matching card actions: from a pressed button to a use case and back to a card."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.notifier import card_for_view
from bot.signup_routes import read_version
from cards.matching_verbs import (
    MATCHING_VERBS,
    MESSAGE_INPUT,
    VERB_ACCEPT,
    VERB_CHOOSE,
    VERB_CONNECTED,
    VERB_DECLINE,
    VERB_MY_SUGGESTIONS,
    VERB_SEARCH,
    VERB_SEARCH_PROFILE,
    VERB_SEARCH_REQUEST,
    VERB_WITHDRAW_REQUEST,
    choices_from_data,
    filters_from_data,
)
from cards.notices import unknown_action_card
from teams_app.domain.people import Person
from teams_app.services.mentor_requests import MentorRequests
from teams_app.services.mentor_search import MentorSearch

__all__ = ["MATCHING_VERBS", "run_matching_action"]


async def run_matching_action(
    requests: MentorRequests,
    search: MentorSearch,
    person: Person,
    verb: str,
    data: Mapping[str, object],
) -> dict[str, Any]:
    """Run the use case a matching button asks for; the card to show in its place."""
    if verb == VERB_SEARCH:
        return card_for_view(await search.search(person, filters_from_data(data)))
    if verb in (VERB_SEARCH_PROFILE, VERB_SEARCH_REQUEST):
        mentor = data.get("mentor")
        if not isinstance(mentor, str) or not mentor or len(mentor) > 100:
            return unknown_action_card()
        if verb == VERB_SEARCH_PROFILE:
            return card_for_view(await search.profile(person, mentor))
        message = data.get(MESSAGE_INPUT)
        text = message if isinstance(message, str) else ""
        return card_for_view(await search.request(person, mentor, text))
    if verb == VERB_CONNECTED:
        pairing = read_version(data.get("pairing"))
        return card_for_view(await requests.confirm_contact(person, pairing or 0))
    if verb == VERB_MY_SUGGESTIONS:
        return card_for_view(await requests.my_suggestions(person))
    version = read_version(data.get("version"))
    if version is None:
        return unknown_action_card()
    if verb == VERB_CHOOSE:
        allowed = requests.programme.matching.choices
        # Read one more than allowed so "too many" is caught rather than silently cut.
        choices = choices_from_data(data, allowed + 1)
        return card_for_view(await requests.choose(person, choices, version))
    if verb == VERB_WITHDRAW_REQUEST:
        return card_for_view(await requests.withdraw(person, version))
    request_id = read_version(data.get("request"))
    if request_id is None or verb not in (VERB_ACCEPT, VERB_DECLINE):
        return unknown_action_card()
    message = data.get(MESSAGE_INPUT)
    text = message if isinstance(message, str) else ""
    view = await requests.answer(person, request_id, version, verb == VERB_ACCEPT, text)
    return card_for_view(view)
