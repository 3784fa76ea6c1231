"""The administrators' channel in the Agents Playground: Sofia Alvarez (administrator) runs
IOM's demo cohort from "Programme admins", Amina Diallo asks for a new match in her personal
chat, Sofia approves an alternative mentor, and a non-administrator's click is refused."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser

from tests.e2e.conftest import VENV_PYTHON, TandemServer
from tests.e2e.playground import PROJECT_ROOT, send_custom_activity
from tests.e2e.test_matching import person_page

pytestmark = pytest.mark.e2e

PAIRING_DAY = "2026-01-20"  # IOM 2026: registration closed in December, sessions from February
TEAM, CHANNEL = "Mentoring Programme", "Programme admins"
REQUEST = "Request for a new match"
KENJI = {
    "id": "29:kenji-sato",
    "name": "Kenji Sato",
    "aadObjectId": "00000000-0000-0000-0000-0000000000a4",
}
TIMEOUT_MS = 30_000
BOT_ID = "28:00000000-0000-0000-0000-0000000000b0"
CHANNEL_ID = "19:programme-admins@thread.tacv2"
TENANT_ID = "00000000-0000-0000-0000-0000000000f1"


@pytest.fixture
def tandem_env() -> dict[str, str]:
    """IOM's preset: the administrators publish the pairs."""
    return {"TANDEM_PROGRAMME": "iom"}


async def audit(server: TandemServer, *args: str) -> str:
    """`python -m teams_app audit` against the running Tandem's database."""
    env = {
        **os.environ,
        "TANDEM_DEV_MODE": "true",
        "TANDEM_APP_ID": "",
        "TANDEM_PROGRAMME": "iom",
        "TANDEM_DATA_DIR": str(server.data_dir),
    }
    process = await asyncio.create_subprocess_exec(
        str(VENV_PYTHON),
        "-m",
        "teams_app",
        "audit",
        *args,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    return output.decode(errors="replace")


def approve_buttons(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Approve-with buttons of the newest rematch card the page received."""
    for card in reversed(cards):
        text = json.dumps(card)
        if REQUEST in text and "case.approve" in text:
            return [b for b in _actions(card) if b.get("verb") == "case.approve"]
    raise AssertionError("no rematch card with Approve buttons was received")


def _actions(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "Action.Execute":
            found.append(node)
        for value in node.values():
            found.extend(_actions(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_actions(item))
    return found


@pytest.mark.parametrize("tandem_today", [PAIRING_DAY], indirect=True)
@pytest.mark.parametrize("tandem_args", [("--demo-cohort",)], indirect=True)
async def test_administrator_runs_the_cohort_and_approves_a_rematch_in_the_channel(
    browser: Browser, tandem_server: TandemServer, tmp_path: Path
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        sofia = await stack.enter_async_context(
            person_page(browser, tandem_server, "Sofia Alvarez", tmp_path)
        )
        amina = await stack.enter_async_context(
            person_page(browser, tandem_server, "Amina Diallo", tmp_path)
        )
        await sofia.open_channel(TEAM, "General")  # adds Tandem to the team, as Teams does
        await sofia.open_channel(TEAM, CHANNEL)
        await sofia.mention_bot("set admin channel")
        set_card = await sofia.wait_for_card("This channel now receives")
        await sofia.screenshot("admin-01-channel-set", around=set_card)

        await sofia.mention_bot("run matching")
        preview = await sofia.wait_for_card("Matching preview")
        assert "Would be matched" in await preview.inner_text()
        await sofia.screenshot("admin-02-run-matching", around=preview)

        await sofia.mention_bot("publish")
        published = await sofia.wait_for_card("Matching published", wait_ms=60_000)
        assert "Pairs created" in await published.inner_text()
        await sofia.screenshot("admin-03-published", around=published)

        await amina.wait_for_card("Meet your mentor:", wait_ms=TIMEOUT_MS)
        await amina.send_message("new match")
        form = await amina.wait_for_card("Ask for a new match")
        await amina.fill_card({"category": ["no_rapport"], "note": "We never found a time."}, form)
        await amina.screenshot("admin-04-rematch-form", around=form)
        await amina.click_card_button("Send to the programme team", "Ask for a new match")
        await amina.wait_for_card("Request sent to the programme team")

        request = await sofia.wait_for_card(REQUEST, wait_ms=TIMEOUT_MS)
        shown = await request.inner_text()
        assert "Amina Diallo (mentee)" in shown and "We never found a time." not in shown
        await sofia.screenshot("admin-05-rematch-card", around=request)

        (first, *_) = approve_buttons(sofia.feed.cards)
        invoke = {
            "type": "invoke",
            "name": "adaptiveCard/action",
            "channelId": "msteams",
            "serviceUrl": sofia.url.replace("127.0.0.1", "localhost").rstrip("/") + "/_connector",
            "from": KENJI,
            "recipient": {"id": BOT_ID, "name": "Tandem"},
            "conversation": {"id": CHANNEL_ID, "conversationType": "channel", "isGroup": True},
            "channelData": {"tenant": {"id": TENANT_ID}},
            "value": {
                "action": {"type": "Action.Execute", "verb": first["verb"], "data": first["data"]}
            },
        }
        await asyncio.to_thread(send_custom_activity, sofia.url, invoke)
        refused = ""
        for _ in range(20):  # the Playground forwards the activity on its own time
            refused = await audit(tandem_server, "--action", "admin.refused")
            if KENJI["aadObjectId"] in refused:
                break
            await asyncio.sleep(0.5)
        assert KENJI["aadObjectId"] in refused, refused
        assert "Approved:" not in await request.inner_text()

        await request.get_by_role("button", name=first["title"], exact=True).click()
        decided = await sofia.wait_for_card("Approved:")
        assert "Decided by Sofia Alvarez" in await decided.inner_text()
        await sofia.screenshot("admin-06-approved", around=decided)

        neutral = await amina.wait_for_card("A change to your mentoring pairing")
        text = await neutral.inner_text()
        assert "rapport" not in text and "asked for" not in text
        await amina.screenshot("admin-07-neutral-message", around=neutral)

        await sofia.mention_bot("status")
        standing = await sofia.wait_for_card("Where the cohort stands")
        shown = await standing.inner_text()
        assert "Mentees at each stage" in shown and "Mentors who applied" in shown
        await sofia.screenshot("admin-10-status", around=standing)

        await sofia.mention_bot("end cohort")
        asking = await sofia.wait_for_card("End this cohort?")
        assert "cannot be undone" in await asking.inner_text()
        await sofia.screenshot("admin-08-end-cohort-confirm", around=asking)
        await asking.get_by_role("button", name="Confirm: end the cohort", exact=True).click()
        ended = await sofia.wait_for_card("Cohort ended")
        shown = await ended.inner_text()
        assert "Sofia Alvarez" in shown and "will be deleted on" in shown
        await sofia.screenshot("admin-09-cohort-ended", around=ended)
