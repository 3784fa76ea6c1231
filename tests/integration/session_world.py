"""A paired mentee and mentor talking to the real Tandem through /api/messages, with the Bot
Connector double delivering Tandem's cards and (optionally) the Graph double as the calendar."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from teams_app.bootstrap import Tandem
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from tests.doubles.bot_connector import BotConnectorDouble
from tests.doubles.graph import GraphDouble
from tests.doubles.graph_model import GraphUser
from tests.doubles.manual_clock import ManualClock
from tests.integration import activities as act
from tests.integration.conftest import start_tandem

# A Monday morning in UTC: two weeks of working days ahead.
MONDAY = datetime(2026, 10, 5, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Member:
    """A person with a personal chat with Tandem."""

    aad_id: str
    name: str
    email: str
    time_zone: str

    @property
    def conversation(self) -> str:
        """Their personal conversation's id."""
        return f"a:personal-{self.aad_id}"

    def person(self) -> Person:
        """Their record, as HR would import it."""
        return Person(self.aad_id, self.email, self.name, time_zone=self.time_zone)

    def graph_user(self) -> GraphUser:
        """Their directory entry and mailbox in the Graph double."""
        return GraphUser(
            self.aad_id, self.email, self.name, mail=self.email, time_zone=self.time_zone
        )


AMINA = Member("aad-amina", "Amina Diallo", "amina@un.org", "Africa/Dakar")
PRIYA = Member("aad-priya", "Priya Raman", "priya@un.org", "America/New_York")
SOFIA = Member("aad-sofia", "Sofia Alvarez", "sofia@un.org", "America/New_York")  # administrator
OMAR = Member("aad-omar", "Omar Haddad", "omar@un.org", "Asia/Amman")  # paired with no one


def sender_of(member: Member) -> dict[str, str]:
    """The `from` of an activity `member` sends."""
    return {"id": f"29:{member.aad_id}", "name": member.name, "aadObjectId": member.aad_id}


def as_member(activity: Any, member: Member) -> Any:
    """An activity from `member` in their personal chat."""
    changed = copy.deepcopy(activity)
    changed["from"] = sender_of(member)
    changed["conversation"]["id"] = member.conversation
    return changed


def find_buttons(card: Any, verb: str) -> list[dict[str, Any]]:
    """Every Action.Execute with `verb` anywhere in a card, in order."""
    found: list[dict[str, Any]] = []
    if isinstance(card, dict):
        if card.get("type") == "Action.Execute" and card.get("verb") == verb:
            found.append(card)
        for value in card.values():
            found.extend(find_buttons(value, verb))
    elif isinstance(card, list):
        for item in card:
            found.extend(find_buttons(item, verb))
    return found


def text_of(card: Any) -> str:
    """The card's JSON, for looking for words in it."""
    return json.dumps(card, ensure_ascii=False)


@dataclass
class Pressed:
    """The answer to a pressed button."""

    status: int
    card: Any  # the card that replaces the pressed one, or the text shown under it
    seconds: float


