"""Part of the composition root: the administrators' channel, rematches and conflict reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot.admin_roster import TeamsAdminRoster
from bot.admin_routes import AdminDesk
from bot.messenger import BotMessenger
from teams_app.config import Settings
from teams_app.domain.programme import Programme
from teams_app.services.admin_access import Administrators
from teams_app.services.admin_ports import ChannelPoster
from teams_app.services.case_decisions import CaseDecisions
from teams_app.services.case_desk import CaseDeskParts
from teams_app.services.case_opening import CaseOpening
from teams_app.services.channel_setup import ChannelSetup
from teams_app.services.cohort_commands import CohortCommands
from teams_app.services.cohort_ending import CohortEnding
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.mentor_requests import MentorRequests
from teams_app.services.ports import Clock, Notifier
from teams_app.storage.sql_store import SqlStore
from teams_app.web.exports import SignedExportLinks, add_export_route


def build_admin_desk(
    settings: Settings,
    store: SqlStore,
    clock: Clock,
    programme: Programme,
    delivery: tuple[Notifier, ChannelPoster, MentorRequests, ContactChecks],
    cohort: tuple[CohortMatching, BotMessenger],
    adapter: object = None,
) -> AdminWiring:
    """The administrators' use cases, posting to the channel set with `set admin channel`."""
    notifier, channel, requests, checks = delivery
    parts = CaseDeskParts(
        store=store,
        clock=clock,
        programme=programme,
        notifier=notifier,
        channel=channel,
        admins=Administrators(settings.admins, store, clock, _roster(settings, store, adapter)),
        requests=requests,
        contact_checks=checks,
        channel_private=settings.admin_channel_private,
    )
    decisions = CaseDecisions(parts)
    # A mentor who declines an administrator's rematch hands the case back to the channel.
    requests.rematch_followup = decisions.rematch_answered
    matching, messenger = cohort
    links = None
    if store.cipher is not None:
        base = settings.public_url or f"http://{settings.host}:{settings.port}"
        links = SignedExportLinks(store.cipher, base, clock)
    ending = CohortEnding(parts.admins, store, clock, programme)
    commands = CohortCommands(parts.admins, matching, (store, clock), links, ending)
    desk = AdminDesk(CaseOpening(parts), decisions, ChannelSetup(parts), commands, messenger)

    def attach(app: web.Application) -> None:
        if links is not None:
            add_export_route(app, links, store, parts.admins)

    return AdminWiring(desk, attach, parts.admins)


def _roster(settings: Settings, store: SqlStore, adapter: object) -> TeamsAdminRoster | None:
    if not settings.admin_team_id or adapter is None:
        return None
    return TeamsAdminRoster(adapter, settings.app_id, store, settings.admin_team_id)


@dataclass(frozen=True)
class AdminWiring:
    """The administrators' desk for the bot, and the web routes it needs."""

    desk: AdminDesk
    attach: Callable[[web.Application], None]
    admins: Administrators  # the same rule for the tab
