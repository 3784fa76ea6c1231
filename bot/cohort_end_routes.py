"""Confirm and Cancel on the `end cohort` card in the administrators' channel."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from botbuilder.core import InvokeResponse, TurnContext

from bot.card_actions import card_response, message_response
from bot.cohort_routes import in_background
from bot.messenger import BotMessenger
from bot.notifier import card_for_view
from bot.references import actor_of, record_from
from cards.admin_channel import REFUSED
from cards.cohort_ending import VERB_END_CONFIRM
from cards.notices import unknown_action_card
from teams_app.domain.conversations import ConversationRecord
from teams_app.services.case_desk import read_id
from teams_app.services.cohort_commands import CohortCommands
from teams_app.services.cohort_views import EndStage

log = logging.getLogger(__name__)


async def cohort_end_action(
    commands: CohortCommands,
    messenger: BotMessenger,
    turn_context: TurnContext,
    verb: str,
    data: Mapping[str, Any],
) -> InvokeResponse:
    """Confirm or Cancel on the `end cohort` card; anyone but an administrator is refused."""
    ending = commands.ending
    if ending is None:
        return card_response(unknown_action_card())
    activity = turn_context.activity
    actor = actor_of(activity)
    cohort = read_id(data.get("cohort"))
    if verb == VERB_END_CONFIRM:
        view = await ending.confirm(actor, cohort)
    else:
        view = await ending.cancel(actor, cohort)
    if view is None:
        return message_response(REFUSED)
    card = card_for_view(view)
    run = ending.run_due_jobs if view.stage is EndStage.ENDED else None
    # The answer replaces the card for the one who pressed; the update shows it to everyone.
    in_background(_afterwards(messenger, record_from(activity), activity.reply_to_id, card, run))
    return card_response(card)


async def _afterwards(
    messenger: BotMessenger,
    record: ConversationRecord,
    activity_id: str | None,
    card: dict[str, Any],
    run_due_jobs: Callable[[], Awaitable[object]] | None,
) -> None:
    if activity_id:
        try:
            await messenger.update_card(record, activity_id, card)
        except Exception as error:  # the presser sees it already; the others on reload
            log.warning("cohort_end.update_failed", extra={"error_type": type(error).__name__})
    if run_due_jobs is None:
        return
    try:
        await run_due_jobs()  # the surveys leave now rather than at the next sweep
    except Exception as error:  # the periodic sweep sends them at its next run
        log.warning("cohort_end.jobs_failed", extra={"error_type": type(error).__name__})
