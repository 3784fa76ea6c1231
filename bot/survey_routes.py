"""The survey's Send my answers button: from an invoke to the survey use case and back."""

from __future__ import annotations

from botbuilder.core import InvokeResponse, TurnContext

from bot.card_actions import CardAction, card_response
from bot.references import scope_of
from bot.signup_routes import identify, privacy_notice
from cards.notices import not_available_card, unknown_action_card
from cards.survey import SURVEY_VERBS, survey_card_for
from teams_app.domain.conversations import Scope
from teams_app.services.signup import SignUp
from teams_app.services.surveys import Surveys

__all__ = ["SURVEY_VERBS", "survey_action"]


async def survey_action(
    turn_context: TurnContext,
    surveys: Surveys | None,
    signup: SignUp,
    action: CardAction,
    contact: str,
) -> InvokeResponse:
    """Store the answers once; the card becomes the thanks, or shows what needs a look."""
    if scope_of(turn_context.activity) is not Scope.PERSONAL:
        return card_response(privacy_notice())
    if surveys is None:
        return card_response(not_available_card("The survey", contact))
    person = await identify(signup, turn_context)
    if person is None:
        return card_response(unknown_action_card())
    view = await surveys.submit(person.aad_object_id, action.data)
    card = survey_card_for(view)
    return card_response(card if card is not None else unknown_action_card())
