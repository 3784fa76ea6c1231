"""Scheduling a session in the Agents Playground, with Tandem pointed at the Graph double.

IOM's administrators publish the pairs (`dev --demo-cohort`, then `publish`), so Amina Diallo
is paired at once. She presses "Schedule a session" on her pairing card, picks a slot and sees
the Teams join link; her mentor, in a Playground of their own, gets a card too. The Graph
double (in this test process, on loopback) must have received exactly one
`POST /users/{id}/events` with both attendees, `isOnlineMeeting`, `teamsForBusiness` and a
`transactionId`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator

from teams_app.demo import DEMO_PEOPLE
from tests.doubles.graph import GraphDouble
from tests.doubles.graph_model import GraphUser
from tests.e2e.conftest import VENV_PYTHON, TandemServer
from tests.e2e.playground import PROJECT_ROOT, PlaygroundPage
from tests.e2e.test_matching import person_page

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]

PAIRING_DAY = "2026-01-20"  # IOM 2026: registration closed in December, sessions from February
TIMEOUT_MS = 30_000
OFFERS = "Schedule a session with"
BOOKED = "Session booked"


@pytest.fixture
async def graph() -> AsyncIterator[GraphDouble]:
    """The Graph double, its directory the demo people with their duty stations' zones."""
    users = [
        GraphUser(p.aad_object_id, p.email, p.name, mail=p.email, time_zone=p.time_zone or "UTC")
        for p in DEMO_PEOPLE
    ]
    async with GraphDouble(users) as double:
        yield double


@pytest.fixture
def tandem_env(graph: GraphDouble) -> dict[str, str]:
    """IOM's preset, and Microsoft Graph at the double (no sign-in: dev mode, loopback)."""
    return {
        "TANDEM_PROGRAMME": "iom",
        "TANDEM_GRAPH_AUTH": "anonymous",
        "TANDEM_GRAPH_BASE_URL": graph.url,
    }


async def publish(server: TandemServer, env: dict[str, str]) -> str:
    """The administrator publishes IOM's pairs against the running Tandem's database."""
    command = [str(VENV_PYTHON), "-m", "teams_app", "publish", "--today", PAIRING_DAY]
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            **env,
            "TANDEM_DEV_MODE": "true",
            "TANDEM_APP_ID": "",
            "TANDEM_DATA_DIR": str(server.data_dir),
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=90)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    return text


async def newest(page: PlaygroundPage, text: str) -> Locator:
    """The newest card containing `text`, once there is one."""
    return await page.wait_for_card(text, wait_ms=TIMEOUT_MS)


@pytest.mark.parametrize("tandem_today", [PAIRING_DAY], indirect=True)
@pytest.mark.parametrize("tandem_args", [("--demo-cohort",)], indirect=True)
async def test_paired_mentee_schedules_a_session_and_sees_the_join_link(
    browser: Browser,
    tandem_server: TandemServer,
    tandem_env: dict[str, str],
    graph: GraphDouble,
    tmp_path: Path,
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        amina = await stack.enter_async_context(
            person_page(browser, tandem_server, "Amina Diallo", tmp_path)
        )
        printed = await publish(tandem_server, tandem_env)
        assert "pairs created      2" in printed, printed
        pairing = await newest(amina, "Meet your mentor:")
        found = re.search(
            r"Meet your mentor: ([A-Z][a-z]+ [A-Z][a-z]+)", await pairing.inner_text()
        )
        assert found, await pairing.inner_text()
        mentor_name = found.group(1)
        mentor = await stack.enter_async_context(
            person_page(browser, tandem_server, mentor_name, tmp_path)
        )
        await amina.screenshot("sessions-01-pairing-card", around=pairing)

        await pairing.get_by_role("button", name="Schedule a session", exact=True).click()
        # The pairing card stays; the free times come as a new card below it.
        await amina.wait_for_text("Free times for your next session are in the new card below")
        assert await amina.card("Meet your mentor:").count() == 1
        offers = await newest(amina, OFFERS)
        await offers.get_by_role("button", name="Book this time").first.wait_for()
        await amina.screenshot("sessions-02-offers", around=offers)
        choices = offers.get_by_role("button", name="Book this time")
        assert 3 <= await choices.count() <= 5
        assert "(Africa/Dakar)" in await offers.inner_text()

        await choices.first.click()
        booked = await newest(amina, BOOKED)
        await amina.screenshot("sessions-03-booked", around=booked)
        # The Playground renders an Action.OpenUrl as a link-role button titled with its URL.
        join = booked.get_by_role("link", name="Join the Teams meeting")
        await join.wait_for()
        join_url = await join.get_attribute("title")

        told = await newest(mentor, "Amina booked your next session")
        await mentor.screenshot("sessions-04-mentor-card", around=told)

        await booked.get_by_role("button", name="Reschedule", exact=True).click()
        moving = await newest(amina, "Move your session with")
        await moving.get_by_role("button", name="Move here").last.click()
        moved = await newest(amina, "Session moved")
        await amina.screenshot("sessions-05-moved", around=moved)
        told_moved = await newest(mentor, "Amina moved your session")
        await mentor.screenshot("sessions-06-mentor-told-of-the-move", around=told_moved)

    posts = graph.requests("POST", "/users/*/events")
    assert len(posts) == 1, [p.path for p in posts]
    (post,) = posts
    amina_id = DEMO_PEOPLE[0].aad_object_id
    assert post.path == f"/users/{amina_id}/events"
    body = post.json
    attendees = {a["emailAddress"]["address"] for a in body["attendees"]}
    mentor_email = next(p.email for p in DEMO_PEOPLE if p.name == mentor_name)
    assert attendees == {DEMO_PEOPLE[0].email, mentor_email}
    assert body["isOnlineMeeting"] is True
    assert body["onlineMeetingProvider"] == "teamsForBusiness"
    assert body["transactionId"].startswith("tandem-pairing-")
    (event,) = graph.events()
    assert join_url == event["onlineMeeting"]["joinUrl"]
    assert graph.count("PATCH", "/users/*/events/*") == 1
