"""The reflection and feedback survey in "My mentoring", in headless Chromium against the REAL
Tandem whose clock stands after the end of the demo pairs' programme (dev mode's
TANDEM_CLOCK_START): the mentee answers with mouse and keyboard, a missing answer is pointed
out at its question and nothing is stored, then the tab thanks her with the day; her mentor
gets his own questions; the administrator cannot read her answers. axe-core stays clean in
the light and the dark theme."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, expect

from teams_app.demo_cohort import AMINA, SOFIA
from teams_app.domain.follow_ups import pair_ends_at
from teams_app.domain.pairing import Pairing
from teams_app.presets import load_programme
from tests.e2e.tab_pages import (  # noqa: F401 (the *_fixture names are fixtures)
    context_fixture,
    page_fixture,
    require_build,
    screenshot,
    serious_violations,
)
from tests.e2e.test_tab_real_server import api, sign_in
from tests.integration.tab_server import ServedTandem, served_tandem

pytestmark = pytest.mark.e2e

OVERALL = "Overall, how useful was this mentoring relationship for you?"
GOALS = "Did you accomplish the goals you set in your action plan"
TAKEAWAYS = "Reflect: what were the most useful exercises"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedTandem]:
    """Tandem two days after the end of the programme of pairs formed now."""
    require_build()
    ends = pair_ends_at(load_programme("together"), Pairing(1, "a", "b", datetime.now(UTC)))
    later = (ends + timedelta(days=2, hours=9)).isoformat()
    with served_tandem(tmp_path, {"TANDEM_CLOCK_START": later}) as running:
        yield running


async def test_the_mentee_answers_once_and_is_thanked_with_the_day(
    context: BrowserContext, page: Page, served: ServedTandem
) -> None:
    await sign_in(page, served, "Amina Diallo", "/tab/my-mentoring")
    survey = page.get_by_role("region", name="Reflection and feedback")
    title = survey.get_by_role("heading", name="Reflect and tell us how it went")
    await expect(title).to_be_visible()
    await survey.scroll_into_view_if_needed()
    await screenshot(page, "reflection-open")
    assert await serious_violations(page) == []

    overall = survey.get_by_role("radiogroup", name=OVERALL)
    await overall.get_by_role("radio", name="1").focus()
    await page.keyboard.press("ArrowRight")
    await page.keyboard.press("ArrowRight")
    await page.keyboard.press("ArrowRight")
    await expect(overall.get_by_role("radio", name="4")).to_be_checked()
    await survey.get_by_role("textbox", name=TAKEAWAYS).fill("Asking for feedback early.")
    await survey.get_by_role("button", name="Send my answers").click()

    await expect(survey.get_by_text("Please answer this question.")).to_be_visible()
    told = survey.get_by_role("alert").filter(has_text="Nothing was sent yet")
    await expect(told).to_be_visible()
    status, state = await api(served, AMINA, "GET", "/reflection")
    assert status == 200 and state["answered"] is False
    await screenshot(page, "reflection-problem")

    await survey.get_by_role("radiogroup", name=GOALS).get_by_role("radio", name="Partly").check()
    await survey.get_by_role("button", name="Send my answers").click()
    await expect(survey).to_contain_text("Thank you — answered on")
    await expect(survey.get_by_role("button", name="Send my answers")).to_have_count(0)
    await screenshot(page, "reflection-thanks")

    status, _ = await api(served, AMINA, "POST", "/reflection", {"answers": {"overall": 1}})
    assert status == 409
    status, theirs = await api(served, SOFIA, "GET", f"/reflection?pairing={state['pairing_id']}")
    assert status == 404 and "feedback early" not in str(theirs)


async def test_the_mentor_gets_his_questions_in_the_dark_theme_too(
    page: Page, served: ServedTandem
) -> None:
    await sign_in(page, served, "Kenji Sato", "/tab/my-mentoring?theme=dark")
    survey = page.get_by_role("region", name="Reflection and feedback")
    await expect(survey.get_by_role("radiogroup", name=OVERALL)).to_be_visible()

    await expect(survey.get_by_role("radiogroup", name=GOALS)).to_have_count(0)  # mentee-only
    await survey.scroll_into_view_if_needed()
    await screenshot(page, "reflection-dark")
    assert await serious_violations(page) == []
