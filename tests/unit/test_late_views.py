"""Work under a time budget: quick work answers at once, slow work answers with a placeholder
and updates the named card when it is done."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from teams_app.services.late_views import Background, LateView


@dataclass
class Delivered:
    """The Notifier port as a hand-written fake."""

    refreshed: list[tuple[str, str, object]] = field(default_factory=list)
    notified: list[tuple[str, object]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def notify(self, person_aad_id: str, view: object) -> str | None:
        self.notified.append((person_aad_id, view))
        self.arrived.set()
        return "new-card"

    async def refresh(self, person_aad_id: str, activity_id: str, view: object) -> None:
        self.refreshed.append((person_aad_id, activity_id, view))
        self.arrived.set()


async def slow(view: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return view


async def failing() -> str:
    await asyncio.sleep(0.05)
    raise RuntimeError("calendar exploded")


async def test_work_done_within_the_budget_answers_with_its_own_view() -> None:
    delivered = Delivered()
    background = Background(delivered, budget_seconds=1.0)

    assert await background.within_budget("amina", slow("booked", 0.01), "working") == "booked"
    assert delivered.refreshed == delivered.notified == []


async def test_slow_work_shows_the_placeholder_then_updates_the_named_card() -> None:
    delivered = Delivered()
    background = Background(delivered, budget_seconds=0.05)

    answer = await background.within_budget("amina", slow("booked", 0.2), "working")

    assert isinstance(answer, LateView) and answer.placeholder == "working"
    answer.deliver_to("card-1")
    await asyncio.wait_for(delivered.arrived.wait(), 2)
    assert delivered.refreshed == [("amina", "card-1", "booked")]


async def test_slow_work_without_a_card_to_update_sends_a_new_one() -> None:
    delivered = Delivered()
    background = Background(delivered, budget_seconds=0.05)

    answer = await background.within_budget("amina", slow("booked", 0.1), "working")
    assert isinstance(answer, LateView)
    answer.deliver_to(None)
    await asyncio.wait_for(delivered.arrived.wait(), 2)

    assert delivered.notified == [("amina", "booked")]


async def test_a_late_failure_gives_the_person_the_failure_view() -> None:
    delivered = Delivered()
    background = Background(delivered, budget_seconds=0.01, failure_view="sorry")

    answer = await background.within_budget("amina", failing(), "working")
    assert isinstance(answer, LateView)
    answer.deliver_to("card-1")
    await background.drain()

    assert delivered.refreshed == [("amina", "card-1", "sorry")]


async def test_a_failure_within_the_budget_is_raised_to_the_caller() -> None:
    background = Background(Delivered(), budget_seconds=1.0)

    with pytest.raises(RuntimeError, match="calendar exploded"):
        await background.within_budget("amina", failing(), "working")
