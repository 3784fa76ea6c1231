"""The tabs in headless Chromium against the tab API double (docs/tab-api.md): dev sign-in,
"My mentoring", the agreement shared by the pair, the dashboard in the three Teams themes, and
axe-core in the page. Screenshots: test-artifacts/e2e/tab-*.png."""

from __future__ import annotations

import pytest
from playwright.async_api import BrowserContext, Page, expect

from tests.doubles.tab_api import TabApiDouble
from tests.e2e.tab_pages import (  # noqa: F401 (the *_fixture names are fixtures)
    THEMES,
    bearer_of,
    context_fixture,
    page_fixture,
    screenshot,
    serious_violations,
    sign_in,
    tab_api_fixture,
)


async def test_dev_sign_in_lists_the_demo_people_and_sends_the_token_as_bearer(
    page: Page, tab_api: TabApiDouble
) -> None:
    await page.goto(tab_api.origin + "/tab/my-mentoring")
    await expect(page.get_by_role("heading", name="Sign in to Tandem (dev mode)")).to_be_visible()
    people = page.get_by_role("list", name="Demo people").get_by_role("button")
    await expect(people).to_have_count(4)
    await screenshot(page, "sign-in")
    assert await serious_violations(page) == []
    await people.filter(has_text="Amina Diallo").click()
    await expect(page.get_by_role("heading", name="My mentoring", level=1)).to_be_visible()
    token = await page.evaluate("() => sessionStorage.getItem('tandem.token')")
    assert token in tab_api.tokens and tab_api.tokens[token] == "amina"
    assert bearer_of(tab_api, "GET", "/api/v1/me") == [f"Bearer {token}"]


