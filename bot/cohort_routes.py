"""Cohort commands typed in a team channel: registration, matching, publishing, status."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import Any

from botbuilder.core import TurnContext

from bot.messenger import BotMessenger, card_message
from bot.notifier import card_for_view
from bot.references import actor_of, record_from
from cards.admin_channel import refused_card
from teams_app.domain.commands import Command
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.services.cohort_commands import CohortCommands
from teams_app.services.cohort_views import CohortNotice, PublishProgressView

log = logging.getLogger(__name__)

COHORT_COMMANDS = frozenset(
    {
        Command.OPEN_REGISTRATION,
        Command.CLOSE_REGISTRATION,
        Command.RUN_MATCHING,
        Command.PUBLISH,
        Command.STATUS,
        Command.EXPORT,
        Command.END_COHORT,
    }
)
IN_A_CHANNEL = CohortNotice(
    "Type this in the administrators' channel",
    "Cohort commands are for the programme administrators, in their team channel: "
    "“@Tandem run matching”, “@Tandem publish”, “@Tandem status”.",
)
NOT_WIRED = CohortNotice("Not available", "Ending the cohort is not configured here.")
# The card is edited at most this often while publishing (Teams limits edits too).
PROGRESS_EVERY_SECONDS = 1.0
_running: set[asyncio.Task[None]] = set()


async def cohort_command(
    commands: CohortCommands,
    messenger: BotMessenger,
    turn_context: TurnContext,
    command: Command,
) -> dict[str, Any] | None:
    """The card answering a cohort command; None when `publish` answered by itself."""
    record = record_from(turn_context.activity)
    if record.scope is not Scope.TEAM:
        return card_for_view(IN_A_CHANNEL)
    actor = actor_of(turn_context.activity)
    if command is Command.PUBLISH:
        return await _publish(commands, messenger, turn_context, record, actor)
    view: object | None
    if command is Command.END_COHORT:
        view = await commands.ending.ask(actor) if commands.ending else NOT_WIRED
    elif command is Command.RUN_MATCHING:
        view = await commands.run_matching(actor)
    elif command is Command.STATUS:
        view = await commands.status(actor)
    elif command is Command.EXPORT:
        view = await commands.export(actor)
    else:
        view = await commands.set_registration(actor, command is Command.OPEN_REGISTRATION)
    return refused_card() if view is None else card_for_view(view)


async def _publish(
    commands: CohortCommands,
    messenger: BotMessenger,
    turn_context: TurnContext,
    record: ConversationRecord,
    actor: str,
) -> dict[str, Any] | None:
    if not await commands.may(actor, "cohort.publish"):
        return refused_card()
    first = PublishProgressView(commands.programme_name, 0, 0)
    sent = await turn_context.send_activity(card_message(card_for_view(first)))
    activity_id = getattr(sent, "id", None)
    # Sending hundreds of cards outlasts the turn: it continues in the background.
    in_background(_publish_in_background(commands, messenger, record, activity_id, actor))
    return None


async def _publish_in_background(
    commands: CohortCommands,
    messenger: BotMessenger,
    record: ConversationRecord,
    activity_id: str | None,
    actor: str,
) -> None:
    last = 0.0

    async def show(view: PublishProgressView) -> None:
        nonlocal last
        if activity_id is None:
            return
        if not view.finished and time.monotonic() - last < PROGRESS_EVERY_SECONDS:
            return
        last = time.monotonic()
        try:
            await messenger.update_card(record, activity_id, card_for_view(view))
        except Exception as error:  # progress is a courtesy; publishing goes on
            log.warning("publish.progress_failed", extra={"error_type": type(error).__name__})

    try:
        final = await commands.publish(actor, show)
    except Exception as error:
        log.error("publish.failed", extra={"error_type": type(error).__name__}, exc_info=error)
        final = PublishProgressView(
            commands.programme_name,
            0,
            0,
            True,
            problem="Publishing stopped with an error; "
            "type “publish” again: nobody is sent a card twice.",
        )
    if final is not None:
        await show(final)


def in_background(work: Awaitable[None]) -> None:
    """Run `work` after the turn's answer (Teams waits at most 5 s for it), kept referenced."""
    task = asyncio.ensure_future(work)
    _running.add(task)
    task.add_done_callback(_running.discard)


async def background_settled() -> None:
    """Wait for the work started in the background (publishing, sending after an end)."""
    while _running:
        await asyncio.gather(*_running, return_exceptions=True)
