"""The Notifier port on the bot: a use case's view becomes a card in the person's chat."""

from __future__ import annotations

import logging
from typing import Any

from bot.messenger import BotMessenger, DeliveryFailed, RecipientUnreachable
from cards.follow_ups import follow_up_card_for
from cards.mentor_request import mentor_request_card
from cards.mentor_search import mentor_profile_card, search_card
from cards.nudges import admin_alert_card, mentee_reminder_card, mentor_ping_card
from cards.pairing import matching_notice_card, pairing_card
from cards.sessions import scheduling_card_for
from cards.suggestions import suggestions_card
from teams_app.domain.delivery import NotDelivered
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorProfileView,
    MentorRequestView,
    PairingView,
    SearchResultsView,
    SuggestionsView,
)
from teams_app.services.nudge_views import AdminAlertView, MenteeReminderView, MentorPingView
from teams_app.services.ports import Store

log = logging.getLogger(__name__)


def card_for_view(view: object) -> dict[str, Any]:
    """The card that shows a matching, nudge or scheduling view."""
    if isinstance(view, SuggestionsView):
        return suggestions_card(view)
    if isinstance(view, MentorRequestView):
        return mentor_request_card(view)
    if isinstance(view, PairingView):
        return pairing_card(view)
    if isinstance(view, MatchingNotice):
        return matching_notice_card(view)
    if isinstance(view, SearchResultsView):
        return search_card(view)
    if isinstance(view, MentorProfileView):
        return mentor_profile_card(view)
    if isinstance(view, MenteeReminderView):
        return mentee_reminder_card(view)
    if isinstance(view, MentorPingView):
        return mentor_ping_card(view)
    if isinstance(view, AdminAlertView):
        return admin_alert_card(view)
    scheduling = scheduling_card_for(view) or follow_up_card_for(view)
    if scheduling is not None:
        return scheduling
    raise TypeError(f"no card for {type(view).__name__}")


class BotNotifier:
    """Proactive cards through the stored personal conversation of each person.

    A person without a stored conversation (Tandem not installed for them) is unreachable:
    logged without personal data, and the caller gets None.
    """

    def __init__(self, store: Store, messenger: BotMessenger) -> None:
        self._store = store
        self._messenger = messenger

    async def notify(self, person_aad_id: str, view: object) -> str | None:
        """Send the view's card to the person's personal chat; its activity id."""
        record = await self._store.personal_conversation_of(person_aad_id)
        if record is None:
            log.warning("notify.unreachable", extra={"view": type(view).__name__})
            return None
        try:
            return await self._messenger.send_card(record, card_for_view(view))
        except Exception as error:  # a failed send must not undo the state change behind it
            log.warning(
                "notify.failed",
                extra={"view": type(view).__name__, "error_type": type(error).__name__},
            )
            return None

    async def deliver(self, person_aad_id: str, view: object) -> str | None:
        """Send as notify does, but raise NotDelivered when Teams failed for now (jobs retry)."""
        record = await self._store.personal_conversation_of(person_aad_id)
        if record is None:
            log.warning("deliver.unreachable", extra={"view": type(view).__name__})
            return None
        try:
            return await self._messenger.send_card(record, card_for_view(view))
        except RecipientUnreachable:
            return None
        except DeliveryFailed as error:
            raise NotDelivered(str(error)) from error

    async def refresh(self, person_aad_id: str, activity_id: str, view: object) -> None:
        """Replace an earlier card in the person's chat."""
        record = await self._store.personal_conversation_of(person_aad_id)
        if record is None:
            return
        try:
            await self._messenger.update_card(record, activity_id, card_for_view(view))
        except Exception as error:  # the card is stale, the state is not: log and go on
            log.warning(
                "refresh.failed",
                extra={"view": type(view).__name__, "error_type": type(error).__name__},
            )
