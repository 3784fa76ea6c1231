"""Choice-mode matching in the Agents Playground, one Playground (and page) per person.

The Playground cannot switch its current user, so each person gets their own Playground
started from a copy of the mock tenant with them as `currentUser`: Amina Diallo (mentee) and
the three demo mentors. Tandem runs with `--demo-cohort` (the demo people's applications are
submitted) and the administrator publishes with `python -m teams_app publish`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.e2e.conftest import VENV_PYTHON, TandemServer
from tests.e2e.playground import (
    ARTIFACTS,
    CONFIG_FILE,
    PROJECT_ROOT,
    PlaygroundPage,
    running_playground,
)

pytestmark = pytest.mark.e2e

MATCHING_DAY = "2026-10-01"  # Together 2026: registration closed, the programme starts 15 Oct
MENTORS = ("Priya Raman", "Kenji Sato", "Grace Okafor")
SUGGESTIONS = "Your suggested mentors"
REQUEST = "would like you as their mentor"
TIMEOUT_MS = 30_000


def config_for(name: str, directory: Path) -> Path:
    """The mock tenant with `name` as the current user (and a personal chat of their own).

    The file is edited as text (no YAML library is needed): its people are seven-line blocks
    under `currentUser:` and `users:`, which swap places.
    """
    text = CONFIG_FILE.read_text()
    head, rest = text.split("currentUser:\n", 1)
    current_block, rest = rest.split("users:\n", 1)
    users_block, tail = rest.split("personalChat:\n", 1)
    people = [_fields(current_block)] + [
        _fields(block) for block in re.split(r"^  - ", users_block, flags=re.M) if block.strip()
    ]
    chosen = next(person for person in people if person["name"] == name)
    others = [person for person in people if person is not chosen]
    slug = name.lower().replace(" ", "-")
    tail = re.sub(r"^  id: .*$", f"  id: a:tandem-personal-{slug}", tail, count=1, flags=re.M)
    lines = [head.rstrip("\n"), "currentUser:"]
    lines += [f"  {key}: {value}" for key, value in chosen.items()]
    lines.append("users:")
    for person in others:
        entries = [f"{key}: {value}" for key, value in person.items()]
        lines += ["  - " + entries[0], *(f"    {entry}" for entry in entries[1:])]
    path = directory / f"{slug}.yml"
    path.write_text("\n".join(lines) + "\npersonalChat:\n" + tail)
    return path


def _fields(block: str) -> dict[str, str]:
    pairs = (line.strip().split(": ", 1) for line in block.splitlines() if ": " in line)
    return {key: value for key, value in pairs}


@contextlib.asynccontextmanager
async def person_page(
    browser: Browser, server: TandemServer, name: str, directory: Path
) -> AsyncIterator[PlaygroundPage]:
    """A Playground with `name` as its user and a page on their personal chat."""
    slug = name.lower().replace(" ", "-")
    workdir = ARTIFACTS / "playground" / f"matching-{slug}"
    config = config_for(name, directory)
    async with running_playground(server.endpoint, workdir, config=config) as url:
        context = await browser.new_context(viewport={"width": 1400, "height": 2000})
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = PlaygroundPage(await context.new_page(), url)
            await page.open_personal_chat()
            yield page
        finally:
            await context.close()


async def publish(server: TandemServer) -> str:
    """Run the administrator's `publish` against the running Tandem's database."""
    env = {
        **os.environ,
        "TANDEM_DEV_MODE": "true",
        "TANDEM_HOST": "127.0.0.1",
        "TANDEM_APP_ID": "",
        "TANDEM_DATA_DIR": str(server.data_dir),
    }
    command = [str(VENV_PYTHON), "-m", "teams_app", "publish"]
    if server.today:
        command += ["--today", server.today]
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=90)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    return text


@pytest.mark.parametrize("tandem_today", [MATCHING_DAY], indirect=True)
@pytest.mark.parametrize("tandem_args", [("--demo-cohort",)], indirect=True)
async def test_mentee_ranks_two_mentors_the_first_declines_the_second_accepts(
    browser: Browser, tandem_server: TandemServer, tmp_path: Path
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        amina = await stack.enter_async_context(
            person_page(browser, tandem_server, "Amina Diallo", tmp_path)
        )
        mentors = {
            name: await stack.enter_async_context(
                person_page(browser, tandem_server, name, tmp_path)
            )
            for name in MENTORS
        }
        printed = await publish(tandem_server)
        assert "suggestions sent   2" in printed, printed

        suggestions = await amina.wait_for_card(SUGGESTIONS, wait_ms=TIMEOUT_MS)
        await amina.screenshot("matching-01-suggestions", around=suggestions)
        listed = [name for name in MENTORS if await suggestions.get_by_text(name).count()]
        assert len(listed) >= 2, listed
        first, second = listed[0], listed[1]
        form = await amina.card_form(suggestions)
        mentor_of = form.inputs["choice.1"].value_of
        await form.fill({"choice.1": mentor_of(first), "choice.2": mentor_of(second)})
        await amina.click_card_button("Send my request", SUGGESTIONS)
        await amina.wait_for_card("waiting for an answer")
        await amina.screenshot("matching-02-request-sent", around=amina.card(SUGGESTIONS).last)

        declining = mentors[first]
        request = await declining.wait_for_card(REQUEST, wait_ms=TIMEOUT_MS)
        await declining.screenshot("matching-03-request-to-first-choice", around=request)
        await declining.fill_card({"message": "My places are full this edition, sorry!"}, request)
        await declining.click_card_button("Decline", REQUEST)
        await declining.wait_for_card("Tandem will help them find another mentor")

        accepting = mentors[second]
        request = await accepting.wait_for_card(REQUEST, wait_ms=TIMEOUT_MS)
        await accepting.click_card_button("Accept", REQUEST)
        paired_mentor = await accepting.wait_for_card("Meet your mentee: Amina Diallo")
        await accepting.screenshot("matching-04-mentor-pairing-card", around=paired_mentor)

        paired_mentee = await amina.wait_for_card(f"Meet your mentor: {second}")
        await amina.screenshot("matching-05-mentee-pairing-card", around=paired_mentee)
        updated = amina.card(SUGGESTIONS).last
        assert re.search(f"paired with {second}", await updated.inner_text())


@pytest.mark.parametrize("tandem_today", [MATCHING_DAY], indirect=True)
@pytest.mark.parametrize("tandem_args", [("--demo-cohort",)], indirect=True)
async def test_when_every_mentor_has_declined_the_administrator_is_alerted(
    browser: Browser, tandem_server: TandemServer, tmp_path: Path
) -> None:
    """Amina asks one mentor per round and each declines. A new round offers the mentors
    she was not just shown (round 2: Grace, Lucas's optimal mentor; round 3: the mentor she
    saw first but did not ask), each on a card of its own while the last round's card keeps
    its outcome. With all three declined, Amina is told and Sofia, the demo administrator,
    gets the "No mentor left" card in her chat."""
    async with contextlib.AsyncExitStack() as stack:

        async def page_of(name: str) -> PlaygroundPage:
            return await stack.enter_async_context(
                person_page(browser, tandem_server, name, tmp_path)
            )

        amina, sofia = await page_of("Amina Diallo"), await page_of("Sofia Alvarez")
        mentors = {name: await page_of(name) for name in MENTORS}
        await publish(tandem_server)

        card = await amina.wait_for_card(SUGGESTIONS)
        asked: list[str] = []
        for round_ in (1, 2, 3):
            offered = [name for name in MENTORS if await card.get_by_text(name).count()]
            assert offered and not set(offered) & set(asked), (round_, offered, asked)
            mentor = offered[0]  # one choice only: its decline ends the round
            form = await amina.card_form(card)
            await form.fill({"choice.1": form.inputs["choice.1"].value_of(mentor)})
            await amina.click_card_button("Send my request", SUGGESTIONS)
            await mentors[mentor].wait_for_card(REQUEST)
            await mentors[mentor].click_card_button("Decline", REQUEST)
            asked.append(mentor)
            if round_ < 3:
                card = await amina.wait_for_card(f"new suggestions ({round_ + 1})")
                await amina.screenshot(f"matching-06-round-{round_ + 1}", around=card)
        assert sorted(asked) == sorted(MENTORS)

        told = await amina.wait_for_card("No mentor is free right now")
        assert "The programme team has been told" in await told.inner_text()
        # Each round's card keeps its outcome; none still offers a form.
        await amina.wait_for_card("could not take you on", count=3)
        assert await amina.card("Send my request").count() == 0
        await amina.screenshot("matching-07-no-mentor-left", around=told)
        alert = await sofia.wait_for_card("No mentor left for Amina Diallo")
        text = await alert.inner_text()
        assert "suggestion round 3" in text
        assert "declined by, every mentor" in text
        assert "Message Amina" in await sofia.card_buttons(alert)
        await sofia.screenshot("matching-08-admin-alert", around=alert)
