"""Calling the tab API as one of the session world's people, signed in through dev mode."""

from __future__ import annotations

from typing import Any

from tests.integration.session_world import Member, SessionWorld


class TabCaller:
    """A person using the tab: a dev token, and JSON calls."""

    def __init__(self, world: SessionWorld, member: Member, token: str) -> None:
        self.world = world
        self.member = member
        self.token = token

    async def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """The status and JSON (None when empty) of one call to /api/v1`path`."""
        response = await self.world.client.request(
            method,
            "/api/v1" + path,
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
        )
        raw = await response.read()
        is_json = response.content_type == "application/json"
        return response.status, (await response.json() if raw and is_json else raw or None)


async def signed_in(world: SessionWorld, member: Member) -> TabCaller:
    """`member` signed in to the tab through dev mode's sign-in."""
    response = await world.client.post("/api/v1/dev/sign-in", json={"id": member.aad_id})
    assert response.status == 200, await response.text()
    return TabCaller(world, member, (await response.json())["token"])
