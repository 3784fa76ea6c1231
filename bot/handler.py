"""Tandem's Teams activity handler: turns activities into use-case calls and cards."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import ChannelAccount
from botbuilder.schema.teams import TeamInfo

from bot.admin_routes import (
    CASE_COMMANDS,
    AdminDesk,
    admin_case_action,
    case_command,
    case_elsewhere,
    participant_case_action,
    set_channel_command,
)
from bot.card_actions import (
    CardAction,
    bad_request_response,
    card_response,
    read_card_action,
)
from bot.cohort_end_routes import cohort_end_action
from bot.cohort_routes import COHORT_COMMANDS, cohort_command
from bot.matching_routes import MATCHING_VERBS, run_matching_action
from bot.messenger import card_message
from bot.references import actor_of, record_from, scope_of, tenant_of
from bot.session_routes import SESSION_VERBS, schedule_command, session_action
from bot.signup_routes import ROUTED_VERBS, identify, privacy_notice, run_action
from bot.survey_routes import SURVEY_VERBS, survey_action
from cards.admin_verbs import ADMIN_CASE_VERBS, PARTICIPANT_CASE_VERBS
from cards.base import VERB_HELP, VERB_SIGN_UP_MENTEE, VERB_SIGN_UP_MENTOR
from cards.cohort_ending import COHORT_END_VERBS
from cards.dev_clock import dev_clock_card
from cards.help import help_card
from cards.matching_verbs import VERB_MY_SUGGESTIONS, VERB_SEARCH
from cards.notices import not_available_card, unknown_action_card, unknown_text_card
from cards.signup_verbs import VERB_SHOW_REGISTRATION
from cards.welcome import welcome_card
from teams_app.domain.clock_moves import is_clock_command
from teams_app.domain.commands import MAX_COMMAND_LENGTH, Command
from teams_app.domain.conversations import Scope
from teams_app.domain.people import Person
from teams_app.services.dev_clock import DEV_ONLY, DevClock
from teams_app.services.mentor_requests import MentorRequests
from teams_app.services.mentor_search import MentorSearch
from teams_app.services.onboarding import Onboarding
from teams_app.services.scheduling import SessionScheduling
from teams_app.services.signup import SignUp
from teams_app.services.surveys import Surveys

log = logging.getLogger(__name__)

ADAPTIVE_CARD_ACTION = "adaptiveCard/action"

_COMMAND_VERBS = {
    Command.SIGN_UP: VERB_SIGN_UP_MENTEE,
    Command.SIGN_UP_MENTEE: VERB_SIGN_UP_MENTEE,
    Command.SIGN_UP_MENTOR: VERB_SIGN_UP_MENTOR,
    Command.MY_REGISTRATION: VERB_SHOW_REGISTRATION,
    Command.MY_SUGGESTIONS: VERB_MY_SUGGESTIONS,
    Command.FIND_MENTOR: VERB_SEARCH,
}


@dataclass(frozen=True)
class BotPolicy:
    """What the handler needs from configuration."""

    tenant_allowed: Callable[[str | None], bool]
    contact: str


class TandemBot(TeamsActivityHandler):  # type: ignore[misc]
    """Routes Teams activities to Tandem's use cases."""

    def __init__(
        self,
        onboarding: Onboarding,
        signup: SignUp,
        requests: MentorRequests,
        search: MentorSearch,
        policy: BotPolicy,
        sessions: SessionScheduling | None = None,
        admin: AdminDesk | None = None,
        dev_clock: DevClock | None = None,
        surveys: Surveys | None = None,
    ) -> None:
        self._onboarding = onboarding
        self._signup = signup
        self._requests = requests
        self._search = search
        self._policy = policy
        self._sessions = sessions  # None: no calendar configured, scheduling not offered
        self._admin = admin
        self._dev_clock = dev_clock  # None outside dev mode: `dev clock` is refused
        self._surveys = surveys  # None: the programme has no end-of-programme survey

    async def on_turn(self, turn_context: TurnContext) -> None:
        """Serve only allowed tenants; everything else is ignored and logged."""
        activity = turn_context.activity
        if not self._policy.tenant_allowed(tenant_of(activity)):
            log.warning("activity.ignored", extra={"reason": "tenant", "type": activity.type})
            return
        await super().on_turn(turn_context)

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        """Installed for a person or a team: remember the conversation and welcome once."""
        await self._welcome(turn_context)

    async def on_teams_members_added(
        self,
        members_added: list[ChannelAccount],
        team_info: TeamInfo,
        turn_context: TurnContext,
    ) -> None:
        """Welcome when Tandem itself is among the members added."""
        bot_id = turn_context.activity.recipient.id
        if any(member.id == bot_id for member in members_added):
            await self._welcome(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Typed commands; anything else gets a pointer to help."""
        activity = turn_context.activity
        record = record_from(activity)
        await self._onboarding.remember(record)
        if record.scope is Scope.PERSONAL:
            text = activity.text or ""
        else:
            text = TurnContext.remove_recipient_mention(activity) or ""
        if not text.strip() and activity.value is not None:
            # An Action.Submit from a card of another era: say so instead of guessing.
            await turn_context.send_activity(card_message(unknown_action_card()))
            return
        if is_clock_command(text):
            view = await self._dev_clock.command(text) if self._dev_clock else DEV_ONLY
            await turn_context.send_activity(card_message(dev_clock_card(view)))
            return
        command = self._onboarding.interpret(text)
        if self._admin is not None and command in COHORT_COMMANDS:
            admin = self._admin
            card = await cohort_command(admin.cohort, admin.messenger, turn_context, command)
            if card is not None:
                await turn_context.send_activity(card_message(card))
            return
        if command is Command.SCHEDULE:
            contact = self._policy.contact
            await schedule_command(turn_context, self._sessions, self._signup, contact)
            return
        await turn_context.send_activity(
            card_message(await self._answer(turn_context, command, text))
        )

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Card buttons (Action.Execute) are answered here; other invokes by botbuilder."""
        if turn_context.activity.name != ADAPTIVE_CARD_ACTION:
            return await super().on_invoke_activity(turn_context)
        action = read_card_action(turn_context.activity.value)
        if action is None:
            return bad_request_response("This card action could not be read.")
        return await self._card_action(turn_context, action)

    async def _card_action(self, turn_context: TurnContext, action: CardAction) -> InvokeResponse:
        record = record_from(turn_context.activity)
        await self._onboarding.remember(record)
        if action.verb == VERB_HELP:
            return card_response(help_card(self._onboarding.help(record.scope)))
        if action.verb in SESSION_VERBS:
            contact = self._policy.contact
            return await session_action(turn_context, self._sessions, self._signup, action, contact)
        if action.verb in ADMIN_CASE_VERBS and self._admin is not None:
            return await admin_case_action(self._admin, turn_context, action.verb, action.data)
        if action.verb in COHORT_END_VERBS and self._admin is not None:
            admin = self._admin
            return await cohort_end_action(
                admin.cohort, admin.messenger, turn_context, action.verb, action.data
            )
        if action.verb in SURVEY_VERBS:
            contact = self._policy.contact
            return await survey_action(turn_context, self._surveys, self._signup, action, contact)
        case_verb = self._admin is not None and action.verb in PARTICIPANT_CASE_VERBS
        if action.verb not in ROUTED_VERBS and action.verb not in MATCHING_VERBS and not case_verb:
            log.info("card_action.unknown", extra={"verb_length": len(action.verb)})
            return card_response(unknown_action_card())
        if record.scope is not Scope.PERSONAL:
            return card_response(privacy_notice())
        person = await identify(self._signup, turn_context)
        if person is None:
            return card_response(unknown_action_card())
        return card_response(await self._run(person, action.verb, action.data))

    async def _run(self, person: Person, verb: str, data: dict[str, Any]) -> dict[str, Any]:
        if verb in PARTICIPANT_CASE_VERBS and self._admin is not None:
            return await participant_case_action(self._admin, person, verb, data)
        if verb in MATCHING_VERBS:
            return await run_matching_action(self._requests, self._search, person, verb, data)
        return await run_action(self._signup, person, verb, data)

    async def _answer(
        self, turn_context: TurnContext, command: Command, text: str
    ) -> dict[str, Any]:
        scope = scope_of(turn_context.activity)
        if command is Command.HELP:
            return help_card(self._onboarding.help(scope))
        if command is Command.UNKNOWN:
            return unknown_text_card(text_was_long=len(text) > MAX_COMMAND_LENGTH)
        if self._admin is not None and command is Command.SET_ADMIN_CHANNEL:
            return await set_channel_command(self._admin, turn_context)
        if self._admin is not None and command in CASE_COMMANDS:
            if scope is not Scope.PERSONAL:
                return case_elsewhere()
            person = await identify(self._signup, turn_context)
            return (
                unknown_action_card()
                if person is None
                else await case_command(self._admin, person, command)
            )
        verb = _COMMAND_VERBS.get(command)
        if verb is None:
            return not_available_card(command.value.capitalize(), self._policy.contact)
        if scope is not Scope.PERSONAL:
            return privacy_notice()
        if command is Command.SIGN_UP:
            return welcome_card(self._onboarding.welcome(scope))
        person = await identify(self._signup, turn_context)
        if person is None:
            return unknown_action_card()
        return await self._run(person, verb, {})

    async def _welcome(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        view = await self._onboarding.installed(record_from(activity), actor_of(activity))
        if view is not None:
            await turn_context.send_activity(card_message(welcome_card(view)))
