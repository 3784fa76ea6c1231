"""403/404 from Teams: Tandem installs itself through Graph and retries once, else tells admins.

The Bot Connector double scripts Teams' refusals; the Graph double installs the app and gives
the bot's 1:1 chat; the store is a real SQLite database recording every delivery.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.adapter import build_adapter
from bot.messenger import BotMessenger
from bot.notifier import BotNotifier
from graph.app_installation import GraphAppInstaller
from graph.client import RetryPolicy as GraphRetry
from graph.client import graph_client_at
from teams_app.config import load_settings
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.delivery import DeliveryOutcome, RetryPolicy
from teams_app.domain.jobs import JobStatus
from teams_app.domain.nudges import NudgeKind
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.programme.rules import Reminders
from teams_app.jobs.runner import JobRunner
from teams_app.services.contact_checks import KIND, ContactChecks, key_of
from teams_app.services.nudge_views import MentorPingView
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.doubles.bot_connector import BotConnectorDouble, connector_error
from tests.doubles.graph import GraphDouble, personal_chat_id
from tests.doubles.graph_model import GraphUser, graph_error
from tests.doubles.manual_clock import ManualClock

CATALOG_ID = "tandem-catalog-id"
MO = Person("u-mo", "mo@contoso.test", "Mo Mentor", time_zone="UTC")
ADMIN = Person("u-admin", "admin@contoso.test", "Ada Admin", time_zone="UTC")
CHAT = personal_chat_id(MO.aad_object_id, CATALOG_ID)
PING = MentorPingView(7, "Ana Mentee", "ana@contoso.test", 7)
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]


@dataclass
class World:
    connector: BotConnectorDouble
    graph: GraphDouble
    store: SqlStore
    messenger: BotMessenger

    def notifier(self, installer: GraphAppInstaller | None) -> BotNotifier:
        return BotNotifier(self.store, self.messenger, (ADMIN.aad_object_id,), installer)

    async def outcomes(self) -> list[tuple[str, DeliveryOutcome, int | None]]:
        return [(d.conversation_id, d.outcome, d.status) for d in await self.store.deliveries()]


def _record(service_url: str, person: Person) -> ConversationRecord:
    conversation = f"a:{person.aad_object_id}"
    reference = {
        "conversation": {"id": conversation, "conversationType": "personal"},
        "serviceUrl": service_url,
        "channelId": "msteams",
        "bot": {"id": "28:tandem"},
        "user": {"id": f"29:{person.aad_object_id}", "aadObjectId": person.aad_object_id},
    }
    return ConversationRecord(
        conversation, Scope.PERSONAL, "t", person.aad_object_id, None, service_url, reference
    )


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}"
    await upgrade(url)
    store = SqlStore.open(url)
    users = [GraphUser(p.aad_object_id, p.email, p.name, mail=p.email) for p in (MO, ADMIN)]
    settings = load_settings({"TANDEM_DEV_MODE": "true"}, Path("/nonexistent"))
    policy = RetryPolicy(max_attempts=2, base_seconds=0.01, cap_seconds=0.02)
    async with BotConnectorDouble() as connector, GraphDouble(users) as graph:
        for person in (MO, ADMIN):
            await store.upsert_person(person)
            await store.save_conversation(_record(connector.url, person))
        messenger = BotMessenger(
            build_adapter(settings), "", log=store, policy=policy, rng=random.Random(1)
        )
        yield World(connector, graph, store, messenger)
    await store.close()


@pytest.fixture
async def installer(world: World) -> AsyncIterator[GraphAppInstaller]:
    async with httpx.AsyncClient() as http:
        retry = GraphRetry(max_retries=1, delay_seconds=0)
        client = graph_client_at(world.graph.url, http, retry=retry)
        yield GraphAppInstaller(client, world.graph.url, CATALOG_ID)


@pytest.mark.parametrize("status", [403, 404])
async def test_a_refused_nudge_installs_tandem_and_arrives_in_its_chat_with_the_person(
    world: World, installer: GraphAppInstaller, status: int
) -> None:
    world.connector.script("POST", "/v3/conversations/a:u-mo/**", connector_error(status))

    activity = await world.notifier(installer).deliver(MO.aad_object_id, PING)

    assert activity is not None
    assert world.graph.installed_apps(MO.aad_object_id) == [CATALOG_ID]
    assert world.connector.cards("a:u-mo") == [] and len(world.connector.cards(CHAT)) == 1
    assert await world.outcomes() == [
        ("a:u-mo", DeliveryOutcome.UNREACHABLE, status),
        (CHAT, DeliveryOutcome.INSTALLED, 200),
    ]
    later = await world.store.personal_conversation_of(MO.aad_object_id)
    assert later is not None and later.conversation_id == CHAT  # the next nudge goes there
    assert world.connector.cards("a:u-admin") == []


async def test_when_graph_refuses_to_install_the_administrators_are_told(
    world: World, installer: GraphAppInstaller
) -> None:
    world.connector.script("POST", "/v3/conversations/a:u-mo/**", connector_error(403))
    world.graph.script("POST", "/users/*/teamwork/installedApps", graph_error(403))

    assert await world.notifier(installer).deliver(MO.aad_object_id, PING) is None

    [report] = world.connector.cards("a:u-admin")
    text = str(report)
    assert "Mo Mentor" in text and "Installing Tandem for them did not help" in text
    assert world.connector.cards(CHAT) == []
    assert await world.outcomes() == [
        ("a:u-mo", DeliveryOutcome.UNREACHABLE, 403),
        ("a:u-mo", DeliveryOutcome.REPORTED, 403),
        ("a:u-admin", DeliveryOutcome.SENT, 200),
    ]


async def test_a_chat_that_refuses_too_is_tried_once_then_reported(
    world: World, installer: GraphAppInstaller
) -> None:
    world.connector.script("POST", "/v3/conversations/a:u-mo/**", connector_error(404))
    world.connector.script("POST", "/v3/conversations/19:*/**", connector_error(403))

    assert await world.notifier(installer).deliver(MO.aad_object_id, PING) is None

    assert world.connector.count("POST", "/v3/conversations/19:*/**") == 1  # once only
    assert len(world.connector.cards("a:u-admin")) == 1
    assert [outcome for _, outcome, _ in await world.outcomes()] == [
        DeliveryOutcome.UNREACHABLE,
        DeliveryOutcome.UNREACHABLE,
        DeliveryOutcome.REPORTED,
        DeliveryOutcome.SENT,
    ]
    later = await world.store.personal_conversation_of(MO.aad_object_id)
    assert later is not None and later.conversation_id == "a:u-mo"  # nothing better was found


async def test_without_graph_an_unreachable_person_goes_straight_to_the_administrators(
    world: World,
) -> None:
    world.connector.script("POST", "/v3/conversations/a:u-mo/**", connector_error(403))

    assert await world.notifier(None).deliver(MO.aad_object_id, PING) is None

    [report] = world.connector.cards("a:u-admin")
    assert "TANDEM_TEAMS_APP_CATALOG_ID" in str(report)
    assert world.graph.received == []
    outcomes = [outcome for _, outcome, _ in await world.outcomes()]
    assert outcomes == [DeliveryOutcome.UNREACHABLE, DeliveryOutcome.REPORTED, DeliveryOutcome.SENT]


async def test_a_due_mentor_ping_teams_refuses_reaches_the_mentor_through_the_installed_app(
    world: World, installer: GraphAppInstaller
) -> None:
    ana = Person("u-ana", "ana@contoso.test", "Ana Mentee", time_zone="UTC")
    await world.store.upsert_person(ana)
    cohort = await world.store.ensure_cohort("together", "2026")
    started = datetime(2026, 10, 5, 10, 0, tzinfo=UTC)  # a Monday morning
    pairing = await world.store.create_pairing(
        Pairing(cohort.id, ana.aad_object_id, MO.aad_object_id, started), 3, 1
    )
    assert pairing.id is not None
    clock = ManualClock(started + timedelta(days=7))
    notifier = world.notifier(installer)
    checks = ContactChecks(world.store, notifier, clock, Reminders(), (ADMIN.aad_object_id,))
    await checks.schedule(pairing)
    world.connector.script("POST", "/v3/conversations/a:u-mo/**", connector_error(403))

    await JobRunner(world.store, clock, {KIND: checks}).run_until_idle()

    ping = await world.store.get_job(key_of(pairing.id, NudgeKind.MENTOR_PING))
    assert ping is not None and (ping.status, ping.last_error) == (JobStatus.DONE, "")
    [card] = world.connector.cards(CHAT)
    assert "Ana Mentee has not been in touch yet" in str(card)
    assert world.connector.cards("a:u-admin") == []  # reached: nobody needs telling
