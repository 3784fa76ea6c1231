"""`dev clock +7d` in a personal chat: dev mode moves Tandem's clock and runs due jobs, so a
pairing without contact produces the mentor's ping; elsewhere the command is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from teams_app.clock import MovableClock
from teams_app.domain.nudges import nudge_schedule
from teams_app.services.contact_checks import KIND, key_of, subject_of
from tests.card_schema import assert_valid_card
from tests.doubles.bot_connector import BotConnectorDouble
from tests.doubles.manual_clock import ManualClock
from tests.integration.conftest import start_tandem
from tests.integration.session_world import (
    AMINA,
    MONDAY,
    PRIYA,
    SessionWorld,
    _paired,
    session_world,
    text_of,
)

PING = "Amina Diallo has not been in touch yet"


@dataclass
class DevWorld:
    """A paired Amina and Priya on a movable clock, with their no-contact nudges scheduled."""

    world: SessionWorld
    clock: MovableClock


@pytest.fixture
async def dev(tmp_path: Path) -> AsyncIterator[DevWorld]:
    manual = ManualClock(MONDAY)  # 08:00 UTC on a Monday: night in New York
    clock = MovableClock(manual)
    async with BotConnectorDouble() as connector:
        env = {"TANDEM_DEV_MODE": "true", "TANDEM_PROGRAMME": "iom"}
        tandem, client = await start_tandem(env, tmp_path, clock)
        try:
            world = await _paired(tandem, client, connector, None, manual)
            pairing = await tandem.store.get_pairing(world.pairing_id)
            assert pairing is not None and pairing.id is not None
            for nudge in nudge_schedule(pairing.started_at, tandem.programme.reminders):
                key = key_of(pairing.id, nudge.kind)
                await tandem.store.schedule_job(KIND, key, subject_of(pairing.id), nudge.due_at)
            yield DevWorld(world, clock)
        finally:
            await client.close()


def pings(world: SessionWorld) -> list[str]:
    return [
        text_of(a["content"])
        for m in world.messages(PRIYA)
        for a in m.get("attachments") or []
        if PING in text_of(a["content"])
    ]


async def test_moving_the_clock_a_week_then_to_the_next_job_brings_the_mentor_ping(
    dev: DevWorld,
) -> None:
    world = dev.world
    await world.say(PRIYA, "dev clock +7d")

    _, card = world.last_card(PRIYA, "Dev clock")
    assert_valid_card(card)
    assert "7 d" in text_of(card) and dev.clock.now() == MONDAY + timedelta(days=7)
    # 08:00 UTC is before both working days (Dakar 09:00 UTC, New York 13:00 UTC): the
    # nudges wait; each `dev clock next` goes to the next one.
    assert pings(world) == []
    await world.say(PRIYA, "dev clock next")
    assert world.last_card(AMINA, "Have you written to Priya yet?")
    assert dev.clock.now() == MONDAY.replace(hour=9) + timedelta(days=7)
    assert pings(world) == []

    await world.say(PRIYA, "dev clock next")

    assert len(pings(world)) == 1
    assert dev.clock.now() == MONDAY.replace(hour=13) + timedelta(days=7)  # 09:00 EDT
    await world.say(PRIYA, "dev clock +1h")
    assert len(pings(world)) == 1  # never twice


async def test_a_move_that_cannot_be_read_moves_nothing_and_says_why(dev: DevWorld) -> None:
    await dev.world.say(PRIYA, "dev clock +7x")

    _, card = dev.world.last_card(PRIYA, "Dev clock")
    assert "Nothing moved" in text_of(card) and "+7d" in text_of(card)
    assert dev.clock.offset == timedelta(0)


async def test_outside_dev_mode_the_clock_command_is_refused(tmp_path: Path) -> None:
    async with session_world(tmp_path, with_graph=False) as world:
        before = world.clock.now()
        await world.say(PRIYA, "dev clock +7d")

        _, card = world.last_card(PRIYA, "Dev clock")
        assert "works in dev mode only" in text_of(card)
        assert world.clock.now() == before
