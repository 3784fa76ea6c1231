"""Where the tab API's handlers find the use cases they call."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from teams_app.domain.resources import ResourceSection
from teams_app.services.admin_ports import CaseStore
from teams_app.services.admin_reads import AdminReads
from teams_app.services.agreements import Agreements
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.dashboard import Dashboard
from teams_app.services.my_mentoring import MyMentoring
from teams_app.services.ports import Clock


@dataclass(frozen=True)
class AdminServices:
    """The administrators' use cases."""

    dashboard: Dashboard
    matching: CohortMatching
    reads: AdminReads
    cases: CaseStore
    clock: Clock


MENTORING_KEY: web.AppKey[MyMentoring] = web.AppKey("tab_mentoring")
ADMIN_KEY: web.AppKey[AdminServices] = web.AppKey("tab_admin")
RESOURCES_KEY: web.AppKey[tuple[ResourceSection, ...]] = web.AppKey("tab_resources")
AGREEMENTS_KEY: web.AppKey[Agreements] = web.AppKey("tab_agreements")
