"""Part of the composition root: the calendar behind scheduling, and the scheduling use case.

Microsoft Graph when TANDEM_GRAPH_AUTH names a sign-in; otherwise, in dev mode only, the
local calendar in Tandem's database (with a page behind its clearly-labelled join links);
otherwise no scheduling, and the cards say it is not available.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from aiohttp import web

from graph.calendar import GraphCalendar
from graph.client import Cleanup, configured_client
from graph.directory import GraphDirectory
from teams_app.agendas import load_agendas
from teams_app.config import GraphAuth, Settings
from teams_app.domain.programme import Programme
from teams_app.services.calendar_alerts import PermissionAlerts
from teams_app.services.calendar_ports import Calendar, Directory
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.follow_up_planner import FollowUpPlanner
from teams_app.services.late_views import Background
from teams_app.services.ports import Clock, Notifier
from teams_app.services.scheduling import SessionScheduling
from teams_app.services.session_context import SchedulingPorts
from teams_app.services.session_views import SchedulingNotice
from teams_app.storage.local_calendar import DEV_MEETING_PATH, LocalCalendar
from teams_app.storage.sql_store import SqlStore
from teams_app.web.dev_meetings import dev_meeting_page

log = logging.getLogger(__name__)

FAILED_LATER = SchedulingNotice(
    "Something went wrong on our side",
    "Your request could not be completed. If a session was being booked, check your calendar "
    "before trying again.",
)


@dataclass
class Scheduling:
    """The scheduling use case (None when no calendar is configured) and what it needs."""

    sessions: SessionScheduling | None
    dev_meetings: bool = False
    cleanups: list[Cleanup] = field(default_factory=list)

    def attach(self, app: web.Application) -> None:
        """Serve the dev meeting page if needed, and finish background work at shutdown."""
        if self.dev_meetings:
            app.router.add_get(DEV_MEETING_PATH + "/{event_id}", dev_meeting_page)

        async def close(_: web.Application) -> None:
            for cleanup in self.cleanups:
                await cleanup()

        app.on_cleanup.insert(0, close)  # before the store closes


def build_scheduling(
    settings: Settings,
    store: SqlStore,
    clock: Clock,
    programme: Programme,
    parts: tuple[Notifier, ContactChecks],
    follow_ups: FollowUpPlanner | None = None,
) -> Scheduling:
    """Wire scheduling to Graph, to the local calendar (dev mode) or to nothing."""
    notifier, checks = parts
    adapters = _calendar(settings, store, clock)
    if adapters is None:
        log.warning("sessions.disabled", extra={"reason": "no calendar configured"})
        return Scheduling(None)
    calendar, directory, closers = adapters
    background = Background(notifier, failure_view=FAILED_LATER)
    sessions = SessionScheduling(
        SchedulingPorts(store, calendar, directory, notifier, clock),
        programme,
        load_agendas(programme, settings.programmes_dir),
        background,
        PermissionAlerts(notifier, clock, settings.admins),
        checks,
        follow_ups,
    )
    dev = isinstance(calendar, LocalCalendar)
    log.info("sessions.calendar", extra={"calendar": "local" if dev else "graph"})
    return Scheduling(sessions, dev, [background.drain, *closers])


def _calendar(
    settings: Settings, store: SqlStore, clock: Clock
) -> tuple[Calendar, Directory, list[Cleanup]] | None:
    if settings.graph_auth is not GraphAuth.NONE:
        client, closers = configured_client(settings)
        return GraphCalendar(client), GraphDirectory(client), closers
    if settings.dev_mode:
        local = LocalCalendar(store.engine, clock, f"http://{settings.host}:{settings.port}")
        return local, local, []
    return None
