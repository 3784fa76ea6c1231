"""The composition root: the one place that wires adapters to ports."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web

from bot.adapter import build_adapter
from bot.channel_poster import BotChannelPoster
from bot.endpoint import bot_endpoint
from bot.handler import BotPolicy, TandemBot
from bot.messenger import BotMessenger
from bot.notifier import BotNotifier
from teams_app.admin_wiring import build_admin_desk
from teams_app.clock import MovableClock, ShiftedClock, SystemClock
from teams_app.config import Settings
from teams_app.domain.follow_ups import KIND as FOLLOW_UP
from teams_app.domain.programme import Programme
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.domain.retention import KIND as RETENTION
from teams_app.follow_up_wiring import build_follow_ups
from teams_app.jobs.periodic import PeriodicTask
from teams_app.jobs.runner import JobRunner
from teams_app.presets import load_programme
from teams_app.reach_wiring import build_installer
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.contact_checks import KIND as CONTACT_CHECK
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.dev_clock import DevClock
from teams_app.services.follow_up_planner import FollowUpPlanner
from teams_app.services.job_ports import JobHandler
from teams_app.services.mentor_requests import MentorRequests
from teams_app.services.mentor_search import MentorSearch
from teams_app.services.onboarding import Onboarding
from teams_app.services.ports import Clock
from teams_app.services.retention import RetentionJobs
from teams_app.services.signup import SignUp
from teams_app.session_wiring import build_scheduling
from teams_app.storage.cipher import AnswerCipher, dev_encryption_keys
from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from teams_app.tab_wiring import TabParts, attach_tab_api
from teams_app.web.routes import build_web_app

log = logging.getLogger(__name__)

# Mentor requests expire after days; checking every minute keeps the fallback prompt.
EXPIRY_SWEEP_SECONDS = 60.0


@dataclass(frozen=True)
class Tandem:
    """A wired application: its web app and the parts other commands reuse."""

    settings: Settings
    programme: Programme
    store: SqlStore
    web_app: web.Application
    matching: CohortMatching
    requests: MentorRequests
    jobs: JobRunner | None = None  # the durable job runner (tests and the dev clock drive it)


async def open_store(settings: Settings, clock: Clock | None = None) -> SqlStore:
    """Migrate the database to the newest schema and open the store on it."""
    url = settings.effective_database_url
    await upgrade(url)
    keys = settings.encryption_keys
    if not keys and settings.dev_mode:
        keys = dev_encryption_keys(settings.data_dir)
    cipher = AnswerCipher(keys) if keys else None
    return SqlStore(create_engine(url), clock or SystemClock(), cipher)


async def build(settings: Settings, clock: Clock | None = None) -> Tandem:
    """Load the programme, migrate the database and wire the bot and the web app."""
    if clock is None and settings.clock_start is not None:
        clock = ShiftedClock.starting_at(settings.clock_start)
    clock = clock or SystemClock()
    programme = load_programme(settings.programme, settings.programmes_dir)
    store = await open_store(settings, clock)
    adapter = build_adapter(settings)
    onboarding = Onboarding(store, clock, programme)
    questionnaire = questionnaire_for(programme)
    signup = SignUp(store, clock, programme, questionnaire)
    messenger = BotMessenger(
        adapter, settings.app_id, tenant_rate=settings.send_rate, log=store, now=clock.now
    )
    installer, install_closers = build_installer(settings)
    channel = BotChannelPoster(store, messenger, programme.id)
    notifier = BotNotifier(store, messenger, settings.admins, installer, channel)
    planner = FollowUpPlanner(store, clock, programme)
    reminders = programme.reminders
    checks = ContactChecks(store, notifier, clock, reminders, settings.admins, channel, planner)
    parts = (store, clock, programme, questionnaire, notifier, checks)
    requests, matching = MentorRequests(*parts), CohortMatching(*parts)
    policy = BotPolicy(settings.tenant_allowed, programme.contact)
    search = MentorSearch(*parts)
    scheduling = build_scheduling(settings, store, clock, programme, (notifier, checks), planner)
    delivery = (notifier, channel, requests, checks)
    admin = build_admin_desk(
        settings, store, clock, programme, delivery, (matching, messenger), adapter
    )
    wiring = (settings.programmes_dir, scheduling.sessions, settings.admins)
    follow_ups, surveys = build_follow_ups(store, notifier, clock, programme, wiring)
    handlers: dict[str, JobHandler] = {CONTACT_CHECK: checks, FOLLOW_UP: follow_ups}
    handlers[RETENTION] = RetentionJobs(
        store, clock, surveys.survey.typed_text() if surveys else ()
    )
    runner = JobRunner(store, clock, handlers, lease_seconds=settings.job_lease_seconds)
    if admin.desk.cohort.ending is not None:
        admin.desk.cohort.ending.run_due_jobs = runner.run_until_idle
    dev_clock = None
    if settings.dev_mode and isinstance(clock, MovableClock):
        dev_clock = DevClock(clock, store, runner.run_until_idle)
    bot = TandemBot(
        onboarding,
        signup,
        requests,
        search,
        policy,
        scheduling.sessions,
        admin=admin.desk,
        dev_clock=dev_clock,
        surveys=surveys,
    )

    app = build_web_app(store, bot_endpoint(adapter, bot), programme.id)
    scheduling.attach(app)
    admin.attach(app)
    tab = TabParts(
        settings, store, clock, programme, scheduling.sessions, matching, admin.admins, surveys
    )
    attach_tab_api(app, tab)

    async def close_store(_: web.Application) -> None:
        for close in install_closers:
            await close()
        await store.close()

    app.on_cleanup.append(close_store)
    log.info(
        "tandem.built",
        extra={
            "programme": programme.id,
            "dev_mode": settings.dev_mode,
            "auth": settings.auth_enabled,
        },
    )
    sweep = PeriodicTask("requests.expire", requests.expire_overdue, EXPIRY_SWEEP_SECONDS)
    jobs = runner.periodic(settings.job_sweep_seconds)
    for task in (sweep, jobs):
        app.on_startup.append(task.start)
        app.on_cleanup.insert(0, task.stop)
    return Tandem(
        programme=programme,
        settings=settings,
        store=store,
        web_app=app,
        matching=matching,
        requests=requests,
        jobs=runner,
    )
