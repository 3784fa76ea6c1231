"""The Messenger port on botbuilder: proactive cards to stored conversations."""

from __future__ import annotations

from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter

from bot.references import reference_from
from teams_app.domain.conversations import ConversationRecord


class BotMessenger:
    """Sends through `CloudAdapter.continue_conversation` (pacing and retries: see the jobs)."""

    def __init__(self, adapter: CloudAdapter, app_id: str) -> None:
        self._adapter = adapter
        self._app_id = app_id

    async def send_card(self, record: ConversationRecord, card: dict[str, Any]) -> str | None:
        """Send an Adaptive Card to a stored conversation; the new activity's id."""
        sent: list[str | None] = []

        async def callback(turn_context: TurnContext) -> None:
            response = await turn_context.send_activity(card_message(card))
            sent.append(getattr(response, "id", None))

        await self._adapter.continue_conversation(reference_from(record), callback, self._app_id)
        return sent[0] if sent else None

    async def update_card(
        self, record: ConversationRecord, activity_id: str, card: dict[str, Any]
    ) -> None:
        """Replace the card of an earlier message (Teams edits it in place for everyone)."""

        async def callback(turn_context: TurnContext) -> None:
            update = card_message(card)
            update.id = activity_id
            await turn_context.update_activity(update)

        await self._adapter.continue_conversation(reference_from(record), callback, self._app_id)


def card_message(card: dict[str, Any]) -> Any:
    """A message activity carrying one Adaptive Card."""
    return MessageFactory.attachment(CardFactory.adaptive_card(card))
