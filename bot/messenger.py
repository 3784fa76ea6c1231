"""The Messenger port on botbuilder: proactive cards to stored conversations, paced and retried.

botbuilder's `continue_conversation` reports a failed send to the adapter's error handler and
returns normally, so the send runs inside a callback that keeps the error for us to judge.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from msrest.exceptions import ClientRequestError

from bot.pacing import Pacer
from bot.references import reference_from
from teams_app.domain.conversations import ConversationRecord
from teams_app.domain.delivery import (
    PER_CONVERSATION_RATE,
    RETRYABLE,
    UNREACHABLE,
    Delivery,
    DeliveryOutcome,
    RetryPolicy,
    parse_retry_after,
)

DEFAULT_TENANT_RATE = 25.0
Act = Callable[[TurnContext], Awaitable[str | None]]


class DeliveryLog(Protocol):
    """Where each message's outcome is recorded."""

    async def record_delivery(self, delivery: Delivery) -> None:
        """Keep the record of one message."""
        ...


class DeliveryFailed(Exception):
    """Teams did not take the message; `status` is its last HTTP answer, if any."""

    def __init__(self, status: int | None, attempts: int) -> None:
        super().__init__(f"message not delivered (HTTP {status}) after {attempts} attempt(s)")
        self.status = status
        self.attempts = attempts


class RecipientUnreachable(DeliveryFailed):
    """403/404: the app is not installed for them, or the conversation is gone."""


class BotMessenger:
    """Sends through `CloudAdapter.continue_conversation`, paced and retried, each recorded."""

    def __init__(
        self,
        adapter: CloudAdapter,
        app_id: str,
        *,
        tenant_rate: float = DEFAULT_TENANT_RATE,
        log: DeliveryLog | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._pacer = Pacer(tenant_rate, PER_CONVERSATION_RATE)
        self._log = log
        self._policy = policy or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrecy
        self._now = now

    async def send_card(
        self,
        record: ConversationRecord,
        card: dict[str, Any],
        sent_as: DeliveryOutcome = DeliveryOutcome.SENT,
    ) -> str | None:
        """Send an Adaptive Card to a stored conversation; the new activity's id.

        `sent_as` is the outcome recorded when it arrives (INSTALLED for the one retry in the
        chat Tandem opened by installing itself).
        """

        async def act(turn_context: TurnContext) -> str | None:
            response = await turn_context.send_activity(card_message(card))
            return getattr(response, "id", None)

        return await self._deliver(record, "send", act, sent_as)

    async def update_card(
        self, record: ConversationRecord, activity_id: str, card: dict[str, Any]
    ) -> None:
        """Replace the card of an earlier message (Teams edits it in place for everyone)."""

        async def act(turn_context: TurnContext) -> str | None:
            update = card_message(card)
            update.id = activity_id
            await turn_context.update_activity(update)
            return activity_id

        await self._deliver(record, "update", act)

    async def note(
        self, record: ConversationRecord, outcome: DeliveryOutcome, status: int | None
    ) -> None:
        """Record an outcome decided after the sends (REPORTED: the administrators were told)."""
        await self._record(record, "send", outcome, 0, status)

    async def _deliver(
        self,
        record: ConversationRecord,
        kind: str,
        act: Act,
        sent_as: DeliveryOutcome = DeliveryOutcome.SENT,
    ) -> str | None:
        attempt = 0
        while True:
            attempt += 1
            await self._pacer.acquire(record.conversation_id)
            result, error = await self._attempt(record, act)
            if error is None:
                await self._record(record, kind, sent_as, attempt, 200)
                return result
            status, retry_after = _http_answer(error)
            transient = status in RETRYABLE or (status is None and _transport_error(error))
            if transient and attempt < self._policy.max_attempts:
                await self._sleep(self._policy.wait(attempt, retry_after, self._rng))
                continue
            if status in UNREACHABLE:
                await self._record(record, kind, DeliveryOutcome.UNREACHABLE, attempt, status)
                raise RecipientUnreachable(status, attempt) from error
            await self._record(record, kind, DeliveryOutcome.FAILED, attempt, status)
            raise DeliveryFailed(status, attempt) from error

    async def _attempt(
        self, record: ConversationRecord, act: Act
    ) -> tuple[str | None, Exception | None]:
        outcome: list[str | None] = []
        failure: list[Exception] = []

        async def callback(turn_context: TurnContext) -> None:
            try:
                outcome.append(await act(turn_context))
            except Exception as error:  # judged by _deliver: retried, recorded or raised
                failure.append(error)

        try:
            await self._adapter.continue_conversation(
                reference_from(record), callback, self._app_id
            )
        except Exception as error:  # e.g. the token could not be obtained
            return None, error
        if failure:
            return None, failure[0]
        return (outcome[0] if outcome else None), None

    async def _record(
        self,
        record: ConversationRecord,
        kind: str,
        outcome: DeliveryOutcome,
        attempts: int,
        status: int | None,
    ) -> None:
        if self._log is None:
            return
        delivery = Delivery(record.conversation_id, kind, outcome, attempts, status, self._now())
        await self._log.record_delivery(delivery)


def _http_answer(error: Exception) -> tuple[int | None, float | None]:
    """The HTTP status and Retry-After of a Bot Connector error; (None, None) for others."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    if not isinstance(status, int):
        return None, None
    headers = getattr(response, "headers", None) or {}
    return status, parse_retry_after(headers.get("Retry-After"))


def _transport_error(error: Exception) -> bool:
    """Whether Teams could not be reached at all (worth another try), not a bug of ours."""
    return isinstance(error, ClientRequestError | OSError | TimeoutError)


def card_message(card: dict[str, Any]) -> Any:
    """A message activity carrying one Adaptive Card."""
    return MessageFactory.attachment(CardFactory.adaptive_card(card))
