"""Sessions from the tab go through the bot's scheduling use cases (local dev calendar)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.integration.session_world import AMINA, OMAR, PRIYA, SessionWorld, session_world
from tests.integration.tab_client import signed_in


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path, with_graph=False) as world:
        yield world


async def test_a_mentee_books_moves_and_the_mentor_cancels_a_session(world: SessionWorld) -> None:
    amina, priya = await signed_in(world, AMINA), await signed_in(world, PRIYA)
    _, before = await amina.call("GET", "/sessions")
    assert before == {"upcoming": [], "past": [], "can_schedule": True}

    status, offered = await amina.call("POST", "/sessions/offers", {})
    assert status == 200 and len(offered["offers"]) >= 3, offered
    first, second = offered["offers"][0], offered["offers"][1]
    assert "Priya" in first["label"]
    status, booked = await amina.call("POST", "/sessions", {"starts_at": first["starts_at"]})
    assert status == 201, booked
    assert booked["status"] == "scheduled" and booked["subject"] == "Session 1 with Priya Raman"

    _, seen = await priya.call("GET", "/sessions")
    assert [s["id"] for s in seen["upcoming"]] == [booked["id"]]
    stale, _ = await priya.call(
        "POST", f"/sessions/{booked['id']}/move", {"version": 0, "starts_at": second["starts_at"]}
    )
    status, moved = await amina.call(
        "POST",
        f"/sessions/{booked['id']}/move",
        {"version": booked["version"], "starts_at": second["starts_at"]},
    )
    assert stale == 409 and status == 200, moved
    status, cancelled = await priya.call(
        "POST", f"/sessions/{booked['id']}/cancel", {"version": moved["version"]}
    )

    assert status == 200 and cancelled["status"] == "cancelled"
    _, after = await amina.call("GET", "/sessions")
    assert after["upcoming"] == [] and [s["id"] for s in after["past"]] == [booked["id"]]


async def test_someone_unpaired_cannot_schedule_or_touch_another_pairs_session(
    world: SessionWorld,
) -> None:
    amina, omar = await signed_in(world, AMINA), await signed_in(world, OMAR)
    _, offered = await amina.call("POST", "/sessions/offers", {})
    _, booked = await amina.call(
        "POST", "/sessions", {"starts_at": offered["offers"][0]["starts_at"]}
    )

    offers, _ = await omar.call("POST", "/sessions/offers", {})
    cancel, _ = await omar.call("POST", f"/sessions/{booked['id']}/cancel", {"version": 1})
    listed = (await omar.call("GET", "/sessions"))[1]

    assert (offers, cancel) == (409, 404)
    assert listed["upcoming"] == [] and listed["can_schedule"] is False


async def test_a_time_without_an_offset_is_refused_and_nothing_is_booked(
    world: SessionWorld,
) -> None:
    amina = await signed_in(world, AMINA)

    status, body = await amina.call("POST", "/sessions", {"starts_at": "2026-10-07T10:00:00"})

    assert (status, body["field"]) == (400, "starts_at")
    assert (await amina.call("GET", "/sessions"))[1]["upcoming"] == []
