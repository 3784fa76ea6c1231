"""The session world plus what the administrators' work needs: applications for alternative
mentors, the team channel, and presses made there."""

from __future__ import annotations

import copy
import time
from typing import Any

from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.programme import Role
from tests.integration import activities as act
from tests.integration.matching_cohort import MENTEE_BASE, MENTOR_BASE
from tests.integration.session_world import (
    AMINA,
    PRIYA,
    Member,
    Pressed,
    SessionWorld,
    install,
    sender_of,
    text_of,
)

KOFI = Member("aad-kofi", "Kofi Mensah", "kofi@un.org", "Africa/Accra")
LENA = Member("aad-lena", "Lena Berg", "lena@un.org", "Europe/Stockholm")
CHANNEL = act.CHANNEL_CONVERSATION


async def with_applications(world: SessionWorld) -> None:
    """Amina and Priya applied; Kofi and Lena are mentors with places left."""
    store = world.tandem.store
    cohort = await store.ensure_cohort(world.tandem.programme.id, world.tandem.programme.edition)
    rows = [
        (AMINA, Role.MENTEE, MENTEE_BASE),
        (PRIYA, Role.MENTOR, MENTOR_BASE),
        (KOFI, Role.MENTOR, MENTOR_BASE | {"capacity": "2"}),
        (LENA, Role.MENTOR, MENTOR_BASE | {"goals_supported": "leadership"}),
    ]
    for member, role, answers in rows:
        await store.upsert_person(member.person())
        await store.save_application(
            Application(
                cohort.id,
                member.aad_id,
                role.value,
                status=ApplicationStatus.SUBMITTED,
                answers=dict(answers),
                step="summary",
            )
        )
    for member in (KOFI, LENA):
        await install(world, member)


def in_channel(activity: Any, member: Member) -> Any:
    """An activity from `member` in the team channel."""
    changed = copy.deepcopy(activity)
    changed["from"] = sender_of(member)
    return changed


async def say_in_channel(world: SessionWorld, member: Member, text: str) -> dict[str, Any]:
    """`member` @mentions Tandem in the channel; the card Tandem answered with."""
    before = len(world.connector.activities(CHANNEL))
    await world.post(in_channel(act.message(world.connector.url, text, channel=True), member))
    replies = world.connector.activities(CHANNEL)[before:]
    assert replies, f"no answer in the channel to {text!r}"
    return dict(replies[-1]["attachments"][0]["content"])


async def press_in_channel(
    world: SessionWorld, member: Member, button: dict[str, Any], reply_to: str | None = None
) -> Pressed:
    """`member` presses a button of a channel card (message `reply_to`); the invoke's answer."""
    activity = in_channel(
        act.card_action(world.connector.url, button["verb"], button["data"], channel=True), member
    )
    if reply_to is not None:
        activity["replyToId"] = reply_to
    started = time.monotonic()
    status, body = await world.post(activity)
    assert body is not None and body["statusCode"] == 200, body
    return Pressed(status, body["value"], time.monotonic() - started)


def channel_cards(world: SessionWorld, words: str) -> list[tuple[str, dict[str, Any]]]:
    """The channel's messages (as they stand) whose card has `words`: (activity id, card)."""
    found = []
    for activity in world.connector.activities(CHANNEL):
        for attachment in activity.get("attachments") or []:
            if words in text_of(attachment["content"]):
                found.append((activity["id"], attachment["content"]))
    return found
