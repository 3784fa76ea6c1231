"""Running the cohort from the administrators' channel through /api/messages."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.pairing import PairingStatus
from tests.integration.admin_world import (
    CHANNEL,
    channel_cards,
    say_in_channel,
    with_applications,
)
from tests.integration.matching_cohort import MENTEE_BASE
from tests.integration.session_world import (
    OMAR,
    SOFIA,
    SessionWorld,
    session_world,
    text_of,
)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path, with_graph=False) as opened:
        await with_applications(opened)
        store = opened.tandem.store
        cohort = await store.ensure_cohort(
            opened.tandem.programme.id, opened.tandem.programme.edition
        )
        await store.save_application(
            Application(
                cohort.id,
                OMAR.aad_id,
                "mentee",
                status=ApplicationStatus.SUBMITTED,
                answers=dict(MENTEE_BASE),
                step="summary",
            )
        )
        await say_in_channel(opened, SOFIA, "set admin channel")
        yield opened


async def omar_pairings(world: SessionWorld) -> int:
    pairings = await world.tandem.store.pairings_of(OMAR.aad_id)
    return sum(1 for p in pairings if p.status is PairingStatus.ACTIVE)


async def test_a_non_administrator_cannot_run_the_cohort(world: SessionWorld) -> None:
    for command in ("run matching", "publish", "status", "close registration"):
        card = await say_in_channel(world, OMAR, command)
        assert "Administrators only" in text_of(card), command
    refused = [e for e in await world.tandem.store.list_audit() if e.action == "admin.refused"]
    assert len(refused) == 4
    assert await omar_pairings(world) == 0


async def test_run_matching_previews_without_sending(
    world: SessionWorld, engine_on_loop: list[bool]
) -> None:
    card = await say_in_channel(world, SOFIA, "run matching")
    assert engine_on_loop == [False]  # the cohort was matched on a worker thread

    shown = text_of(card)
    assert "Matching preview: nothing has been sent" in shown
    assert '"title": "Mentees to match", "value": "1"' in shown
    assert "1 (100%)" in shown and "certified optimal" in shown
    assert await omar_pairings(world) == 0


async def test_publish_shows_progress_and_never_sends_twice(world: SessionWorld) -> None:
    await say_in_channel(world, SOFIA, "publish")
    (card_id, _) = channel_cards(world, "Publishing the matching")[0]

    done = await world.updated(card_id, "Matching published")

    assert '"title": "Pairs created", "value": "1"' in text_of(done)
    assert await omar_pairings(world) == 1
    omar_cards = len(world.connector.cards(OMAR.conversation))

    await say_in_channel(world, SOFIA, "publish")
    (again_id, _) = channel_cards(world, "Publishing the matching")[-1]
    again = await world.updated(again_id, "Matching published")
    assert '"title": "Pairs created", "value": "0"' in text_of(again)
    assert await omar_pairings(world) == 1
    assert len(world.connector.cards(OMAR.conversation)) == omar_cards


async def test_status_shows_the_funnel(world: SessionWorld) -> None:
    card = await say_in_channel(world, SOFIA, "status")
    shown = text_of(card)
    assert "Where the cohort stands" in shown
    assert '"title": "Applied", "value": "2"' in shown
    assert '"title": "Mentors who applied", "value": "3"' in shown
    assert '"title": "Paired", "value": "1"' in shown
    assert '"title": "In touch", "value": "0"' in shown

    # The channel counts what the dashboard counts: a contact shows on the next `status`.
    await world.tandem.store.record_contact(world.pairing_id, world.clock.now(), "connected")
    again = text_of(await say_in_channel(world, SOFIA, "status"))
    assert '"title": "In touch", "value": "1"' in again


async def test_closing_registration_stops_new_applications(world: SessionWorld) -> None:
    closed = await say_in_channel(world, SOFIA, "close registration")
    assert "Registration closed" in text_of(closed)
    again = await say_in_channel(world, SOFIA, "close registration")
    assert "was already closed" in text_of(again)

    await world.say(OMAR, "sign up as mentor")
    _, refusal = world.last_card(OMAR, "Registration is closed")
    assert "closed registration" in text_of(refusal)

    reopened = await say_in_channel(world, SOFIA, "open registration")
    assert "Registration open" in text_of(reopened)
    assert len(world.connector.activities(CHANNEL)) >= 4


async def test_export_sends_a_short_lived_csv_link_only_to_the_asking_administrator(
    world: SessionWorld,
) -> None:
    refused = await say_in_channel(world, OMAR, "export")
    assert "Administrators only" in text_of(refused)

    answer = await say_in_channel(world, SOFIA, "export")

    assert "Export sent to you" in text_of(answer)
    assert "Download CSV" not in text_of(channel_cards(world, "")[-1][1])  # not in the channel
    _, card = world.last_card(SOFIA, "Your export of the pairs")
    url = next(a["url"] for a in card["actions"] if a["title"] == "Download CSV")
    path = urlsplit(url).path
    response = await world.client.get(path)
    assert response.status == 200
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(await response.text())))
    assert rows[0][:3] == ["pairing_id", "mentee", "mentee_email"]
    assert rows[1][1] == "Amina Diallo" and rows[1][6] == "active"
    exported = [e for e in await world.tandem.store.list_audit() if e.action == "cohort.exported"]
    assert [e.actor for e in exported] == [SOFIA.aad_id]

    tampered = await world.client.get(path[:-6] + "AAAAAA")
    assert tampered.status == 404
    world.clock.advance(minutes=16)
    expired = await world.client.get(path)
    assert expired.status == 404 and "expired" in (await expired.json())["error"]
