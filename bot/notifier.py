"""The Notifier port on the bot: a use case's view becomes a card in the person's chat."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from bot.messenger import BotMessenger, DeliveryFailed, RecipientUnreachable
from bot.unreachable import SecondChance
from cards.admin_cases import case_form_card, case_notice_card
from cards.admin_channel import admin_channel_set_card
from cards.case_channel import case_channel_card
from cards.cohort_admin import (
    cohort_notice_card,
    export_link_card,
    funnel_card,
    matching_summary_card,
    publish_card,
)
from cards.cohort_ending import end_cohort_card
from cards.follow_ups import follow_up_card_for
from cards.mentor_request import mentor_request_card
from cards.mentor_search import mentor_profile_card, search_card
from cards.nudges import (
    admin_alert_card,
    mentee_reminder_card,
    mentor_ping_card,
    unreachable_card,
)
from cards.pairing import matching_notice_card, pairing_card
from cards.sessions import scheduling_card_for
from cards.suggestions import no_mentor_left_card, suggestions_card
from teams_app.domain.delivery import NotDelivered
from teams_app.services.admin_ports import ChannelPoster
from teams_app.services.case_views import (
    AdminChannelSetView,
    CaseCardView,
    CaseFormView,
    CaseNotice,
)
from teams_app.services.cohort_views import (
    CohortNotice,
    EndCohortView,
    ExportLinkView,
    FunnelView,
    MatchingSummaryView,
    PublishProgressView,
)
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorProfileView,
    MentorRequestView,
    NoMentorLeftAlert,
    PairingView,
    SearchResultsView,
    SuggestionsView,
)
from teams_app.services.nudge_views import (
    AdminAlertView,
    MenteeReminderView,
    MentorPingView,
    UnreachableView,
)
from teams_app.services.ports import Store
from teams_app.services.reach_ports import AppInstaller

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
    if isinstance(view, NoMentorLeftAlert):
        return no_mentor_left_card(view)
    case_card = _case_card_for(view)
    if case_card is not None:
        return case_card
    if isinstance(view, UnreachableView):
        return unreachable_card(view)
    scheduling = scheduling_card_for(view) or follow_up_card_for(view)
    if scheduling is not None:
        return scheduling
    raise TypeError(f"no card for {type(view).__name__}")


def _case_card_for(view: object) -> dict[str, Any] | None:
    if isinstance(view, CaseCardView):
        return case_channel_card(view)
    if isinstance(view, CaseFormView):
        return case_form_card(view)
    if isinstance(view, CaseNotice):
        return case_notice_card(view)
    if isinstance(view, AdminChannelSetView):
        return admin_channel_set_card(view)
    return _cohort_card_for(view)


def _cohort_card_for(view: object) -> dict[str, Any] | None:
    if isinstance(view, MatchingSummaryView):
        return matching_summary_card(view)
    if isinstance(view, PublishProgressView):
        return publish_card(view)
    if isinstance(view, FunnelView):
        return funnel_card(view)
    if isinstance(view, CohortNotice):
        return cohort_notice_card(view)
    if isinstance(view, EndCohortView):
        return end_cohort_card(view)
    if isinstance(view, ExportLinkView):
        return export_link_card(view)
    return None


class BotNotifier:
    """Proactive cards through the stored personal conversation of each person.

    A person without a stored conversation (Tandem not installed for them) is unreachable:
    logged without personal data, and the caller gets None. A delivery Teams refuses with
    403/404 gets a second chance (bot/unreachable.py); `admins` hear about those that fail.
    """

    def __init__(
        self,
        store: Store,
        messenger: BotMessenger,
        admins: Sequence[str] = (),
        installer: AppInstaller | None = None,
        channel: ChannelPoster | None = None,
    ) -> None:
        self._store = store
        self._messenger = messenger
        self._admins = tuple(admins)
        self._channel = channel  # the administrators' channel, once one is set
        self._second_chance = SecondChance(store, messenger, self.report_to_admins, installer)

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
        """Send as notify does, but raise NotDelivered when Teams failed for now (jobs retry).

        After a 403/404 Tandem installs itself for the person and tries once more in that
        chat; None once the administrators have been told instead.
        """
        record = await self._store.personal_conversation_of(person_aad_id)
        if record is None:
            log.warning("deliver.unreachable", extra={"view": type(view).__name__})
            return None
        card = card_for_view(view)
        try:
            try:
                return await self._messenger.send_card(record, card)
            except RecipientUnreachable as refused:
                return await self._second_chance.retry(person_aad_id, record, card, refused)
        except DeliveryFailed as error:
            raise NotDelivered(str(error)) from error

    async def report_to_admins(self, view: object) -> None:
        """Tell the administrators: in their channel, or without one in each one's chat."""
        if self._channel is not None and await self._channel.post(view) is not None:
            return
        for admin in self._admins:
            await self.notify(admin, view)

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
