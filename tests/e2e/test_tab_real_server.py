"""The tabs in headless Chromium against the REAL Tandem (dev mode, demo cohort, two pairings:
Amina Diallo with Kenji Sato, Lucas Moreau with Sofia Alvarez, who also administers): the
mentee sees her pairing and adds an action to the agreement, her mentor sees it, a journal entry
stays its author's alone (the administrator cannot read it), the dashboard draws its charts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.async_api import BrowserContext, Page, expect

from teams_app.demo_cohort import AMINA, SOFIA
from tests.e2e.tab_pages import (  # noqa: F401 (the *_fixture names are fixtures)
    context_fixture,
    page_fixture,
    require_build,
    screenshot,
    serious_violations,
)
from tests.e2e.test_tab_ui import add_item
from tests.integration.cli import run_tandem
from tests.integration.tab_server import ServedTandem, served_tandem

pytestmark = pytest.mark.e2e


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedTandem]:
    require_build()
    with served_tandem(tmp_path) as running:
        yield running


async def sign_in(page: Page, served: ServedTandem, name: str, path: str) -> None:
    await page.goto(served.url + path)
    await page.get_by_role("button", name=f"Sign in as {name}").click()


async def api(served: ServedTandem, person: str, method: str, path: str, body: Any = None) -> Any:
    async with aiohttp.ClientSession() as session:
        signed = await session.post(f"{served.url}/api/v1/dev/sign-in", json={"id": person})
        token = (await signed.json())["token"]
        headers = {"Authorization": f"Bearer {token}"}
        answer = await session.request(
            method, f"{served.url}/api/v1{path}", json=body, headers=headers
        )
        return answer.status, await answer.json()


async def test_the_pair_shares_the_agreement_and_the_journal_stays_private(
    context: BrowserContext, page: Page, served: ServedTandem
) -> None:
    await sign_in(page, served, "Amina Diallo", "/tab/my-mentoring")
    await expect(page.get_by_role("heading", name="My mentoring", level=1)).to_be_visible()
    await expect(page.get_by_role("region", name="My mentor")).to_contain_text("Kenji Sato")
    await add_item(page, "Speak at a team meeting", "Present the budget review", "2027-01-15")
    row = page.get_by_role("table", name="Goals and actions").get_by_role("row")
    await expect(row.filter(has_text="Present the budget review")).to_be_visible()
    await screenshot(page, "real-my-mentoring")
    assert await serious_violations(page) == []

    mentor = await context.new_page()
    await sign_in(mentor, served, "Kenji Sato", "/tab/my-mentoring")
    await expect(mentor.get_by_role("region", name="My mentee")).to_contain_text("Amina Diallo")
    seen = mentor.get_by_role("table", name="Goals and actions").get_by_role("row")
    await expect(seen.filter(has_text="Present the budget review")).to_be_visible()

    status, entry = await api(served, AMINA, "POST", "/journal", {"text": "Felt heard today."})
    assert status == 201, entry
    status, admins = await api(served, SOFIA, "GET", "/journal")
    assert status == 200 and "Felt heard today." not in str(admins)
    change = {"text": "x", "version": entry["version"]}
    status, _ = await api(served, SOFIA, "PATCH", f"/journal/{entry['id']}", change)
    assert status == 404


async def test_the_dashboard_draws_its_charts_from_the_real_cohort(
    page: Page, served: ServedTandem
) -> None:
    await sign_in(page, served, "Sofia Alvarez", "/tab/dashboard")
    await expect(page.get_by_role("heading", name="Programme dashboard", level=1)).to_be_visible()
    await expect(page.locator("svg[data-chart][role=img]")).to_have_count(8)
    await expect(page.get_by_role("img", name="Funnel")).to_contain_text("Paired")
    await screenshot(page, "real-dashboard")
    assert await serious_violations(page) == []


async def test_the_dashboard_of_an_ended_cohort_says_when_its_personal_data_goes(
    page: Page, served: ServedTandem, tmp_path: Path
) -> None:
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_ADMINS": SOFIA}
    ended = await asyncio.to_thread(
        run_tandem, "end-cohort", "--cohort", "1", "--as", SOFIA, "--yes", env=env
    )
    assert ended.returncode == 0 and "Ended cohort 1" in ended.stdout, ended.stderr

    await sign_in(page, served, "Sofia Alvarez", "/tab/dashboard")
    notice = page.get_by_test_id("cohort-notice")
    await expect(notice).to_contain_text("personal data will be deleted on")
    await expect(notice).to_contain_text("anonymous counts only")
    await expect(page.get_by_text("nothing more to match or publish")).to_be_visible()
    await expect(page.get_by_role("button", name="Run matching…")).to_have_count(0)
    await screenshot(page, "real-dashboard-ended")
    assert await serious_violations(page) == []