@dataclass
class SessionWorld:
    """Tandem, its doubles and a pairing of Amina (mentee) with Priya (mentor)."""

    tandem: Tandem
    client: TestClient  # type: ignore[type-arg]
    connector: BotConnectorDouble
    graph: GraphDouble | None
    clock: ManualClock
    pairing_id: int

    async def post(self, activity: Any) -> tuple[int, Any]:
        """POST one activity to /api/messages; the status and the JSON body, if any."""
        response = await self.client.post("/api/messages", json=activity)
        body = await response.read()
        return response.status, (json.loads(body) if body else None)

    async def say(self, member: Member, text: str) -> None:
        """`member` types `text` in their personal chat."""
        await self.post(as_member(act.message(self.connector.url, text), member))

    async def press(
        self, member: Member, button: dict[str, Any], reply_to: str | None = None
    ) -> Pressed:
        """`member` presses an Action.Execute button of the card in message `reply_to`."""
        activity = as_member(
            act.card_action(self.connector.url, button["verb"], button["data"]), member
        )
        if reply_to is not None:
            activity["replyToId"] = reply_to
        started = time.monotonic()
        status, body = await self.post(activity)
        assert body is not None and body["statusCode"] == 200, body
        return Pressed(status, body["value"], time.monotonic() - started)

    def messages(self, member: Member) -> list[dict[str, Any]]:
        """The messages Tandem sent to `member`, as they stand after updates."""
        return self.connector.activities(member.conversation)

    def last_card(self, member: Member, words: str) -> tuple[str, dict[str, Any]]:
        """The newest message to `member` whose card contains `words`: (activity id, card)."""
        for activity in reversed(self.messages(member)):
            for attachment in activity.get("attachments") or []:
                if words in text_of(attachment["content"]):
                    return activity["id"], attachment["content"]
        raise AssertionError(f"{member.name} has no card with {words!r}")

    async def updated(self, activity_id: str, words: str, within: float = 20.0) -> dict[str, Any]:
        """Wait until message `activity_id` is updated to a card containing `words`."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            versions = self.connector.versions(activity_id)
            for version in reversed(versions[1:]):
                content = version["attachments"][0]["content"]
                if words in text_of(content):
                    return dict(content)
            await asyncio.sleep(0.1)
        raise AssertionError(f"message {activity_id} was not updated with {words!r}")

    async def offers(self, member: Member) -> tuple[str, dict[str, Any]]:
        """`member` types `schedule`; the offers card (waiting for it if Graph is slow)."""
        await self.say(member, "schedule")
        activity_id, card = self.last_card(member, "")
        if "Looking for free times" in text_of(card):
            card = await self.updated(activity_id, "Book this time")
        return activity_id, card


async def install(world: SessionWorld, member: Member) -> None:
    """Tandem installed in `member`'s personal chat (the reference is stored)."""
    await world.post(as_member(act.installed(world.connector.url), member))


@contextlib.asynccontextmanager
async def session_world(
    tmp_path: Path, with_graph: bool = True, env: dict[str, str] | None = None
) -> AsyncIterator[SessionWorld]:
    """IOM's rules (60-minute monthly sessions, 24 h notice), Amina paired with Priya."""
    clock = ManualClock(MONDAY)
    users = [m.graph_user() for m in (AMINA, PRIYA, SOFIA, OMAR)]
    async with BotConnectorDouble() as connector, GraphDouble(users) as graph:
        settings = {"TANDEM_DEV_MODE": "true", "TANDEM_PROGRAMME": "iom"}
        settings["TANDEM_ADMINS"] = SOFIA.aad_id
        if with_graph:
            settings |= {"TANDEM_GRAPH_AUTH": "anonymous", "TANDEM_GRAPH_BASE_URL": graph.url}
        tandem, client = await start_tandem(settings | (env or {}), tmp_path, clock)
        try:
            world = await _paired(tandem, client, connector, graph if with_graph else None, clock)
            yield world
        finally:
            await client.close()


async def _paired(
    tandem: Tandem,
    client: TestClient,  # type: ignore[type-arg]
    connector: BotConnectorDouble,
    graph: GraphDouble | None,
    clock: ManualClock,
) -> SessionWorld:
    store = tandem.store
    for member in (AMINA, PRIYA, SOFIA, OMAR):
        await store.upsert_person(member.person())
    cohort = await store.ensure_cohort(tandem.programme.id, tandem.programme.edition)
    pairing = Pairing(cohort.id, AMINA.aad_id, PRIYA.aad_id, started_at=clock.now())
    stored = await store.create_pairing(pairing, 1, 1)
    assert stored.id is not None
    world = SessionWorld(tandem, client, connector, graph, clock, stored.id)
    for member in (AMINA, PRIYA, SOFIA, OMAR):
        await install(world, member)
    return world


@contextlib.contextmanager
def no_new_messages(world: SessionWorld, member: Member) -> Iterator[None]:
    """Assert that `member` receives nothing new inside the block."""
    before = len(world.messages(member))
    yield
    assert len(world.messages(member)) == before
