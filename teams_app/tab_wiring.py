"""Part of the composition root: the tab API's token check, dev sign-in and use cases."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web

from teams_app.config import Settings
from teams_app.demo import DEMO_PEOPLE
from teams_app.domain.programme import Programme
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.resources import load_resources
from teams_app.services.admin_access import Administrators
from teams_app.services.admin_reads import AdminReads
from teams_app.services.agreements import Agreements
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.dashboard import Dashboard
from teams_app.services.late_views import Background
from teams_app.services.my_mentoring import MyMentoring
from teams_app.services.ports import Clock
from teams_app.services.scheduling import SessionScheduling
from teams_app.services.session_context import SchedulingPorts
from teams_app.services.surveys import Surveys
from teams_app.storage.sql_store import SqlStore
from teams_app.web.tab_app import TabServices, mount_tab_api
from teams_app.web.tab_auth import (
    DevKeys,
    JwksKeys,
    KeySource,
    TokenValidator,
    rules_for,
)
from teams_app.web.tab_dev import DevPerson, DevSignIn
from teams_app.web.tab_keys import AdminServices
from teams_app.web.tab_sessions import TabScheduling

log = logging.getLogger(__name__)

# Dev mode without an app registration: tokens name this tenant and app (never Entra's).
DEV_TENANT = "00000000-0000-0000-0000-00000000dev0"
DEV_APP = "tandem-dev"
# A booking from the tab waits this long for the calendar before answering 202.
TAB_BUDGET_SECONDS = 20.0


@dataclass(frozen=True)
class TabParts:
    """What the tab API is built from."""

    settings: Settings
    store: SqlStore
    clock: Clock
    programme: Programme
    sessions: SessionScheduling | None
    matching: CohortMatching
    # The channel's rule: TANDEM_ADMINS and the members of TANDEM_ADMIN_TEAM_ID.
    admins: Administrators
    surveys: Surveys | None = None


def attach_tab_api(app: web.Application, parts: TabParts) -> None:
    """Mount /api/v1 on `app`, closing the JWKS client at shutdown."""
    settings, clock = parts.settings, parts.clock
    validator, dev, jwks = _sign_in(settings, parts)
    questionnaire = questionnaire_for(parts.programme)
    mentoring = MyMentoring(parts.store, clock, parts.programme, questionnaire, parts.admins)
    services = TabServices(
        validator=validator,
        dev=dev,
        mentoring=mentoring,
        agreements=Agreements(parts.store, mentoring),
        scheduling=TabScheduling(_for_the_tab(parts.sessions, app), parts.store),
        resources=load_resources(parts.programme, settings.programmes_dir),
        admin=AdminServices(
            Dashboard(parts.store, parts.matching, clock, parts.programme, questionnaire),
            parts.matching,
            AdminReads(parts.store, clock, parts.programme, questionnaire, parts.admins),
            parts.store,
            clock,
        ),
        surveys=parts.surveys,
    )
    mount_tab_api(app, services)
    if jwks is not None:
        keys = jwks

        async def close(_: web.Application) -> None:
            await keys.close()

        app.on_cleanup.append(close)


def _for_the_tab(
    sessions: SessionScheduling | None, app: web.Application
) -> SessionScheduling | None:
    """The bot's scheduling use case with a longer budget: a tab can wait for Graph."""
    if sessions is None:
        return None
    background = Background(sessions.notifier, budget_seconds=TAB_BUDGET_SECONDS)
    ports = SchedulingPorts(
        sessions.store, sessions.calendar, sessions.directory, sessions.notifier, sessions.clock
    )
    tab = SessionScheduling(
        ports,
        sessions.programme,
        sessions.agendas,
        background,
        sessions.alerts,
        sessions.contact_checks,
    )

    async def drain(_: web.Application) -> None:
        await background.drain()

    app.on_cleanup.insert(0, drain)  # before the store closes
    return tab


def _sign_in(
    settings: Settings, parts: TabParts
) -> tuple[TokenValidator | None, DevSignIn | None, JwksKeys | None]:
    sources: list[KeySource] = []
    jwks = None
    real = bool(settings.app_id and settings.tenant_id)
    if real:
        jwks = JwksKeys(settings.sso_jwks_url.replace("{tenant}", settings.tenant_id), parts.clock)
        sources.append(jwks)
        rules = rules_for(settings.tenant_id, settings.app_id, settings.public_url)
    else:
        rules = rules_for(DEV_TENANT, DEV_APP, f"http://{settings.host}:{settings.port}")
    dev = None
    if settings.dev_mode:
        keys = DevKeys()
        sources.insert(0, keys)
        dev = DevSignIn(_dev_people(settings), keys, rules, parts.store, parts.clock)
    if not sources:
        log.warning("tab.sign_in_disabled", extra={"reason": "TANDEM_APP_ID/TENANT_ID unset"})
        return None, None, None
    return TokenValidator(rules, sources, parts.clock), dev, jwks


def _dev_people(settings: Settings) -> tuple[DevPerson, ...]:
    """The demo people; where each stands in the programme is added when the list is read."""
    people = []
    for person in DEMO_PEOPLE:
        parts = ["programme administrator"] if person.aad_object_id in settings.admins else []
        parts.append(person.duty_station or "")
        people.append(DevPerson(person, ", ".join(p for p in parts if p)))
    return tuple(people)
