"""Pacing and retry timing of messages to Teams, on a fake clock."""

from __future__ import annotations

import asyncio
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pacing import Pacer, RateWindow
from teams_app.domain.delivery import RetryPolicy, parse_retry_after


class FakeTime:
    """A monotonic clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


def most_in_one_second(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


async def test_one_conversation_never_gets_more_than_seven_a_second() -> None:
    clock = FakeTime()
    window = RateWindow(7, clock, clock.sleep)
    passed = []
    for _ in range(50):
        await window.acquire()
        passed.append(clock.now)
    assert most_in_one_second(passed) == 7
    assert passed[-1] == pytest.approx(7 * 1.1)  # 50 messages: seven windows, no slower


async def test_the_tenant_rate_holds_across_conversations_and_each_keeps_its_own() -> None:
    clock = FakeTime()
    pacer = Pacer(10, 7, clock, clock.sleep)
    sent: dict[str, list[float]] = {"a": [], "b": [], "c": []}

    async def send(conversation: str) -> None:
        for _ in range(20):
            await pacer.acquire(conversation)
            sent[conversation].append(clock.now)

    await asyncio.gather(*(send(c) for c in sent))
    every = sorted(t for times in sent.values() for t in times)
    assert len(every) == 60
    assert most_in_one_second(every) <= 10
    assert all(most_in_one_second(times) <= 7 for times in sent.values())


@given(
    attempt=st.integers(min_value=1, max_value=12),
    retry_after=st.one_of(st.none(), st.floats(min_value=0, max_value=120)),
    seed=st.integers(),
)
def test_a_wait_honours_retry_after_and_never_exceeds_the_cap_otherwise(
    attempt: int, retry_after: float | None, seed: int
) -> None:
    policy = RetryPolicy(base_seconds=1.0, cap_seconds=60.0)
    wait = policy.wait(attempt, retry_after, random.Random(seed))
    if retry_after is not None:
        assert wait >= retry_after
    assert 0 <= wait <= max(60.0, retry_after or 0.0)
    assert wait <= max(min(60.0, 2 ** (attempt - 1)), retry_after or 0.0)


def test_retry_after_is_read_in_seconds_and_nonsense_is_ignored() -> None:
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") is None
    assert parse_retry_after("-3") is None