async def test_my_mentoring_shows_where_i_stand_my_mentor_sessions_journal_and_resources(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    stage = page.get_by_role("region", name="Where I stand")
    await expect(stage).to_contain_text("Paired")
    await expect(stage).to_contain_text("Agree your first goals with Priya")
    mentor = page.get_by_role("region", name="My mentor")
    for fact in (
        "Priya Raman",
        "English, Tamil",
        "Geneva",
        "Europe/Zurich",
        "Programme management",
    ):
        await expect(mentor).to_contain_text(fact)
    await expect(mentor).to_contain_text("Local time now")
    sessions = page.get_by_role("region", name="Sessions")
    await expect(sessions.get_by_role("list", name="Upcoming sessions")).to_contain_text(
        "Action plan"
    )
    await expect(sessions.get_by_role("list", name="Past sessions")).to_contain_text("Held")
    journal = page.get_by_role("region", name="My learning journal")
    await expect(journal).to_contain_text("Only you can see this.")
    resources = page.get_by_role("region", name="Resources")
    await resources.get_by_role("button", name="The four phases").click()
    await expect(resources).to_contain_text("Meeting consistently")
    # The reflection answers 404 (no survey for this person here): no section, no error.
    assert tab_api.count("GET", "/api/v1/reflection") == 1
    await expect(page.get_by_role("region", name="Reflection and feedback")).to_have_count(0)
    await expect(page.get_by_role("alert")).to_have_count(0)
    await screenshot(page, "my-mentoring")


async def test_an_open_reflection_is_shown_and_sent(page: Page, tab_api: TabApiDouble) -> None:
    tab_api.world.reflection = {
        "pairing_id": 1,
        "survey": {"id": "s", "title": "Reflect and tell us", "intro": "Five minutes."},
        "questions": [
            {"id": "useful", "kind": "rating", "text": "How useful was it?", "required": True}
            | {"options": ["1", "2", "3", "4", "5"]},
            {"id": "again", "kind": "choice", "text": "Would you join again?", "required": False}
            | {"options": ["Yes", "Not now"]},
            {"id": "learned", "kind": "text", "text": "What do you take with you?"}
            | {"options": [], "required": False},
        ],
        "open": True,
        "opens_at": "2026-12-01T00:00:00+00:00",
        "answered": False,
        "answered_at": None,
    }
    await sign_in(page, tab_api, "Amina Diallo")
    reflection = page.get_by_role("region", name="Reflection and feedback")
    await (
        reflection.get_by_role("radiogroup", name="How useful was it?")
        .get_by_role("radio", name="4")
        .check()
    )
    await reflection.get_by_role("radio", name="Not now").check()
    await reflection.get_by_label("What do you take with you?").fill("Asking for feedback early.")
    await reflection.get_by_role("button", name="Send my answers").click()
    await expect(reflection).to_contain_text("Thank you — answered on")
    assert tab_api.world.reflection_answers == {
        "useful": 4,
        "again": "Not now",
        "learned": "Asking for feedback early.",
    }


async def add_item(page: Page, goal: str, action: str, due: str) -> None:
    agreement = page.get_by_role("region", name="Mentorship Agreement")
    await agreement.get_by_role("button", name="Add a goal or action").click()
    dialog = page.get_by_role("dialog", name="Add a goal or action")
    await dialog.get_by_label("Goal").fill(goal)
    await dialog.get_by_label("Action").fill(action)
    await dialog.get_by_label("Owner").select_option("mentee")
    await dialog.get_by_label("Due").fill(due)
    await screenshot(page, "agreement-dialog", full_page=False)
    await dialog.get_by_role("button", name="Add").click()
    await expect(dialog).to_have_count(0)


async def test_a_mentee_adds_an_agreement_item_and_her_mentor_sees_it(
    context: BrowserContext, page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    await add_item(page, "Speak at a team meeting", "Present the budget review", "2027-01-15")
    table = page.get_by_role("table", name="Goals and actions")
    row = table.get_by_role("row").filter(has_text="Present the budget review")
    await expect(row).to_contain_text("Speak at a team meeting")
    await expect(row).to_contain_text("15 Jan 2027")
    await expect(page.get_by_role("status")).to_contain_text("Added to the agreement.")
    [posted] = tab_api.requests("POST", "/api/v1/agreement/items")
    assert posted.json == {
        "goal": "Speak at a team meeting",
        "action": "Present the budget review",
        "owner": "mentee",
        "due": "2027-01-15",
        "status": "open",
    }
    await screenshot(page, "agreement-added")

    mentor = await context.new_page()
    await sign_in(mentor, tab_api, "Priya Raman")
    seen = mentor.get_by_role("table", name="Goals and actions")
    await expect(
        seen.get_by_role("row").filter(has_text="Present the budget review")
    ).to_be_visible()
    history = mentor.get_by_role("region", name="Mentorship Agreement")
    await history.get_by_role("button", name="History (2 changes)").click()
    await expect(history).to_contain_text("Amina Diallo: added “Present the budget review”")


async def test_an_edit_on_a_stale_item_reloads_the_agreement_and_says_why(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    await page.get_by_role("button", name="Edit “Shadow Priya's budget review”").click()
    dialog = page.get_by_role("dialog", name="Edit the item")
    # Meanwhile Priya marks the item done.
    stored = tab_api.world.items["pair-1"][0]
    stored.update(status="done", version=stored["version"] + 1)
    await dialog.get_by_label("Status").select_option("in_progress")
    await dialog.get_by_label("Goal").fill("Lead a small project alone")
    await dialog.get_by_role("button", name="Save").click()
    await expect(dialog).to_have_count(0)
    await expect(page.get_by_role("status")).to_contain_text("Your partner changed the agreement")
    row = page.get_by_role("table", name="Goals and actions").get_by_role("row").nth(1)
    await expect(row).to_contain_text("Done")
    await expect(row).to_contain_text("Lead a small project")
    assert stored["goal"] == "Lead a small project"  # nothing stale was written
    [patch] = tab_api.requests("PATCH", "/api/v1/agreement/items/*")
    assert patch.status == 409 and patch.json == {
        "version": 1,
        "goal": "Lead a small project alone",
    }


async def test_a_refused_token_returns_to_sign_in_with_a_message(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    await expect(page.get_by_role("table", name="Goals and actions")).to_be_visible()
    await page.wait_for_load_state("networkidle")  # no request of the first load still open
    tab_api.revoke_tokens()
    await page.get_by_role("button", name="Schedule a session").click()
    await expect(page.get_by_role("heading", name="Sign in to Tandem (dev mode)")).to_be_visible()
    await expect(page.get_by_role("status")).to_contain_text(
        "You need to sign in again: a valid token is required"
    )
    assert await page.evaluate("() => sessionStorage.getItem('tandem.token')") is None


@pytest.mark.parametrize("theme", THEMES)
async def test_the_dashboard_renders_its_charts_in_each_teams_theme_with_no_serious_axe_finding(
    page: Page, tab_api: TabApiDouble, theme: str
) -> None:
    await sign_in(page, tab_api, "Olivia Chen", f"/tab/dashboard?theme={theme}")
    await expect(page.get_by_role("heading", name="Programme dashboard", level=1)).to_be_visible()
    charts = page.locator("svg[data-chart][role=img]")
    await expect(charts).to_have_count(8)
    funnel = page.get_by_role("img", name="Funnel")
    await expect(funnel).to_contain_text("Applied")
    await expect(page.locator(f"[data-theme={theme}]")).to_have_count(1)
    await expect(page.get_by_role("region", name="Unmatched mentees (6)")).to_contain_text(
        "no mentor shares a language"
    )
    await screenshot(page, f"dashboard-{theme}")
    assert await serious_violations(page) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_my_mentoring_has_no_serious_axe_finding_in_each_teams_theme(
    page: Page, tab_api: TabApiDouble, theme: str
) -> None:
    await sign_in(page, tab_api, "Amina Diallo", f"/tab/my-mentoring?theme={theme}")
    await expect(page.get_by_role("table", name="Goals and actions")).to_be_visible()
    await screenshot(page, f"my-mentoring-{theme}")
    assert await serious_violations(page) == []
