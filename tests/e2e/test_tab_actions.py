"""What people do in the tabs beyond reading: sessions, the journal, the dashboard's CSV and
table views, matching with confirmation, confidential reads; against the tab API double."""

from __future__ import annotations

from playwright.async_api import BrowserContext, Page, expect

from tests.doubles.tab_api import TabApiDouble
from tests.doubles.tab_api_cohort import chart_csv
from tests.e2e.tab_pages import (  # noqa: F401 (the *_fixture names are fixtures)
    context_fixture,
    page_fixture,
    screenshot,
    serious_violations,
    sign_in,
    tab_api_fixture,
)


async def test_a_session_is_booked_from_the_offered_times_and_cancelled_after_confirming(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    sessions = page.get_by_role("region", name="Sessions")
    await sessions.get_by_role("button", name="Schedule a session").click()
    dialog = page.get_by_role("dialog", name="Schedule a session")
    offers = dialog.get_by_role("radio")
    await expect(offers).to_have_count(3)
    await offers.nth(1).check()
    await screenshot(page, "sessions-offers", full_page=False)
    await dialog.get_by_role("button", name="Book this time").click()
    await expect(page.get_by_role("status")).to_contain_text("Booked:")
    [booked] = tab_api.requests("POST", "/api/v1/sessions")
    chosen = booked.json["starts_at"]
    upcoming = sessions.get_by_role("list", name="Upcoming sessions").get_by_role("listitem")
    await expect(upcoming).to_have_count(2)

    await upcoming.filter(has_text="Mentoring session").get_by_role("button", name="Cancel").click()
    confirm = page.get_by_role("alertdialog", name="Cancel this session?")
    await confirm.get_by_role("button", name="Keep it").click()
    assert tab_api.count("POST", "/api/v1/sessions/*/cancel") == 0
    await upcoming.filter(has_text="Mentoring session").get_by_role("button", name="Cancel").click()
    await confirm.get_by_role("button", name="Cancel the session").click()
    await expect(upcoming).to_have_count(1)
    [cancelled] = tab_api.requests("POST", "/api/v1/sessions/*/cancel")
    assert cancelled.json == {"version": 1}
    stored = [s for s in tab_api.world.sessions["pair-1"] if s["starts_at"] == chosen]
    assert [s["status"] for s in stored] == ["cancelled"]


async def test_a_journal_entry_is_kept_for_its_author_alone(
    context: BrowserContext, page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    journal = page.get_by_role("region", name="My learning journal")
    await journal.get_by_label("New entry").fill("I asked for the budget file myself.")
    await journal.get_by_role("button", name="Save entry").click()
    entries = journal.get_by_role("list", name="Journal entries")
    await expect(entries).to_contain_text("I asked for the budget file myself.")
    await expect(journal.get_by_label("New entry")).to_have_value("")

    mentor = await context.new_page()
    await sign_in(mentor, tab_api, "Priya Raman")
    theirs = mentor.get_by_role("region", name="My learning journal")
    await expect(theirs).to_contain_text("No entries yet.")
    await expect(theirs).not_to_contain_text("budget file")


async def test_each_chart_reads_as_a_table_and_downloads_as_csv(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Olivia Chen", "/tab/dashboard")
    grades = page.get_by_role("region", name="Pairs by grade")
    await grades.get_by_role("button", name="Show table").click()
    table = grades.get_by_role("table", name="Pairs by grade")
    await expect(table.get_by_role("row")).to_have_count(
        1 + len(tab_api.board["pairs_by"]["grade"])
    )
    await expect(grades.get_by_role("img")).to_have_count(0)
    await grades.get_by_role("button", name="Show chart").click()
    await expect(grades.get_by_role("img", name="Pairs by grade")).to_be_visible()

    funnel = page.get_by_role("region", name="Funnel")
    async with page.expect_download() as waiting:
        await funnel.get_by_role("button", name="Download CSV: Funnel").click()
    download = await waiting.value
    assert download.suggested_filename == "tandem-funnel.csv"
    saved = await download.path()
    assert saved.read_bytes().decode() == chart_csv(tab_api.board, "funnel")
    [asked] = tab_api.requests("GET", "/api/v1/admin/charts/funnel.csv")
    assert asked.headers["Authorization"].startswith("Bearer dev-olivia-")


async def test_matching_runs_only_after_confirmation_and_shows_its_summary(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Olivia Chen", "/tab/dashboard")
    matching = page.get_by_role("region", name="Matching")
    await matching.get_by_role("button", name="Publish…").click()
    confirm = page.get_by_role("alertdialog", name="Publish the matching?")
    await confirm.get_by_role("button", name="Not now").click()
    await matching.get_by_role("button", name="Run matching…").click()
    await (
        page.get_by_role("alertdialog", name="Run matching now?")
        .get_by_role("button", name="Run matching")
        .click()
    )
    await expect(matching).to_contain_text("Certified optimal")
    await expect(matching).to_contain_text("Unmatched")
    assert tab_api.count("POST", "/api/v1/admin/matching/run") == 1
    assert tab_api.count("POST", "/api/v1/admin/matching/publish") == 0


async def test_a_registration_is_shown_only_after_a_reason_and_the_read_is_audited(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Olivia Chen", "/tab/dashboard")
    form = page.get_by_role("region", name="Read a registration (confidential)")
    show = form.get_by_role("button", name="Show the registration")
    await form.get_by_label("Person id").fill("amina")
    await expect(show).to_be_disabled()
    await form.get_by_label("Reason for reading").fill("Rematch")
    await expect(show).to_be_disabled()  # under ten characters
    await form.get_by_label("Reason for reading").fill("Rematch request from her mentor")
    await show.click()
    await expect(form).to_contain_text("Reasonable accommodation")
    await expect(form).to_contain_text("Move into programme management")
    assert tab_api.world.audit == [
        {"by": "olivia", "person": "amina", "reason": "Rematch request from her mentor"}
    ]
    await screenshot(page, "confidential-read", full_page=False)


async def test_a_case_note_is_shown_only_after_a_reason_and_the_read_is_audited(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Olivia Chen", "/tab/dashboard")
    form = page.get_by_role("region", name="Read a case's note (confidential)")
    show = form.get_by_role("button", name="Show the note")
    await form.get_by_label("Case").select_option("2")
    await form.get_by_label("Reason for reading").fill("Review")
    await expect(show).to_be_disabled()  # under ten characters
    await form.get_by_label("Reason for reading").fill("Preparing the rematch decision")
    await show.click()
    await expect(form).to_contain_text("We never found a time that suited both.")
    assert tab_api.world.audit == [
        {"by": "olivia", "case": "2", "reason": "Preparing the rematch decision"}
    ]
    await screenshot(page, "case-note-read", full_page=False)


async def test_someone_who_is_not_an_administrator_is_told_so_on_the_dashboard(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo", "/tab/dashboard")
    await expect(page.get_by_role("alert")).to_have_text(
        "Only the programme's administrators can see the dashboard."
    )
    await expect(page.locator("svg[data-chart]")).to_have_count(0)


async def test_the_configuration_page_outside_teams_points_to_the_dashboard(
    page: Page, tab_api: TabApiDouble
) -> None:
    await page.goto(tab_api.origin + "/tab/configure")
    await expect(page.get_by_role("heading", name="Programme dashboard", level=1)).to_be_visible()
    await expect(page.get_by_role("link", name="dashboard")).to_have_attribute(
        "href", "/tab/dashboard"
    )
    assert tab_api.count("GET", "/api/v1/me") == 0  # nothing to sign in for
    assert await serious_violations(page) == []


async def test_an_agreement_item_can_be_added_with_the_keyboard_alone(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Amina Diallo")
    await expect(page.get_by_role("table", name="Goals and actions")).to_be_visible()
    add = page.get_by_role("button", name="Add a goal or action")
    for _ in range(30):  # Tab through the page until the button has the focus
        await page.keyboard.press("Tab")
        if await add.evaluate("(button) => button === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached “Add a goal or action”")
    await page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Add a goal or action")
    await expect(dialog.get_by_label("Goal")).to_be_focused()
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    await expect(add).to_be_focused()  # the focus comes back where it was

    await page.keyboard.press("Enter")
    await page.keyboard.type("Network across agencies")
    await page.keyboard.press("Tab")
    await page.keyboard.type("Join the inter-agency lunch")
    await dialog.get_by_role("button", name="Add").focus()
    await page.keyboard.press("Enter")
    row = page.get_by_role("row").filter(has_text="Join the inter-agency lunch")
    await expect(row).to_contain_text("Network across agencies")


async def test_a_session_is_moved_to_an_offered_time_with_its_version(
    page: Page, tab_api: TabApiDouble
) -> None:
    await sign_in(page, tab_api, "Priya Raman")
    upcoming = page.get_by_role("list", name="Upcoming sessions")
    await upcoming.get_by_role("button", name="Move").click()
    dialog = page.get_by_role("dialog", name="Move the session of")
    await dialog.get_by_role("radio").last.check()
    await dialog.get_by_role("button", name="Move to this time").click()
    await expect(page.get_by_role("status")).to_contain_text("Moved to")
    [moved] = tab_api.requests("POST", "/api/v1/sessions/*/move")
    assert moved.json["version"] == 1 and moved.status == 200
    stored = next(s for s in tab_api.world.sessions["pair-1"] if s["subject"] == "Action plan")
    assert stored["starts_at"] == moved.json["starts_at"] and stored["version"] == 2
