"""The tab API under /api/v1: an aiohttp sub-application with its own token check."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from teams_app.domain.resources import ResourceSection
from teams_app.services.agreements import Agreements
from teams_app.services.my_mentoring import MyMentoring
from teams_app.services.surveys import Surveys
from teams_app.web import (
    tab_admin,
    tab_agreement,
    tab_dev,
    tab_participant,
    tab_reflection,
    tab_sessions,
)
from teams_app.web.tab_auth import TokenValidator
from teams_app.web.tab_dev import DEV_KEY, DevSignIn
from teams_app.web.tab_http import PREFIX, VALIDATOR_KEY, tab_guard
from teams_app.web.tab_keys import (
    ADMIN_KEY,
    AGREEMENTS_KEY,
    MENTORING_KEY,
    RESOURCES_KEY,
    AdminServices,
)
from teams_app.web.tab_openapi import openapi
from teams_app.web.tab_sessions import SCHEDULING_KEY, TabScheduling


@dataclass(frozen=True)
class TabServices:
    """Everything the tab API calls."""

    validator: TokenValidator | None
    dev: DevSignIn | None
    mentoring: MyMentoring
    agreements: Agreements
    scheduling: TabScheduling
    resources: tuple[ResourceSection, ...]
    admin: AdminServices
    surveys: Surveys | None = None  # the programme's end-of-programme survey, if it has one


def build_tab_api(services: TabServices) -> web.Application:
    """The /api/v1 sub-application."""
    api = web.Application(middlewares=[tab_guard])
    api[VALIDATOR_KEY] = services.validator
    api[DEV_KEY] = services.dev
    api[MENTORING_KEY] = services.mentoring
    api[AGREEMENTS_KEY] = services.agreements
    api[SCHEDULING_KEY] = services.scheduling
    api[RESOURCES_KEY] = services.resources
    api[ADMIN_KEY] = services.admin
    api[tab_reflection.SURVEYS_KEY] = services.surveys
    api.router.add_get("/openapi.json", openapi)
    api.router.add_get("/dev/people", tab_dev.dev_people)
    api.router.add_post("/dev/sign-in", tab_dev.dev_sign_in)
    api.router.add_get("/me", tab_participant.me)
    api.router.add_get("/pairing", tab_participant.pairing)
    api.router.add_get("/resources", tab_participant.resources)
    for method, path, handler in (
        *tab_sessions.ROUTES,
        *tab_agreement.ROUTES,
        *tab_reflection.ROUTES,
        *tab_admin.ROUTES,
    ):
        api.router.add_route(method, path, handler)
    return api


def mount_tab_api(app: web.Application, services: TabServices) -> None:
    """Serve the tab API under /api/v1 of `app`."""
    app.add_subapp(PREFIX, build_tab_api(services))
