"""Scheduling in Teams: the `schedule` command and the session card buttons, from an activity
to the scheduling use case and back to a card.

A use case may answer with a LateView when the calendar is slow: its placeholder is shown at
once (Teams waits 5 s for an invoke) and the finished view replaces that same card later,
the pressed card's message (the invoke's replyToId) or the message just sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botbuilder.core import InvokeResponse, TurnContext

from bot.card_actions import CardAction, card_response, message_response
from bot.messenger import card_message
from bot.notifier import card_for_view
from bot.references import scope_of
from bot.signup_routes import identify, read_version
from cards.notices import not_available_card, unknown_action_card
from cards.session_verbs import (
    CANCEL_MESSAGE_INPUT,
    NEW_CARD,
    SESSION_VERBS,
    VERB_SESSION_BOOK,
    VERB_SESSION_CANCEL,
    VERB_SESSION_CANCEL_CONFIRM,
    VERB_SESSION_MOVE,
    VERB_SESSION_OFFERS,
    VERB_SESSION_RESCHEDULE,
    VERB_SESSION_SHOW,
    offer_key_of,
    start_of,
)
from teams_app.domain.conversations import Scope
from teams_app.services.late_views import LateView
from teams_app.services.scheduling import SessionScheduling
from teams_app.services.session_views import SchedulingNotice
from teams_app.services.signup import SignUp

__all__ = ["SESSION_VERBS", "schedule_command", "session_action"]

IN_PERSONAL_CHAT = SchedulingNotice(
    "Schedule in your personal chat with Tandem",
    "Sessions are between you and your mentoring partner, so scheduling happens in your "
    "personal chat with Tandem. Open Tandem from your chat list and type “schedule”.",
    style="emphasis",
)
NOT_AVAILABLE = "Schedule a session"


async def schedule_command(
    turn_context: TurnContext, sessions: SessionScheduling | None, signup: SignUp, contact: str
) -> None:
    """`schedule` typed in a chat: free times with the person's partner, sent as a card."""
    card = await _refusal(turn_context, sessions, contact)
    person = await identify(signup, turn_context) if card is None else None
    if card is not None or sessions is None or person is None:
        await turn_context.send_activity(card_message(card or unknown_action_card()))
        return
    await _send_new(turn_context, await sessions.offers(person.aad_object_id))


async def session_action(
    turn_context: TurnContext,
    sessions: SessionScheduling | None,
    signup: SignUp,
    action: CardAction,
    contact: str,
) -> InvokeResponse:
    """A scheduling button: usually the card that replaces the pressed one.

    "Schedule a session" on a card that must stay (the pairing card, a nudge) leaves it as
    it is and sends the free times as a new card.
    """
    card = await _refusal(turn_context, sessions, contact)
    if card is not None or sessions is None:
        return card_response(card or unknown_action_card())
    person = await identify(signup, turn_context)
    if person is None:
        return card_response(unknown_action_card())
    pressed = turn_context.activity.reply_to_id
    new_card = action.verb == VERB_SESSION_OFFERS and action.data.get(NEW_CARD) is True
    view = await _run(sessions, person.aad_object_id, action.verb, action.data, pressed)
    if view is None:
        return card_response(unknown_action_card())
    if new_card:
        await _send_new(turn_context, view)
        return message_response("Free times for your next session are in the new card below.")
    if isinstance(view, LateView):
        view.deliver_to(pressed)
        return card_response(card_for_view(view.placeholder))
    return card_response(card_for_view(view))


async def _send_new(turn_context: TurnContext, view: object) -> None:
    """Send a view as a new message; a LateView's finished view will update that message."""
    shown = view.placeholder if isinstance(view, LateView) else view
    sent = await turn_context.send_activity(card_message(card_for_view(shown)))
    if isinstance(view, LateView):
        view.deliver_to(getattr(sent, "id", None))


async def _refusal(
    turn_context: TurnContext, sessions: SessionScheduling | None, contact: str
) -> dict[str, Any] | None:
    if scope_of(turn_context.activity) is not Scope.PERSONAL:
        return card_for_view(IN_PERSONAL_CHAT)
    if sessions is None:
        return not_available_card(NOT_AVAILABLE, contact)
    return None


async def _run(
    sessions: SessionScheduling,
    person: str,
    verb: str,
    data: Mapping[str, object],
    pressed: str | None,
) -> object | None:
    """The use case a button asks for; None when its data cannot be read."""
    if verb == VERB_SESSION_OFFERS:
        return await sessions.offers(person, read_version(data.get("pairing")))
    if verb == VERB_SESSION_BOOK:
        pairing, start, offer = (
            read_version(data.get("pairing")),
            start_of(data),
            offer_key_of(data),
        )
        if pairing is None or start is None or offer is None:
            return None
        return await sessions.book(person, pairing, start, offer, pressed)
    session = read_version(data.get("session"))
    if session is None:
        return None
    if verb == VERB_SESSION_SHOW:
        return await sessions.show(person, session)
    version = read_version(data.get("version"))
    if version is None:
        return None
    if verb == VERB_SESSION_RESCHEDULE:
        return await sessions.reschedule(person, session, version)
    if verb == VERB_SESSION_CANCEL:
        return await sessions.cancel(person, session, version)
    if verb == VERB_SESSION_CANCEL_CONFIRM:
        message = data.get(CANCEL_MESSAGE_INPUT)
        text = message if isinstance(message, str) else ""
        return await sessions.confirm_cancel(person, session, version, text)
    start = start_of(data)
    if verb == VERB_SESSION_MOVE and start is not None:
        confirmed = data.get("confirmed") is True
        return await sessions.move(person, session, version, start, confirmed)
    return None
