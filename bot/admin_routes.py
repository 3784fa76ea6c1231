"""Routes of the administrators' work: the channel, rematch requests and conflict reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botbuilder.core import InvokeResponse, TurnContext

from bot.card_actions import card_response, message_response
from bot.messenger import BotMessenger
from bot.notifier import card_for_view
from bot.references import actor_of, record_from
from bot.signup_routes import read_version
from cards.admin_channel import REFUSED, refused_card
from cards.admin_verbs import (
    ADMIN_CASE_VERBS,
    NOTE_INPUT,
    PAIRING_INPUT,
    REPLY_INPUT,
    VERB_CASE_FORM,
    VERB_CASE_REPLY,
    VERB_CASE_SUBMIT,
)
from cards.notices import unknown_action_card
from teams_app.domain.admin_cases import CaseKind
from teams_app.domain.commands import Command
from teams_app.domain.conversations import Scope
from teams_app.domain.people import Person
from teams_app.services.case_decisions import CaseDecisions, Refused
from teams_app.services.case_opening import CaseOpening
from teams_app.services.case_views import CaseNotice
from teams_app.services.channel_setup import ChannelSetup
from teams_app.services.cohort_commands import CohortCommands

CASE_COMMANDS = {Command.NEW_MATCH: CaseKind.REMATCH, Command.REPORT_CONFLICT: CaseKind.CONFLICT}
PERSONAL_ONLY = CaseNotice(
    "Use your personal chat with Tandem",
    "Requests to the programme team are confidential, so they are made in your personal chat "
    "with Tandem, not here. Open Tandem from Apps (or your chat list) and type “new match” or "
    "“report a conflict”.",
)
CHANNEL_ONLY = CaseNotice(
    "Type this in a team channel",
    "Add Tandem to the administrators' team, then in the channel that should receive the "
    "programme's cases type “@Tandem set admin channel”.",
)


@dataclass(frozen=True)
class AdminDesk:
    """The use cases of the administrators' work, as the handler reaches them."""

    opening: CaseOpening
    decisions: CaseDecisions
    setup: ChannelSetup
    cohort: CohortCommands
    messenger: BotMessenger


async def case_command(desk: AdminDesk, person: Person, command: Command) -> dict[str, Any]:
    """`new match` or `report a conflict` typed in the personal chat: the form."""
    return card_for_view(await desk.opening.form(person, CASE_COMMANDS[command]))


def case_elsewhere() -> dict[str, Any]:
    """`new match` or `report a conflict` typed where others would see it."""
    return card_for_view(PERSONAL_ONLY)


async def set_channel_command(desk: AdminDesk, turn_context: TurnContext) -> dict[str, Any]:
    """`set admin channel`: only in a team channel, only by an administrator."""
    record = record_from(turn_context.activity)
    if record.scope is not Scope.TEAM:
        return card_for_view(CHANNEL_ONLY)
    actor = actor_of(turn_context.activity)
    view = await desk.setup.set_channel(actor, record.conversation_id, record.team_id)
    return refused_card() if view is None else card_for_view(view)


async def participant_case_action(
    desk: AdminDesk, person: Person, verb: str, data: Mapping[str, Any]
) -> dict[str, Any]:
    """A participant's button on the form or on a question from the programme team."""
    kind = _kind(data.get("kind"))
    if verb == VERB_CASE_FORM and kind is not None:
        return card_for_view(await desk.opening.form(person, kind))
    if verb == VERB_CASE_SUBMIT and kind is not None:
        fields = {
            "pairing": data.get(PAIRING_INPUT),
            "category": data.get("category"),
            "note": data.get(NOTE_INPUT),
        }
        return card_for_view(await desk.opening.submit(person, kind, fields))
    case_id, version = read_version(data.get("case")), read_version(data.get("version"))
    if verb == VERB_CASE_REPLY and case_id is not None and version is not None:
        reply = str(data.get(REPLY_INPUT) or "")
        return card_for_view(await desk.opening.reply(person, case_id, version, reply))
    return unknown_action_card()


async def admin_case_action(
    desk: AdminDesk, turn_context: TurnContext, verb: str, data: Mapping[str, Any]
) -> InvokeResponse:
    """An administrator's button on a channel card; anyone else is refused and audited."""
    actor = actor_of(turn_context.activity)
    try:
        view = await desk.decisions.act(actor, ADMIN_CASE_VERBS[verb], data)
    except Refused:
        return message_response(REFUSED)
    if view is None:
        return card_response(unknown_action_card())
    return card_response(card_for_view(view))


def _kind(value: object) -> CaseKind | None:
    try:
        return CaseKind(str(value))
    except ValueError:
        return None
