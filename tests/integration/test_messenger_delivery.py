"""The Messenger against the Bot Connector double: retried as Teams asks, paced, recorded."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.adapter import build_adapter
from bot.messenger import BotMessenger, DeliveryFailed, RecipientUnreachable
from teams_app.config import load_settings
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.delivery import Delivery, DeliveryOutcome, RetryPolicy
from tests.doubles.bot_connector import BotConnectorDouble, connector_error

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hi"}]}
SENDS = "/v3/conversations/**"


@dataclass
class RecordingLog:
    deliveries: list[Delivery] = field(default_factory=list)

    async def record_delivery(self, delivery: Delivery) -> None:
        self.deliveries.append(delivery)


@dataclass
class World:
    connector: BotConnectorDouble
    messenger: BotMessenger
    log: RecordingLog
    waits: list[float]

    def record(self, conversation: str = "a:amina") -> ConversationRecord:
        reference = {
            "conversation": {"id": conversation},
            "serviceUrl": self.connector.url,
            "channelId": "msteams",
            "bot": {"id": "28:tandem"},
            "user": {"id": "29:amina"},
        }
        return ConversationRecord(
            conversation, Scope.PERSONAL, "t", "u", None, self.connector.url, reference
        )


@pytest.fixture
async def world() -> AsyncIterator[World]:
    settings = load_settings({"TANDEM_DEV_MODE": "true"}, Path("/nonexistent"))
    log, waits = RecordingLog(), []

    async def sleep(seconds: float) -> None:  # recorded, and really waited (short in tests)
        waits.append(seconds)
        await asyncio.sleep(min(seconds, 0.05))

    async with BotConnectorDouble() as connector:
        messenger = BotMessenger(
            build_adapter(settings),
            "",
            log=log,
            policy=RetryPolicy(max_attempts=4, base_seconds=0.01, cap_seconds=0.05),
            sleep=sleep,
            rng=random.Random(7),
        )
        yield World(connector, messenger, log, waits)


async def test_a_throttled_send_waits_as_teams_asks_then_arrives_once(world: World) -> None:
    world.connector.script("POST", SENDS, connector_error(429, retry_after=2))
    activity_id = await world.messenger.send_card(world.record(), CARD)
    assert activity_id is not None
    assert len(world.connector.cards("a:amina")) == 1
    assert world.connector.count("POST", SENDS) == 2
    assert world.waits == [2.0]  # Retry-After honoured, not the shorter backoff
    [delivery] = world.log.deliveries
    assert (delivery.outcome, delivery.attempts, delivery.status) == (DeliveryOutcome.SENT, 2, 200)


@pytest.mark.parametrize("status", [412, 502, 504])
async def test_conflicts_and_gateway_errors_are_retried(world: World, status: int) -> None:
    world.connector.script("POST", SENDS, connector_error(status), connector_error(status))
    await world.messenger.send_card(world.record(), CARD)
    assert len(world.connector.cards("a:amina")) == 1
    assert world.log.deliveries[-1].attempts == 3
    assert len(world.waits) == 2 and all(0 <= w <= 0.05 for w in world.waits)


@pytest.mark.parametrize("status", [403, 404])
async def test_a_removed_app_or_gone_chat_is_unreachable_at_once(world: World, status: int) -> None:
    world.connector.script("POST", SENDS, connector_error(status))
    with pytest.raises(RecipientUnreachable) as raised:
        await world.messenger.send_card(world.record(), CARD)
    assert raised.value.status == status
    assert world.connector.count("POST", SENDS) == 1 and world.waits == []
    [delivery] = world.log.deliveries
    assert delivery.outcome is DeliveryOutcome.UNREACHABLE and delivery.status == status


async def test_retries_end_after_the_policy_and_the_failure_is_recorded(world: World) -> None:
    world.connector.script("POST", SENDS, *[connector_error(502) for _ in range(4)])
    with pytest.raises(DeliveryFailed) as raised:
        await world.messenger.send_card(world.record(), CARD)
    assert not isinstance(raised.value, RecipientUnreachable)
    assert world.connector.count("POST", SENDS) == 4 and world.connector.cards("a:amina") == []
    [delivery] = world.log.deliveries
    assert (delivery.outcome, delivery.attempts, delivery.status) == (
        DeliveryOutcome.FAILED,
        4,
        502,
    )


async def test_one_conversation_gets_at_most_seven_messages_a_second(world: World) -> None:
    record = world.record()
    for _ in range(15):
        await world.messenger.send_card(record, CARD)
    times = [r.monotonic for r in world.connector.requests("POST")]
    assert len(times) == 15
    assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) <= 7
    assert times[7] - times[0] >= 0.99  # the eighth waited for the window
    assert all(d.outcome is DeliveryOutcome.SENT for d in world.log.deliveries)
