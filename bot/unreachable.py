"""What Tandem does when Teams refuses a message for a person with 403 or 404.

The Messenger has already recorded the person unreachable at that conversation. Tandem then
installs itself for them through Microsoft Graph (when configured), sends once more in the
1:1 chat that installation gives, and keeps that chat for later messages; if there is no such
chat or it refuses too, the administrators are told and the delivery is recorded REPORTED.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.messenger import BotMessenger, RecipientUnreachable
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.delivery import DeliveryOutcome
from teams_app.services.nudge_views import UnreachableView
from teams_app.services.ports import Store
from teams_app.services.reach_ports import AppInstaller

log = logging.getLogger(__name__)
Report = Callable[[object], Awaitable[object]]


class SecondChance:
    """One more way to a person Teams said was unreachable, else a word to the administrators."""

    def __init__(
        self,
        store: Store,
        messenger: BotMessenger,
        report: Report,
        installer: AppInstaller | None = None,
    ) -> None:
        self._store = store
        self._messenger = messenger
        self._report = report
        self._installer = installer

    async def retry(
        self,
        person_aad_id: str,
        record: ConversationRecord,
        card: dict[str, Any],
        refused: RecipientUnreachable,
    ) -> str | None:
        """Send `card` once in the chat installing Tandem opens; None once admins are told.

        A transient failure of that one retry (DeliveryFailed) is raised, for a later attempt.
        """
        chat = await self._installer.personal_chat(person_aad_id) if self._installer else None
        if chat is not None:
            retry = chat_record(record, chat)
            try:
                sent = await self._messenger.send_card(retry, card, DeliveryOutcome.INSTALLED)
            except RecipientUnreachable:
                log.warning("unreachable.after_install")
            else:
                await self._store.save_conversation(retry)  # later messages go where it worked
                return sent
        await self._messenger.note(record, DeliveryOutcome.REPORTED, refused.status)
        person = await self._store.get_person(person_aad_id)
        name, email = (person.name, person.email) if person else ("Someone", person_aad_id)
        tried = self._installer is not None
        await self._report(UnreachableView(name, email, refused.status, tried))
        return None


def chat_record(record: ConversationRecord, chat_id: str) -> ConversationRecord:
    """Where to write in the 1:1 chat `chat_id`: the same service, bot and person."""
    reference = {key: value for key, value in record.reference.items() if key != "activityId"}
    conversation = {**(reference.get("conversation") or {}), "id": chat_id}
    reference["conversation"] = {**conversation, "conversationType": "personal"}
    return ConversationRecord(
        conversation_id=chat_id,
        scope=Scope.PERSONAL,
        tenant_id=record.tenant_id,
        user_aad_id=record.user_aad_id,
        team_id=None,
        service_url=record.service_url,
        reference=reference,
    )
