"""The ChannelPoster port on the bot: cards to the administrators' channel, updated in place."""

from __future__ import annotations

import logging

from bot.messenger import BotMessenger
from bot.notifier import card_for_view
from teams_app.domain.conversations import ConversationRecord
from teams_app.services.admin_ports import CaseStore

log = logging.getLogger(__name__)


class BotChannelPoster:
    """Posts to the channel an administrator chose with `set admin channel`."""

    def __init__(self, store: CaseStore, messenger: BotMessenger, programme_id: str) -> None:
        self._store = store
        self._messenger = messenger
        self._programme_id = programme_id

    async def post(self, view: object) -> str | None:
        """Post the view's card; its activity id, None without a channel or when Teams failed."""
        record = await self._channel()
        if record is None:
            log.info("channel.none", extra={"view": type(view).__name__})
            return None
        try:
            return await self._messenger.send_card(record, card_for_view(view))
        except Exception as error:  # the case is stored; `set admin channel` posts it again
            log.warning(
                "channel.post_failed",
                extra={"view": type(view).__name__, "error_type": type(error).__name__},
            )
            return None

    async def update(self, activity_id: str, view: object) -> None:
        """Replace an earlier card for everyone in the channel."""
        record = await self._channel()
        if record is None:
            return
        try:
            await self._messenger.update_card(record, activity_id, card_for_view(view))
        except Exception as error:  # the state is stored; the card is merely stale
            log.warning(
                "channel.update_failed",
                extra={"view": type(view).__name__, "error_type": type(error).__name__},
            )

    async def _channel(self) -> ConversationRecord | None:
        channel = await self._store.admin_channel(self._programme_id)
        if channel is None:
            return None
        return await self._store.get_conversation(channel.conversation_id)
