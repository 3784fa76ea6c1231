"""The mentor's ping in the Agents Playground, brought forward with the dev-mode clock.

IOM's administrators publish the pairs (`dev --demo-cohort`, then `publish`), so Amina
Diallo is paired at once and her no-contact nudges are scheduled. Nobody makes contact. Her
mentor, in a Playground of their own, types `dev clock +7d`: Tandem's clock moves a week and
the due jobs run. A nudge waits for its recipient's working hours, so `dev clock next` goes
on to the next waiting job until the day-7 ping reaches the mentor, with "Message Amina",
"Schedule a session" and "We've already connected". Past the programme's end date the
mentor gets the reflection and feedback survey, answers it and sees the thanks.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator

from tests.e2e.conftest import TandemServer
from tests.e2e.playground import PlaygroundPage
from tests.e2e.test_matching import person_page
from tests.e2e.test_sessions import PAIRING_DAY, newest, publish

pytestmark = pytest.mark.e2e

PING = "has not been in touch yet"
REMINDER = "Reminder: your session with"
SURVEY = "Your mentoring programme: reflection and feedback"
# Each `dev clock next` goes to the next waiting job of anyone (the demo has two pairs).
MOST_NEXT_MOVES = 16


# Moving the clock runs every job that fell due, paced: months at once take a while.
CLOCK_WAIT_MS = 60_000


async def move_clock(page: PlaygroundPage, how: str) -> Locator:
    """Type `dev clock <how>` and wait for its answer (not an earlier one); that card.

    Sending the next message before the answer is in can lose it in the Playground.
    """
    clocks = await page.card("Due jobs checked").count()
    await page.send_message(f"dev clock {how}")
    return await page.wait_for_card("Due jobs checked", count=clocks + 1, wait_ms=CLOCK_WAIT_MS)


async def next_until(page: PlaygroundPage, text: str) -> None:
    """Type `dev clock next` until a card with `text` arrives (or the moves run out)."""
    for _ in range(MOST_NEXT_MOVES):
        if await page.card(text).count():
            return
        await move_clock(page, "next")


@pytest.fixture
def tandem_env() -> dict[str, str]:
    """IOM's preset: administrators publish the pairs, so a pairing exists at once."""
    return {"TANDEM_PROGRAMME": "iom"}


@pytest.mark.parametrize("tandem_today", [PAIRING_DAY], indirect=True)
@pytest.mark.parametrize("tandem_args", [("--demo-cohort",)], indirect=True)
async def test_moving_the_dev_clock_a_week_brings_the_mentor_ping_card(
    browser: Browser,
    tandem_server: TandemServer,
    tandem_env: dict[str, str],
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
        mentor = await stack.enter_async_context(
            person_page(browser, tandem_server, found.group(1), tmp_path)
        )
        assert await mentor.card(PING).count() == 0

        moved = await move_clock(mentor, "+7d")
        await mentor.screenshot("nudges-01-dev-clock", around=moved)
        await next_until(mentor, PING)
        ping = await newest(mentor, PING)
        await mentor.screenshot("nudges-02-mentor-ping", around=ping)

        text = await ping.inner_text()
        assert "Amina Diallo has not been in touch yet" in text
        assert "7 days since you were paired" in text
        for title in ("Schedule a session", "We've already connected"):
            await ping.get_by_role("button", name=title, exact=True).wait_for()
        assert await ping.get_by_role("link", name="Message Amina").count() == 1
        assert await mentor.card(PING).count() == 1  # one ping, however often the clock moved

        # "Schedule a session" on the ping books one (the local dev calendar); a day before
        # it, both get the session card again as a reminder.
        await ping.get_by_role("button", name="Schedule a session", exact=True).click()
        offers = await newest(mentor, "Schedule a session with Amina")
        await offers.get_by_role("button", name="Book this time").first.click()
        await newest(mentor, "Session booked")
        await next_until(mentor, REMINDER)
        reminder = await newest(mentor, REMINDER)
        await mentor.screenshot("nudges-03-session-reminder", around=reminder)
        assert "is in 24 hours" in await reminder.inner_text()
        for title in ("Reschedule", "Cancel session"):
            await reminder.get_by_role("button", name=title, exact=True).wait_for()

        # Past IOM's end date (2 Aug 2026): the reflection and feedback survey arrives.
        await move_clock(mentor, "+190d")
        await next_until(mentor, SURVEY)
        survey = await newest(mentor, SURVEY)
        await mentor.screenshot("nudges-04-survey", around=survey)
        assert "How many of the six monthly sessions did you hold?" in await survey.inner_text()

        await mentor.fill_card(
            {"q_overall": "5", "q_sessions_held": "All six", "q_feedback": "More exercises."},
            survey,
        )
        await survey.get_by_role("button", name="Send my answers").click()
        thanks = await newest(mentor, "your answers are saved")
        await mentor.screenshot("nudges-05-survey-sent", around=thanks)
        assert await mentor.card(SURVEY).count() == 1  # the survey card became the thanks
