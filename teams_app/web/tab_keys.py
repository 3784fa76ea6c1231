"""Where the tab API's handlers find the use cases they call."""

from __future__ import annotations

from aiohttp import web

from teams_app.domain.resources import ResourceSection
from teams_app.services.agreements import Agreements
from teams_app.services.my_mentoring import MyMentoring

MENTORING_KEY: web.AppKey[MyMentoring] = web.AppKey("tab_mentoring")
RESOURCES_KEY: web.AppKey[tuple[ResourceSection, ...]] = web.AppKey("tab_resources")
AGREEMENTS_KEY: web.AppKey[Agreements] = web.AppKey("tab_agreements")
